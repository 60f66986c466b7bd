"""Task lists, lines, cards and search results, read from the organization's snapshot.

Every view here asks plans/access.py who may see and report, and plans/snapshot.py for the tasks
and their reports: one version check per request, no per-list queries. A card adds the details
that only a card shows (history with notes and files, the plan's title), read by task id.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from plans.access import Viewer, link_of, may_assign, may_correct, may_report, may_see, viewer_of
from plans.lifecycle import current_plan_ids
from plans.periods import Period, PeriodPolicy
from plans.search import SearchIndex
from plans.snapshot import OrgFacts, org_facts, states
from plans.status import TaskState
from storage.facts import HistoryEntry, TaskFacts
from storage.models import Official
from storage.queries.assignments import assigned_task_ids, assignees_of, due_dates_of_task
from storage.queries.explanations import ExplanationRow
from storage.queries.facts import organizations
from storage.queries.tasks import card_details, organization_of_task
from storage.text import fold


@dataclass(frozen=True)
class TaskLine:
    """What a list line or a search result needs; plain data for handlers.ui.views."""

    id: int
    code: str
    number: str | None
    content: str
    deadline_text: str | None
    deadline_kind: str
    due: date | None
    recurrence: str | None
    position: int
    status: str | None = None  # the state's status for the current period (plans/status.py)
    link: str | None = None  # "lead" | "coordinating" for the viewer's agency; None otherwise
    state: TaskState | None = field(default=None, compare=False)  # the task's state today
    # The previous period's state, shown beside "chưa có báo cáo" while the current period is young.
    previous: TaskState | None = field(default=None, compare=False)
    personal_due: date | None = None  # "Việc của tôi": the reader's personal due date (plans/personal_due.py)


@dataclass(frozen=True)
class TaskCard:
    line: TaskLine
    product: str | None
    plan_title: str
    lead_agencies: tuple[str, ...]
    coordinating_agencies: tuple[str, ...]
    targets: tuple[dict[str, Any], ...]
    latest_kpi: float | None
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    can_report: bool = False
    explanations: tuple[ExplanationRow, ...] = ()  # giải trình of the task's agency, latest first
    assignees: tuple[str, ...] = ()  # "Người thực hiện": the people the task is assigned to
    assignee_dues: tuple[date | None, ...] = ()  # their personal due dates, in the same order
    can_assign: bool = False  # plans/access.py may_assign
    can_edit: bool = False  # plans/access.py may_correct: the admin's "✏️ Sửa" (plans/corrections.py)


@dataclass(frozen=True)
class TaskList:
    title_agency: str | None  # the official's agency, for the list title
    lines: list[TaskLine]


@dataclass(frozen=True)
class Today:
    """The day a view is for and the commune's reporting periods: lists show the current period."""

    day: date
    policy: PeriodPolicy = field(default_factory=PeriodPolicy)

    # Kept once computed: every line of a list asks for both.
    @functools.cached_property
    def period(self) -> Period:
        return self.policy.containing(self.day)

    @functools.cached_property
    def previous_period(self) -> Period:
        return self.policy.shift(self.period, -1)


def _line(facts: OrgFacts, task: TaskFacts, viewer: Viewer, today: Today) -> TaskLine:
    state = states(facts, today.period, today.day).get(task.id)
    previous = None
    if state is not None and not state.reported:
        previous = states(facts, today.previous_period, today.day).get(task.id)
    return TaskLine(
        id=task.id,
        code=task.code,
        number=task.number,
        content=task.content,
        deadline_text=task.deadline_text,
        deadline_kind=task.deadline_kind,
        due=task.due,
        recurrence=task.recurrence,
        position=task.position,
        status=state.status if state is not None else None,
        link=link_of(task, viewer.agency_ids),
        state=state,
        previous=previous if previous is not None and previous.reported else None,
    )


def _current_ids(facts: OrgFacts, today: Today) -> set[int]:
    """Lists, cards and search show the tasks of current plans (plans/lifecycle.py)."""
    plans = current_plan_ids(facts.context.plans, today.day, today.policy)
    return {t.id for t in facts.tasks if t.plan_id in plans}


def _snapshots(session: Session, official: Official) -> list[OrgFacts]:
    """The snapshots the official may look into: their organization's, or every one for an admin
    named in the settings without an organization of their own."""
    if not official.active:
        return []
    if official.organization_id is not None:
        return [org_facts(session=session, organization_id=official.organization_id)]
    if official.role != "admin":
        return []
    return [org_facts(session=session, organization_id=org) for org, _name in organizations(session=session)]


def _facts_of_task(session: Session, official: Official, task_id: int) -> OrgFacts | None:
    if not official.active:
        return None
    if official.organization_id is not None:
        return org_facts(session=session, organization_id=official.organization_id)
    org = organization_of_task(session=session, task_id=task_id)
    return org_facts(session=session, organization_id=org) if org is not None else None


def _viewer(
    session: Session, facts: OrgFacts, official: Official, assigned: frozenset[int] | None = None
) -> Viewer:
    """The access rule's viewer, with the tasks assigned to the official in person (read here
    unless the caller already has them)."""
    if assigned is None:
        assigned = assigned_task_ids(session=session, official_id=official.id)
    return viewer_of(official, facts.context.groups, assigned)


def _visible(
    session: Session, facts: OrgFacts, official: Official, task_id: int, today: Today
) -> tuple[Viewer, TaskFacts] | None:
    task = facts.task_by_id.get(task_id)
    if task is None or task_id not in _current_ids(facts, today):
        return None
    viewer = _viewer(session, facts, official)
    return (viewer, task) if may_see(viewer, task) else None


def task_list(
    *,
    session: Session,
    official: Official,
    today: Today,
    only: frozenset[int] | None = None,
    assigned: frozenset[int] | None = None,
) -> TaskList:
    """Every current task the official may see, in document order, with its state (/viec);
    `only` narrows it to these tasks ("Việc của tôi": the ones assigned to them). `assigned`: the
    tasks assigned to the official, when the caller has read them already."""
    lines: list[TaskLine] = []
    name: str | None = None
    for facts in _snapshots(session, official):
        viewer = _viewer(session, facts, official, assigned)
        current = _current_ids(facts, today) if only is None else _current_ids(facts, today) & only
        lines += [
            _line(facts, t, viewer, today) for t in facts.tasks if t.id in current and may_see(viewer, t)
        ]
        if official.agency_id is not None:
            name = name or facts.context.agency_names.get(official.agency_id)
    return TaskList(name, lines)


def line_of(*, session: Session, official: Official, task_id: int, today: Today) -> TaskLine | None:
    """One task's line, or None when the official may not see it."""
    facts = _facts_of_task(session, official, task_id)
    found = _visible(session, facts, official, task_id, today) if facts is not None else None
    return _line(facts, found[1], found[0], today) if facts is not None and found is not None else None


def report_choice(
    *, session: Session, official: Official, task_id: int, today: Today
) -> tuple[TaskLine, list[dict[str, Any]]] | None:
    """The task an official starts a progress report on, with its KPI targets; None if not allowed."""
    facts = _facts_of_task(session, official, task_id)
    found = _visible(session, facts, official, task_id, today) if facts is not None else None
    if facts is None or found is None or not may_report(*found):
        return None
    viewer, task = found
    return _line(facts, task, viewer, today), list(task.targets)


def may_report_task(*, session: Session, official: Official, task_id: int, today: Today) -> bool:
    """The rule for storing a report: re-read at the moment of storing, never trusted from a draft."""
    return report_choice(session=session, official=official, task_id=task_id, today=today) is not None


def _names(facts: OrgFacts, ids: frozenset[int]) -> tuple[str, ...]:
    names = [facts.context.agency_names.get(i, "?") for i in ids]
    return tuple(sorted(names, key=fold))


def card(*, session: Session, official: Official, task_id: int, today: Today) -> TaskCard | None:
    """The task card (history, agencies, plan), or None when the official may not see the task."""
    facts = _facts_of_task(session, official, task_id)
    found = _visible(session, facts, official, task_id, today) if facts is not None else None
    if facts is None or found is None:
        return None
    viewer, task = found
    details = card_details(session=session, task_id=task_id)
    latest_kpi = next(
        (e.kpi_value for e in details.history if not e.superseded and e.kpi_value is not None), None
    )
    people = assignees_of(session=session, task_id=task_id)
    dues = due_dates_of_task(session=session, task_id=task_id) if people else {}
    return TaskCard(
        line=_line(facts, task, viewer, today),
        product=details.product,
        plan_title=details.plan_title,
        lead_agencies=_names(facts, task.lead_agency_ids),
        coordinating_agencies=_names(facts, task.coordinating_agency_ids),
        targets=task.targets,
        latest_kpi=latest_kpi,
        history=details.history,
        explanations=details.explanations,
        can_report=may_report(viewer, task),
        assignees=tuple(p.full_name for p in people),
        assignee_dues=tuple(dues.get(p.id) for p in people),
        can_assign=may_assign(viewer, task),
        can_edit=may_correct(viewer, task.organization_id),
    )


def search_index(facts: OrgFacts) -> SearchIndex:
    """The organization's search index over all its tasks, built once per snapshot (a search is
    narrowed to the current tasks the viewer may see)."""
    index = facts.derived.get("search_index")
    if index is None:
        index = facts.derived["search_index"] = SearchIndex.build(facts.tasks)
    return index  # type: ignore[no-any-return]


SEARCHABLE_KEPT = 256


def _searchable(facts: OrgFacts, viewer: Viewer, today: Today, reportable_only: bool) -> frozenset[int]:
    """The current tasks the viewer may see (or report), kept with the snapshot: deciding it for
    10,000 tasks costs more than the search itself, and it changes only with the snapshot or the day."""
    cache = facts.derived.setdefault("searchable", {})
    key = (viewer, today, reportable_only)
    allowed = cache.get(key)
    if allowed is None:
        if len(cache) >= SEARCHABLE_KEPT:  # many viewers over a long-lived snapshot: start afresh
            cache.clear()
        rule = may_report if reportable_only else may_see
        current = _current_ids(facts, today)
        allowed = cache[key] = frozenset(t.id for t in facts.tasks if t.id in current and rule(viewer, t))
    return allowed  # type: ignore[no-any-return]


def search(
    *,
    session: Session,
    official: Official,
    query: str,
    today: Today,
    limit: int = 5,
    reportable_only: bool = False,
) -> list[TaskLine]:
    """The tasks the official may see (or report, with reportable_only) that best match the query."""
    found: list[tuple[float, int, int, OrgFacts, Viewer, TaskFacts]] = []
    for facts in _snapshots(session, official):
        viewer = _viewer(session, facts, official)
        allowed = _searchable(facts, viewer, today, reportable_only)
        if not allowed:
            continue
        for rank, hit in enumerate(search_index(facts).search(query, allowed, limit)):
            found.append(
                (-hit.matched - hit.score, rank, hit.position, facts, viewer, facts.task_by_id[hit.task_id])
            )
    found.sort(key=lambda item: item[:3])
    return [_line(facts, task, viewer, today) for _s, _r, _p, facts, viewer, task in found[:limit]]
