"""Personal due dates in the digest (TaskAssignee.due_date): the assignee's items of that task are
the status model's for the task as they see it (plans/personal_due.py personal_task); the agency's
other officials keep the task's own dates."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.offline.fake import FakeTelegram
from bot.runtime.sender import TelegramSender, build_bot
from plans.periods import PeriodPolicy
from plans.personal_due import own_limit, parse_due, personal_task
from reminders.calendar import WorkCalendar
from reminders.dispatch import run_reminders
from reminders.due import Bucket, due_by_official
from storage.db import Database
from storage.models_people import TaskAssignee
from storage.queries.reminders import load_recipients
from tests.support.reminder_world import VP, World, make_settings, recipient, task_facts

CAL = WorkCalendar()
OFFSETS = (7, 3, 1, 0)
THU = date(2025, 11, 20)
MORNING = datetime(2025, 11, 20, 7, 45, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_an_assignee_is_due_and_overdue_by_their_own_date_the_agency_by_the_tasks() -> None:
    task = task_facts(40, code="II.4", due=date(2025, 12, 15))  # 25 days ahead: nothing today
    lan, hung = recipient(1, VP), recipient(2, VP, full_name="Nguyễn Văn Hùng")
    assigned = {1: {40}, 2: {40}}
    today = due_by_official(
        [task], {}, [lan, hung], THU, CAL, OFFSETS, assigned=assigned, personal_due={1: {40: THU}}
    )
    assert set(today) == {1}  # Hùng, without a personal date, has nothing today
    [item] = today[1].lead
    assert (item.bucket, item.occurrence, item.personal) == (Bucket.today, THU, True)
    assert item.task == task  # the digest names the task as the plan has it
    assert today[1].assigned == frozenset({40})

    later = due_by_official(
        [task],
        {},
        [lan, hung],
        date(2025, 11, 24),
        CAL,
        OFFSETS,
        assigned=assigned,
        personal_due={1: {40: THU}},
    )
    assert set(later) == {1}
    [overdue] = later[1].lead
    assert overdue.bucket == Bucket.overdue and overdue.offset_days == -4 and overdue.personal

    # on the task's own reminder day Hùng is reminded of it; Lan, whose date has passed, is not
    # reminded twice: hers stays overdue
    own = due_by_official(
        [task],
        {},
        [lan, hung],
        date(2025, 12, 8),
        CAL,
        OFFSETS,
        assigned=assigned,
        personal_due={1: {40: THU}},
    )
    assert [(i.bucket, i.personal) for i in own[1].lead] == [(Bucket.overdue, True)]
    assert [(i.bucket, i.occurrence, i.personal) for i in own[2].lead] == [
        (Bucket.upcoming, date(2025, 12, 15), False)
    ]


def test_a_continuous_task_gets_the_personal_date_as_a_milestone() -> None:
    task = task_facts(41, code="II.1", kind="continuous", due=date(2025, 12, 31), start=date(2025, 1, 1))
    seen = personal_task(task, date(2025, 11, 21))
    assert seen.deadline_kind == "continuous" and seen.milestones == ((date(2025, 11, 21), "Hạn riêng"),)
    due = due_by_official(
        [task],
        {},
        [recipient(1, VP)],
        THU,
        CAL,
        OFFSETS,
        assigned={1: {41}},
        personal_due={1: {41: date(2025, 11, 21)}},
    )
    [item] = due[1].lead
    assert item.bucket == Bucket.upcoming and item.occurrence == date(2025, 11, 21) and item.personal


def test_the_limit_and_the_typed_day() -> None:
    policy = PeriodPolicy()
    one_off = task_facts(1, due=date(2025, 12, 15))
    continuous = task_facts(2, kind="continuous", due=date(2025, 12, 31), start=date(2025, 1, 1))
    assert own_limit(one_off, (), THU, policy) == date(2025, 12, 15)
    assert own_limit(continuous, (), THU, policy) == date(2025, 12, 31)  # the end of Quý IV/2025
    assert own_limit(continuous, (), date(2025, 8, 1), policy) == date(2025, 9, 30)
    assert parse_due("15/12", THU) == date(2025, 12, 15)
    assert parse_due("15/3", THU) == date(2026, 3, 15)  # no year: the next 15 March
    assert parse_due("ngày 05-01-26", THU) == date(2026, 1, 5)
    assert parse_due("15/03/2026", THU) == date(2026, 3, 15)
    assert parse_due("31/2", THU) is None and parse_due("mai", THU) is None


async def test_a_pass_sends_the_assignee_their_personal_date(
    db: Database, world: World, database_url: str
) -> None:
    """Through the real pass and the fake Bot API."""
    org = world.organization("UBND xã Thanh Xá")
    vp = world.agency(org, "Văn phòng HĐND và UBND xã")
    plan = world.plan(org)
    task = world.task(plan, "II.2.1", "Niêm yết, công khai TTHC", due=date(2025, 12, 15), lead=[vp])
    lan = world.official(101, "Nguyễn Thị Lan", org=org, agency=vp)
    world.official(102, "Nguyễn Văn Hùng", org=org, agency=vp)
    db.call(lambda session: session.add(TaskAssignee(task_id=task, official_id=lan, due_date=THU)))
    snap = db.call(lambda session: load_recipients(session=session, day=THU))
    assert snap.personal_due == {lan: {task: THU}}
    cfg = make_settings(database_url)
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(102, "Hùng")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            report = await run_reminders(
                db=db, sender=TelegramSender(bot), config=cfg.reminder_config(), now=MORNING
            )
        assert report.sent == 1
        [to_lan] = tg.messages_to(101)
        assert "📌 Hôm nay (1)" in to_lan.text
        assert "• 👤 II.2.1 Niêm yết, công khai TTHC — hạn riêng hôm nay 20/11/2025" in to_lan.text
        assert tg.messages_to(102) == []
