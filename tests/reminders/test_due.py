"""The pure part: what is due on a local day, with a frozen clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from plans.clock import Clock
from plans.lifecycle import current_tasks
from plans.periods import PeriodPolicy
from plans.status import effective_reports
from reminders.calendar import WorkCalendar
from reminders.due import Bucket, DueItem, due_by_official, task_items, weekly_summary
from storage.queries.facts import PlanInfo
from tests.support.reminder_world import TTPV, VHXH, VP, recipient, report_facts, task_facts

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar()
OFFSETS = (7, 3, 1, 0)


def items_on(task, day, reports=(), cal=CAL, offsets=OFFSETS, mode="calendar") -> list[DueItem]:  # type: ignore[no-untyped-def]
    mine = effective_reports(reports).get(task.id, [])
    return task_items(task, mine, day, cal, offsets, PeriodPolicy(mode=mode))


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return Clock(tz).local_day(moment)


def summary(items: list[DueItem]) -> list[tuple[date, int, Bucket]]:
    return [(i.occurrence, i.offset_days, i.bucket) for i in items]


def reminder_calendar(task, start: date, end: date, reports=(), **kw) -> dict[date, list[tuple[int, Bucket]]]:  # type: ignore[no-untyped-def]
    result = {}
    day = start
    while day <= end:
        found = items_on(task, day, reports, **kw)
        if found:
            result[day] = [(i.offset_days, i.bucket) for i in found]
        day = date.fromordinal(day.toordinal() + 1)
    return result


def test_dated_task_offsets_then_overdue_every_working_day() -> None:
    # "Chậm nhất ngày 20/11/2025" (Thursday)
    task = task_facts(1, due=date(2025, 11, 20), deadline_text="Chậm nhất ngày 20/11/2025")
    got = reminder_calendar(task, date(2025, 11, 10), date(2025, 11, 25))
    assert got == {
        date(2025, 11, 13): [(7, Bucket.upcoming)],
        date(2025, 11, 17): [(3, Bucket.upcoming)],
        date(2025, 11, 19): [(1, Bucket.upcoming)],
        date(2025, 11, 20): [(0, Bucket.today)],
        date(2025, 11, 21): [(-1, Bucket.overdue)],
        # 22–23/11 is a weekend: nothing
        date(2025, 11, 24): [(-4, Bucket.overdue)],
        date(2025, 11, 25): [(-5, Bucket.overdue)],
    }


def test_due_on_a_sunday_at_month_end_is_reminded_on_friday_and_overdue_from_monday() -> None:
    # "Trong tháng 11/2025" → due 30/11/2025, a Sunday
    task = task_facts(2, kind="month", due=date(2025, 11, 30), deadline_text="Trong tháng 11/2025")
    got = reminder_calendar(task, date(2025, 11, 20), date(2025, 12, 2))
    assert got == {
        date(2025, 11, 21): [(9, Bucket.upcoming)],  # 7 days before = Sunday 23/11 → Friday 21/11
        date(2025, 11, 27): [(3, Bucket.upcoming)],
        date(2025, 11, 28): [(2, Bucket.upcoming)],  # the day before and the day itself fall on the weekend
        date(2025, 12, 1): [(-1, Bucket.overdue)],
        date(2025, 12, 2): [(-2, Bucket.overdue)],
    }


def test_saturday_counts_when_configured() -> None:
    task = task_facts(3, due=date(2025, 12, 1))  # Monday
    cal = WorkCalendar(work_on_saturday=True)
    # the day before (Sunday 30/11) moves to Saturday when Saturday is worked, else to Friday
    assert summary(items_on(task, date(2025, 11, 29), cal=cal)) == [(date(2025, 12, 1), 2, Bucket.upcoming)]
    assert items_on(task, date(2025, 11, 29)) == []
    assert summary(items_on(task, date(2025, 11, 28))) == [(date(2025, 12, 1), 3, Bucket.upcoming)]


def test_quarter_deadline_across_year_end_and_new_year_holiday() -> None:
    task = task_facts(4, kind="quarter", due=date(2025, 12, 31), deadline_text="Quý IV/2025")
    cal = WorkCalendar()  # 01/01/2026 is Tết Dương lịch in the public calendar
    got = reminder_calendar(task, date(2025, 12, 22), date(2026, 1, 5), cal=cal)
    assert got == {
        date(2025, 12, 24): [(7, Bucket.upcoming)],
        date(2025, 12, 26): [(5, Bucket.upcoming)],  # 28/12 is a Sunday
        date(2025, 12, 30): [(1, Bucket.upcoming)],
        date(2025, 12, 31): [(0, Bucket.today)],
        # 01/01/2026 is a public holiday, 03–04/01 a weekend
        date(2026, 1, 2): [(-2, Bucket.overdue)],
        date(2026, 1, 5): [(-5, Bucket.overdue)],
    }


def test_vietnamese_day_in_the_utc_night_band() -> None:
    # 23:30 UTC on 19/11 is 06:30 on 20/11 in Hà Nội; 16:59 UTC is still 19/11 (23:59 local).
    assert local_day(datetime(2025, 11, 19, 23, 30, tzinfo=UTC), HCM) == date(2025, 11, 20)
    assert local_day(datetime(2025, 11, 19, 16, 59, tzinfo=UTC), HCM) == date(2025, 11, 19)
    assert local_day(datetime(2025, 11, 20, 0, 30, tzinfo=UTC), HCM) == date(2025, 11, 20)
    # New Year's Eve at 17:30 UTC is already 2026 in Vietnam
    assert local_day(datetime(2025, 12, 31, 17, 30, tzinfo=UTC), HCM) == date(2026, 1, 1)
    task = task_facts(5, due=date(2025, 11, 20))
    day = local_day(datetime(2025, 11, 19, 23, 30, tzinfo=UTC), HCM)
    assert summary(items_on(task, day)) == [(date(2025, 11, 20), 0, Bucket.today)]


def test_recurring_monthly_report_before_the_18th() -> None:
    # Chí Linh 6.2: "Báo cáo gửi Văn phòng UBND thành phố trước ngày 18 hàng tháng"
    task = task_facts(
        6,
        code="VI.6.2",
        content="Báo cáo tình hình, kết quả thực hiện công tác cải cách TTHC hàng tháng",
        kind="recurring",
        recurrence="monthly:18",
        start=date(2025, 1, 1),
        due=date(2025, 12, 31),
        deadline_text="trước ngày 18 hàng tháng",
        lead=(TTPV,),
    )
    october = report_facts(6, "done", date(2025, 10, 16))
    got = reminder_calendar(task, date(2025, 11, 10), date(2025, 11, 20), reports=[october])
    assert got == {
        date(2025, 11, 11): [(7, Bucket.upcoming)],
        date(2025, 11, 14): [(4, Bucket.upcoming)],  # 15/11 is a Saturday
        date(2025, 11, 17): [(1, Bucket.upcoming)],
        date(2025, 11, 18): [(0, Bucket.today)],
        date(2025, 11, 19): [(-1, Bucket.overdue)],
        date(2025, 11, 20): [(-2, Bucket.overdue)],
    }
    assert items_on(task, date(2025, 11, 18), [october])[0].period_label == "Tháng 11/2025"
    # Without the October report, October's occurrence stays overdue until November's is due.
    assert summary(items_on(task, date(2025, 11, 11))) == [
        (date(2025, 10, 18), -24, Bucket.overdue),
        (date(2025, 11, 18), 7, Bucket.upcoming),
    ]
    assert summary(items_on(task, date(2025, 11, 19))) == [(date(2025, 11, 18), -1, Bucket.overdue)]
    # A report made in October does not cover November; one made in November does.
    november = report_facts(6, "done", date(2025, 11, 17))
    assert summary(items_on(task, date(2025, 11, 19), [october])) == [
        (date(2025, 11, 18), -1, Bucket.overdue)
    ]
    assert items_on(task, date(2025, 11, 19), [october, november]) == []
    # … and not December: its occurrence is reminded 7 days before 18/12
    assert summary(items_on(task, date(2025, 12, 11), [november])) == [
        (date(2025, 12, 18), 7, Bucket.upcoming)
    ]
    # The plan's window ends on 31/12/2025: no occurrence in January 2026
    assert items_on(task, date(2026, 1, 12), [report_facts(6, "done", date(2025, 12, 10))]) == []


def test_recurring_quarterly_occurrence_at_quarter_end() -> None:
    task = task_facts(
        7, kind="recurring", recurrence="quarterly", start=date(2025, 1, 1), due=date(2025, 12, 31)
    )
    q2 = report_facts(7, "done", date(2025, 6, 25))
    assert summary(items_on(task, date(2025, 9, 29), [q2])) == [(date(2025, 9, 30), 1, Bucket.upcoming)]
    assert items_on(task, date(2025, 9, 29), [q2, report_facts(7, "done", date(2025, 7, 5))]) == []
    assert items_on(task, date(2025, 9, 29), [report_facts(7, "in_progress", date(2025, 7, 5)), q2]) != []


def test_leap_year_february() -> None:
    dated = task_facts(8, due=date(2028, 2, 29))  # a Tuesday
    assert summary(items_on(dated, date(2028, 2, 28))) == [(date(2028, 2, 29), 1, Bucket.upcoming)]
    assert summary(items_on(dated, date(2028, 2, 29))) == [(date(2028, 2, 29), 0, Bucket.today)]
    assert summary(items_on(dated, date(2028, 3, 1))) == [(date(2028, 2, 29), -1, Bucket.overdue)]
    month_end = task_facts(
        9, kind="recurring", recurrence="monthly", start=date(2028, 2, 1), due=date(2028, 12, 31)
    )
    assert summary(items_on(month_end, date(2028, 2, 29))) == [(date(2028, 2, 29), 0, Bucket.today)]
    thirtieth = task_facts(10, kind="recurring", recurrence="monthly:30", start=date(2028, 2, 1))
    assert summary(items_on(thirtieth, date(2028, 2, 28))) == [(date(2028, 2, 29), 1, Bucket.upcoming)]


def test_continuous_task_reminded_before_quarter_end_without_a_report() -> None:
    # Thanh Xá I.1: "Thường xuyên trong năm 2023"
    task = task_facts(
        11,
        kind="continuous",
        start=date(2023, 1, 1),
        due=date(2023, 12, 31),
        deadline_text="Thường xuyên trong năm 2023",
    )
    got = reminder_calendar(task, date(2023, 3, 1), date(2023, 3, 31))
    assert got == {date(2023, 3, 17): [(14, Bucket.report)], date(2023, 3, 24): [(7, Bucket.report)]}
    assert items_on(task, date(2023, 3, 17))[0].period_label == "Quý I/2023"
    reported = [report_facts(11, "in_progress", date(2023, 3, 9))]
    assert items_on(task, date(2023, 3, 17), reported) == []
    # a report of the previous quarter does not count for Q2 (Q2 ends Friday 30/06: 16/06 and 23/06)
    assert summary(items_on(task, date(2023, 6, 16), reported)) == [(date(2023, 6, 30), 14, Bucket.report)]
    # outside the plan's year: nothing
    assert items_on(task, date(2024, 3, 15)) == []


def test_continuous_task_in_nd09_periods() -> None:
    task = task_facts(12, kind="continuous", start=date(2025, 1, 1), due=date(2025, 12, 31))
    # Quý IV/2025 in NĐ 09 ends on 14/12/2025: 30/11 and 07/12 are Sundays → Fridays 28/11 and 05/12
    got = reminder_calendar(task, date(2025, 11, 24), date(2025, 12, 14), mode="nd09")
    assert got == {date(2025, 11, 28): [(16, Bucket.report)], date(2025, 12, 5): [(9, Bucket.report)]}


def test_done_tasks_and_corrections() -> None:
    task = task_facts(13, due=date(2025, 11, 20))
    done = report_facts(13, "done", date(2025, 11, 19), report_id=501)
    assert items_on(task, date(2025, 11, 24), [done]) == []
    # a correction superseding the "done" report brings the reminders back
    correction = report_facts(13, "in_progress", date(2025, 11, 21), supersedes_id=501)
    assert summary(items_on(task, date(2025, 11, 24), [done, correction])) == [
        (date(2025, 11, 20), -4, Bucket.overdue)
    ]
    # "in progress" is not done
    assert items_on(task, date(2025, 11, 20), [report_facts(13, "in_progress", date(2025, 11, 18))]) != []
    # a report dated after the frozen day does not count yet
    assert items_on(task, date(2025, 11, 20), [report_facts(13, "done", date(2025, 11, 25))]) != []


def test_never_reminded() -> None:
    day = date(2025, 11, 20)
    assert items_on(task_facts(14, kind="on_demand", deadline_text="Khi có phát sinh"), day) == []
    assert items_on(task_facts(15, kind="unknown", due=day), day) == []
    assert items_on(task_facts(18, due=day), date(2025, 11, 22)) == []  # Saturday


def test_tasks_of_closed_or_ended_plans_are_not_current() -> None:
    """Digests get the current tasks only (plans/lifecycle.py): a closed plan's, or one whose year
    and last reporting window are over, never reach them."""
    day = date(2025, 11, 20)
    plans = [
        PlanInfo(1, "KH 2025", None, None, 2025, "active"),
        PlanInfo(2, "KH 2025 (đã lưu trữ)", None, None, 2025, "archived"),
        PlanInfo(3, "KH 2023", None, None, 2023, "active"),
    ]
    tasks = [
        replace(task_facts(16, due=day), plan_id=1),
        replace(task_facts(17, due=day), plan_id=2),
        replace(task_facts(18, due=date(2023, 5, 1)), plan_id=3),
    ]
    assert [t.id for t in current_tasks(tasks, plans, day, PeriodPolicy())] == [16]
    # the 2023 plan stays current through Q4/2023's reporting window (20/01/2024)
    assert [t.id for t in current_tasks(tasks, plans, date(2024, 1, 20), PeriodPolicy())] == [16, 18]


def test_due_by_official_lead_coordinating_and_recipient_filters() -> None:
    day = date(2025, 11, 20)
    lead_task = task_facts(20, code="II.1", due=day, lead=(VP,), coordinating=(VHXH,))
    coord_task = task_facts(21, code="II.2", due=day, lead=(TTPV,), coordinating=(VP,))
    people = [
        recipient(1, VP),
        recipient(2, VHXH),
        recipient(3, VHXH, remind_coordinating=False),
        recipient(4, VP, active=False),
        recipient(5, VP, reachable=False),
        recipient(6, VP, reminders_enabled=False),
        recipient(7, None),
    ]
    due = due_by_official([lead_task, coord_task], {}, people, day, CAL, OFFSETS)
    assert set(due) == {1, 2}
    assert [i.task.code for i in due[1].lead] == ["II.1"]
    assert [i.task.code for i in due[1].coordinating] == ["II.2"]
    assert due[2].lead == () and [i.task.code for i in due[2].coordinating] == ["II.1"]


def test_group_agency_stands_for_its_members() -> None:
    day = date(2025, 11, 20)
    group = 90  # "Các phòng chuyên môn"
    task = task_facts(22, due=day, lead=(group,))
    due = due_by_official([task], {}, [recipient(1, VHXH)], day, CAL, OFFSETS, agency_groups={group: {VHXH}})
    assert [i.task.id for i in due[1].lead] == [22]


def test_items_sorted_overdue_first() -> None:
    day = date(2025, 11, 20)
    tasks = [
        task_facts(30, code="III.1", due=date(2025, 11, 21)),
        task_facts(31, code="I.2", due=date(2025, 11, 3)),
        task_facts(32, code="II.4", due=day),
    ]
    due = due_by_official(tasks, {}, [recipient(1, VP)], day, CAL, OFFSETS)
    assert [i.bucket for i in due[1].lead] == [Bucket.overdue, Bucket.today, Bucket.upcoming]


def test_weekly_summary_rate_overdue_by_agency_and_this_week() -> None:
    monday = date(2025, 11, 17)
    tasks = [
        task_facts(40, code="I.1", due=date(2025, 11, 5), lead=(VP,)),  # overdue
        task_facts(41, code="I.2", due=date(2025, 11, 10), lead=(VP,)),  # overdue
        task_facts(42, code="II.1", due=date(2025, 11, 12), lead=(TTPV,)),  # done
        task_facts(43, code="II.2", due=date(2025, 11, 19), lead=(TTPV,)),  # this week, in progress
        task_facts(44, code="III.1", due=date(2025, 12, 20), lead=(VHXH,)),
    ]
    reports = [
        report_facts(42, "done", date(2025, 11, 11)),
        report_facts(43, "in_progress", date(2025, 11, 14)),
    ]
    s = weekly_summary(1, tasks, effective_reports(reports), monday)
    assert (s.counts.total, s.counts.done, s.counts.in_progress) == (5, 1, 1)
    assert round(s.counts.completion_rate or 0, 1) == 40.0
    assert s.overdue_by_agency == ((VP, 2),)
    assert [i.task.code for i in s.due_this_week] == ["II.2"]
    assert s.period.label == "Quý IV/2025"
