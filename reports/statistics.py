"""Statistics views over task states (pure): per agency, overdue and upcoming lists, KPI targets.

The states themselves come from plans/status.py; this module only groups and orders them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from plans.recurrence import occurrences
from plans.status import DONE, ONE_OFF_KINDS, Counts, TaskState, count, report_period
from storage.facts import ReportFacts, TaskFacts
from storage.text import fold


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


def select_tasks(
    tasks: Iterable[TaskFacts], *, agency_id: int | None = None, include_coordinating: bool = False
) -> list[TaskFacts]:
    """The tasks an agency leads (and coordinates, when asked); every task without an agency."""
    if agency_id is None:
        return list(tasks)
    return [
        t
        for t in tasks
        if agency_id in t.lead_agency_ids or (include_coordinating and agency_id in t.coordinating_agency_ids)
    ]


def _worst_first(item: AgencyCounts) -> tuple[float, int, int]:
    rate = item.counts.completion_rate
    return (rate if rate is not None else 101.0, -item.counts.not_done, item.agency_id)


def by_agency(states: Sequence[TaskState], today: date | None = None) -> list[AgencyCounts]:
    """The same counts per lead agency, worst completion first (ties: more tasks not done first)."""
    groups: dict[int, list[TaskState]] = defaultdict(list)
    for s in states:
        for agency_id in s.task.lead_agency_ids:
            groups[agency_id].append(s)
    items = [AgencyCounts(agency_id, count(items, today)) for agency_id, items in groups.items()]
    return sorted(items, key=_worst_first)


def overdue_list(states: Sequence[TaskState]) -> list[TaskState]:
    items = [s for s in states if s.overdue]
    return sorted(items, key=lambda s: (s.overdue_since or date.max, fold(s.task.code)))


def upcoming_list(states: Sequence[TaskState], start: date, end: date) -> list[tuple[TaskState, date]]:
    """Tasks not done with a due day between start and end: one-off due days, the occurrences of
    recurring tasks ("trước ngày 18 hàng tháng") and milestones."""
    items: list[tuple[TaskState, date]] = []
    for s in states:
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
        else:
            ahead = [day for day, _text in task.milestones if start <= day <= end]
            if ahead and s.status != DONE:
                items.append((s, ahead[0]))
    return sorted(items, key=lambda item: (item[1], item[0].task.code))


def target_statuses(
    tasks: Sequence[TaskFacts],
    reports: Mapping[int, Sequence[ReportFacts]],
    cutoff: date,
    goals: Mapping[int, Sequence[Any]] | None = None,
) -> list[TargetStatus]:
    """Each KPI target against the latest value reported FOR IT (sent on or before the cutoff).

    A progress report carries one KPI value: the one its task's first target asks for (the bot asks
    for that one, an imported result's first percentage names it). A task's other targets have no
    value from it: they read "chưa có số liệu", never the first target's figure (the figures a
    result names for them are IndicatorValue rows, plans/indicators.py). One target per indicator:
    the same target written in the content and in the product column is counted once."""
    from plans.indicators import task_goals

    result: list[TargetStatus] = []
    for task in tasks:
        # `goals`: plans.indicators.task_goals of each task, worked out once per snapshot by the caller
        own = task_goals(task) if goals is None else goals.get(task.id, ())
        if not own:
            continue
        latest = next(
            (
                r
                for r in reports.get(task.id, ())
                if r.kpi_value is not None and r.reported_on <= cutoff and report_period(r)[0] <= cutoff
            ),
            None,
        )
        for index, goal in enumerate(own):
            value = latest.kpi_value if latest is not None and index == 0 else None
            reported_on = latest.reported_on if latest is not None and index == 0 else None
            result.append(TargetStatus(task, goal.label or task.content, goal.minimum, value, reported_on))
    return result
