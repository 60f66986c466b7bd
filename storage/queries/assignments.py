"""Tasks assigned to people (TaskAssignee): who does a task, the tasks of a person, the officials a
task may be assigned to, and the organization's assignments for per-person figures and digests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlmodel import Session, col

from storage.models import Official, Plan, Task
from storage.models_people import TaskAssignee


@dataclass(frozen=True)
class Person:
    """An official as the assignment views show them (plain data)."""

    id: int
    full_name: str
    agency_id: int | None
    role: str
    chat_id: int | None
    active: bool = True
    is_head: bool = False


def _person(o: Official) -> Person:
    assert o.id is not None
    chat = o.chat_id if o.chat_id is not None else o.telegram_user_id
    return Person(o.id, o.full_name, o.agency_id, o.role, chat, o.active, bool(o.is_head))


def assignees_of(*, session: Session, task_id: int) -> list[Person]:
    """The people a task is assigned to, by the time they were assigned."""
    rows = session.execute(
        select(Official)
        .join(TaskAssignee, col(TaskAssignee.official_id) == col(Official.id))
        .where(col(TaskAssignee.task_id) == task_id)
        .order_by(col(TaskAssignee.assigned_at), col(Official.id))
    ).scalars()
    return [_person(o) for o in rows]


# Built once and run on the session's connection: the ORM's execution of a one-column select cost
# more than the look-up itself.
_ASSIGNED = select(col(TaskAssignee.task_id)).where(col(TaskAssignee.official_id) == bindparam("official_id"))


def assigned_task_ids(*, session: Session, official_id: int | None) -> frozenset[int]:
    """The tasks assigned to one official (one index look-up: it runs for every list and card)."""
    if official_id is None:
        return frozenset()
    rows = session.connection().execute(_ASSIGNED, {"official_id": official_id})
    return frozenset(int(r[0]) for r in rows)


def officials_of_agencies(
    *, session: Session, organization_id: int, agency_ids: Iterable[int]
) -> list[Person]:
    """Active officials of the organization working in any of these agencies."""
    ids = sorted(set(agency_ids))
    if not ids:
        return []
    rows = session.execute(
        select(Official).where(
            col(Official.organization_id) == organization_id,
            col(Official.agency_id).in_(ids),
            col(Official.active).is_(True),
        )
    ).scalars()
    return [_person(o) for o in rows]


def organization_people(*, session: Session, organization_id: int) -> list[Person]:
    """Every active official of the organization (names for questions about people)."""
    rows = session.execute(
        select(Official).where(
            col(Official.organization_id) == organization_id, col(Official.active).is_(True)
        )
    ).scalars()
    return [_person(o) for o in rows]


_PEOPLE_NAMES: Any = (
    select(col(Official.id), col(Official.full_name))
    .where(col(Official.organization_id) == bindparam("organization_id"), col(Official.active).is_(True))
    .order_by(col(Official.id))
)


def organization_people_names(*, session: Session, organization_id: int) -> tuple[tuple[int, str], ...]:
    """(id, full name) of every active official of the organization, by id: what a question may
    name. Read for every question (people join and leave without a new snapshot), so only the two
    columns, by a statement built once."""
    rows = session.connection().execute(_PEOPLE_NAMES, {"organization_id": organization_id})
    return tuple((int(official_id), str(name)) for official_id, name in rows)


def organization_assignments(*, session: Session, organization_id: int) -> dict[int, frozenset[int]]:
    """task id → the officials it is assigned to, for the organization's tasks."""
    rows = session.execute(
        select(col(TaskAssignee.task_id), col(TaskAssignee.official_id))
        .join(Task, col(Task.id) == col(TaskAssignee.task_id))
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(col(Plan.organization_id) == organization_id)
    )
    found: dict[int, set[int]] = {}
    for task_id, official_id in rows:
        found.setdefault(int(task_id), set()).add(int(official_id))
    return {task: frozenset(people) for task, people in found.items()}


def assignments_by_official(*, session: Session) -> dict[int, frozenset[int]]:
    """official id → the tasks assigned to them, over every organization (one reminder pass)."""
    found: dict[int, set[int]] = {}
    for task_id, official_id in session.execute(
        select(col(TaskAssignee.task_id), col(TaskAssignee.official_id))
    ):
        found.setdefault(int(official_id), set()).add(int(task_id))
    return {official: frozenset(tasks) for official, tasks in found.items()}


def add_assignee(*, session: Session, task_id: int, official_id: int, assigned_by: int | None) -> bool:
    """Assign; False when the official already had the task."""
    if session.get(TaskAssignee, (task_id, official_id)) is not None:
        return False
    session.add(TaskAssignee(task_id=task_id, official_id=official_id, assigned_by=assigned_by))
    session.flush()
    return True


def remove_assignee(*, session: Session, task_id: int, official_id: int) -> bool:
    """Unassign; False when the official did not have the task."""
    result = session.execute(
        delete(TaskAssignee).where(
            col(TaskAssignee.task_id) == task_id, col(TaskAssignee.official_id) == official_id
        )
    )
    session.flush()
    return bool(getattr(result, "rowcount", 0))


# --- Personal due dates (TaskAssignee.due_date) ------------------------------------------------


def due_dates_of_task(*, session: Session, task_id: int) -> dict[int, date]:
    """official id → their personal due date, for the assignees of one task that have one."""
    rows = session.execute(
        select(col(TaskAssignee.official_id), col(TaskAssignee.due_date)).where(
            col(TaskAssignee.task_id) == task_id, col(TaskAssignee.due_date).is_not(None)
        )
    )
    return {int(official): due for official, due in rows}


def due_dates_of_official(*, session: Session, official_id: int | None) -> dict[int, date]:
    """task id → the official's personal due date, for their tasks that have one."""
    if official_id is None:
        return {}
    rows = session.execute(
        select(col(TaskAssignee.task_id), col(TaskAssignee.due_date)).where(
            col(TaskAssignee.official_id) == official_id, col(TaskAssignee.due_date).is_not(None)
        )
    )
    return {int(task): due for task, due in rows}


def due_dates_by_official(*, session: Session) -> dict[int, dict[int, date]]:
    """official id → task id → personal due date, over every organization (one reminder pass)."""
    found: dict[int, dict[int, date]] = {}
    for task_id, official_id, due in session.execute(
        select(col(TaskAssignee.task_id), col(TaskAssignee.official_id), col(TaskAssignee.due_date)).where(
            col(TaskAssignee.due_date).is_not(None)
        )
    ):
        found.setdefault(int(official_id), {})[int(task_id)] = due
    return found


def set_due_date(
    *, session: Session, task_id: int, official_id: int, due: date | None
) -> tuple[bool, date | None]:
    """Set (or clear, with None) an assignee's personal due date: (whether the official is assigned
    to the task, the date they had before)."""
    row = session.get(TaskAssignee, (task_id, official_id))
    if row is None:
        return False, None
    before = row.due_date
    row.due_date = due
    session.add(row)
    session.flush()
    return True, before
