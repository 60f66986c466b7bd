"""A task's row and its agency links as stored, read back for assertions."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.db import Database
from storage.models import Agency, Task, TaskAgency


def task_row(db: Database, task_id: int) -> Task:
    with Session(db.engine) as s:
        task = s.get(Task, task_id)
        assert task is not None
        return task


def agency_links(db: Database, task_id: int) -> set[tuple[str, str]]:
    with Session(db.engine) as s:
        rows = s.exec(
            select(Agency.name, TaskAgency.role)
            .join(TaskAgency, col(TaskAgency.agency_id) == col(Agency.id))
            .where(TaskAgency.task_id == task_id)
        ).all()
        return {(name, role) for name, role in rows}
