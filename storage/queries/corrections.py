"""Queries of the admin's corrections of imported tasks (plans/corrections.py); they never commit."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, SQLModel, col, select

from storage.models import Agency, AgencyAlias, AgencyGroupMember, Plan, Task, TaskAgency
from storage.models_people import TaskEdit


def task_edits(*, session: Session, task_ids: list[int]) -> list[TaskEdit]:
    """Every correction of these tasks, oldest first."""
    if not task_ids:
        return []
    query = select(TaskEdit).where(col(TaskEdit.task_id).in_(task_ids)).order_by(col(TaskEdit.id))
    return list(session.exec(query).all())


def links_of_task(*, session: Session, task_id: int) -> list[TaskAgency]:
    return list(session.exec(select(TaskAgency).where(TaskAgency.task_id == task_id)).all())


def links_of_agency(*, session: Session, agency_id: int) -> list[TaskAgency]:
    return list(session.exec(select(TaskAgency).where(TaskAgency.agency_id == agency_id)).all())


def agency_names_by_id(*, session: Session, agency_ids: list[int]) -> dict[int, str]:
    if not agency_ids:
        return {}
    rows = session.exec(select(Agency).where(col(Agency.id).in_(agency_ids))).all()
    return {a.id: a.name for a in rows if a.id is not None}


def tasks_by_code(*, session: Session, organization_id: int, code: str, plan_id: int | None) -> list[Task]:
    """The organization's live tasks (not removed) with this code, newest plan first."""
    query = (
        select(Task)
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(Plan.organization_id == organization_id, Task.code == code, Task.removed == False)  # noqa: E712
    )
    if plan_id is not None:
        query = query.where(Task.plan_id == plan_id)
    return list(session.exec(query.order_by(col(Plan.id).desc())).all())


def alias_exists(*, session: Session, agency_id: int, alias_key: str) -> bool:
    query = select(AgencyAlias.id).where(
        AgencyAlias.agency_id == agency_id, AgencyAlias.alias_key == alias_key
    )
    return session.exec(query).first() is not None


def aliases_of(*, session: Session, agency_id: int) -> list[AgencyAlias]:
    return list(session.exec(select(AgencyAlias).where(AgencyAlias.agency_id == agency_id)).all())


def last_position(*, session: Session, plan_id: int) -> int:
    tasks = session.exec(select(Task.position).where(Task.plan_id == plan_id)).all()
    return max(tasks, default=-1)


def organization_plan_rows(*, session: Session, organization_id: int) -> list[Plan]:
    return list(session.exec(select(Plan).where(Plan.organization_id == organization_id)).all())


# Tables an agency merge treats itself: links (merged by the use case), aliases, group memberships.
_MERGED_APART = {"taskagency", "agencyalias", "agencygroupmember"}


def move_agency_references(*, session: Session, from_id: int, to_id: int) -> None:
    """Point every other row that names agency `from_id` (officials, invites, escalations,
    explanations, group chats …) at `to_id`, merge its group memberships and drop its aliases, so the
    agency can be deleted. Found from the foreign keys: a table added later is covered too."""
    for table in SQLModel.metadata.sorted_tables:
        if table.name in _MERGED_APART:
            continue
        for column in table.columns:
            if any(fk.column.table.name == "agency" for fk in column.foreign_keys):
                session.execute(update(table).where(column == from_id).values({column.name: to_id}))
    for role, other in (("group_id", "member_id"), ("member_id", "group_id")):
        rows = session.exec(
            select(AgencyGroupMember).where(getattr(AgencyGroupMember, role) == from_id)
        ).all()
        for row in rows:
            partner = getattr(row, other)
            session.delete(row)
            key = {role: to_id, other: partner}
            if (
                partner != to_id
                and session.get(AgencyGroupMember, (key["group_id"], key["member_id"])) is None
            ):
                session.add(AgencyGroupMember(group_id=key["group_id"], member_id=key["member_id"]))
    for alias in aliases_of(session=session, agency_id=from_id):
        session.delete(alias)
    session.flush()
