"""An admin corrects a saved task from its card, end to end through the bot (issue 14): the Thanh Xá
plan, "✏️ Sửa" → Thời hạn → the new deadline → old → new as planbot understood it → Lưu; the card
and /quahan then follow the new deadline. Officials never see the button; forged presses are refused."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from bot.offline.fake import FakeUser
from bot.offline.fake.types import BotMessage
from bot.offline.harness import BotHarness
from handlers.import_texts import STALE_TEXT
from plans.samples import SAMPLE_PLAN
from storage.db import Database
from storage.models import AuditLog, Task
from storage.models_people import TaskEdit
from tests.support.builders import add_official
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import VP

ADMIN, OFFICIAL, LEADER = 21, 22, 23
# Late in 2023: the Thanh Xá 2023 plan is followed, its continuous tasks are not overdue.
NOVEMBER = datetime(2023, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TASK = "III.2"  # "Triển khai, thực hiện dịch vụ công trực tuyến …", Thường xuyên trong năm 2023


@pytest.fixture
def thanh_xa(db: Database) -> dict[str, int]:
    def seed(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        add_official(session, ADMIN, "Phạm Thị Mây", organization_id=ids["org"], agency_id=None, role="admin")
        add_official(session, OFFICIAL, "Vũ Thị Thu", organization_id=ids["org"], agency_id=ids[VP])
        add_official(
            session, LEADER, "Lê Văn Lãnh", organization_id=ids["org"], agency_id=None, role="leader"
        )
        return ids

    return db.call(seed)


async def test_admin_corrects_a_deadline_from_the_card(
    thanh_xa: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        before = (await h.send(admin, "/quahan"))[-1].text
        assert TASK not in before
        card = (await h.send(admin, f"/tim {TASK}"))[-1]
        assert f"Nhiệm vụ {TASK}" in card.text and "Thường xuyên trong năm 2023" in card.text
        menu = (await h.press(admin, card, "✏️ Sửa"))[-1]
        assert f"Sửa nhiệm vụ {TASK}" in menu.text
        for label in ("Nội dung", "Chủ trì", "Phối hợp", "Thời hạn", "Chỉ tiêu", "Sản phẩm", "Xoá nhiệm vụ"):
            assert label in menu.button_texts or any(label in b for b in menu.button_texts)
        prompt = (await h.press(admin, menu, "Thời hạn"))[-1]
        assert (
            "Thời hạn hiện tại: Thường xuyên trong năm 2023 → Thường xuyên (01/01/2023–31/12/2023)"
            in prompt.text
        )
        confirm = (await h.send(admin, "Chậm nhất ngày 15/9/2023"))[-1]
        assert "Cũ: Thường xuyên trong năm 2023" in confirm.text
        assert "Mới: Chậm nhất ngày 15/9/2023 → Chậm nhất 15/09/2023" in confirm.text
        saved = await h.press(admin, confirm, "Lưu")
        assert "✅ Đã sửa thời hạn của nhiệm vụ III.2" in saved[0].text
        new_card = saved[-1].text
        assert "Thời hạn: Chậm nhất ngày 15/9/2023" in new_card
        assert "Quá hạn:" in new_card and "(hạn 15/09/2023)" in new_card
        after = (await h.send(admin, "/quahan"))[-1].text
        assert "Có 1 nhiệm vụ quá hạn" in after and "[III.2]" in after
        assert "hạn 15/09/2023 (quá hạn 66 ngày)" in after
        assert h.errors == []
    with Session(h.db.engine) as s:
        task = s.get(Task, thanh_xa[TASK])
        assert task is not None
        assert (task.deadline_kind, task.deadline_due) == ("date", date(2023, 9, 15))
        edit = s.exec(select(TaskEdit)).one()
        assert (edit.field, edit.old_value, edit.new_value, edit.source, edit.actor_user_id) == (
            "deadline",
            "Thường xuyên trong năm 2023",
            "Chậm nhất ngày 15/9/2023",
            "bot",
            ADMIN,
        )
        assert s.exec(select(AuditLog).where(AuditLog.action == "task_corrected")).one()


async def test_admin_cancels_and_a_bad_value_is_asked_again(
    thanh_xa: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        card = (await h.send(admin, f"/tim {TASK}"))[-1]
        menu = (await h.press(admin, card, "✏️ Sửa"))[-1]
        prompt = (await h.press(admin, menu, "Chỉ tiêu"))[-1]
        assert "Gõ «không» để bỏ trống" in prompt.text
        again = (await h.send(admin, "làm cho thật tốt"))[-1]
        assert "Không đọc được chỉ tiêu" in again.text
        confirm = (await h.send(admin, "Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%"))[-1]
        assert "hồ sơ giải quyết trực tuyến đạt tối thiểu 50%" in confirm.text
        cancelled = (await h.press(admin, confirm, "Huỷ"))[-1]
        assert "Đã huỷ" in cancelled.text
        # after the conversation, typed text is a search again, not a value
        found = (await h.send(admin, "dịch vụ công trực tuyến toàn trình"))[-1]
        assert "III.2" in found.text and "Xác nhận" not in found.text and "chỉ tiêu" not in found.text
        assert h.errors == []
    with Session(h.db.engine) as s:
        assert s.exec(select(TaskEdit)).all() == []


async def test_admin_removes_a_task(
    thanh_xa: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        card = (await h.send(admin, f"/tim {TASK}"))[-1]
        menu = (await h.press(admin, card, "✏️ Sửa"))[-1]
        ask = (await h.press(admin, menu, "Xoá nhiệm vụ"))[-1]
        assert "các báo cáo đã có được giữ lại" in ask.text
        done = (await h.press(admin, ask, "Xoá"))[-1]
        assert f"Đã xoá nhiệm vụ {TASK}" in done.text
        listing = (await h.send(admin, "/viec"))[-1]
        assert all(not b.startswith(f"{TASK} ") for b in listing.button_texts)
        assert h.errors == []
    with Session(h.db.engine) as s:
        task = s.get(Task, thanh_xa[TASK])
        assert task is not None and task.removed


@pytest.mark.parametrize("who", [OFFICIAL, LEADER])
async def test_others_get_no_button_and_a_forged_press_is_refused(
    thanh_xa: dict[str, int], harness_factory: Callable[..., BotHarness], who: int
) -> None:
    async with harness_factory(clock_at=NOVEMBER) as h:
        user = h.user(who, "Thu", "Vũ Thị")
        card = (await h.send(user, f"/tim {TASK}"))[-1]
        assert f"Nhiệm vụ {TASK}" in card.text
        assert all("Sửa" not in b for b in card.button_texts)
        refused = await h.press_data(user, card.message_id, f"ed:s:{thanh_xa[TASK]}")
        assert any("Không có quyền" in (m.text or "") for m in refused)
        assert all("Chọn mục cần sửa" not in (m.text or "") for m in refused)
        # a step pressed without the conversation changes nothing either
        await h.press_data(user, card.message_id, "ed:f:deadline")
        await h.press_data(user, card.message_id, "ed:ok")
        assert h.errors == []
    with Session(h.db.engine) as s:
        assert s.exec(select(TaskEdit)).all() == []


async def test_an_admin_demoted_mid_way_is_refused_at_saving(
    thanh_xa: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        card = (await h.send(admin, f"/tim {TASK}"))[-1]
        menu = (await h.press(admin, card, "✏️ Sửa"))[-1]
        await h.press(admin, menu, "Sản phẩm")
        confirm = (await h.send(admin, "Báo cáo kết quả"))[-1]

        def demote(session: Session) -> None:
            from storage.models import Official

            official = session.exec(select(Official).where(Official.telegram_user_id == ADMIN)).one()
            official.role = "leader"
            session.add(official)

        h.db.call(demote)
        refused = await h.press(admin, confirm, "Lưu")
        assert any("Không có quyền" in (m.text or "") for m in refused)
        assert h.errors == []
    with Session(h.db.engine) as s:
        assert s.exec(select(TaskEdit)).all() == []


# --- in the import preview (/sua) -------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONFIG_ADMIN = 31


@pytest.fixture
def own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pending imports go under the system temp dir: point it at the test's own directory."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


async def _preview(h: BotHarness, user: FakeUser) -> BotMessage:
    replies = await h.send_document(user, "thanh-xa-2023-q1.docx", SAMPLE_PLAN.read_bytes(), DOCX)
    assert replies[-1].button_texts == ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"], replies[-1].text
    return replies[-1]


async def test_admin_corrects_a_task_in_the_import_preview(
    own_tempdir: None, db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(admin_ids=[CONFIG_ADMIN], clock_at=NOVEMBER) as h:
        admin = h.user(CONFIG_ADMIN, "Mây", "Phạm Thị")
        refused = (await h.send(admin, "/sua III.2"))[-1]
        assert "Không có kế hoạch nào đang xem trước" in refused.text
        shown = await _preview(h, admin)
        assert "/sua II.3" in shown.text and "✏️ Sửa nhiệm vụ" in shown.text
        menu = (await h.send(admin, "/sua iii.2"))[-1]
        assert "Sửa nhiệm vụ III.2 (bản xem trước)" in menu.text
        prompt = (await h.press(admin, menu, "Thời hạn"))[-1]
        assert "Thường xuyên trong năm 2023 → Thường xuyên (01/01/2023–31/12/2023)" in prompt.text
        confirm = (await h.send(admin, "Chậm nhất ngày 15/9/2023"))[-1]
        assert "Mới: Chậm nhất ngày 15/9/2023 → Chậm nhất 15/09/2023" in confirm.text
        kept = (await h.press(admin, confirm, "Lưu"))[-1]
        assert "Đã ghi: sửa thời hạn nhiệm vụ III.2" in kept.text and "Chỉnh sửa đang chờ (1)" in kept.text
        # a second row from the preview's own button (its code asked for), then removed
        await h.press_data(admin, shown.message_id, "ed:p:not-this-import")
        assert (h.last_answer or {}).get("text") == STALE_TEXT
        asked = (await h.press(admin, shown, "✏️ Sửa nhiệm vụ"))[-1]
        assert "mã" in asked.text.lower()
        menu = (await h.send(admin, "IV.2"))[-1]
        ask = (await h.press(admin, menu, "Xoá nhiệm vụ"))[-1]
        assert "Chỉnh sửa đang chờ (2)" in (await h.press(admin, ask, "Bỏ"))[-1].text
        with Session(db.engine) as s:
            assert s.exec(select(Task)).all() == []  # nothing saved before Lưu
        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert "Đã lưu 2 chỉnh sửa của quản trị viên: III.2 (thời hạn), IV.2 (xoá nhiệm vụ)" in done.text
        # the same document again: the corrections are kept, and the preview says so
        again = await _preview(h, admin)
        assert "Giữ chỉnh sửa của quản trị viên (2)" in again.text
        assert "Kế hoạch này đã có" in again.text and "thêm 0, sửa 0, bỏ 0 nhiệm vụ" in again.text
        await h.press(admin, again, "Lưu")
        assert h.errors == []
    with Session(db.engine) as s:
        task = s.exec(select(Task).where(Task.code == "III.2")).one()
        assert (task.deadline_text, task.deadline_due) == ("Chậm nhất ngày 15/9/2023", date(2023, 9, 15))
        assert s.exec(select(Task).where(Task.code == "IV.2")).one().removed
        edits = s.exec(select(TaskEdit).order_by(col(TaskEdit.id))).all()
        assert [(e.field, e.old_value, e.source) for e in edits] == [
            ("deadline", "Thường xuyên trong năm 2023", "bot"),
            ("removed", s.exec(select(Task).where(Task.code == "IV.2")).one().content, "bot"),
        ]


async def test_admin_adds_a_task_beside_one_from_its_card(
    thanh_xa: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        card = (await h.send(admin, f"/tim {TASK}"))[-1]
        menu = (await h.press(admin, card, "✏️ Sửa"))[-1]
        ask = (await h.press(admin, menu, "Thêm nhiệm vụ cùng mục"))[-1]
        assert "nội dung nhiệm vụ mới" in ask.text
        await h.send(admin, "Tập huấn dịch vụ công trực tuyến cho người dân")
        await h.send(admin, "-")  # no agency named: asked again after the deadline
        again = (await h.send(admin, "Quý III/2023"))[-1]
        assert "Cần ít nhất một cơ quan chủ trì" in again.text
        await h.send(admin, "Đài truyền thanh xã")
        confirm = (await h.send(admin, "Chậm nhất ngày 30/12/2023"))[-1]
        assert "Thêm nhiệm vụ III.6 vào mục III" in confirm.text
        assert "Chủ trì: Đài truyền thanh xã" in confirm.text
        assert "Thời hạn: Chậm nhất ngày 30/12/2023 → Chậm nhất 30/12/2023" in confirm.text
        saved = await h.press(admin, confirm, "Lưu")
        assert "✅ Đã thêm nhiệm vụ III.6" in saved[0].text
        assert "Nhiệm vụ III.6" in saved[-1].text and "Chủ trì: Đài truyền thanh xã" in saved[-1].text
        assert h.errors == []
    with Session(h.db.engine) as s:
        task = s.exec(select(Task).where(Task.code == "III.6")).one()
        assert (task.kind, task.parent_id, task.deadline_due) == ("task", thanh_xa["III"], date(2023, 12, 30))
        assert s.exec(select(TaskEdit).where(TaskEdit.field == "added")).one().actor_user_id == ADMIN
