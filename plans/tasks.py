"""Task lists, lines and cards read from the organization's snapshot (reports/cache.py).

`storage.queries.tasks` holds the rule in SQL (which tasks an official sees, the latest status,
the link to their agency); this module gives the same answers from the snapshot every statistics
answer already keeps, checked by one version query instead of four queries per list. A test holds
the two equal. An admin of every organization (no organization of their own) gets the SQL path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from plans.snapshot import OrgFacts, org_facts
from storage.facts import TaskFacts
from storage.models import LinkRole, Official, Role
from storage.queries.search import search_task_ids, search_tasks
from storage.queries.tasks import (
    TaskCard,
    TaskLine,
    agency_label,
    may_report,
    task_card,
    task_line,
    task_targets,
    visible_task_lines,
)


@dataclass(frozen=True)
class TaskList:
    title_agency: str | None  # the official's agency, for the list title
    lines: list[TaskLine]


def _agency_ids(facts: OrgFacts, official: Official) -> frozenset[int]:
    if official.agency_id is None:
        return frozenset()
    return frozenset({official.agency_id, *facts.context.groups.get(official.agency_id, ())})


def _link(task: TaskFacts, agency_ids: frozenset[int]) -> str | None:
    if not task.lead_agency_ids.isdisjoint(agency_ids):
        return LinkRole.lead
    if not task.coordinating_agency_ids.isdisjoint(agency_ids):
        return LinkRole.coordinating
    return None


def _visible(official: Official, task: TaskFacts, link: str | None) -> bool:
    if task.plan_status != "active":
        return False
    return official.role in (Role.leader, Role.admin) or link is not None


def _line(facts: OrgFacts, task: TaskFacts, link: str | None) -> TaskLine:
    latest = facts.reports.get(task.id)
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
        status=latest[0].status if latest else None,  # effective reports, newest first
        link=link,
    )


def _visible_line(
    facts: OrgFacts, official: Official, agency_ids: frozenset[int], task_id: int
) -> TaskLine | None:
    task = facts.task_by_id.get(task_id)
    if task is None:
        return None
    link = _link(task, agency_ids)
    return _line(facts, task, link) if _visible(official, task, link) else None


def _snapshot(session: Session, official: Official) -> OrgFacts | None:
    """The official's organization's snapshot; None for an admin of every organization."""
    if official.organization_id is None:
        return None
    return org_facts(session=session, organization_id=official.organization_id)


def task_list(*, session: Session, official: Official) -> TaskList:
    """Every task the official may see, in document order, with its latest status (/viec)."""
    if not official.active:
        return TaskList(None, [])
    facts = _snapshot(session, official)
    if facts is None:
        lines = visible_task_lines(session=session, official=official)
        return TaskList(agency_label(session=session, official=official), lines)
    agency_ids = _agency_ids(facts, official)
    lines = []
    for task in facts.tasks:
        link = _link(task, agency_ids)
        if _visible(official, task, link):
            lines.append(_line(facts, task, link))
    name = facts.context.agency_names.get(official.agency_id) if official.agency_id is not None else None
    return TaskList(name, lines)


def line_of(*, session: Session, official: Official, task_id: int) -> TaskLine | None:
    """One task's line, or None when the official may not see it."""
    if not official.active:
        return None
    facts = _snapshot(session, official)
    if facts is None:
        return task_line(session=session, official=official, task_id=task_id)
    return _visible_line(facts, official, _agency_ids(facts, official), task_id)


def report_choice(
    *, session: Session, official: Official, task_id: int
) -> tuple[TaskLine, list[dict[str, Any]]] | None:
    """The task an official starts a progress report on, with its KPI targets; None if not allowed."""
    if not official.active:
        return None
    facts = _snapshot(session, official)
    if facts is None:
        line = task_line(session=session, official=official, task_id=task_id)
        targets = task_targets(session=session, task_id=task_id) if line is not None else []
    else:
        line = _visible_line(facts, official, _agency_ids(facts, official), task_id)
        targets = list(facts.task_by_id[task_id].targets) if line is not None else []
    if line is None or not may_report(official, line):
        return None
    return line, targets


def card(*, session: Session, official: Official, task_id: int) -> TaskCard | None:
    """The task card (history, agencies, plan), or None when the official may not see the task."""
    line = line_of(session=session, official=official, task_id=task_id)
    if line is None:
        return None
    return task_card(session=session, official=official, task_id=task_id, line=line)


def search(
    *, session: Session, official: Official, query: str, limit: int = 5, reportable_only: bool = False
) -> list[TaskLine]:
    """storage.queries.search.search_tasks, its lines read from the snapshot."""
    if not official.active:
        return []
    if official.organization_id is None:
        return search_tasks(
            session=session, official=official, query=query, limit=limit, reportable_only=reportable_only
        )
    ids = search_task_ids(
        session=session, official=official, query=query, limit=limit, reportable_only=reportable_only
    )
    facts = org_facts(session=session, organization_id=official.organization_id)
    agency_ids = _agency_ids(facts, official)
    return [line for line in (_visible_line(facts, official, agency_ids, i) for i in ids) if line is not None]
