"""Tasks assigned to people: the assignment panel of a task card, assigning and unassigning (audited),
and "Việc của tôi" (the tasks assigned to an official).

Who may assign whom is plans/access.py's rule (may_assign, assignable_agencies): leaders and admins
assign any official of the task's lead and coordinating agencies; the head of a lead agency
(Official.is_head) assigns within their own agency. Every press is re-authorised here, never
trusted from a button. Personal due dates: plans/assignment_due.py (setting), plans/personal_due.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from plans.access import assignable_agencies, viewer_of
from plans.personal_due import personal_line
from plans.snapshot import OrgFacts, org_facts
from plans.tasks import TaskList, Today, task_list
from storage.facts import TaskFacts
from storage.models import AuditLog, Official
from storage.queries.assignments import Person as Person  # re-exported: handlers read it
from storage.queries.assignments import (
    add_assignee,
    assigned_task_ids,
    assignees_of,
    due_dates_of_official,
    due_dates_of_task,
    officials_of_agencies,
    remove_assignee,
)
from storage.queries.tasks import organization_of_task
from storage.text import fold

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    official_id: int
    full_name: str
    agency_name: str
    assigned: bool
    due: date | None = None  # their personal due date, when assigned and one is set


@dataclass(frozen=True)
class AssignPanel:
    """What the "👤 Giao việc" message shows: the task and the officials one may toggle."""

    task_id: int
    code: str
    content: str
    candidates: tuple[Candidate, ...]
    assigned: tuple[str, ...]  # every assignee's name, those the viewer may not toggle included
    dues: tuple[date | None, ...] = ()  # their personal due dates, in the same order

    @property
    def dated(self) -> tuple[Candidate, ...]:
        """The assignees whose personal due date the viewer may set ("📅 Hạn riêng")."""
        return tuple(c for c in self.candidates if c.assigned)


@dataclass(frozen=True)
class Toggled:
    """The panel after a toggle, and the person newly assigned (to be told), if any."""

    panel: AssignPanel
    newly_assigned: Person | None = None


def _task_in_reach(session: Session, official: Official, task_id: int) -> tuple[OrgFacts, TaskFacts] | None:
    if not official.active:
        return None
    org = official.organization_id or organization_of_task(session=session, task_id=task_id)
    if org is None:
        return None
    facts = org_facts(session=session, organization_id=org)
    task = facts.task_by_id.get(task_id)
    return (facts, task) if task is not None else None


def _allowed_agencies(
    session: Session, official: Official, task_id: int
) -> tuple[OrgFacts, TaskFacts, frozenset[int]] | None:
    found = _task_in_reach(session, official, task_id)
    if found is None:
        return None
    facts, task = found
    viewer = viewer_of(
        official, facts.context.groups, assigned_task_ids(session=session, official_id=official.id)
    )
    agencies = assignable_agencies(viewer, task, official.agency_id, facts.context.members)
    return (facts, task, agencies) if agencies else None


def _panel(session: Session, facts: OrgFacts, task: TaskFacts, agencies: frozenset[int]) -> AssignPanel:
    current = assignees_of(session=session, task_id=task.id)
    ids = {p.id for p in current}
    dues = due_dates_of_task(session=session, task_id=task.id) if current else {}
    people = officials_of_agencies(session=session, organization_id=task.organization_id, agency_ids=agencies)
    names = facts.context.agency_names
    candidates = sorted(
        (
            Candidate(
                p.id,
                p.full_name,
                names.get(p.agency_id, "") if p.agency_id else "",
                p.id in ids,
                dues.get(p.id) if p.id in ids else None,
            )
            for p in people
        ),
        key=lambda c: (fold(c.agency_name), fold(c.full_name), c.official_id),
    )
    return AssignPanel(
        task.id,
        task.code,
        task.content,
        tuple(candidates),
        tuple(p.full_name for p in current),
        tuple(dues.get(p.id) for p in current),
    )


def assign_panel(*, session: Session, official: Official, task_id: int) -> AssignPanel | None:
    """The panel of a task for an official allowed to assign it; None otherwise."""
    found = _allowed_agencies(session, official, task_id)
    return _panel(session, *found) if found is not None else None


def assignable_person(
    *, session: Session, official: Official, task_id: int, official_id: int
) -> tuple[TaskFacts, Person, bool] | None:
    """(the task, the person, whether they are assigned) when the viewer may assign the task to this
    person; None otherwise."""
    found = _allowed_agencies(session, official, task_id)
    if found is None:
        return None
    _facts, task, agencies = found
    people = officials_of_agencies(session=session, organization_id=task.organization_id, agency_ids=agencies)
    person = next((p for p in people if p.id == official_id), None)
    if person is None:
        return None
    assigned = any(p.id == official_id for p in assignees_of(session=session, task_id=task_id))
    return task, person, assigned


def toggle_assignee(
    *, session: Session, official: Official, task_id: int, official_id: int, actor_user_id: int | None
) -> Toggled | None:
    """Assign the official to the task, or unassign them if they had it; None when the viewer may
    not assign this task or this person (an official of an agency they may not assign)."""
    found = _allowed_agencies(session, official, task_id)
    if found is None:
        return None
    facts, task, agencies = found
    people = officials_of_agencies(session=session, organization_id=task.organization_id, agency_ids=agencies)
    person = next((p for p in people if p.id == official_id), None)
    if person is None:
        return None
    if add_assignee(session=session, task_id=task_id, official_id=official_id, assigned_by=official.id):
        action, newly = "task_assigned", person
    else:
        remove_assignee(session=session, task_id=task_id, official_id=official_id)
        action, newly = "task_unassigned", None
    session.add(
        AuditLog(
            actor_user_id=actor_user_id,
            action=action,
            detail={"task_id": task_id, "code": task.code, "official_id": official_id, "by": official.id},
        )
    )
    session.flush()
    logger.info("%s: task %s official %s by %s", action, task_id, official_id, official.id)
    return Toggled(_panel(session, facts, task, agencies), newly)


def my_tasks(*, session: Session, official: Official, today: Today) -> TaskList:
    """The current tasks assigned to the official in person ("Việc của tôi")."""
    mine = assigned_task_ids(session=session, official_id=official.id)
    if not mine:
        return TaskList(None, [])
    found = task_list(session=session, official=official, today=today, only=mine, assigned=mine)
    dues = due_dates_of_official(session=session, official_id=official.id)
    if not dues:
        return found
    lines = []
    for line in found.lines:
        due = dues.get(line.id)
        if due is not None:
            org = organization_of_task(session=session, task_id=line.id)
            if org is not None:
                line = personal_line(org_facts(session=session, organization_id=org), line, due, today)
        lines.append(line)
    return TaskList(found.title_agency, lines)


def task_list_and_mine(*, session: Session, official: Official, today: Today) -> tuple[TaskList, int]:
    """/viec in one transaction: the official's list, and how many of its current tasks are assigned
    to them in person (the same tasks task_list(only=…) would list: current and visible)."""
    mine = assigned_task_ids(session=session, official_id=official.id)
    found = task_list(session=session, official=official, today=today, assigned=mine)
    return found, sum(1 for line in found.lines if line.id in mine) if mine else 0


def person_tasks(
    tasks: Iterable[TaskFacts],
    assignments: Mapping[int, frozenset[int]],
    official_id: int,
    agency_ids: frozenset[int],
) -> list[TaskFacts]:
    """The tasks a person answers for in per-person figures ("ai chưa báo cáo"): those assigned to
    them, and those their agency (or a group agency it belongs to) leads that nobody is assigned to.
    `assignments`: task id → the officials it is assigned to."""
    return [
        t
        for t in tasks
        if official_id in assignments.get(t.id, ())
        or (t.id not in assignments and not t.lead_agency_ids.isdisjoint(agency_ids))
    ]
