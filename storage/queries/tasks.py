"""Task details read by id: a card's history (reports with documents, notes and files) and the
plan it belongs to. Lists, search and statistics read the organization's snapshot instead."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.facts import HistoryEntry
from storage.models import Official, Plan, ProgressReport, ReportDocument, Task
from storage.queries.explanations import ExplanationRow, explanations_of_task


@dataclass(frozen=True)
class CardDetails:
    product: str | None
    plan_title: str
    history: tuple[HistoryEntry, ...]
    explanations: tuple[ExplanationRow, ...] = ()  # giải trình asked for and answered, latest first


def organization_of_task(*, session: Session, task_id: int) -> int | None:
    row = session.execute(
        sa_select(col(Plan.organization_id))
        .join(Task, col(Task.plan_id) == col(Plan.id))
        .where(col(Task.id) == task_id)
    ).first()
    return int(row[0]) if row is not None else None


def card_details(*, session: Session, task_id: int) -> CardDetails:
    task = session.get(Task, task_id)
    plan = session.get(Plan, task.plan_id) if task is not None else None
    return CardDetails(
        product=task.product if task is not None else None,
        plan_title=plan.title if plan is not None else "",
        history=tuple(history(session=session, task_id=task_id)),
        explanations=tuple(explanations_of_task(session=session, task_id=task_id)),
    )


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
                period_start=r.period_start,
                period_end=r.period_end,
                attachment_file_id=r.attachment_file_id,
            )
        )
    return entries
