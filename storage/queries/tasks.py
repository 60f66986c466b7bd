"""Tasks an official may see, their latest status, search, and the data of a task card."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rapidfuzz import fuzz, process
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
from storage.text import fold_processor

# A code as printed in the appendix: "II.3", "2.1", "I".
_CODE = re.compile(r"^(?:[IVXLC]+|\d+)(?:\.\d+)*\.?$", re.IGNORECASE)
SEARCH_CUTOFF = 70.0


@dataclass(frozen=True)
class TaskLine:
    """What a list line or a search result needs; plain data for handlers.views."""

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


def _task_links(*, session: Session, official: Official, task_ids: list[int] | None = None) -> dict[int, str]:
    """task id → best link role (lead before coordinating) for the official's agencies."""
    agency_ids = official_agency_ids(session=session, official=official)
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


def _visible_tasks(*, session: Session, official: Official, task_ids: list[int] | None = None) -> list[Task]:
    if not official.active:
        return []
    stmt = (
        select(Task)
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(Task.kind == NodeKind.task, col(Task.removed).is_(False), Plan.status == PlanStatus.active)
    )
    if task_ids is not None:
        stmt = stmt.where(col(Task.id).in_(task_ids))
    if _sees_organization(official):
        if official.organization_id is not None:
            stmt = stmt.where(Plan.organization_id == official.organization_id)
        elif official.role != Role.admin:
            return []
    else:
        agency_ids = official_agency_ids(session=session, official=official)
        if not agency_ids:
            return []
        linked = select(TaskAgency.task_id).where(col(TaskAgency.agency_id).in_(agency_ids))
        stmt = stmt.where(col(Task.id).in_(linked))
    return list(session.exec(stmt.order_by(col(Task.plan_id), col(Task.position), col(Task.id))).all())


def latest_reports(*, session: Session, task_ids: list[int]) -> dict[int, ProgressReport]:
    """The latest report of each task that no other report supersedes."""
    if not task_ids:
        return {}
    reports = session.exec(select(ProgressReport).where(col(ProgressReport.task_id).in_(task_ids))).all()
    superseded = {r.supersedes_id for r in reports if r.supersedes_id is not None}
    latest: dict[int, ProgressReport] = {}
    for report in sorted(reports, key=lambda r: (r.reported_on, r.created_at, r.id or 0)):
        if report.id not in superseded:
            latest[report.task_id] = report
    return latest


def _lines(*, session: Session, official: Official, tasks: list[Task]) -> list[TaskLine]:
    ids = [t.id for t in tasks if t.id is not None]
    latest = latest_reports(session=session, task_ids=ids)
    links = _task_links(session=session, official=official, task_ids=ids)
    lines = []
    for task in tasks:
        assert task.id is not None
        report = latest.get(task.id)
        lines.append(
            TaskLine(
                id=task.id,
                code=task.code,
                number=task.number,
                content=task.content,
                deadline_text=task.deadline_text,
                deadline_kind=task.deadline_kind,
                due=task.deadline_due,
                recurrence=task.recurrence,
                position=task.position,
                status=report.status if report else None,
                link=links.get(task.id),
            )
        )
    return lines


def visible_task_lines(*, session: Session, official: Official) -> list[TaskLine]:
    """Every task the official may see, in document order, with its latest status."""
    tasks = _visible_tasks(session=session, official=official)
    return _lines(session=session, official=official, tasks=tasks)


def can_see(*, session: Session, official: Official, task_id: int) -> bool:
    return bool(_visible_tasks(session=session, official=official, task_ids=[task_id]))


def can_report(*, session: Session, official: Official, task_id: int) -> bool:
    """Officials of a lead or coordinating agency of the task, and admins, may report on it."""
    if not official.active or not _visible_tasks(session=session, official=official, task_ids=[task_id]):
        return False
    if official.role == Role.admin:
        return True
    return task_id in _task_links(session=session, official=official, task_ids=[task_id])


def search_tasks(
    *, session: Session, official: Official, query: str, limit: int = 5, reportable_only: bool = False
) -> list[TaskLine]:
    """Code match first ("II.3"), then fuzzy content match ignoring case and diacritics."""
    tasks = _visible_tasks(session=session, official=official)
    if reportable_only and official.role != Role.admin:
        links = _task_links(session=session, official=official)
        tasks = [t for t in tasks if t.id in links]
    query = query.strip()
    if not query or not tasks:
        return []
    chosen: list[Task] = []
    if _CODE.match(query):
        wanted = query.rstrip(".").upper()
        chosen = [t for t in tasks if t.code.upper() == wanted or (t.number or "").rstrip(".") == wanted]
    key = fold_processor(query)
    if key and len(chosen) < limit:
        choices = {t.id: fold_processor(t.content) for t in tasks}
        scored = process.extract(
            key, choices, scorer=fuzz.WRatio, processor=None, limit=limit * 2, score_cutoff=SEARCH_CUTOFF
        )
        # Prefer contents that contain every typed word; WRatio alone ranks short partial hits high.
        words = key.split()
        by_id = {t.id: t for t in tasks}
        ranked = sorted(
            scored,
            key=lambda item: (-sum(w in item[0] for w in words), -item[1], by_id[item[2]].position),
        )
        for _choice, _score, task_id in ranked:
            task = by_id[task_id]
            if task not in chosen:
                chosen.append(task)
    return _lines(session=session, official=official, tasks=chosen[:limit])


def task_line(*, session: Session, official: Official, task_id: int) -> TaskLine | None:
    tasks = _visible_tasks(session=session, official=official, task_ids=[task_id])
    lines = _lines(session=session, official=official, tasks=tasks)
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


def task_card(*, session: Session, official: Official, task_id: int) -> TaskCard | None:
    """Everything the card shows, or None when the official may not see the task."""
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
        can_report=can_report(session=session, official=official, task_id=task_id),
    )


def agency_label(*, session: Session, official: Official) -> str | None:
    if official.agency_id is None:
        return None
    agency = session.get(Agency, official.agency_id)
    return agency.name if agency else None
