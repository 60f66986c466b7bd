"""What is due, per official, on a local day: pure functions over task facts, their reports and the
status model (plans/status.py) — a digest never decides on its own what is overdue or done.

Calendar decisions:
- Working days come from reminders/calendar.py (public holidays, the commune's own days off and
  make-up working days). Nothing is sent on other days.
- A reminder "N days before" that falls on a non-working day is sent on the previous working day:
  early is harmless, late is not.
- Overdue items are the tasks the status model finds overdue today (for the current reporting
  period): a one-off task past its due day and not reported done, a recurring task whose latest
  occurrence was missed (only the latest: once the next one is due it takes over), a milestone of
  a continuous task passed without a done report.
- Due days ahead: a one-off task's due day, the next occurrences of a recurring rule and a
  continuous task's milestones, each reminded on the configured offsets when not done.
- A continuous task without a report for the current period is reminded 14 and 7 days before the
  period ends, and one without a report for the period just ended 5 and 1 days before that
  period's reporting window closes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from plans.periods import Period, PeriodPolicy
from plans.personal_due import personal_task
from plans.recurrence import occurrence_period, occurrences
from plans.status import DONE, NO_REPORT, ONE_OFF_KINDS, Counts, TaskState, count, occurrence_met, task_state
from reminders.calendar import WorkCalendar
from storage.facts import ReportFacts, TaskFacts

DATED_KINDS = frozenset({"date", "month", "quarter", "range"})
REPORT_OFFSETS = (14, 7)  # days before a period ends: a continuous task still without its report
WINDOW_OFFSETS = (5, 1)  # days before a reporting window closes
LEAD = "lead"
COORDINATING = "coordinating"


class Bucket(StrEnum):
    overdue = "overdue"  # Quá hạn
    today = "today"  # Hôm nay
    upcoming = "upcoming"  # Sắp đến hạn
    report = "report"  # Cần báo cáo kỳ này (continuous tasks)


BUCKET_ORDER = {Bucket.overdue: 0, Bucket.today: 1, Bucket.upcoming: 2, Bucket.report: 3}


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
    occurrence: date  # the due day (for a report item: the last day to report)
    offset_days: int  # (occurrence - today) in days; negative = overdue
    bucket: Bucket
    period_label: str | None = None  # "Tháng 11/2025" for a recurring occurrence, "Quý IV/2025"
    personal: bool = False  # due by the reader's personal due date (TaskAssignee.due_date)


@dataclass(frozen=True)
class OfficialDue:
    recipient: Recipient
    lead: tuple[DueItem, ...] = ()
    coordinating: tuple[DueItem, ...] = ()
    assigned: frozenset[int] = frozenset()  # of the items' tasks, those assigned to them in person

    @property
    def items(self) -> tuple[DueItem, ...]:
        return self.lead + self.coordinating

    def __bool__(self) -> bool:
        return bool(self.lead or self.coordinating)


Reports = Mapping[int, Sequence[ReportFacts]]  # effective reports per task, newest first


def reminder_days(due: date, offsets: Sequence[int], cal: WorkCalendar) -> set[date]:
    return {cal.on_or_before(due - timedelta(days=o)) for o in offsets}


def _bucket(offset: int) -> Bucket:
    if offset < 0:
        return Bucket.overdue
    return Bucket.today if offset == 0 else Bucket.upcoming


def _ahead(
    task: TaskFacts, state: TaskState, reports: Sequence[ReportFacts], today: date, horizon: int
) -> list[tuple[date, str | None]]:
    """Due days from today on (within the horizon) that are not done yet, with a period label."""
    until = today + timedelta(days=horizon)
    if task.deadline_kind in ONE_OFF_KINDS:
        due = task.due if task.deadline_kind in DATED_KINDS else None  # an unknown deadline has no day
        return [(due, None)] if due is not None and today <= due <= until and state.status != DONE else []
    days: list[tuple[date, str | None]] = []
    if task.deadline_kind == "recurring" and task.recurrence:
        lo = max(today, task.start) if task.start else today
        hi = min(until, task.due) if task.due else until
        try:
            found = occurrences(task.recurrence, lo, hi) if lo <= hi else []
        except ValueError:  # a rule this version does not know: never remind rather than crash
            found = []
        for day in found:
            if not occurrence_met(task, reports, day, today):
                days.append((day, occurrence_period(task.recurrence, day).label))
    for day, _text in task.milestones:
        if today <= day <= until and state.status != DONE:
            days.append((day, None))
    return days


def _report_items(
    task: TaskFacts, reports: Sequence[ReportFacts], today: date, cal: WorkCalendar, policy: PeriodPolicy
) -> list[DueItem]:
    """A continuous task whose period report is missing, near the period's end or its window's."""
    current = policy.containing(today)
    items: list[DueItem] = []
    if task_state(task, reports, current, today).status == NO_REPORT and today in reminder_days(
        current.end, REPORT_OFFSETS, cal
    ):
        items.append(DueItem(task, current.end, (current.end - today).days, Bucket.report, current.label))
    ended = policy.open_window(today)
    if ended is not None and _covers(task, ended):
        close = policy.window_end(ended)
        if task_state(task, reports, ended, today).status == NO_REPORT and today in reminder_days(
            close, WINDOW_OFFSETS, cal
        ):
            items.append(DueItem(task, close, (close - today).days, Bucket.report, ended.label))
    return items


def _covers(task: TaskFacts, period: Period) -> bool:
    return (task.start is None or task.start <= period.end) and (task.due is None or task.due >= period.start)


def task_items(
    task: TaskFacts,
    reports: Sequence[ReportFacts],
    today: date,
    cal: WorkCalendar,
    offsets: Sequence[int],
    policy: PeriodPolicy,
) -> list[DueItem]:
    """The items of one task to put in today's digest (empty on non-working days)."""
    if not cal.is_working_day(today):
        return []
    period = policy.containing(today)
    state = task_state(task, reports, period, today)
    items: list[DueItem] = []
    if state.overdue and state.overdue_since is not None:
        # Overdue is the status model's call alone, even for a task whose span has ended (a
        # December occurrence missed is still owed in January, until the plan's window closes).
        since = state.overdue_since
        label = occurrence_period(task.recurrence, since).label if task.recurrence else None
        items.append(DueItem(task, since, (since - today).days, Bucket.overdue, label))
    if not _covers(task, period) and task.deadline_kind not in ONE_OFF_KINDS:
        return items
    horizon = max([0, *offsets]) + 10  # enough to reach across a long holiday
    for day, label in _ahead(task, state, reports, today, horizon):
        if today in reminder_days(day, offsets, cal):
            offset = (day - today).days
            items.append(DueItem(task, day, offset, _bucket(offset), label))
    if task.deadline_kind == "continuous":
        items += _report_items(task, reports, today, cal, policy)
    return items


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
    reports: Reports,
    recipients: Iterable[Recipient],
    today: date,
    cal: WorkCalendar,
    offsets: Sequence[int] = (7, 3, 1, 0),
    *,
    policy: PeriodPolicy | None = None,
    agency_groups: Mapping[int, Iterable[int]] | None = None,
    assigned: Mapping[int, Iterable[int]] | None = None,
    personal_due: Mapping[int, Mapping[int, date]] | None = None,
) -> dict[int, OfficialDue]:
    """Per official id, today's items (lead and coordinating). Officials with nothing are left out.

    `tasks` are the current ones (plans/lifecycle.current_tasks); `agency_groups` maps a group agency
    to its members; `assigned` maps an official to the tasks assigned to them in person: those come
    with their lead items whatever their agency or coordinating setting, never twice.
    `personal_due` (official → task → day): an assignee's own due date for a task; their items of
    that task are the status model's for the task as they see it (plans/personal_due.py), the
    others' stay the task's own."""
    groups = agency_groups or {}
    mine = assigned or {}
    dues = personal_due or {}
    every: dict[int, TaskFacts] = {}
    by_task: dict[int, list[DueItem]] = {}
    policy = policy or PeriodPolicy()
    lead_by_agency: dict[int, list[DueItem]] = defaultdict(list)
    coord_by_agency: dict[int, list[DueItem]] = defaultdict(list)
    empty: tuple[ReportFacts, ...] = ()
    for task in tasks:
        every[task.id] = task
        items = task_items(task, reports.get(task.id, empty), today, cal, offsets, policy)
        if not items:
            continue
        by_task[task.id] = items
        lead = expand_agencies(task.lead_agency_ids, groups)
        for agency_id in lead:
            lead_by_agency[agency_id].extend(items)
        for agency_id in expand_agencies(task.coordinating_agency_ids, groups) - lead:
            coord_by_agency[agency_id].extend(items)
    result: dict[int, OfficialDue] = {}
    for person in recipients:
        own = mine.get(person.official_id, ())
        if not person.can_receive or (person.agency_id is None and not own):
            continue
        agency = person.agency_id
        lead_items = list(lead_by_agency.get(agency, ())) if agency is not None else []
        coord_items: list[DueItem] = []
        if person.remind_coordinating and agency is not None:
            coord_items = list(coord_by_agency.get(agency, ()))
        listed = {item.task.id for item in (*lead_items, *coord_items)}
        for task_id in sorted(set(own) - listed):
            lead_items.extend(by_task.get(task_id, ()))
        personal = _personal_items(
            dues.get(person.official_id, {}), set(own), every, reports, today, cal, offsets, policy
        )
        if personal is not None:
            dated, items_of = personal
            lead_items = [i for i in lead_items if i.task.id not in dated] + items_of
            coord_items = [i for i in coord_items if i.task.id not in dated]
        lead_items.sort(key=_sort_key)
        coord_items.sort(key=_sort_key)
        if lead_items or coord_items:
            shown = {i.task.id for i in (*lead_items, *coord_items)}
            result[person.official_id] = OfficialDue(
                person, tuple(lead_items), tuple(coord_items), frozenset(own) & shown
            )
    return result


def _personal_items(
    dues: Mapping[int, date],
    own: set[int],
    tasks: Mapping[int, TaskFacts],
    reports: Reports,
    today: date,
    cal: WorkCalendar,
    offsets: Sequence[int],
    policy: PeriodPolicy,
) -> tuple[set[int], list[DueItem]] | None:
    """(the tasks with a personal due date, their items for the assignee), or None without any."""
    dated = {t for t in dues if t in own and t in tasks}
    if not dated:
        return None
    items: list[DueItem] = []
    for task_id in sorted(dated):
        due, task = dues[task_id], tasks[task_id]
        seen = personal_task(task, due)
        for item in task_items(seen, reports.get(task_id, ()), today, cal, offsets, policy):
            # the item names the task as the plan has it; its day is the personal one when it is
            items.append(
                DueItem(
                    task,
                    item.occurrence,
                    item.offset_days,
                    item.bucket,
                    item.period_label,
                    item.occurrence == due,
                )
            )
    return dated, items


@dataclass(frozen=True)
class WeeklySummary:
    """The leaders' Monday digest for one organization."""

    organization_id: int
    period: Period
    counts: Counts
    overdue_by_agency: tuple[tuple[int, int], ...]  # (agency id, number of overdue tasks)
    due_this_week: tuple[DueItem, ...]


def weekly_summary(
    organization_id: int,
    tasks: Sequence[TaskFacts],
    reports: Reports,
    today: date,
    *,
    policy: PeriodPolicy | None = None,
) -> WeeklySummary:
    """The current period's counts (the same scope and rule as /tyle for it), overdue per lead
    agency and what is due this week. `tasks`: the tasks of the period (plans/lifecycle)."""
    policy = policy or PeriodPolicy()
    period = policy.containing(today)
    empty: tuple[ReportFacts, ...] = ()
    states = [task_state(t, reports.get(t.id, empty), period, today) for t in tasks]
    overdue: dict[int, int] = defaultdict(int)
    for state in states:
        if state.overdue:
            for agency_id in state.task.lead_agency_ids:
                overdue[agency_id] += 1
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    week: list[DueItem] = []
    for state in states:
        for day, label in _ahead(
            state.task, state, reports.get(state.task.id, empty), today, (sunday - today).days
        ):
            offset = (day - today).days
            week.append(DueItem(state.task, day, offset, _bucket(offset), label))
    week.sort(key=_sort_key)
    ranked = tuple(sorted(overdue.items(), key=lambda kv: (-kv[1], kv[0])))
    return WeeklySummary(organization_id, period, count(states, today), ranked, tuple(week))


def unassigned_items(
    tasks: Iterable[TaskFacts],
    reports: Reports,
    empty_groups: frozenset[int] | set[int],
    staffed_agencies: set[int],
    today: date,
    cal: WorkCalendar,
    offsets: Sequence[int],
    *,
    policy: PeriodPolicy,
) -> list[DueItem]:
    """Items of tasks nobody receives: led only by group agencies that have no member agencies and
    no official of their own. They go to the admins' digest as "chưa có người phụ trách"."""
    items: list[DueItem] = []
    for task in tasks:
        lead = task.lead_agency_ids
        if lead and lead <= empty_groups and not lead & staffed_agencies:
            items += task_items(task, reports.get(task.id, ()), today, cal, offsets, policy)
    return sorted(items, key=_sort_key)
