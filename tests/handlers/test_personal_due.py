"""Personal due dates, end to end through the fake Bot API on the Thanh Xá plan (Quý II/2023):
"📅 Hạn riêng" on the assignment panel, the date typed, refusals with their reason, the
confirmation, the assignee told, the card's "Người thực hiện" line and /viectoi."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import AuditLog
from storage.models_people import TaskAssignee
from tests.support.builders import add_official
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import VHXH, VP

JUNE = datetime(2023, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # Quý II/2023 of the plan
LEADER, HUNG, LAN, TUAN = 500, 601, 602, 701


@pytest.fixture
def commune(db: Database) -> dict[str, int]:
    """Lan heads the Văn phòng; Hùng is one of its officials; Tuấn is of Văn hóa xã hội."""

    def arrange(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        org = ids["org"]
        ids["leader"] = add_official(
            session, LEADER, "Phạm Thị Mây", organization_id=org, agency_id=None, role="leader"
        )
        ids["hung"] = add_official(session, HUNG, "Nguyễn Văn Hùng", organization_id=org, agency_id=ids[VP])
        ids["lan"] = add_official(
            session, LAN, "Trần Thị Lan", organization_id=org, agency_id=ids[VP], is_head=True
        )
        ids["tuan"] = add_official(session, TUAN, "Lê Minh Tuấn", organization_id=org, agency_id=ids[VHXH])
        return ids

    return db.call(arrange)


def _dues(db: Database, task_id: int) -> dict[int, date | None]:
    def read(session: Session) -> dict[int, date | None]:
        rows = session.exec(select(TaskAssignee).where(TaskAssignee.task_id == task_id))
        return {a.official_id: a.due_date for a in rows}

    return db.call(read)


def _audit(db: Database) -> list[tuple[str, object, object]]:
    def read(session: Session) -> list[tuple[str, object, object]]:
        rows = session.exec(
            select(AuditLog).where(AuditLog.action.in_(("assignee_due_set", "assignee_due_cleared")))  # type: ignore[attr-defined]
        )
        return [(r.action, r.detail["official_id"], r.detail["due"]) for r in rows]

    return db.call(read)


async def test_the_head_sets_a_personal_due_date_within_the_tasks_own(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        lan = h.user(LAN, "Lan", "Trần Thị")
        hung = h.user(HUNG, "Hùng", "Nguyễn Văn")
        [card] = await h.send(lan, "/tim II.2.3")
        [panel] = await h.press(lan, card, "Giao việc")
        assert "📅 Hạn riêng" not in panel.button_texts  # nobody assigned yet
        [panel] = await h.press(lan, panel, "Nguyễn Văn Hùng")
        assert panel.button_texts[-2:] == ["📅 Hạn riêng", "Xong"]

        [prompt] = await h.press(lan, panel, "Hạn riêng")  # one assignee: straight to the date
        assert (
            "Hạn riêng — nhiệm vụ II.2.3" in prompt.text and "Người thực hiện: Nguyễn Văn Hùng" in prompt.text
        )
        assert "Chưa có hạn riêng." in prompt.text
        # II.2.3 is continuous: its own due date for Quý II/2023 is the period's end
        [late] = await h.send(lan, "31/7")
        assert late.text == (
            "Hạn riêng 31/07/2023 muộn hơn hạn của nhiệm vụ II.2.3 (30/06/2023). "
            "Hạn riêng phải trong hạn của nhiệm vụ: gõ một ngày đến 30/06/2023."
        )
        [past] = await h.send(lan, "10/06/2023")
        assert past.text == "Hạn riêng 10/06/2023 đã qua (hôm nay là 15/06/2023). Gõ một ngày khác."
        [garbled] = await h.send(lan, "tuần sau")
        assert garbled.text.startswith("Không đọc được ngày.")
        [confirm] = await h.send(lan, "20/6")
        assert "Xác nhận hạn riêng — nhiệm vụ II.2.3" in confirm.text
        assert "Cũ: chưa có\nMới: 20/06/2023\nHạn của nhiệm vụ: 30/06/2023." in confirm.text
        assert _dues(db, commune["II.2.3"]) == {commune["hung"]: None}  # nothing stored before Lưu
        saved = await h.press(lan, confirm, "Lưu")
        assert saved[0].text == "✅ Đã đặt hạn riêng 20/06/2023 cho Nguyễn Văn Hùng (nhiệm vụ II.2.3)."
        assert "Người thực hiện: Nguyễn Văn Hùng (hạn riêng 20/06/2023)" in saved[1].text
        assert _dues(db, commune["II.2.3"]) == {commune["hung"]: date(2023, 6, 20)}

        [told] = [m for m in h.messages(hung) if "Hạn riêng của anh/chị" in (m.text or "")]
        assert told.text.startswith("📅 Hạn riêng của anh/chị cho nhiệm vụ II.2.3: 20/06/2023.")
        assert "Người đặt: Trần Thị Lan." in told.text
        [opened] = await h.press(hung, told, "Xem nhiệm vụ")
        assert "Người thực hiện: Nguyễn Văn Hùng (hạn riêng 20/06/2023)" in opened.text
        [mine] = await h.send(hung, "/viectoi")
        assert "II.2.3" in mine.text and "hạn riêng 20/06/2023" in mine.text
        # the agency's other officials keep the task's own date on their list
        [listing] = await h.send(lan, "/viec")
        assert "hạn riêng" not in listing.text
        assert not h.errors
    assert _audit(db) == [("assignee_due_set", commune["hung"], "2023-06-20")]


async def test_several_assignees_one_is_chosen_and_a_date_is_cleared(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    task = commune["II.2.3"]

    def assign(session: Session) -> None:
        session.add(TaskAssignee(task_id=task, official_id=commune["hung"], due_date=date(2023, 6, 28)))
        session.add(TaskAssignee(task_id=task, official_id=commune["tuan"]))

    db.call(assign)
    async with harness_factory(clock_at=JUNE) as h:
        may = h.user(LEADER, "Mây", "Phạm Thị")
        hung = h.user(HUNG, "Hùng", "Nguyễn Văn")
        [card] = await h.send(may, "/tim II.2.3")
        assert "Người thực hiện: Nguyễn Văn Hùng (hạn riêng 28/06/2023), Lê Minh Tuấn" in card.text
        [panel] = await h.press(may, card, "Giao việc")
        [choose] = await h.press(may, panel, "Hạn riêng")
        assert "Chọn người thực hiện:" in choose.text
        assert choose.button_texts == ["Lê Minh Tuấn", "Nguyễn Văn Hùng · 28/06/2023", "Huỷ"]  # by agency
        [prompt] = await h.press(may, choose, "Nguyễn Văn Hùng")
        assert "Hạn riêng hiện tại: 28/06/2023." in prompt.text
        [same] = await h.send(may, "28/06/2023")
        assert same.text.startswith("Không có gì thay đổi (vẫn là 28/06/2023).")
        [confirm] = await h.send(may, "bỏ")
        assert "Cũ: 28/06/2023\nMới: bỏ hạn riêng" in confirm.text
        saved = await h.press(may, confirm, "Lưu")
        assert saved[0].text == "✅ Đã bỏ hạn riêng của Nguyễn Văn Hùng (nhiệm vụ II.2.3)."
        assert _dues(db, task) == {commune["hung"]: None, commune["tuan"]: None}
        [told] = [m for m in h.messages(hung) if "không còn hạn riêng" in (m.text or "")]
        assert told.text.startswith("📅 Nhiệm vụ II.2.3 không còn hạn riêng: hạn là hạn của nhiệm vụ.")

        # Huỷ on the way changes nothing, and the typed text afterwards is a search again
        [choose] = await h.press(may, saved[1], "Hạn riêng")
        [prompt] = await h.press(may, choose, "Lê Minh Tuấn")
        [cancelled] = await h.press(may, prompt, "Huỷ")
        assert cancelled.text == "Đã huỷ. Hạn riêng không thay đổi."
        assert _dues(db, task) == {commune["hung"]: None, commune["tuan"]: None}
        assert not h.errors
    assert _audit(db) == [("assignee_due_cleared", commune["hung"], None)]


async def test_a_one_off_tasks_limit_is_its_due_day(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    """II.5 runs from April to December 2023: a personal date up to 31/12/2023."""
    task = commune["II.5"]
    db.call(lambda session: session.add(TaskAssignee(task_id=task, official_id=commune["hung"])))
    async with harness_factory(clock_at=JUNE) as h:
        may = h.user(LEADER, "Mây", "Phạm Thị")
        [card] = await h.send(may, "/tim II.5")
        [panel] = await h.press(may, card, "Giao việc")
        await h.press(may, panel, "Hạn riêng")
        [refused] = await h.send(may, "15/01/2024")
        assert "muộn hơn hạn của nhiệm vụ II.5 (31/12/2023)" in refused.text
        [confirm] = await h.send(may, "15/12")
        assert "Mới: 15/12/2023" in confirm.text
        await h.press(may, confirm, "Lưu")
        [mine] = await h.send(h.user(HUNG, "Hùng", "Nguyễn Văn"), "/viectoi")
        assert "II.5" in mine.text and "hạn riêng 15/12/2023" in mine.text
        assert not h.errors
    assert _dues(db, task) == {commune["hung"]: date(2023, 12, 15)}
