"""Authorization of task assignment ("👤 Giao việc", the "as:" buttons, /viectoi): who sees the
button, and that forged presses change nothing (tests/support/authorization.py's helpers)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, func, select

from bot.offline.harness import BotHarness
from handlers.ui.callbacks_assign import AssignDone, AssignOpen, AssignToggle
from handlers.ui.texts import NO_PERMISSION_TEXT, STRANGER_TEXT
from storage.db import Database
from storage.models_people import TaskAssignee
from tests.support.authorization import visible_text
from tests.support.builders import add_agency, add_official, add_organization
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import DTT, ND, VHXH, VP

JUNE = datetime(2023, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
LEADER, HUNG, LAN, TUAN, NAM, BINH, OUTSIDER, RETIRED, STRANGER = 500, 601, 602, 701, 801, 802, 900, 901, 999


@pytest.fixture
def cast(db: Database) -> dict[str, int]:
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
        ids["binh"] = add_official(session, BINH, "Vũ Thị Bình", organization_id=org, agency_id=ids[ND])
        ids["retired"] = add_official(
            session, RETIRED, "Hà Văn Nghỉ", organization_id=org, agency_id=ids[VP], active=False
        )
        other = add_organization(session, "UBND xã Thanh Hà")
        ids["outsider"] = add_official(
            session,
            OUTSIDER,
            "Lãnh đạo Thanh Hà",
            organization_id=other,
            agency_id=add_agency(session, other, "Văn phòng"),
            role="leader",
        )
        return ids

    return db.call(arrange)


def _assignment_count(db: Database) -> int:
    def count(session: Session) -> int:
        return int(session.exec(select(func.count()).select_from(TaskAssignee)).one())

    return db.call(count)


async def test_who_sees_the_assign_button(
    cast: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        for user_id, first, expected in [
            (LEADER, "Mây", True),  # a leader assigns any task of the commune
            (LAN, "Lan", True),  # the head of the Văn phòng, which leads II.1.1
            (HUNG, "Hùng", False),  # an ordinary official of the Văn phòng: reads and reports, no assigning
            (BINH, "Bình", False),  # Ngành dọc only coordinates II.1.1: reads and reports, no assigning
        ]:
            [card] = await h.send(h.user(user_id, first), "/tim II.1.1")
            assert "Nhiệm vụ II.1.1" in card.text, first
            assert ("👤 Giao việc" in card.button_texts) is expected, first
        [hidden] = await h.send(h.user(NAM, "Nam"), "/tim II.1.1")  # the Đài has nothing to do with it
        assert "Nhiệm vụ II.1.1" not in (hidden.text or "")
        assert not h.errors


async def test_forged_presses_are_refused_and_change_nothing(
    cast: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    task = cast["II.1.1"]
    forged = [
        AssignOpen(task).data(),
        AssignToggle(task, cast["hung"]).data(),
        AssignDone(task).data(),
    ]
    async with harness_factory(clock_at=JUNE) as h:
        not_assigners = [(NAM, "Nam"), (BINH, "Bình"), (HUNG, "Hùng"), (OUTSIDER, "Ngoài"), (RETIRED, "Nghỉ")]
        for user_id, first in not_assigners:
            user = h.user(user_id, first)
            [anchor] = await h.send(user, "/help")  # a message of the bot's in their chat to press on
            for data in forged:
                if user_id in (BINH, HUNG) and data.startswith("as:d"):
                    continue  # Bình and Hùng may see II.1.1's card: "Xong" just shows it
                replies = await h.press_data(user, anchor.message_id, data)
                answer = h.last_answer or {}
                shown = visible_text(replies, answer)
                assert "Nguyễn Văn Hùng" not in shown and "Nhiệm vụ II.1.1" not in shown, (first, data)
                expected = STRANGER_TEXT[:190] if user_id == RETIRED else NO_PERMISSION_TEXT
                assert answer.get("text") == expected, (first, data, answer)

        # The head of the Văn phòng may assign within it only: not Văn hóa xã hội's Tuấn (II.2.3
        # is led by both), not a person of another commune, not a task that does not exist.
        lan = h.user(LAN, "Lan")
        [anchor] = await h.send(lan, "/help")
        for data in [
            AssignToggle(cast["II.2.3"], cast["tuan"]).data(),
            AssignToggle(cast["II.2.3"], cast["outsider"]).data(),
            AssignToggle(cast["II.2.3"], cast["retired"]).data(),
            AssignToggle(987654, cast["hung"]).data(),
            AssignOpen(987654).data(),
        ]:
            await h.press_data(lan, anchor.message_id, data)
            assert (h.last_answer or {}).get("text") == NO_PERMISSION_TEXT, data
        stranger = h.user(STRANGER, "Khách")
        [anchor] = await h.send(stranger, "/help")
        await h.press_data(stranger, anchor.message_id, AssignToggle(task, cast["hung"]).data())
        assert (h.last_answer or {}).get("text") == STRANGER_TEXT[:190]
        [refused] = await h.send(stranger, "/viectoi")
        assert refused.text.startswith("Xin chào! Bot này chỉ dành cho cán bộ")
        assert not h.errors
    assert _assignment_count(db) == 0


async def test_who_has_not_reported_stays_within_the_officials_agency(
    cast: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory(clock_at=JUNE) as h:
        [own] = await h.send(h.user(TUAN, "Tuấn"), "/chuabaocao")
        assert "Lê Minh Tuấn" in own.text
        assert "Nguyễn Văn Hùng" not in own.text and "Trần Thị Lan" not in own.text
        [asked] = await h.send(h.user(TUAN, "Tuấn"), "anh Hùng đã báo cáo chưa")
        assert "Nguyễn Văn Hùng" not in asked.text
        assert "Bạn chỉ xem được số liệu của cán bộ trong đơn vị mình." in asked.text
        [outside] = await h.send(h.user(OUTSIDER, "Ngoài"), "/chuabaocao")
        assert "Nguyễn Văn Hùng" not in outside.text and "Lê Minh Tuấn" not in outside.text
        [stranger] = await h.send(h.user(STRANGER, "Khách"), "/chuabaocao")
        assert stranger.text.startswith("Xin chào! Bot này chỉ dành cho cán bộ")
        assert not h.errors
