"""The digest's recipients with tasks assigned to people (TaskAssignee): an assignee gets their own
tasks whatever their agency and coordinating setting, never twice, and nobody else loses theirs."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.offline.fake import FakeTelegram
from bot.runtime.sender import TelegramSender, build_bot
from reminders.calendar import WorkCalendar
from reminders.dispatch import run_reminders
from reminders.due import due_by_official
from storage.db import Database
from storage.models_people import TaskAssignee
from storage.queries.reminders import load_recipients
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task
from tests.support.reminder_world import TTPV, VHXH, VP, World, make_settings, recipient, task_facts

CAL = WorkCalendar()
OFFSETS = (7, 3, 1, 0)
DAY = date(2025, 11, 20)
MORNING = datetime(2025, 11, 20, 7, 45, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # after the default 07:30


def test_an_assignee_gets_their_tasks_once_and_the_agency_keeps_its_own() -> None:
    lead_task = task_facts(20, code="II.1", due=DAY, lead=(VP,), coordinating=(VHXH,))
    other_task = task_facts(21, code="II.2", due=DAY, lead=(TTPV,), coordinating=(VP,))
    quiet_task = task_facts(22, code="II.3", due=date(2025, 12, 31), lead=(TTPV,))  # nothing due today
    people = [
        recipient(1, VP),  # assigned II.1, which the Văn phòng leads anyway: listed once
        recipient(2, VHXH, remind_coordinating=False),  # assigned II.1, which VH-XH only coordinates
        recipient(3, TTPV),  # assigned nothing: the agency's tasks as before
        recipient(4, None),  # no agency, assigned II.2 in person
        recipient(5, VHXH, reminders_enabled=False),  # assigned, but reminders off: nothing
        recipient(6, VP),  # assigned a task with nothing due today
    ]
    assigned = {1: {20}, 2: {20}, 4: {21}, 5: {20}, 6: {22}}
    due = due_by_official(
        [lead_task, other_task, quiet_task], {}, people, DAY, CAL, OFFSETS, assigned=assigned
    )
    assert set(due) == {1, 2, 3, 4, 6}
    assert [i.task.code for i in due[1].lead] == ["II.1"]
    assert [i.task.code for i in due[1].coordinating] == ["II.2"]
    assert due[1].assigned == frozenset({20})
    assert [i.task.code for i in due[2].lead] == ["II.1"] and due[2].coordinating == ()
    assert [i.task.code for i in due[3].lead] == ["II.2"] and due[3].assigned == frozenset()
    assert [i.task.code for i in due[4].lead] == ["II.2"] and due[4].assigned == frozenset({21})
    # 6 gets the Văn phòng's items; II.3 has nothing today, so it is not claimed as theirs
    assert [i.task.code for i in due[6].lead] == ["II.1"] and due[6].assigned == frozenset()


def test_an_assigned_task_the_agency_coordinates_is_not_listed_twice() -> None:
    task = task_facts(30, code="III.1", due=DAY, lead=(TTPV,), coordinating=(VP,))
    due = due_by_official([task], {}, [recipient(1, VP)], DAY, CAL, OFFSETS, assigned={1: {30}})
    assert due[1].lead == () and [i.task.code for i in due[1].coordinating] == ["III.1"]
    assert due[1].assigned == frozenset({30})


def test_the_recipients_of_a_pass_carry_the_assignments(db: Database) -> None:
    def arrange(session: Session) -> dict[str, int]:
        org = add_organization(session, "UBND xã Thanh Xá")
        agency = add_agency(session, org, "Văn phòng HĐND và UBND xã")
        plan = add_plan(session, org, "Kế hoạch")
        first = add_task(session, plan, "I.1", "Việc một", lead=[agency])
        second = add_task(session, plan, "I.2", "Việc hai", lead=[agency])
        lan = add_official(session, 11, "Trần Thị Lan", organization_id=org, agency_id=agency)
        hung = add_official(session, 12, "Nguyễn Văn Hùng", organization_id=org, agency_id=agency)
        session.add(TaskAssignee(task_id=first, official_id=lan))
        session.add(TaskAssignee(task_id=second, official_id=lan))
        session.add(TaskAssignee(task_id=second, official_id=hung))
        return {"first": first, "second": second, "lan": lan, "hung": hung}

    ids = db.call(arrange)
    snap = db.call(lambda session: load_recipients(session=session, day=DAY))
    assert snap.assignments == {
        ids["lan"]: frozenset({ids["first"], ids["second"]}),
        ids["hung"]: frozenset({ids["second"]}),
    }


async def test_a_pass_sends_an_assignee_of_another_agency_their_task(
    db: Database, world: World, database_url: str
) -> None:
    """Through the real pass and the fake Bot API: Nam's agency has nothing to do with II.2.1, but it is
    assigned to him; the Văn phòng's Lan still gets it as her agency's."""
    org = world.organization("UBND xã Thanh Xá")
    vp = world.agency(org, "Văn phòng HĐND và UBND xã")
    radio = world.agency(org, "Đài truyền thanh xã")
    plan = world.plan(org)
    task = world.task(plan, "II.2.1", "Niêm yết, công khai TTHC", due=DAY, lead=[vp])
    world.official(101, "Nguyễn Thị Lan", org=org, agency=vp)
    nam = world.official(103, "Đỗ Văn Nam", org=org, agency=radio)
    db.call(lambda session: session.add(TaskAssignee(task_id=task, official_id=nam)))
    cfg = make_settings(database_url)
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(103, "Nam")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            report = await run_reminders(
                db=db, sender=TelegramSender(bot), config=cfg.reminder_config(), now=MORNING
            )
        assert report.sent == 2
        [to_nam] = tg.messages_to(103)
        [to_lan] = tg.messages_to(101)
        assert "II.2.1" in to_nam.text and "II.2.1" in to_lan.text
