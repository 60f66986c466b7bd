"""The overview page: the period's rate with the commune's arithmetic, by agency, the trend, the
overdue tasks, the agencies that have not reported, and the indicators met or not.

The scope is the bot's (reports/answers/context.py View): a leader or admin sees the commune, an
official their agency's tasks (as lead, as `/tyle` counts them); the counts are plans/status.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from plans import status as S
from plans.indicators import task_goals
from plans.periods import Period, PeriodPolicy, period_code, quarter
from plans.snapshot import OrgFacts, org_facts, states
from plans.status import Counts, TaskState
from reports import statistics as ST
from reports.answers.context import View, is_leader
from reports.answers.scope import viewer_organization
from reports.charting import trend_periods
from storage.facts import TaskFacts
from storage.models import Official

NO_ORGANIZATION = "Tài khoản chưa gắn với xã/phường nào: liên hệ quản trị viên."
NO_AGENCY = "Tài khoản chưa gắn với cơ quan/đơn vị nào: liên hệ quản trị viên."
CACHE_SIZE = 16  # overviews kept per snapshot (scopes × periods × days)


@dataclass(frozen=True)
class AgencyRow:
    agency_id: int
    name: str  # as the plan writes it
    counts: Counts


@dataclass(frozen=True)
class SilentAgency:
    name: str
    without_report: int  # its tasks with no report about the period
    total: int


@dataclass(frozen=True)
class TargetRow:
    code: str
    task_id: int
    metric: str
    minimum: float
    value: float | None
    met: bool | None  # None: no figure yet


@dataclass(frozen=True)
class Overview:
    organization: str
    period: Period
    choices: tuple[Period, ...]  # the periods the page offers (the plans' quarters)
    scope_label: str
    counts: Counts
    agencies: tuple[AgencyRow, ...] = ()  # worst first; empty for one agency's scope
    trend: tuple[tuple[str, float | None], ...] = ()  # (period label, rate), oldest first
    overdue: tuple[TaskState, ...] = ()
    silent: tuple[SilentAgency, ...] = ()
    targets: tuple[TargetRow, ...] = ()
    names: dict[int, str] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        return self.counts.completion_rate

    @property
    def code(self) -> str:
        return period_code(self.period)


def scope_view(facts: OrgFacts, viewer: Official, today: date, policy: PeriodPolicy) -> View | str:
    """The bot's view for this viewer: the commune, or the official's agency (as lead)."""
    if is_leader(viewer):
        return View(facts, viewer, today, policy)
    if viewer.agency_id is None:
        return NO_AGENCY
    name = facts.context.agency_names.get(viewer.agency_id)
    return View(facts, viewer, today, policy, viewer.agency_id, name, "lead")


def period_choices(facts: OrgFacts, today: date, policy: PeriodPolicy) -> tuple[Period, ...]:
    """The quarters of the commune's plans' years, and the current one, latest first."""
    years = {p.year for p in facts.context.plans if p.year} | {today.year}
    found = {period_code(q): q for y in years for q in (quarter(y, i, policy.mode) for i in range(1, 5))}
    current = policy.default_for_questions(today)
    found.setdefault(period_code(current), current)
    return tuple(sorted(found.values(), key=lambda p: (p.start, p.end), reverse=True))


def _scope_states(view: View, facts: OrgFacts, period: Period, today: date) -> list[TaskState]:
    every = states(facts, period, today)
    return [every[t.id] for t in view.tasks(period) if t.id in every]


def _silent(tasks: list[TaskState], names: dict[int, str]) -> tuple[SilentAgency, ...]:
    totals: dict[int, list[int]] = {}
    for s in tasks:
        for agency_id in s.task.lead_agency_ids:
            row = totals.setdefault(agency_id, [0, 0])
            row[1] += 1
            row[0] += not s.reported_about_period
    rows = [SilentAgency(names.get(a, "?"), n, t) for a, (n, t) in totals.items() if n]
    return tuple(sorted(rows, key=lambda r: (-r.without_report / r.total, r.name)))


def _targets(tasks: list[TaskFacts], facts: OrgFacts, period: Period, today: date) -> tuple[TargetRow, ...]:
    """The indicators of the scope (reports/statistics.py), over the tasks that have targets only: which
    tasks do is worked out once per snapshot, in the store the bot's indicator answers share."""
    goals: dict[int, list[Any]] | None = facts.derived.get("task_goals")
    if goals is None:
        goals = {t.id: found for t in facts.tasks if t.targets and (found := task_goals(t))}
        facts.derived["task_goals"] = goals
    with_goals = [t for t in tasks if t.id in goals]
    rows = ST.target_statuses(
        with_goals, facts.reports, min(period.end, today), goals
    )  # as the Báo cáo counts them
    return tuple(TargetRow(r.task.code, r.task.id, r.metric, r.min_percent, r.value, r.met) for r in rows)


def _rate(found: list[TaskState]) -> float | None:
    """The period's rate for the trend: plans/status.py's Counts.completion_rate, without the other counts."""
    total = len(found)
    if not total or not any(s.reported_about_period for s in found):
        return None
    return 100.0 * sum(1 for s in found if s.active) / total


def overview(
    *, session: Session, viewer: Official, period: Period | None, today: date, policy: PeriodPolicy
) -> Overview | str:
    """The overview's data for the viewer, or a text saying why there is none. Kept per snapshot
    version, scope, period and day: while nothing changes, a reload costs one version check."""
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return NO_ORGANIZATION
    facts = org_facts(session=session, organization_id=org_id)
    view = scope_view(facts, viewer, today, policy)
    if isinstance(view, str):
        return view
    period = period or policy.default_for_questions(today)
    cache: dict[tuple[Any, ...], Overview] = facts.derived.setdefault("dashboard_overview", {})
    key = (facts.version, facts.generation, view.agency_id, period.start, period.end, period.kind, today)
    found = cache.get(key)
    if found is None:
        found = _build(facts, view, period, today, policy)
        if len(cache) >= CACHE_SIZE:
            cache.pop(next(iter(cache)), None)
        cache[key] = found
    return found


def _build(facts: OrgFacts, view: View, period: Period, today: date, policy: PeriodPolicy) -> Overview:
    scoped = _scope_states(view, facts, period, today)
    names = dict(facts.context.agency_names)
    agencies: tuple[AgencyRow, ...] = ()
    if view.agency_id is None:
        agencies = tuple(
            AgencyRow(row.agency_id, names.get(row.agency_id, "?"), row.counts)
            for row in ST.by_agency(scoped, today)
        )
    counts = S.count(scoped, today)
    trend: list[tuple[str, float | None]] = []
    for earlier in trend_periods(period, policy, today):
        if earlier == period:
            trend.append((earlier.label, counts.completion_rate))
            continue
        found = _scope_states(view, facts, earlier, today)
        if found:  # no plan covered that period: nothing to show, not a zero
            trend.append((earlier.label, _rate(found)))
    return Overview(
        organization=facts.context.name,
        period=period,
        choices=period_choices(facts, today, policy),
        scope_label=view.label,
        counts=counts,
        agencies=agencies,
        trend=tuple(trend),
        overdue=tuple(ST.overdue_list(scoped)),
        silent=_silent(scoped, names),
        targets=_targets([s.task for s in scoped], facts, period, today),
        names=names,
    )
