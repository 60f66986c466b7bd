"""Tasks an official may see, their latest status, search, and the data of a task card."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.models import (
    Agency,
    AgencyGroupMember,
    LinkRole,
    NodeKind,
    Official,
    Plan,
    PlanStatus,
    ProgressReport,
    ReportDocument,
    Role,
    Task,
    TaskAgency,
)


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
    status: str | None = None  # latest non-superseded report status, None = never reported
    link: str | None = None  # "lead" | "coordinating" for the official's agency; None for leaders


@dataclass(frozen=True)
class HistoryEntry:
    report_id: int
    status: str
    reported_on: date
    created_at: datetime
    reporter_name: str | None
    note: str | None
    kpi_value: float | None
    documents: tuple[tuple[str, str | None, date | None, str | None], ...]  # doc_type, number, issued, text
    attachment_name: str | None
    superseded: bool
    source: str


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


def official_agency_ids(*, session: Session, official: Official) -> set[int]:
    """The official's agency and every group agency ("Các phòng chuyên môn") it belongs to."""
    if official.agency_id is None:
        return set()
    groups = session.exec(
        select(AgencyGroupMember.group_id).where(AgencyGroupMember.member_id == official.agency_id)
    ).all()
    return {official.agency_id, *groups}


def _sees_organization(official: Official) -> bool:
    return official.role in (Role.leader, Role.admin)


def _task_links(
    *, session: Session, agency_ids: set[int], task_ids: list[int] | None = None
) -> dict[int, str]:
    """task id → best link role (lead before coordinating) for the official's agencies."""
    if not agency_ids:
        return {}
    stmt = select(TaskAgency.task_id, TaskAgency.role).where(col(TaskAgency.agency_id).in_(agency_ids))
    if task_ids is not None:
        stmt = stmt.where(col(TaskAgency.task_id).in_(task_ids))
    links: dict[int, str] = {}
    for task_id, role in session.exec(stmt).all():
        if links.get(task_id) != LinkRole.lead:
            links[task_id] = role
    return links


def _visible_filter(
    stmt: Any, *, official: Official, agency_ids: set[int], task_ids: list[int] | None
) -> Any | None:
    """Restrict a statement over Task to what the official may see; None when nothing is visible."""
    if not official.active:
        return None
    stmt = stmt.join(Plan, col(Plan.id) == col(Task.plan_id)).where(
        col(Task.kind) == NodeKind.task, col(Task.removed).is_(False), col(Plan.status) == PlanStatus.active
    )
    if task_ids is not None:
        stmt = stmt.where(col(Task.id).in_(task_ids))
    if _sees_organization(official):
        if official.organization_id is not None:
            stmt = stmt.where(col(Plan.organization_id) == official.organization_id)
        elif official.role != Role.admin:
            return None
    else:
        if not agency_ids:
            return None
        linked = sa_select(col(TaskAgency.task_id)).where(col(TaskAgency.agency_id).in_(agency_ids))
        stmt = stmt.where(col(Task.id).in_(linked))
    return stmt.order_by(col(Task.plan_id), col(Task.position), col(Task.id))


def _visible_tasks(*, session: Session, official: Official, task_ids: list[int] | None = None) -> list[Task]:
    agency_ids = (
        set() if _sees_organization(official) else official_agency_ids(session=session, official=official)
    )
    stmt = _visible_filter(select(Task), official=official, agency_ids=agency_ids, task_ids=task_ids)
    return [] if stmt is None else list(session.exec(stmt).all())


def latest_statuses(*, session: Session, task_ids: list[int]) -> dict[int, str]:
    """task id → status of its latest report that no other report supersedes.

    Ranked in the database: a list shows hundreds of tasks with ten reports each, and building a
    Python row per report was most of the time of /viec."""
    if not task_ids:
        return {}
    report, later = ProgressReport.__table__.alias("r"), ProgressReport.__table__.alias("s")  # type: ignore[attr-defined]
    ranked = (
        sa_select(
            report.c.task_id,
            report.c.status,
            func.row_number()
            .over(
                partition_by=report.c.task_id,
                order_by=(report.c.reported_on.desc(), report.c.created_at.desc(), report.c.id.desc()),
            )
            .label("rank"),
        )
        .where(
            report.c.task_id.in_(task_ids),
            ~exists().where(later.c.supersedes_id == report.c.id),
        )
        .subquery()
    )
    rows = session.execute(sa_select(ranked.c.task_id, ranked.c.status).where(ranked.c.rank == 1))
    return {task_id: status for task_id, status in rows}


_LINE_COLUMNS = (
    col(Task.id),
    col(Task.code),
    col(Task.number),
    col(Task.content),
    col(Task.deadline_text),
    col(Task.deadline_kind),
    col(Task.deadline_due),
    col(Task.recurrence),
    col(Task.position),
)


def _visible_lines(
    *, session: Session, official: Official, task_ids: list[int] | None = None
) -> list[TaskLine]:
    """Lines of the visible tasks (all, or those of task_ids), in document order: columns only."""
    agency_ids = official_agency_ids(session=session, official=official)
    stmt = _visible_filter(
        sa_select(*_LINE_COLUMNS), official=official, agency_ids=agency_ids, task_ids=task_ids
    )
    if stmt is None:
        return []
    rows = session.execute(stmt).all()
    ids = [row.id for row in rows]
    statuses = latest_statuses(session=session, task_ids=ids)
    # A leader's list covers the organization: only their own agency's links matter, fetch those.
    links = _task_links(
        session=session, agency_ids=agency_ids, task_ids=ids if task_ids is not None else None
    )
    return [
        TaskLine(
            id=row.id,
            code=row.code,
            number=row.number,
            content=row.content,
            deadline_text=row.deadline_text,
            deadline_kind=row.deadline_kind,
            due=row.deadline_due,
            recurrence=row.recurrence,
            position=row.position,
            status=statuses.get(row.id),
            link=links.get(row.id),
        )
        for row in rows
    ]


def visible_task_lines(*, session: Session, official: Official) -> list[TaskLine]:
    """Every task the official may see, in document order, with its latest status."""
    return _visible_lines(session=session, official=official)


def can_report(*, session: Session, official: Official, task_id: int) -> bool:
    return may_report(official, task_line(session=session, official=official, task_id=task_id))


def may_report(official: Official, line: TaskLine | None) -> bool:
    """Officials of a lead or coordinating agency of the task, and admins, may report on it.

    `line`: the task's line as this official sees it (None: they may not see the task)."""
    return line is not None and official.active and (official.role == Role.admin or line.link is not None)


def _lines_in_order(*, session: Session, official: Official, task_ids: list[int]) -> list[TaskLine]:
    """Lines of the chosen tasks in the order chosen, re-read (and re-authorised) like every view."""
    found = {line.id: line for line in _visible_lines(session=session, official=official, task_ids=task_ids)}
    return [found[i] for i in task_ids if i in found]


def task_line(*, session: Session, official: Official, task_id: int) -> TaskLine | None:
    lines = _visible_lines(session=session, official=official, task_ids=[task_id])
    return lines[0] if lines else None


def task_targets(*, session: Session, task_id: int) -> list[dict[str, Any]]:
    task = session.get(Task, task_id)
    return list(task.targets or []) if task else []


def history(*, session: Session, task_id: int) -> list[HistoryEntry]:
    """Every report of the task, newest first, with its documents and reporter."""
    reports = session.exec(select(ProgressReport).where(ProgressReport.task_id == task_id)).all()
    superseded = {r.supersedes_id for r in reports if r.supersedes_id is not None}
    ids = [r.id for r in reports if r.id is not None]
    docs: dict[int, list[ReportDocument]] = {}
    if ids:
        for doc in session.exec(
            select(ReportDocument)
            .where(col(ReportDocument.report_id).in_(ids))
            .order_by(col(ReportDocument.id))
        ).all():
            docs.setdefault(doc.report_id, []).append(doc)
    names: dict[int, str] = {}
    official_ids = {r.official_id for r in reports if r.official_id is not None}
    if official_ids:
        for off in session.exec(select(Official).where(col(Official.id).in_(official_ids))).all():
            if off.id is not None:
                names[off.id] = off.full_name
    entries = []
    for r in sorted(reports, key=lambda r: (r.reported_on, r.created_at, r.id or 0), reverse=True):
        assert r.id is not None
        entries.append(
            HistoryEntry(
                report_id=r.id,
                status=r.status,
                reported_on=r.reported_on,
                created_at=r.created_at,
                reporter_name=r.reporter_name or (names.get(r.official_id) if r.official_id else None),
                note=r.note,
                kpi_value=r.kpi_value,
                documents=tuple((d.doc_type, d.number, d.issued_on, d.text) for d in docs.get(r.id, [])),
                attachment_name=r.attachment_name,
                superseded=r.id in superseded,
                source=r.source,
            )
        )
    return entries


def task_card(
    *, session: Session, official: Official, task_id: int, line: TaskLine | None = None
) -> TaskCard | None:
    """Everything the card shows, or None when the official may not see the task.

    `line`: the task's line, already read (and authorised) by the caller from a snapshot."""
    if line is None:
        line = task_line(session=session, official=official, task_id=task_id)
    if line is None:
        return None
    task = session.get(Task, task_id)
    assert task is not None
    plan = session.get(Plan, task.plan_id)
    lead: list[str] = []
    coordinating: list[str] = []
    for name, role in session.exec(
        select(Agency.name, TaskAgency.role)
        .join(Agency, col(Agency.id) == col(TaskAgency.agency_id))
        .where(TaskAgency.task_id == task_id)
        .order_by(col(Agency.name))
    ).all():
        (lead if role == LinkRole.lead else coordinating).append(name)
    entries = history(session=session, task_id=task_id)
    latest_kpi = next((e.kpi_value for e in entries if not e.superseded and e.kpi_value is not None), None)
    return TaskCard(
        line=line,
        product=task.product,
        plan_title=plan.title if plan else "",
        lead_agencies=tuple(lead),
        coordinating_agencies=tuple(coordinating),
        targets=tuple(task.targets or ()),
        latest_kpi=latest_kpi,
        history=tuple(entries),
        can_report=may_report(official, line),
    )


def agency_label(*, session: Session, official: Official) -> str | None:
    if official.agency_id is None:
        return None
    agency = session.get(Agency, official.agency_id)
    return agency.name if agency else None
