"""An admin adds tasks to a plan-import preview before saving it (issue 14): "/sua III" (a mục's code)
or "➕ Thêm nhiệm vụ cùng mục" on a previewed row → content → lead → deadline → what planbot understood
→ Lưu. The additions are kept with the pending import, shown in the refreshed preview, and created
(audited as additions) when the preview's Lưu is pressed; nothing is stored before."""

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
from storage.models import AuditLog, Official, Task
from storage.models_people import TaskEdit
from tests.support.builders import add_official
from tests.support.thanh_xa import seed_thanh_xa

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ADMIN, OTHER_ADMIN = 31, 32
NOVEMBER = datetime(2023, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
PLAN_BUTTONS = ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"]
RADIO = "Đài truyền thanh xã"


@pytest.fixture(autouse=True)
def _own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


async def _preview(h: BotHarness, user: FakeUser) -> BotMessage:
    replies = await h.send_document(user, "thanh-xa-2023-q1.docx", SAMPLE_PLAN.read_bytes(), DOCX)
    assert replies[-1].button_texts == PLAN_BUTTONS, replies[-1].text
    return replies[-1]


def _tasks(db: Database) -> list[Task]:
    with Session(db.engine) as s:
        return list(s.exec(select(Task).where(Task.kind == "task")).all())


async def test_admin_adds_tasks_in_the_preview_then_saves(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(admin_ids=[ADMIN], clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = await _preview(h, admin)
        # a mục's code: a task added under it
        ask = (await h.send(admin, "/sua III"))[-1]
        assert "Nhập nội dung nhiệm vụ mới (vào mục III · " in ask.text and "của bản xem trước" in ask.text
        await h.send(admin, "Tập huấn dịch vụ công trực tuyến cho người dân")
        await h.send(admin, "-")  # no agency: asked again after the deadline
        again = (await h.send(admin, "Quý III/2023"))[-1]
        assert "Cần ít nhất một cơ quan chủ trì" in again.text
        await h.send(admin, RADIO)
        confirm = (await h.send(admin, "Chậm nhất ngày 30/12/2023"))[-1]
        assert "Thêm nhiệm vụ III.6 vào mục III (bản xem trước: tạo khi lưu kế hoạch)" in confirm.text
        assert f"Chủ trì: {RADIO}" in confirm.text
        assert "Thời hạn: Chậm nhất ngày 30/12/2023 → Chậm nhất 30/12/2023" in confirm.text
        kept = await h.press(admin, confirm, "Lưu")
        assert "✅ Đã ghi: thêm nhiệm vụ III.6 vào mục III." in kept[0].text
        refreshed = kept[-1]
        assert refreshed.button_texts == PLAN_BUTTONS
        assert "Nhiệm vụ thêm khi lưu (1):" in refreshed.text
        assert (
            f"➕ III.6 · Tập huấn dịch vụ công trực tuyến cho người dân · {RADIO} · "
            "Chậm nhất ngày 30/12/2023 → Chậm nhất 30/12/2023"
        ) in refreshed.text
        # beside a previewed row, from the preview's own button; no deadline
        asked = (await h.press(admin, refreshed, "✏️ Sửa nhiệm vụ"))[-1]
        assert "gõ mã của mục" in asked.text
        menu = (await h.send(admin, "IV.2"))[-1]
        assert "➕ Thêm nhiệm vụ cùng mục" in menu.button_texts
        ask = (await h.press(admin, menu, "➕ Thêm nhiệm vụ cùng mục"))[-1]
        assert "vào mục IV · " in ask.text
        await h.send(admin, "Tổng kết công tác kiểm soát thủ tục hành chính năm 2023")
        await h.send(admin, "Văn phòng HĐND và UBND xã")
        confirm = (await h.send(admin, "không"))[-1]
        assert "Thêm nhiệm vụ IV.3 vào mục IV" in confirm.text and "Thời hạn: (không có)" in confirm.text
        second = (await h.press(admin, confirm, "Lưu"))[-1]
        assert "Nhiệm vụ thêm khi lưu (2):" in second.text and "➕ IV.3 · Tổng kết" in second.text
        assert _tasks(db) == []  # nothing saved before Lưu

        done = (await h.press(admin, second, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert (
            "Đã lưu 2 chỉnh sửa của quản trị viên: III.6 (thêm nhiệm vụ), IV.3 (thêm nhiệm vụ)" in done.text
        )
        # the earlier previews share the token: already used
        await h.press_data(admin, shown.message_id, shown.all_buttons[0].callback_data or "")
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        # the same document again: the additions are kept
        again_preview = await _preview(h, admin)
        assert "Giữ chỉnh sửa của quản trị viên" in again_preview.text, again_preview.text
        await h.press(admin, again_preview, "Huỷ")
        assert h.errors == []
    tasks = {t.code: t for t in _tasks(db)}
    assert len(tasks) == 32
    added = tasks["III.6"]
    assert (added.content, added.deadline_due) == (
        "Tập huấn dịch vụ công trực tuyến cho người dân",
        date(2023, 12, 30),
    )
    assert tasks["IV.3"].deadline_due is None
    with Session(db.engine) as s:
        section = s.exec(select(Task).where(Task.code == "III")).one()
        assert added.parent_id == section.id
        edits = s.exec(select(TaskEdit).order_by(col(TaskEdit.id))).all()
        assert [(e.field, e.new_value, e.actor_user_id, e.source) for e in edits] == [
            ("added", "Tập huấn dịch vụ công trực tuyến cho người dân", ADMIN, "bot"),
            ("added", "Tổng kết công tác kiểm soát thủ tục hành chính năm 2023", ADMIN, "bot"),
        ]
        audits = s.exec(select(AuditLog).where(AuditLog.action == "task_corrected")).all()
        assert sorted(a.detail["code"] for a in audits if a.detail["field"] == "added") == ["III.6", "IV.3"]


async def test_an_unknown_mục_and_cancel_keep_nothing(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(admin_ids=[ADMIN], clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = await _preview(h, admin)
        unknown = (await h.send(admin, "/sua IX"))[-1]
        assert "Bản xem trước không có nhiệm vụ «IX»" in unknown.text
        await h.send(admin, "II")
        await h.send(admin, "Nội dung sẽ bị huỷ")
        cancelled = (await h.send(admin, "/huy"))[-1]
        assert "Đã huỷ" in cancelled.text
        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text and "chỉnh sửa của quản trị viên" not in done.text
        assert h.errors == []
    assert len(_tasks(db)) == 30
    with Session(db.engine) as s:
        assert s.exec(select(TaskEdit)).all() == []


async def test_demoted_before_saving_the_addition_keeps_nothing(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    def seed(session: Session) -> None:  # the commune's own admin (not one from the configuration)
        ids = seed_thanh_xa(session)
        add_official(session, ADMIN, "Phạm Thị Mây", organization_id=ids["org"], agency_id=None, role="admin")

    db.call(seed)
    before = len(_tasks(db))
    async with harness_factory(admin_ids=[OTHER_ADMIN], clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        await _preview(h, admin)
        await h.send(admin, "/sua III")
        await h.send(admin, "Nhiệm vụ mới")
        await h.send(admin, RADIO)
        confirm = (await h.send(admin, "Quý IV/2023"))[-1]
        assert "Thêm nhiệm vụ III.6" in confirm.text
        # another admin pressing this admin's Lưu has no addition of theirs to keep
        other = h.user(OTHER_ADMIN, "Khác")
        anchor = (await h.send(other, "/start"))[-1]
        pressed = await h.press_data(other, anchor.message_id, confirm.all_buttons[0].callback_data or "")
        assert all("Đã ghi" not in (m.text or "") for m in pressed)

        def demote(session: Session) -> None:
            official = session.exec(select(Official).where(Official.telegram_user_id == ADMIN)).one()
            official.role = "leader"
            session.add(official)

        h.db.call(demote)
        refused = await h.press(admin, confirm, "Lưu")
        assert any("Không có quyền" in (m.text or "") for m in refused), [m.text for m in refused]
        assert all("Đã ghi" not in (m.text or "") for m in refused)
        assert h.errors == []
    assert len(_tasks(db)) == before
    with Session(db.engine) as s:
        assert s.exec(select(TaskEdit)).all() == []
