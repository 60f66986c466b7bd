"""Plan lifecycle: which plans a period is about, and which plans are current.

A plan covers a period: its year, or a span such as "giai đoạn 2026–2030". After that period and
its last reporting window it is over: its tasks leave the digests, the lists and the overdue
counts, while questions and reports about its periods still work. An admin may also close
(lưu trữ) a plan at any time, e.g. when importing next year's plan of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from plans.periods import Period, PeriodPolicy
from storage.facts import TaskFacts
from storage.queries.facts import PlanInfo
from storage.text import fold

ARCHIVED = "archived"


def plan_span(plan: PlanInfo) -> tuple[date | None, date | None]:
    """The days a plan covers; a plan with only a year covers that year; None where unknown."""
    start, end = plan.period_start, plan.period_end
    if start is None and plan.year is not None:
        start = date(plan.year, 1, 1)
    if end is None and plan.year is not None:
        end = date(plan.year, 12, 31)
    return start, end


def covers(plan: PlanInfo, period: Period) -> bool:
    start, end = plan_span(plan)
    return (start is None or start <= period.end) and (end is None or end >= period.start)


def plans_for_period(plans: Sequence[PlanInfo], period: Period) -> list[PlanInfo]:
    """The plans a period's figures are about: every plan (closed ones too) whose span meets it."""
    return [p for p in plans if covers(p, period)]


def is_current(plan: PlanInfo, today: date, policy: PeriodPolicy) -> bool:
    """Open (not closed) and not over: its span has not ended, or its last reporting window is open."""
    if plan.status == ARCHIVED:
        return False
    _start, end = plan_span(plan)
    if end is None:
        return True
    return today <= policy.window_end(policy.containing(end))


def current_plan_ids(plans: Iterable[PlanInfo], today: date, policy: PeriodPolicy) -> set[int]:
    return {p.id for p in plans if is_current(p, today, policy)}


def tasks_for_period(
    tasks: Iterable[TaskFacts],
    plans: Sequence[PlanInfo],
    period: Period,
    today: date,
    policy: PeriodPolicy | None = None,
) -> list[TaskFacts]:
    """The tasks a period's figures count: those of the plans covering it. A closed plan still
    counts for periods that are over (questions and reports about them still work), not for the
    current or a coming one (it is no longer followed). The period containing today counts the
    current plans — the same tasks the lists and digests show, so "now" agrees everywhere (a plan
    whose year is over stays in view until its last reporting window closes)."""
    if period.contains(today):
        return current_tasks(tasks, plans, today, policy or PeriodPolicy())
    ids = {p.id for p in plans_for_period(plans, period) if p.status != ARCHIVED or period.end < today}
    return [t for t in tasks if t.plan_id in ids]


def current_tasks(
    tasks: Iterable[TaskFacts], plans: Sequence[PlanInfo], today: date, policy: PeriodPolicy
) -> list[TaskFacts]:
    """Tasks of current plans: what lists, digests and "now" answers show."""
    ids = current_plan_ids(plans, today, policy)
    return [t for t in tasks if t.plan_id in ids]


_YEARS = re.compile(r"\b(?:19|20)\d{2}\b")
_SPAN_WORDS = re.compile(r"\b(?:giai doan|nam|nhiem ky|den nam|trong nam)\b")


def kind_key(title: str) -> str:
    """What a plan is about, without its years: "Kế hoạch kiểm soát TTHC năm 2023" and "… năm 2024"
    share a key, so importing next year's plan can offer to close last year's."""
    key = _YEARS.sub(" ", fold(title))
    key = _SPAN_WORDS.sub(" ", key)
    key = re.sub(r"[^0-9a-z ]+", " ", key)
    return re.sub(r"\s+", " ", key).strip()
