"""An admin corrects the agency mapping after saving a plan, end to end through the bot (issue 14):
/coquan lists the commune's agencies sorted by their folded name, a page at a time; an import that
created "Phòng Văn hóa - Xã hội" beside the plan's own "Văn hóa xã hội xã" is merged into it (the
question says how many tasks and officials move), and an agency's display name is changed. Both are
audited, and the old names stay aliases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from bot.offline.fake import FakeUser
from bot.offline.fake.types import BotMessage
from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import Agency, AgencyAlias, AuditLog, Official, TaskAgency
from storage.models_people import TaskEdit
from storage.text import fold
from tests.support.builders import add_agency, add_official
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import TTDT, VHXH

ADMIN, HUNG = 21, 22
NOVEMBER = datetime(2023, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
DUPLICATE = "Phòng Văn hóa - Xã hội"
EXTRA = [
    "Công an xã",
    "Ban Chỉ huy Quân sự xã",
    "Hội Nông dân xã",
    "Hội Liên hiệp Phụ nữ xã",
    "Đoàn Thanh niên xã",
]
TASK = "III.2"


@pytest.fixture
def commune(db: Database) -> dict[str, int]:
    def seed(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        org = ids["org"]
        add_official(session, ADMIN, "Phạm Thị Mây", organization_id=org, agency_id=None, role="admin")
        ids["dup"] = add_agency(session, org, DUPLICATE)
        for name in EXTRA:
            add_agency(session, org, name)
        add_official(session, HUNG, "Nguyễn Văn Hùng", organization_id=org, agency_id=ids["dup"])
        # one task the import gave to the duplicate (coordinating)
        session.add(TaskAgency(task_id=ids[TASK], agency_id=ids["dup"], role="coordinating"))
        return ids

    return db.call(seed)


def _names(db: Database) -> list[str]:
    with Session(db.engine) as s:
        return [a.name for a in s.exec(select(Agency)).all()]


async def _find_button(h: BotHarness, user: FakeUser, message: BotMessage, label: str) -> BotMessage:
    """Turn the pages ("Sau ▶") until a button with this label is shown."""
    for _ in range(5):
        if label in message.button_texts:
            return message
        message = (await h.press(user, message, "Sau ▶"))[-1]
    raise AssertionError(f"no button {label!r}: {message.button_texts}")


async def test_admin_lists_the_agencies_and_merges_a_duplicate(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    names = sorted(_names(db), key=fold)
    assert len(names) == 13
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        listing = (await h.send(admin, "/coquan"))[-1]
        assert listing.text.startswith("Cơ quan của UBND xã Thanh Xá (13) · trang 1/2")
        assert listing.button_texts == [*names[:8], "Sau ▶"]
        assert "1. Ban Chỉ huy Quân sự xã — 0 nhiệm vụ · 0 cán bộ" in listing.text
        second = (await h.press(admin, listing, "Sau ▶"))[-1]
        assert "trang 2/2" in second.text and second.button_texts == [*names[8:], "◀ Trước"]
        assert f"{names.index(VHXH) + 1}. {VHXH} — 6 nhiệm vụ · 0 cán bộ" in second.text

        listing = await _find_button(h, admin, listing, DUPLICATE)
        card = (await h.press(admin, listing, DUPLICATE))[-1]
        assert f"Cơ quan: {DUPLICATE}" in card.text
        assert "Nhiệm vụ chủ trì hoặc phối hợp: 1" in card.text and "Cán bộ: 1" in card.text
        targets = (await h.press(admin, card, "🔀 Gộp vào cơ quan khác"))[-1]
        assert f"Gộp «{DUPLICATE}» vào cơ quan nào?" in targets.text
        assert DUPLICATE not in targets.button_texts
        targets = await _find_button(h, admin, targets, VHXH)
        question = (await h.press(admin, targets, VHXH))[-1]
        assert f"Gộp «{DUPLICATE}» vào «{VHXH}»?" in question.text
        assert f"• 1 nhiệm vụ và 1 cán bộ của «{DUPLICATE}» chuyển sang «{VHXH}»." in question.text
        assert question.button_texts == ["🔀 Gộp", "Huỷ"]
        merge_data = question.all_buttons[0].callback_data or ""
        replies = await h.press(admin, question, "🔀 Gộp")
        assert f"✅ Đã gộp «{DUPLICATE}» vào «{VHXH}»: 1 nhiệm vụ và 1 cán bộ chuyển sang." in replies[0].text
        assert f"Cơ quan: {VHXH}" in replies[-1].text
        assert "Nhiệm vụ chủ trì hoặc phối hợp: 7" in replies[-1].text and "Cán bộ: 1" in replies[-1].text
        assert f"Tên gọi khác: {DUPLICATE}" in replies[-1].text
        # the same question pressed again: the agency is gone, nothing more happens
        await h.press_data(admin, question.message_id, merge_data)
        assert "không còn" in str((h.last_answer or {}).get("text"))
        again = (await h.send(admin, "/coquan"))[-1]
        assert "(12)" in again.text
        assert h.errors == []
    with Session(db.engine) as s:
        assert s.get(Agency, commune["dup"]) is None
        vhxh = s.exec(select(Agency).where(Agency.name == VHXH)).one()
        assert DUPLICATE in s.exec(select(AgencyAlias.alias).where(AgencyAlias.agency_id == vhxh.id)).all()
        hung = s.exec(select(Official).where(Official.telegram_user_id == HUNG)).one()
        assert hung.agency_id == vhxh.id
        edits = s.exec(select(TaskEdit).where(TaskEdit.field == "agency")).all()
        assert [(e.task_id, e.old_value, e.new_value, e.actor_user_id) for e in edits] == [
            (commune[TASK], DUPLICATE, VHXH, ADMIN)
        ]
        audit = s.exec(select(AuditLog).where(AuditLog.action == "agency_mapped")).one()
        assert (audit.actor_user_id, audit.detail["old"], audit.detail["new"]) == (ADMIN, DUPLICATE, VHXH)


async def test_admin_renames_an_agency(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    new_name = "Công chức Văn hóa - Xã hội"
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        listing = await _find_button(h, admin, (await h.send(admin, "/coquan"))[-1], VHXH)
        card = (await h.press(admin, listing, VHXH))[-1]
        prompt = (await h.press(admin, card, "✏️ Đổi tên"))[-1]
        assert f"Đổi tên «{VHXH}»" in prompt.text and "Nhập tên mới" in prompt.text
        taken = (await h.send(admin, "trang ttđt xã"))[-1]  # another agency's name: that is a merge
        assert f"Đã có cơ quan «{TTDT}»" in taken.text and "Nhập lại" in taken.text
        confirm = (await h.send(admin, f"  {new_name} "))[-1]
        assert f"Cũ: {VHXH}" in confirm.text and f"Mới: {new_name}" in confirm.text
        assert "6 nhiệm vụ và 0 cán bộ sẽ mang tên mới" in confirm.text
        replies = await h.press(admin, confirm, "Lưu")
        assert f"✅ Đã đổi tên «{VHXH}» thành «{new_name}» (6 nhiệm vụ, 0 cán bộ)." in replies[0].text
        assert f"Cơ quan: {new_name}" in replies[-1].text and f"Tên gọi khác: {VHXH}" in replies[-1].text
        # the task cards show the new name
        found = (await h.send(admin, "/tim II.2.1"))[-1]
        assert new_name in found.text and VHXH not in found.text, found.text
        # typed text after the conversation is a search again, not a name
        after = (await h.send(admin, "dịch vụ công trực tuyến toàn trình"))[-1]
        assert "Xác nhận đổi tên" not in after.text
        assert h.errors == []
    with Session(db.engine) as s:
        agency = s.exec(select(Agency).where(Agency.name == new_name)).one()
        assert VHXH in s.exec(select(AgencyAlias.alias).where(AgencyAlias.agency_id == agency.id)).all()
        audit = s.exec(select(AuditLog).where(AuditLog.action == "agency_renamed")).one()
        assert (audit.detail["old"], audit.detail["new"]) == (VHXH, new_name)
        # audited on every row naming it: its 6 tasks and the nội dung II.2
        assert len(s.exec(select(TaskEdit).where(TaskEdit.field == "agency")).all()) == 7


async def test_cancel_changes_nothing(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    before = sorted(_names(db))
    async with harness_factory(clock_at=NOVEMBER) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        listing = await _find_button(h, admin, (await h.send(admin, "/coquan"))[-1], DUPLICATE)
        card = (await h.press(admin, listing, DUPLICATE))[-1]
        prompt = (await h.press(admin, card, "✏️ Đổi tên"))[-1]
        cancelled = (await h.press(admin, prompt, "Huỷ"))[-1]
        assert "Đã huỷ" in cancelled.text
        targets = (await h.press(admin, card, "🔀 Gộp vào cơ quan khác"))[-1]
        question = (await h.press(admin, targets, targets.button_texts[0]))[-1]
        cancelled = (await h.press(admin, question, "Huỷ"))[-1]
        assert "Đã huỷ" in cancelled.text
        assert h.errors == []
    assert sorted(_names(db)) == before
    with Session(db.engine) as s:
        assert s.exec(select(AuditLog).where(col(AuditLog.action).startswith("agency_"))).all() == []
