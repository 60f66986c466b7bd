"""How much of an organization names each of its agencies: the live tasks it is linked to (lead or
coordinating) and its active officials. What /coquan lists and what a merge says will move
(plans/agency_admin.py); read-only."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import Agency, NodeKind, Official, Task, TaskAgency


def agency_usage(*, session: Session, organization_id: int) -> dict[int, tuple[int, int]]:
    """agency id → (live tasks linked, active officials), for every agency of the organization; a
    task is a row of kind task (not a mục or nội dung), not removed."""
    tasks = session.exec(
        select(TaskAgency.agency_id, func.count(func.distinct(TaskAgency.task_id)))
        .join(Agency, col(Agency.id) == col(TaskAgency.agency_id))
        .join(Task, col(Task.id) == col(TaskAgency.task_id))
        .where(
            Agency.organization_id == organization_id,
            Task.removed == False,  # noqa: E712
            Task.kind == NodeKind.task,
        )
        .group_by(col(TaskAgency.agency_id))
    ).all()
    officials = session.exec(
        select(Official.agency_id, func.count(col(Official.id)))
        .where(
            Official.organization_id == organization_id,
            Official.active == True,  # noqa: E712
            col(Official.agency_id).is_not(None),
        )
        .group_by(col(Official.agency_id))
    ).all()
    task_counts = {int(agency_id): int(n) for agency_id, n in tasks}
    official_counts = {int(agency_id): int(n) for agency_id, n in officials if agency_id is not None}
    agencies = session.exec(select(Agency.id).where(Agency.organization_id == organization_id)).all()
    return {
        agency_id: (task_counts.get(agency_id, 0), official_counts.get(agency_id, 0))
        for agency_id in agencies
        if agency_id is not None
    }
