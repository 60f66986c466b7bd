"""Tasks assigned to people, end to end through the fake Bot API on the Thanh Xá plan: "👤 Giao
việc" on the card, the assignee's message, "Người thực hiện" on the card, "Việc của tôi"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import AuditLog
from storage.models_people import TaskAssignee
from tests.support.builders import add_official
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import DTT, VHXH, VP

JUNE = datetime(2023, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # Quý II/2023 of the plan
LEADER, HUNG, LAN, TUAN, NAM = 500, 601, 602, 701, 801


@pytest.fixture
def commune(db: Database) -> dict[str, int]:
    """Thanh Xá with a leader, two officials of the Văn phòng (Lan its head), one of Văn hóa xã hội,
    one of the Đài."""

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
        ids["nam"] = add_official(session, NAM, "Đỗ Văn Nam", organization_id=org, agency_id=ids[DTT])
        return ids

    return db.call(arrange)


def _assignees(db: Database, task_id: int) -> set[int]:
    def read(session: Session) -> set[int]:
        return {
            a.official_id for a in session.exec(select(TaskAssignee).where(TaskAssignee.task_id == task_id))
        }

    return db.call(read)


async def test_leader_assigns_the_assignee_is_told_and_sees_it_as_their_own(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        may = h.user(LEADER, "Mây", "Phạm Thị")
        hung = h.user(HUNG, "Hùng", "Nguyễn Văn")
        [card] = await h.send(may, "/tim II.2.3")
        assert "Nhiệm vụ II.2.3" in card.text
        assert "Người thực hiện" not in card.text
        assert "👤 Giao việc" in card.button_texts

        [panel] = await h.press(may, card, "Giao việc")
        assert panel.message_id == card.message_id  # the card becomes the panel
        assert "Giao việc — nhiệm vụ II.2.3" in panel.text
        assert "chưa giao cho ai" in panel.text
        # II.2.3 is led by the Văn phòng and Văn hóa xã hội: their officials, not the Đài's
        labels = panel.button_texts
        assert any("Nguyễn Văn Hùng" in b for b in labels)
        assert any("Trần Thị Lan" in b for b in labels)
        assert any("Lê Minh Tuấn" in b for b in labels)
        assert not any("Đỗ Văn Nam" in b for b in labels)
        assert labels[-1] == "Xong"

        [panel] = await h.press(may, panel, "Nguyễn Văn Hùng")
        assert h.last_answer is not None and h.last_answer.get("text") == "Đã giao việc."
        assert "Người thực hiện: Nguyễn Văn Hùng" in panel.text
        assert any(b.startswith("✅ Nguyễn Văn Hùng") for b in panel.button_texts)
        [panel] = await h.press(may, panel, "Lê Minh Tuấn")
        assert "Người thực hiện: Nguyễn Văn Hùng, Lê Minh Tuấn" in panel.text
        assert _assignees(db, commune["II.2.3"]) == {commune["hung"], commune["tuan"]}

        told = [m for m in h.messages(hung) if "được giao nhiệm vụ" in (m.text or "")]
        assert len(told) == 1
        assert told[0].text.startswith("👤 Anh/chị được giao nhiệm vụ II.2.3:")
        assert "Người giao: Phạm Thị Mây." in told[0].text
        [opened] = await h.press(hung, told[0], "Xem nhiệm vụ")
        assert "Nhiệm vụ II.2.3" in opened.text
        assert "Người thực hiện: Nguyễn Văn Hùng, Lê Minh Tuấn" in opened.text

        [panel] = await h.press(may, panel, "Lê Minh Tuấn")  # pressed again: unassigned
        assert h.last_answer is not None and h.last_answer.get("text") == "Đã bỏ giao."
        assert "Người thực hiện: Nguyễn Văn Hùng" in panel.text and "Tuấn," not in panel.text
        [back] = await h.press(may, panel, "Xong")
        assert back.message_id == card.message_id
        assert "Người thực hiện: Nguyễn Văn Hùng" in back.text
        assert "👤 Giao việc" in back.button_texts

        [mine] = await h.send(hung, "/viectoi")
        assert mine.text.startswith("Việc của tôi — 1 nhiệm vụ")
        assert "II.2.3" in mine.text and "II.1.1" not in mine.text
        assert [b for b in mine.button_texts] == ["II.2.3"]
        [typed] = await h.send(hung, "việc của tôi")
        assert typed.text == mine.text
        [typed] = await h.send(hung, "viec cua toi")
        assert typed.text == mine.text
        [listing] = await h.send(hung, "/viec")
        assert listing.text.startswith("👤 Việc của tôi: 1 nhiệm vụ được giao riêng — /viectoi")
        assert listing.button_texts[0] == "👤 Việc của tôi (1)"
        [again] = await h.press(hung, listing, "Việc của tôi")
        assert again.text == mine.text

        [nothing] = await h.send(h.user(LAN, "Lan", "Trần Thị"), "/viectoi")
        assert "Chưa có nhiệm vụ nào được giao riêng cho anh/chị." in nothing.text
        assert not h.errors

    def audit(session: Session) -> list[tuple[str, object]]:
        rows = session.exec(select(AuditLog).where(AuditLog.action.in_(("task_assigned", "task_unassigned"))))  # type: ignore[attr-defined]
        return [(r.action, r.detail["official_id"]) for r in rows]

    assert db.call(audit) == [
        ("task_assigned", commune["hung"]),
        ("task_assigned", commune["tuan"]),
        ("task_unassigned", commune["tuan"]),
    ]


async def test_the_head_of_the_lead_agency_assigns_within_their_agency(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        [plain] = await h.send(h.user(HUNG, "Hùng", "Nguyễn Văn"), "/tim II.2.3")
        assert "Nhiệm vụ II.2.3" in plain.text
        assert "👤 Giao việc" not in plain.button_texts  # not the head: he reads and reports
        lan = h.user(LAN, "Lan", "Trần Thị")
        [card] = await h.send(lan, "/tim II.2.3")
        [panel] = await h.press(lan, card, "Giao việc")
        labels = panel.button_texts
        # the Văn phòng's own officials only: Văn hóa xã hội also leads, but it is not hers
        assert any("Nguyễn Văn Hùng" in b for b in labels) and any("Trần Thị Lan" in b for b in labels)
        assert not any("Lê Minh Tuấn" in b for b in labels)
        [panel] = await h.press(lan, panel, "Trần Thị Lan")  # herself: no message to herself
        assert "Người thực hiện: Trần Thị Lan" in panel.text
        assert not [m for m in h.messages(lan) if "được giao nhiệm vụ" in (m.text or "")]
        assert not h.errors
    assert _assignees(db, commune["II.2.3"]) == {commune["lan"]}


async def test_an_assignee_outside_the_agencies_sees_and_reports_their_task(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    """An official moved to another agency keeps the task assigned to them (plans/access.py)."""

    def assign(session: Session) -> None:
        session.add(TaskAssignee(task_id=commune["II.1.1"], official_id=commune["nam"]))

    db.call(assign)
    async with harness_factory(clock_at=JUNE) as h:
        nam = h.user(NAM, "Nam", "Đỗ Văn")
        [card] = await h.send(nam, "/tim II.1.1")
        assert "Nhiệm vụ II.1.1" in card.text
        assert "Người thực hiện: Đỗ Văn Nam" in card.text
        assert "Báo cáo tiến độ" in card.button_texts
        assert "👤 Giao việc" not in card.button_texts  # the Đài does not lead it
        [mine] = await h.send(nam, "/viectoi")
        assert "II.1.1" in mine.text
        [other] = await h.send(nam, "/tim II.1.2")  # not assigned, not the Đài's
        assert "Nhiệm vụ II.1.2" not in (other.text or "")
        assert not h.errors


async def test_a_leader_asks_who_has_not_reported(
    commune: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    """After the assignment, "ai chưa báo cáo" answers per person (tests/reports/test_questions_people.py
    has the table of phrasings); here it goes through the bot."""

    def assign(session: Session) -> None:
        session.add(TaskAssignee(task_id=commune["IV.1"], official_id=commune["nam"]))

    db.call(assign)
    async with harness_factory(clock_at=JUNE) as h:
        may = h.user(LEADER, "Mây", "Phạm Thị")
        [answer] = await h.send(may, "ai chưa báo cáo quý này?")
        # nothing is reported about Quý II/2023: the Văn phòng's two officials answer for its 26 lead
        # tasks, Tuấn for Văn hóa xã hội's 6, Nam for IV.1 (assigned to him)
        assert answer.text.startswith("Quý II/2023 (01/04–30/06), toàn xã:")
        assert "Chưa báo cáo đủ: 4/4 người." in answer.text
        assert "1. Nguyễn Văn Hùng (Văn phòng HĐND và UBND xã): chưa báo cáo 26/26 nhiệm vụ" in answer.text
        assert "3. Lê Minh Tuấn (Văn hóa xã hội xã): chưa báo cáo 6/6 nhiệm vụ" in answer.text
        assert "4. Đỗ Văn Nam (Đài truyền thanh xã): chưa báo cáo 1/1 nhiệm vụ — IV.1" in answer.text
        [nam] = await h.send(may, "anh Nam đã báo cáo chưa")
        assert "Đỗ Văn Nam (Đài truyền thanh xã): 1 nhiệm vụ (1 được giao riêng)." in nam.text
        assert not h.errors


async def test_the_command_who_has_not_reported(
    commune: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        may = h.user(LEADER, "Mây", "Phạm Thị")
        [now] = await h.send(may, "/chuabaocao")
        assert now.text.startswith("Quý II/2023 (01/04–30/06), toàn xã:")
        # Hùng, Lan (the Văn phòng's 26), Tuấn (Văn hóa xã hội's 6), Nam (IV.1, which the Đài co-leads)
        assert "Chưa báo cáo đủ: 4/4 người." in now.text
        [q1] = await h.send(may, "/chuabaocao quý 1")
        assert q1.text.startswith("Quý I/2023 (01/01–31/03), toàn xã:")
        assert "Mọi người (4) đã báo cáo đủ các nhiệm vụ của kỳ." in q1.text
        assert not h.errors
