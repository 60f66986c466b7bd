"""Completion statistics over plain task/report snapshots (pure: no database, no Telegram).

Rules (issue 6, the way the commune reports count):
- A one-off task (deadline kind date/month/quarter/range, or unknown) is done from the day it is
  reported done: its status for a period is that of its latest report counting on or before
  ``cutoff = min(period end, today)``.
- A continuous, recurring or on-demand task counts as done / in progress for a period only through
  a report made within the period (up to the cutoff); without one it is not done.
- Superseded reports never count (a correction replaces what it supersedes).
- An imported result carries the period it covers (period_start..period_end): it counts from the
  start of that period, and "within a period" means that the two periods overlap.
- Completion rate = (done + in progress) / total; done rate = done / total.
- Overdue: a one-off task with a due day before today and not after the period end, not done.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plans.parsing.deadlines import occurrences
from plans.periods import Period
from storage.facts import ReportFacts, TaskFacts

ONE_OFF_KINDS = frozenset({"date", "month", "quarter", "range", "unknown"})
DONE, IN_PROGRESS, NOT_DONE = "done", "in_progress", "not_done"


@dataclass(frozen=True)
class Counts:
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_done: int = 0
    overdue: int = 0
    on_demand: int = 0

    @property
    def done_or_in_progress(self) -> int:
        return self.done + self.in_progress

    @property
    def completion_rate(self) -> float | None:
        """Percent (0–100) of tasks done or in progress; None when there is no task."""
        return 100.0 * self.done_or_in_progress / self.total if self.total else None

    @property
    def done_rate(self) -> float | None:
        return 100.0 * self.done / self.total if self.total else None


@dataclass(frozen=True)
class TaskStatus:
    task: TaskFacts
    status: str  # done | in_progress | not_done
    overdue: bool
    report: ReportFacts | None  # the report the status comes from


@dataclass(frozen=True)
class AgencyCounts:
    agency_id: int
    counts: Counts


@dataclass(frozen=True)
class TargetStatus:
    task: TaskFacts
    metric: str
    min_percent: float
    value: float | None  # latest reported value, None when never reported
    reported_on: date | None

    @property
    def met(self) -> bool | None:
        return None if self.value is None else self.value >= self.min_percent


@dataclass
class Stats:
    period: Period
    today: date
    counts: Counts
    statuses: list[TaskStatus] = field(default_factory=list)


def cutoff_of(period: Period, today: date) -> date:
    return min(period.end, today)


def effective_reports(reports: Iterable[ReportFacts]) -> dict[int, list[ReportFacts]]:
    """Reports per task without the superseded ones, newest first."""
    all_reports = list(reports)
    superseded = {r.supersedes_id for r in all_reports if r.supersedes_id is not None}
    by_task: dict[int, list[ReportFacts]] = defaultdict(list)
    for r in all_reports:
        if r.id not in superseded:
            by_task[r.task_id].append(r)
    for items in by_task.values():
        items.sort(key=_report_order, reverse=True)
    return by_task


def _report_order(r: ReportFacts) -> tuple[date, Any, int]:
    return (r.reported_on, r.created_at, r.id)


def _span(r: ReportFacts) -> tuple[date, date]:
    """The days a report speaks for: the covered period of an imported result, else its day."""
    if r.period_start is not None or r.period_end is not None:
        start = r.period_start or r.period_end or r.reported_on
        end = r.period_end or r.period_start or r.reported_on
        return start, end
    return r.reported_on, r.reported_on


def status_for(
    task: TaskFacts, reports: Sequence[ReportFacts], period: Period, today: date
) -> tuple[str, ReportFacts | None]:
    """Status of one task for a period, from its effective reports (newest first)."""
    return _status_for(task, reports, period.start, cutoff_of(period, today))


def _status_for(
    task: TaskFacts, reports: Sequence[ReportFacts], period_start: date, cutoff: date
) -> tuple[str, ReportFacts | None]:
    one_off = task.deadline_kind in ONE_OFF_KINDS
    for r in reports:  # newest first: the first that counts decides
        start, end = _span(r)
        if start > cutoff:
            continue
        if not one_off and end < period_start:
            continue
        return r.status if r.status in (DONE, IN_PROGRESS) else NOT_DONE, r
    return NOT_DONE, None


def is_overdue(task: TaskFacts, status: str, period: Period, today: date) -> bool:
    if status == DONE or task.deadline_kind not in ONE_OFF_KINDS or task.due is None:
        return False
    return task.due < today and task.due <= period.end


def task_statuses(
    tasks: Sequence[TaskFacts],
    reports: Sequence[ReportFacts] | Mapping[int, list[ReportFacts]],
    period: Period,
    today: date,
) -> list[TaskStatus]:
    by_task = reports if isinstance(reports, Mapping) else effective_reports(reports)
    # Hot loop (10,000 tasks per answer): the cutoff is computed once, not per task.
    cutoff = cutoff_of(period, today)
    start, end = period.start, period.end
    empty: tuple[ReportFacts, ...] = ()
    result: list[TaskStatus] = []
    for task in tasks:
        status, report = _status_for(task, by_task.get(task.id, empty), start, cutoff)
        overdue = (
            status != DONE
            and task.due is not None
            and task.deadline_kind in ONE_OFF_KINDS
            and task.due < today
            and task.due <= end
        )
        result.append(TaskStatus(task, status, overdue, report))
    return result


def count(statuses: Iterable[TaskStatus]) -> Counts:
    total = done = in_progress = not_done = overdue = on_demand = 0
    for s in statuses:
        total += 1
        if s.status == DONE:
            done += 1
        elif s.status == IN_PROGRESS:
            in_progress += 1
        else:
            not_done += 1
        overdue += s.overdue
        on_demand += s.task.deadline_kind == "on_demand"
    return Counts(total, done, in_progress, not_done, overdue, on_demand)


def in_scope(
    task: TaskFacts,
    *,
    agency_id: int | None = None,
    include_coordinating: bool = False,
    plan_ids: Iterable[int] | None = None,
) -> bool:
    if plan_ids is not None and task.plan_id not in set(plan_ids):
        return False
    if agency_id is None:
        return True
    if agency_id in task.lead_agency_ids:
        return True
    return include_coordinating and agency_id in task.coordinating_agency_ids


def select_tasks(
    tasks: Sequence[TaskFacts],
    *,
    agency_id: int | None = None,
    include_coordinating: bool = False,
    plan_ids: Iterable[int] | None = None,
) -> list[TaskFacts]:
    # Same rule as in_scope, without building the plan set once per task (10,000 tasks per answer).
    plans = set(plan_ids) if plan_ids is not None else None
    chosen = list(tasks) if plans is None else [t for t in tasks if t.plan_id in plans]
    if agency_id is None:
        return chosen
    return [
        t
        for t in chosen
        if agency_id in t.lead_agency_ids or (include_coordinating and agency_id in t.coordinating_agency_ids)
    ]


def compute_stats(
    tasks: Sequence[TaskFacts],
    reports: Sequence[ReportFacts],
    period: Period,
    today: date,
    *,
    agency_id: int | None = None,
    include_coordinating: bool = False,
    plan_ids: Iterable[int] | None = None,
) -> Stats:
    """Counts for a scope (whole organization, some plans, one agency) and period."""
    chosen = select_tasks(
        tasks, agency_id=agency_id, include_coordinating=include_coordinating, plan_ids=plan_ids
    )
    statuses = task_statuses(chosen, reports, period, today)
    return Stats(period, today, count(statuses), statuses)


def _worst_first(item: AgencyCounts) -> tuple[float, int, int]:
    rate = item.counts.completion_rate
    return (rate if rate is not None else 101.0, -item.counts.not_done, item.agency_id)


def by_agency(statuses: Sequence[TaskStatus]) -> list[AgencyCounts]:
    """The same counts per lead agency, worst completion first (ties: more tasks not done first)."""
    groups: dict[int, list[TaskStatus]] = defaultdict(list)
    for s in statuses:
        for agency_id in s.task.lead_agency_ids:
            groups[agency_id].append(s)
    items = [AgencyCounts(agency_id, count(items)) for agency_id, items in groups.items()]
    return sorted(items, key=_worst_first)


def target_statuses(
    tasks: Sequence[TaskFacts],
    reports: Sequence[ReportFacts] | Mapping[int, list[ReportFacts]],
    period: Period,
    today: date,
) -> list[TargetStatus]:
    """Each KPI target's latest reported value (on or before the cutoff) against its minimum."""
    by_task = reports if isinstance(reports, Mapping) else effective_reports(reports)
    cutoff = cutoff_of(period, today)
    result: list[TargetStatus] = []
    for task in tasks:
        if not task.targets:
            continue
        latest = next(
            (r for r in by_task.get(task.id, ()) if r.kpi_value is not None and _span(r)[0] <= cutoff),
            None,
        )
        for target in task.targets:
            metric = str(target.get("metric") or "").strip()
            try:
                minimum = float(target.get("min_percent", target.get("min", 0)) or 0)
            except (TypeError, ValueError):
                continue
            value = latest.kpi_value if latest is not None else None
            reported_on = latest.reported_on if latest is not None else None
            result.append(TargetStatus(task, metric or task.content, minimum, value, reported_on))
    return result


def overdue_list(statuses: Sequence[TaskStatus]) -> list[TaskStatus]:
    items = [s for s in statuses if s.overdue]
    return sorted(items, key=lambda s: (s.task.due or date.max, s.task.code))


def upcoming_list(statuses: Sequence[TaskStatus], start: date, end: date) -> list[tuple[TaskStatus, date]]:
    """Tasks not done with a due day between start and end: one-off due days and the occurrences
    of recurring tasks ("trước ngày 18 hàng tháng")."""
    items: list[tuple[TaskStatus, date]] = []
    for s in statuses:
        task = s.task
        if task.deadline_kind in ONE_OFF_KINDS:
            if s.status != DONE and task.due is not None and start <= task.due <= end:
                items.append((s, task.due))
        elif task.deadline_kind == "recurring" and task.recurrence:
            lo = max(start, task.start) if task.start else start
            hi = min(end, task.due) if task.due else end
            try:
                days = occurrences(task.recurrence, lo, hi) if lo <= hi else []
            except ValueError:
                days = []
            if days:
                items.append((s, days[0]))
    return sorted(items, key=lambda item: (item[1], item[0].task.code))
