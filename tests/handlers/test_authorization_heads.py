"""Authorization of heads of agency and personal due dates: /truongdonvi and its "hd:" buttons
(admins of the commune only), and "📅 Hạn riêng" ("as:h…" buttons: whoever may assign the task).
Cast: a stranger, a deactivated official, an ordinary official, the head of another agency, the
head of the lead agency, a leader, the commune's admin and another commune's admin."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.offline.harness import BotHarness
from handlers.ui.callbacks_assign import AssignDueOpen, AssignDuePick, AssignDueSave
from handlers.ui.callbacks_heads import HeadAgency, HeadToggle
from handlers.ui.texts import NO_PERMISSION_TEXT, STRANGER_TEXT
from storage.db import Database
from storage.models import Official
from storage.models_people import TaskAssignee
from tests.support.authorization import visible_text
from tests.support.builders import add_agency, add_official, add_organization
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import DTT, VP

JUNE = datetime(2023, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
STRANGER, RETIRED, HUNG, NAM, LAN, LEADER, ADMIN, OTHER_ADMIN = 999, 901, 601, 801, 602, 500, 400, 410
NAMES = {
    STRANGER: "Khách",
    RETIRED: "Nghỉ",
    HUNG: "Hùng",
    NAM: "Nam",
    LAN: "Lan",
    LEADER: "Mây",
    ADMIN: "Quản",
    OTHER_ADMIN: "Hà",
}


@pytest.fixture
def cast(db: Database) -> dict[str, int]:
    def arrange(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        org = ids["org"]
        ids["leader"] = add_official(
            session, LEADER, "Phạm Thị Mây", organization_id=org, agency_id=None, role="leader"
        )
        ids["admin"] = add_official(
            session, ADMIN, "Lê Văn Quản", organization_id=org, agency_id=None, role="admin"
        )
        ids["lan"] = add_official(
            session, LAN, "Trần Thị Lan", organization_id=org, agency_id=ids[VP], is_head=True
        )
        ids["hung"] = add_official(session, HUNG, "Nguyễn Văn Hùng", organization_id=org, agency_id=ids[VP])
        ids["nam"] = add_official(
            session, NAM, "Đỗ Văn Nam", organization_id=org, agency_id=ids[DTT], is_head=True
        )
        ids["retired"] = add_official(
            session,
            RETIRED,
            "Hà Văn Nghỉ",
            organization_id=org,
            agency_id=ids[VP],
            active=False,
            is_head=True,
        )
        other = add_organization(session, "UBND xã Thanh Hà")
        add_agency(session, other, "Văn phòng")
        ids["other_admin"] = add_official(
            session, OTHER_ADMIN, "Quản trị Thanh Hà", organization_id=other, agency_id=None, role="admin"
        )
        session.add(TaskAssignee(task_id=ids["II.1.1"], official_id=ids["hung"]))
        return ids

    return db.call(arrange)


def _heads(db: Database) -> dict[int, bool]:
    def read(session: Session) -> dict[int, bool]:
        return {o.id or 0: o.is_head for o in session.exec(select(Official))}

    return db.call(read)


def _due(db: Database, task_id: int, official_id: int) -> date | None:
    def read(session: Session) -> date | None:
        row = session.get(TaskAssignee, (task_id, official_id))
        return row.due_date if row is not None else None

    return db.call(read)


async def test_truongdonvi_is_for_the_communes_admins(
    cast: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    before = _heads(db)
    async with harness_factory(clock_at=JUNE) as h:
        for user_id in (STRANGER, RETIRED):
            [refused] = await h.send(h.user(user_id, NAMES[user_id]), "/truongdonvi")
            assert refused.text == STRANGER_TEXT, user_id
        for user_id in (HUNG, NAM, LAN, LEADER):  # an official, heads, a leader: not theirs to set
            [refused] = await h.send(h.user(user_id, NAMES[user_id]), "/truongdonvi văn phòng")
            assert refused.text == NO_PERMISSION_TEXT, user_id
        [chooser] = await h.send(h.user(ADMIN, NAMES[ADMIN]), "/truongdonvi")
        assert chooser.text == "Chọn cơ quan để đặt trưởng đơn vị:"
        assert "Văn phòng HĐND và UBND xã" in chooser.button_texts
        [theirs] = await h.send(h.user(OTHER_ADMIN, NAMES[OTHER_ADMIN]), "/truongdonvi")
        assert theirs.button_texts == ["Văn phòng"]  # their own commune's agency only
        [none] = await h.send(h.user(OTHER_ADMIN, NAMES[OTHER_ADMIN]), "/truongdonvi Văn phòng HĐND")
        assert "Trần Thị Lan" not in (none.text or "") and "Nguyễn Văn Hùng" not in visible_text([none])
        assert not h.errors
    assert _heads(db) == before


async def test_forged_head_presses_are_refused_and_change_nothing(
    cast: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    before = _heads(db)
    forged = [HeadAgency(cast[VP]).data(), HeadToggle(cast[VP], cast["hung"]).data()]
    async with harness_factory(clock_at=JUNE) as h:
        for user_id in (STRANGER, RETIRED, HUNG, NAM, LAN, LEADER, OTHER_ADMIN):
            user = h.user(user_id, NAMES[user_id])
            [anchor] = await h.send(user, "/help")
            for data in forged:
                replies = await h.press_data(user, anchor.message_id, data)
                answer = h.last_answer or {}
                assert "Nguyễn Văn Hùng" not in visible_text(replies, answer), (user_id, data)
                expected = STRANGER_TEXT[:190] if user_id in (STRANGER, RETIRED) else NO_PERMISSION_TEXT
                assert answer.get("text") == expected, (user_id, data, answer)
        # the commune's admin may not toggle someone of another commune through their own agency
        admin = h.user(ADMIN, NAMES[ADMIN])
        [anchor] = await h.send(admin, "/help")
        await h.press_data(admin, anchor.message_id, HeadToggle(cast[VP], cast["other_admin"]).data())
        assert (h.last_answer or {}).get("text") == NO_PERMISSION_TEXT
        await h.press_data(admin, anchor.message_id, HeadToggle(cast[VP], cast["retired"]).data())
        assert (h.last_answer or {}).get("text") == NO_PERMISSION_TEXT  # deactivated: not on the roster
        assert not h.errors
    assert _heads(db) == before


async def test_personal_due_buttons_follow_who_may_assign(
    cast: dict[str, int], db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    """II.1.1 is led by the Văn phòng and assigned to Hùng."""
    task, hung = cast["II.1.1"], cast["hung"]
    forged = [AssignDueOpen(task).data(), AssignDuePick(task, hung).data()]
    async with harness_factory(clock_at=JUNE) as h:
        for user_id in (STRANGER, RETIRED, HUNG, NAM, OTHER_ADMIN):
            user = h.user(user_id, NAMES[user_id])
            [anchor] = await h.send(user, "/help")
            for data in forged:
                replies = await h.press_data(user, anchor.message_id, data)
                shown = visible_text(replies, h.last_answer)
                assert "Hạn riêng — nhiệm vụ" not in shown and "Nguyễn Văn Hùng" not in shown, (user_id, data)
                assert NO_PERMISSION_TEXT in shown, (user_id, data)
            # and typing a date afterwards sets nothing: no conversation was started
            await h.send(user, "20/6")
            # a forged Lưu without a confirmation of theirs stores nothing
            await h.press_data(user, anchor.message_id, AssignDueSave().data())
        assert _due(db, task, hung) is None
        for user_id in (LAN, LEADER, ADMIN):  # the head of the lead agency, a leader, the admin
            user = h.user(user_id, NAMES[user_id])
            [anchor] = await h.send(user, "/help")
            [prompt] = await h.press_data(user, anchor.message_id, AssignDuePick(task, hung).data())
            assert "Hạn riêng — nhiệm vụ II.1.1" in prompt.text, user_id
            [cancelled] = await h.send(user, "/huy")
            assert cancelled.text == "Đã huỷ. Hạn riêng không thay đổi."
        lan = h.user(LAN, NAMES[LAN])
        [anchor] = await h.send(lan, "/help")
        await h.press_data(lan, anchor.message_id, AssignDuePick(task, hung).data())
        [confirm] = await h.send(lan, "20/6")
        await h.press(lan, confirm, "Lưu")
        assert not h.errors
    assert _due(db, task, hung) == date(2023, 6, 20)
