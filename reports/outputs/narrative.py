"""The parts of a report's narrative beyond the counts: the indicators of the period, the agencies
still without a report, and the tasks due in the next period (reports/outputs/report_data.py puts
them in ReportData; reports/outputs/cover.py writes them out)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from plans import status as S
from plans.lifecycle import tasks_for_period
from plans.periods import Period
from plans.snapshot import OrgFacts, states
from reports.statistics import target_statuses, upcoming_list
from storage.facts import TaskFacts
from storage.models import EscalationKind
from storage.queries.explanations import ExplanationRow
from storage.queries.indicators import organization_indicators
from storage.queries.plans import OutlineNode
from storage.text import fold, number_vi, squash

MAX_UPCOMING = 15


@dataclass(frozen=True)
class Indicator:
    name: str
    value: str  # "99,73%", "120 hồ sơ", "chưa có số liệu"
    target: str = ""  # "60%"
    verdict: str = ""  # "đạt" | "chưa đạt" | ""


@dataclass(frozen=True)
class DueTask:
    code: str
    content: str
    lead: str
    due: date


@dataclass(frozen=True)
class SilentAgency:
    """An agency with tasks still without a report about the period."""

    name: str
    missing: int
    total: int
    explanation: str = ""


def agency_cell(ids: list[int], written: str | None, names: dict[int, str]) -> str:
    """The agency cell as the plan writes it; the matched agencies' names for rows stored before."""
    return squash(written) if written else "; ".join(names.get(a, "?") for a in ids)


def indicators(
    session: Session,
    organization_id: int,
    facts: OrgFacts,
    tasks: list[TaskFacts],
    every: dict[int, S.TaskState],
    period: Period,
    today: date,
) -> list[Indicator]:
    """The plan's targets against their latest values, the measured figures of the period
    (IndicatorValue), and the percentages reported for tasks that have neither."""
    found: list[Indicator] = []
    for t in target_statuses(tasks, facts.reports, min(period.end, today)):
        goal = f"{number_vi(t.min_percent)}%"
        if t.value is None:
            found.append(Indicator(_name(t.metric), "chưa có số liệu", goal))
        else:
            found.append(
                Indicator(_name(t.metric), f"{number_vi(t.value)}%", goal, "đạt" if t.met else "chưa đạt")
            )
    measured: set[int] = set()
    seen: set[tuple[str, float]] = set()
    for row in organization_indicators(session=session, organization_id=organization_id):
        if row.period_start > period.end or row.period_end < period.start:
            continue
        if row.task_id is not None:
            measured.add(row.task_id)
        if (fold(row.label), row.value) in seen:
            continue
        seen.add((fold(row.label), row.value))
        unit = row.unit if row.unit == "%" else f" {row.unit}" if row.unit else ""
        found.append(Indicator(_name(row.label), f"{number_vi(row.value)}{unit}"))
    for task in tasks:
        state = every.get(task.id)
        report = state.report if state is not None else None
        if task.targets or task.id in measured or report is None or report.kpi_value is None:
            continue
        found.append(Indicator(_name(task.content), f"{number_vi(report.kpi_value)}%"))
    return found


def _name(text: str) -> str:
    """An indicator's name as a sentence starts: no list bullet, a capital first letter."""
    name = squash(text).lstrip("-–+•* ").rstrip(" ;:.,")
    return name[:1].upper() + name[1:]


def silent_agencies(
    statuses: Iterable[tuple[int, str]],
    facts: OrgFacts,
    explained: list[ExplanationRow],
    nodes: dict[int, OutlineNode],
) -> list[SilentAgency]:
    """Lead agencies with tasks still without a report about the period, with their explanation;
    `statuses`: (task id, status) of the report's tasks."""
    missing: dict[int, int] = {}
    total: dict[int, int] = {}
    for task_id, status in statuses:
        for agency_id in nodes[task_id].lead:
            total[agency_id] = total.get(agency_id, 0) + 1
            if status == S.NO_REPORT:
                missing[agency_id] = missing.get(agency_id, 0) + 1
    said = {
        e.agency_id: e.answer or "" for e in explained if e.kind == EscalationKind.missing_report and e.answer
    }
    names = facts.context.agency_names
    ordered = sorted(missing, key=lambda a: (-missing[a], fold(names.get(a, ""))))
    return [SilentAgency(names.get(a, "?"), missing[a], total[a], squash(said.get(a, ""))) for a in ordered]


def upcoming(
    facts: OrgFacts, plan_id: int, period: Period, today: date, nodes: dict[int, OutlineNode]
) -> list[DueTask]:
    """The plan's tasks due in the next period and not done (one-off due days, occurrences, milestones)."""
    tasks = [
        t for t in tasks_for_period(facts.tasks, facts.context.plans, period, today) if t.plan_id == plan_id
    ]
    wanted = {t.id for t in tasks}
    chosen = [s for tid, s in states(facts, period, today).items() if tid in wanted]
    names = dict(facts.context.agency_names)
    out: list[DueTask] = []
    for state, due in upcoming_list(chosen, period.start, period.end)[:MAX_UPCOMING]:
        node = nodes.get(state.task.id)
        lead = agency_cell(node.lead, node.lead_text, names) if node else ""
        out.append(DueTask(state.task.code, squash(state.task.content), lead, due))
    return out
