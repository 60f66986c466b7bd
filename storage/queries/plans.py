"""Queries used by the plan import (keyword-only session; they never commit)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from storage.models import Agency, AgencyAlias, Organization, Plan, ProgressReport, Task, TaskAgency
from storage.text import fold


def organization_by_name(*, session: Session, name: str) -> Organization | None:
    return session.exec(select(Organization).where(Organization.name_key == fold(name))).first()


def agencies_with_aliases(*, session: Session, organization_id: int) -> list[tuple[Agency, list[str]]]:
    agencies = session.exec(
        select(Agency).where(Agency.organization_id == organization_id).order_by(col(Agency.id))
    ).all()
    ids = [a.id for a in agencies if a.id is not None]
    aliases: dict[int, list[str]] = {}
    if ids:
        for alias in session.exec(select(AgencyAlias).where(col(AgencyAlias.agency_id).in_(ids))).all():
            aliases.setdefault(alias.agency_id, []).append(alias.alias)
    return [(a, aliases.get(a.id or 0, [])) for a in agencies]


def find_plan(
    *, session: Session, organization_id: int, year: int | None, number: str | None, title: str | None
) -> Plan | None:
    """The plan a re-import revises: same organization, year and number (or title when unnumbered)."""
    query = select(Plan).where(Plan.organization_id == organization_id, Plan.year == year)
    if number:
        query = query.where(Plan.number == number)
    elif title:
        query = query.where(col(Plan.number).is_(None), Plan.title == title)
    else:
        return None
    return session.exec(query.order_by(col(Plan.id).desc())).first()


def plan_nodes(*, session: Session, plan_id: int) -> list[Task]:
    return list(session.exec(select(Task).where(Task.plan_id == plan_id).order_by(col(Task.position))).all())


def task_links(*, session: Session, task_ids: list[int]) -> list[TaskAgency]:
    if not task_ids:
        return []
    return list(session.exec(select(TaskAgency).where(col(TaskAgency.task_id).in_(task_ids))).all())


def imported_report_exists(
    *, session: Session, task_id: int, period_end: object, status: str, note: str | None
) -> bool:
    query = select(ProgressReport.id).where(
        ProgressReport.task_id == task_id,
        ProgressReport.source == "import",
        ProgressReport.period_end == period_end,
        ProgressReport.status == status,
        ProgressReport.note == note,
    )
    return session.exec(query).first() is not None


def plan_reports(*, session: Session, plan_id: int) -> list[ProgressReport]:
    query = (
        select(ProgressReport)
        .join(Task, col(Task.id) == col(ProgressReport.task_id))
        .where(Task.plan_id == plan_id)
        .order_by(col(ProgressReport.id))
    )
    return list(session.exec(query).all())


def organization_name(*, session: Session, organization_id: int | None) -> str | None:
    if organization_id is None:
        return None
    organization = session.get(Organization, organization_id)
    return organization.name if organization else None


@dataclass
class OutlineNode:
    """A row of a plan's appendix as a report file lays it out (sections and groups included)."""

    id: int
    code: str
    number: str | None
    kind: str
    content: str
    deadline_text: str | None
    product: str | None
    lead: list[int] = field(default_factory=list)
    coordinating: list[int] = field(default_factory=list)
    lead_text: str | None = None  # the cells as the plan writes them (None: not recorded)
    coordinating_text: str | None = None


def plan_outline(*, session: Session, plan_id: int) -> list[OutlineNode]:
    """Every row of the plan that was not removed, in document order, with its agencies."""
    nodes = [
        OutlineNode(
            t.id or 0,
            t.code,
            t.number,
            t.kind,
            t.content,
            t.deadline_text,
            t.product,
            lead_text=t.lead_text,
            coordinating_text=t.coordinating_text,
        )
        for t in plan_nodes(session=session, plan_id=plan_id)
        if not t.removed
    ]
    by_id = {n.id: n for n in nodes}
    for link in task_links(session=session, task_ids=list(by_id)):
        node = by_id[link.task_id]
        (node.lead if link.role == "lead" else node.coordinating).append(link.agency_id)
    return nodes


def organization_plans_with_counts(*, session: Session, organization_id: int) -> list[tuple[Plan, int]]:
    """Every plan of the organization, newest first, with its number of tasks (not headings)."""
    plans = session.exec(
        select(Plan).where(Plan.organization_id == organization_id).order_by(col(Plan.id).desc())
    ).all()
    counts: dict[int, int] = {}
    ids = [p.id for p in plans if p.id is not None]
    if ids:
        for plan_id in session.exec(
            select(Task.plan_id).where(col(Task.plan_id).in_(ids), Task.kind == "task")
        ).all():
            counts[plan_id] = counts.get(plan_id, 0) + 1
    return [(p, counts.get(p.id or 0, 0)) for p in plans]
