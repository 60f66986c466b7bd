"""What is due, per official, on a local day: pure functions over TaskFacts/ReportFacts.

Calendar decisions (documented in the README of the issue and tested):
- Working days come from reminders/calendar.py (public holidays, the commune's own days off and
  make-up working days). Nothing is sent on other days.
- A reminder "N days before" that falls on a non-working day is sent on the previous working day:
  early is harmless, late is not. When a due day itself is a Sunday, its "on the day" reminder
  therefore comes on Friday (shown as upcoming, "còn 2 ngày") and "quá hạn" starts on Monday.
- date/month/quarter/range tasks are done when their latest effective report says done.
  A recurring occurrence is done by a "done" report whose reported_on (or period_end) lies in the
  occurrence's calendar period (the month for monthly rules, the quarter for quarterly …).
  Only the latest past occurrence of a recurring rule can be "quá hạn": once the next one is
  due, it takes over (a monthly report missed in October is not nagged about all year). A continuous task is reminded 14 and 7 days before the end of each
  quarter (PLANBOT_PERIOD_MODE) in which no report at all was made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from plans.parsing import deadlines
from plans.periods import (
    Period,
    PeriodMode,
    half,
    month,
    quarter,
    quarter_containing,
    quarter_of,
    year_period,
)
from plans.status import compute_stats
from reminders.calendar import WorkCalendar
from storage.facts import ReportFacts, TaskFacts

DATED_KINDS = frozenset({"date", "month", "quarter", "range"})
CONTINUOUS_OFFSETS = (14, 7)
RECURRING_LOOKBACK_DAYS = 92
LEAD = "lead"
COORDINATING = "coordinating"


class Bucket(StrEnum):
    overdue = "overdue"  # Quá hạn
    today = "today"  # Hôm nay
    upcoming = "upcoming"  # Sắp đến hạn
    quarter = "quarter"  # Cần báo cáo quý này (continuous tasks)


BUCKET_ORDER = {Bucket.overdue: 0, Bucket.today: 1, Bucket.upcoming: 2, Bucket.quarter: 3}


@dataclass(frozen=True)
class Recipient:
    """A plain snapshot of an official, as far as reminders are concerned."""

    official_id: int
    chat_id: int | None
    full_name: str
    role: str = "official"
    organization_id: int | None = None
    agency_id: int | None = None
    active: bool = True
    reachable: bool = True
    reminders_enabled: bool = True
    remind_coordinating: bool = True
    reminder_time: str | None = None

    @property
    def can_receive(self) -> bool:
        return self.active and self.reachable and self.reminders_enabled and self.chat_id is not None


@dataclass(frozen=True)
class DueItem:
    task: TaskFacts
    occurrence: date  # the due day (for continuous tasks: the quarter's last day)
    offset_days: int  # (occurrence - today) in days; negative = overdue
    bucket: Bucket
    period_label: str | None = None  # "Tháng 11/2025" for a recurring occurrence, "Quý IV/2025"


@dataclass(frozen=True)
class OfficialDue:
    recipient: Recipient
    lead: tuple[DueItem, ...] = ()
    coordinating: tuple[DueItem, ...] = ()

    @property
    def items(self) -> tuple[DueItem, ...]:
        return self.lead + self.coordinating

    def __bool__(self) -> bool:
        return bool(self.lead or self.coordinating)


@dataclass
class ReportIndex:
    """Reports grouped by task, superseded ones removed, ordered oldest first."""

    by_task: dict[int, list[ReportFacts]] = field(default_factory=dict)

    @classmethod
    def build(cls, reports: Iterable[ReportFacts], *, until: date | None = None) -> ReportIndex:
        reports = list(reports)
        superseded = {r.supersedes_id for r in reports if r.supersedes_id is not None}
        grouped: dict[int, list[ReportFacts]] = defaultdict(list)
        for report in reports:
            if report.id in superseded or (until is not None and report.reported_on > until):
                continue
            grouped[report.task_id].append(report)
        for items in grouped.values():
            items.sort(key=lambda r: (r.reported_on, r.created_at, r.id))
        return cls(dict(grouped))

    def of(self, task_id: int) -> list[ReportFacts]:
        return self.by_task.get(task_id, [])

    def latest_status(self, task_id: int) -> str | None:
        items = self.of(task_id)
        return items[-1].status if items else None


def local_day(now: datetime, tz: tzinfo) -> date:
    """The local calendar day of an aware moment (23:30 UTC is already tomorrow in Hà Nội)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(tz).date()


def reminder_days(due: date, offsets: Sequence[int], cal: WorkCalendar) -> set[date]:
    return {cal.on_or_before(due - timedelta(days=o)) for o in offsets}


def occurrence_period(recurrence: str, day: date) -> Period:
    """The calendar period an occurrence of a recurring deadline reports on."""
    rule = recurrence.split(":", 1)[0]
    if rule == "quarterly":
        return quarter(day.year, quarter_of(day))
    if rule == "semiannual":
        return half(day.year, 1 if day.month <= 6 else 2)
    if rule == "yearly":
        return year_period(day.year)
    return month(day.year, day.month)


def _recurring_occurrences(task: TaskFacts, lo: date, hi: date) -> list[date]:
    if not task.recurrence:
        return []
    if task.start is not None:
        lo = max(lo, task.start)
    if task.due is not None:  # for a recurring task, due is the end of its window ("… năm 2025")
        hi = min(hi, task.due)
    if hi < lo:
        return []
    try:
        days = deadlines.occurrences(task.recurrence, lo, hi)
    except ValueError:  # a rule this version does not know: never remind rather than crash the run
        return []
    return sorted(d for d in days if lo <= d <= hi)


def _occurrence_done(recurrence: str, occurrence: date, reports: Sequence[ReportFacts]) -> bool:
    period = occurrence_period(recurrence, occurrence)
    for report in reports:
        if report.status != "done":
            continue
        if period.contains(report.reported_on) or (
            report.period_end is not None and period.contains(report.period_end)
        ):
            return True
    return False


def open_occurrences(
    task: TaskFacts, index: ReportIndex, lo: date, hi: date
) -> list[tuple[date, str | None]]:
    """Not-yet-done due days of a task within [lo, hi], with the period label for recurring ones."""
    if task.plan_status != "active":
        return []
    if task.deadline_kind in DATED_KINDS:
        if task.due is None or not lo <= task.due <= hi or index.latest_status(task.id) == "done":
            return []
        return [(task.due, None)]
    if task.deadline_kind == "recurring" and task.recurrence:
        reports = index.of(task.id)
        result: list[tuple[date, str | None]] = []
        for day in _recurring_occurrences(task, lo, hi):
            if not _occurrence_done(task.recurrence, day, reports):
                result.append((day, occurrence_period(task.recurrence, day).label))
        return result
    return []


def _overdue_window_start(task: TaskFacts, today: date) -> date:
    """Recurring rules: only the latest past occurrence can be overdue (the next one takes over)."""
    if task.deadline_kind != "recurring":
        return date.min
    past = _recurring_occurrences(
        task, today - timedelta(days=RECURRING_LOOKBACK_DAYS), today - timedelta(days=1)
    )
    return past[-1] if past else today


def is_overdue(task: TaskFacts, index: ReportIndex, today: date) -> bool:
    since = _overdue_window_start(task, today)
    return since < today and bool(open_occurrences(task, index, since, today - timedelta(days=1)))


def _bucket(offset: int) -> Bucket:
    if offset < 0:
        return Bucket.overdue
    return Bucket.today if offset == 0 else Bucket.upcoming


def task_items(
    task: TaskFacts,
    index: ReportIndex,
    today: date,
    cal: WorkCalendar,
    offsets: Sequence[int],
    mode: PeriodMode = "calendar",
) -> list[DueItem]:
    """The items of one task to put in today's digest (empty on non-working days)."""
    if not cal.is_working_day(today) or task.plan_status != "active":
        return []
    if task.deadline_kind == "continuous":
        return _continuous_items(task, index, today, cal, mode)
    horizon = max([0, *offsets]) + 10  # enough to reach back across a long holiday
    since = _overdue_window_start(task, today)
    items: list[DueItem] = []
    for occurrence, label in open_occurrences(task, index, since, today + timedelta(days=horizon)):
        offset = (occurrence - today).days
        if offset < 0 or today in reminder_days(occurrence, offsets, cal):
            items.append(DueItem(task, occurrence, offset, _bucket(offset), label))
    return items


def _continuous_items(
    task: TaskFacts, index: ReportIndex, today: date, cal: WorkCalendar, mode: PeriodMode
) -> list[DueItem]:
    q = quarter_containing(today, mode)
    if (task.start is not None and task.start > q.end) or (task.due is not None and task.due < q.start):
        return []
    if today not in reminder_days(q.end, CONTINUOUS_OFFSETS, cal):
        return []
    if any(q.contains(r.reported_on) for r in index.of(task.id)):
        return []
    return [DueItem(task, q.end, (q.end - today).days, Bucket.quarter, q.label)]


def _sort_key(item: DueItem) -> tuple[int, date, str]:
    return (BUCKET_ORDER[item.bucket], item.occurrence, item.task.code)


def expand_agencies(ids: Iterable[int], groups: Mapping[int, Iterable[int]]) -> set[int]:
    """A group agency ("Các phòng chuyên môn") stands for its members too."""
    result = set(ids)
    for agency_id in list(result):
        result.update(groups.get(agency_id, ()))
    return result


def due_by_official(
    tasks: Iterable[TaskFacts],
    reports: Iterable[ReportFacts],
    recipients: Iterable[Recipient],
    today: date,
    cal: WorkCalendar,
    offsets: Sequence[int] = (7, 3, 1, 0),
    *,
    mode: PeriodMode = "calendar",
    agency_groups: Mapping[int, Iterable[int]] | None = None,
) -> dict[int, OfficialDue]:
    """Per official id, today's items (lead and coordinating). Officials with nothing are left out."""
    groups = agency_groups or {}
    index = ReportIndex.build(reports, until=today)
    lead_by_agency: dict[int, list[DueItem]] = defaultdict(list)
    coord_by_agency: dict[int, list[DueItem]] = defaultdict(list)
    for task in tasks:
        items = task_items(task, index, today, cal, offsets, mode)
        if not items:
            continue
        lead = expand_agencies(task.lead_agency_ids, groups)
        for agency_id in lead:
            lead_by_agency[agency_id].extend(items)
        for agency_id in expand_agencies(task.coordinating_agency_ids, groups) - lead:
            coord_by_agency[agency_id].extend(items)
    result: dict[int, OfficialDue] = {}
    for person in recipients:
        if not person.can_receive or person.agency_id is None:
            continue
        lead_items = sorted(lead_by_agency.get(person.agency_id, ()), key=_sort_key)
        coord_items: list[DueItem] = []
        if person.remind_coordinating:
            coord_items = sorted(coord_by_agency.get(person.agency_id, ()), key=_sort_key)
        if lead_items or coord_items:
            result[person.official_id] = OfficialDue(person, tuple(lead_items), tuple(coord_items))
    return result


@dataclass(frozen=True)
class WeeklySummary:
    """The leaders' Monday digest for one organization."""

    organization_id: int
    quarter: Period
    total: int
    done: int
    in_progress: int
    overdue_by_agency: tuple[tuple[int, int], ...]  # (agency id, number of overdue tasks)
    due_this_week: tuple[DueItem, ...]

    @property
    def rate(self) -> float:
        return 100.0 * (self.done + self.in_progress) / self.total if self.total else 0.0


def weekly_summary(
    organization_id: int,
    tasks: Iterable[TaskFacts],
    reports: Iterable[ReportFacts],
    today: date,
    *,
    mode: PeriodMode = "calendar",
) -> WeeklySummary:
    """Completion so far this quarter ((đã + đang thực hiện) / tổng), overdue per agency, this week."""
    org_tasks = [t for t in tasks if t.organization_id == organization_id and t.plan_status == "active"]
    reports = list(reports)
    index = ReportIndex.build(reports, until=today)
    q = quarter_containing(today, mode)
    # the same rule as the leaders' statistics: (đã + đang thực hiện) / tổng số nhiệm vụ
    counts = compute_stats(org_tasks, reports, q, today).counts
    done, in_progress = counts.done, counts.in_progress
    overdue: dict[int, int] = defaultdict(int)
    week: list[DueItem] = []
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    for task in org_tasks:
        since = (
            date.min if task.deadline_kind in DATED_KINDS else today - timedelta(days=RECURRING_LOOKBACK_DAYS)
        )
        if open_occurrences(task, index, since, today - timedelta(days=1)):
            for agency_id in task.lead_agency_ids:
                overdue[agency_id] += 1
        for day, label in open_occurrences(task, index, max(today, monday), sunday):
            offset = (day - today).days
            week.append(DueItem(task, day, offset, _bucket(offset), label))
    week.sort(key=_sort_key)
    ranked = tuple(sorted(overdue.items(), key=lambda kv: (-kv[1], kv[0])))
    return WeeklySummary(organization_id, q, counts.total, done, in_progress, ranked, tuple(week))
