"""Is a cached per-organization snapshot still current? (reports/cache.py, storage/queries/search.py)

Two checks: a one-row version query over what the database holds (report ids, the organization's
plans, task ids), and an in-process generation that every ORM write to tasks, plans, links and
agencies moves (an in-place edit changes no id and no plan timestamp).
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import bindparam, event, func, select
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from storage.models import (
    Agency,
    AgencyAlias,
    AgencyGroupMember,
    Organization,
    Plan,
    ProgressReport,
    Task,
    TaskAgency,
)


def _plan_parts() -> list[Any]:
    org: Any = bindparam("organization_id")
    org_plans = select(col(Plan.id), col(Plan.updated_at)).where(col(Plan.organization_id) == org).subquery()
    return [
        select(func.max(Task.id)).scalar_subquery(),
        select(func.count()).select_from(org_plans).scalar_subquery(),
        select(func.max(org_plans.c.id)).scalar_subquery(),
        select(func.max(org_plans.c.updated_at)).scalar_subquery(),
    ]


# Built once: these run before every answer and list, and building the statement cost more than
# running it (SQLAlchemy caches the compiled SQL, not the Python objects of the statement).
_PLANS_VERSION = select(*_plan_parts())
_FACTS_VERSION = select(
    select(func.max(ProgressReport.id)).scalar_subquery(),
    select(func.count()).select_from(ProgressReport).scalar_subquery(),
    *_plan_parts(),
)


def facts_version(*, session: Session, organization_id: int) -> tuple[Any, ...]:
    """A cheap fingerprint (one query, index look-ups) that changes whenever a report is added
    anywhere, a plan of the organization is added or re-imported (store_plan sets updated_at), or
    a task is added anywhere. Items 2: are plans_version."""
    # On the session's connection: a select of plain columns gains nothing from the ORM's
    # execution, which cost as much again as the statement (it runs before every answer and list).
    return tuple(session.connection().execute(_FACTS_VERSION, {"organization_id": organization_id}).one())


def plans_version(*, session: Session, organization_id: int) -> tuple[Any, ...]:
    """The task/plan part of facts_version (what a search index depends on)."""
    return tuple(session.connection().execute(_PLANS_VERSION, {"organization_id": organization_id}).one())


# What a session already checked against facts_version, until it writes anything: one use case may
# ask for the same organization's snapshot several times (a free text is checked for a question,
# then searched), and inside one transaction the answer cannot change but by the session's own writes.
_CHECKED = "planbot_facts_checked"


def checked_in_session(session: Session, organization_id: int) -> Any | None:
    """What remember_checked stored for the organization in this session, if it has not written since."""
    checked = session.info.get(_CHECKED)
    return None if checked is None else checked.get(organization_id)


def remember_checked(session: Session, organization_id: int, value: object) -> None:
    session.info.setdefault(_CHECKED, {})[organization_id] = value


# In-place edits (a task's deadline, a plan archived, links changed) do not move facts_version when
# they bypass Plan.updated_at; every ORM write to these tables in this process bumps a generation
# that cached snapshots (reports/cache.py, the search index in storage/queries/search.py) compare.
_WATCHED = (Task, Plan, TaskAgency, Agency, AgencyAlias, AgencyGroupMember, Organization)
_DIRTY = "planbot_facts_dirty"


class _Generation:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value = 0

    def bump(self) -> None:
        with self.lock:
            self.value += 1


_generation = _Generation()


def data_generation() -> int:
    return _generation.value


def bump_generation() -> None:
    _generation.bump()


def has_uncommitted_changes(session: Session) -> bool:
    """True when this session wrote watched rows not yet committed (never share what it reads)."""
    return bool(session.info.get(_DIRTY))


@event.listens_for(OrmSession, "after_flush")
def _after_flush(session: OrmSession, _context: Any) -> None:
    session.info.pop(_CHECKED, None)
    if any(isinstance(obj, _WATCHED) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[_DIRTY] = True
        _generation.bump()  # the writing session itself must not reuse an older snapshot


@event.listens_for(OrmSession, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not state.is_select:  # an update or delete through the session: checked facts may be stale
        state.session.info.pop(_CHECKED, None)


@event.listens_for(OrmSession, "after_commit")
def _after_commit(session: OrmSession) -> None:
    session.info.pop(_CHECKED, None)
    # Bump again once committed: a reader that cached between the flush and the commit saw old rows.
    if session.info.pop(_DIRTY, False):
        _generation.bump()


@event.listens_for(OrmSession, "after_rollback")
def _after_rollback(session: OrmSession) -> None:
    session.info.pop(_CHECKED, None)
    if session.info.pop(_DIRTY, False):
        _generation.bump()
