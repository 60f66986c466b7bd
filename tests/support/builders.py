"""Rows of a commune written straight into the database: the one place tests create them.

Each helper adds one row (a task with its agency links) in the caller's session, flushes, and
returns the new id; the fixtures in tests/*/conftest.py arrange their communes with these.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from storage.models import Agency, Official, Organization, Plan, Task, TaskAgency
from storage.text import fold


def _flushed_id(session: Session, row: Any) -> int:
    session.add(row)
    session.flush()
    assert row.id is not None
    return int(row.id)


def add_organization(session: Session, name: str) -> int:
    return _flushed_id(session, Organization(name=name, name_key=fold(name)))


def add_agency(session: Session, organization_id: int, name: str, *, is_group: bool = False) -> int:
    return _flushed_id(
        session, Agency(organization_id=organization_id, name=name, name_key=fold(name), is_group=is_group)
    )


def add_plan(session: Session, organization_id: int, title: str, **fields: Any) -> int:
    return _flushed_id(session, Plan(organization_id=organization_id, title=title, **fields))


def add_task(
    session: Session,
    plan_id: int,
    code: str,
    content: str,
    *,
    lead: Iterable[int] = (),
    coordinating: Iterable[int] = (),
    **fields: Any,
) -> int:
    """A task (any other Task column as a keyword) and its lead and coordinating agencies."""
    task_id = _flushed_id(
        session, Task(plan_id=plan_id, code=code, content=content, content_key=fold(content), **fields)
    )
    for role, agency_ids in (("lead", lead), ("coordinating", coordinating)):
        for agency_id in dict.fromkeys(agency_ids):
            session.add(TaskAgency(task_id=task_id, agency_id=agency_id, role=role))
    return task_id


def add_official(
    session: Session,
    telegram_user_id: int,
    full_name: str,
    *,
    organization_id: int | None,
    agency_id: int | None,
    role: str = "official",
    **fields: Any,
) -> int:
    """A registered official; their private chat has their user id, as on Telegram."""
    fields.setdefault("chat_id", telegram_user_id)
    return _flushed_id(
        session,
        Official(
            telegram_user_id=telegram_user_id,
            full_name=full_name,
            organization_id=organization_id,
            agency_id=agency_id,
            role=role,
            **fields,
        ),
    )
