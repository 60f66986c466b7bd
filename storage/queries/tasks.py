"""Task details read by id: a card's history (reports with documents, notes and files) and the
plan it belongs to. Lists, search and statistics read the organization's snapshot instead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from storage.facts import HistoryEntry
from storage.models import Official, Plan, ProgressReport, ReportDocument, Task
from storage.queries.explanations import ExplanationRow, explanations_of_task
from storage.queries.facts import DOCUMENT_COLUMNS


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


# A card is the most opened view: its statements are built once and run on the session's
# connection (plain rows; the ORM's entities cost more than the look-ups).
_TASK_ID: Any = bindparam("task_id")
_PRODUCT_AND_PLAN = (
    sa_select(col(Task.product), col(Plan.title))
    .join(Plan, col(Plan.id) == col(Task.plan_id))
    .where(col(Task.id) == _TASK_ID)
)
_HISTORY = (
    sa_select(
        col(ProgressReport.id),
        col(ProgressReport.status),
        col(ProgressReport.reported_on),
        col(ProgressReport.created_at),
        col(ProgressReport.reporter_name),
        col(Official.full_name),
        col(ProgressReport.note),
        col(ProgressReport.kpi_value),
        col(ProgressReport.attachment_name),
        col(ProgressReport.supersedes_id),
        col(ProgressReport.source),
        col(ProgressReport.period_start),
        col(ProgressReport.period_end),
        col(ProgressReport.attachment_file_id),
    )
    .outerjoin(Official, col(Official.id) == col(ProgressReport.official_id))
    .where(col(ProgressReport.task_id) == _TASK_ID)
)
_HISTORY_DOCUMENTS = (
    sa_select(*DOCUMENT_COLUMNS)
    .where(
        col(ReportDocument.report_id).in_(
            sa_select(col(ProgressReport.id)).where(col(ProgressReport.task_id) == _TASK_ID)
        )
    )
    .order_by(col(ReportDocument.id))
)


def card_details(*, session: Session, task_id: int) -> CardDetails:
    found = session.connection().execute(_PRODUCT_AND_PLAN, {"task_id": task_id}).first()
    return CardDetails(
        product=found[0] if found is not None else None,
        plan_title=(found[1] or "") if found is not None else "",
        history=tuple(history(session=session, task_id=task_id)),
        explanations=tuple(explanations_of_task(session=session, task_id=task_id)),
    )


def history(*, session: Session, task_id: int) -> list[HistoryEntry]:
    """Every report of the task, newest first, with its documents and reporter."""
    connection = session.connection()
    reports = connection.execute(_HISTORY, {"task_id": task_id}).all()
    superseded = {r.supersedes_id for r in reports if r.supersedes_id is not None}
    docs: dict[int, list[tuple[str, str | None, date | None, str | None]]] = {}
    if reports:
        for report_id, doc_type, number, issued_on, text in connection.execute(
            _HISTORY_DOCUMENTS, {"task_id": task_id}
        ):
            docs.setdefault(report_id, []).append((doc_type, number, issued_on, text))
    return [
        HistoryEntry(
            report_id=r.id,
            status=r.status,
            reported_on=r.reported_on,
            created_at=r.created_at,
            reporter_name=r.reporter_name or r.full_name,
            note=r.note,
            kpi_value=r.kpi_value,
            documents=tuple(docs.get(r.id, ())),
            attachment_name=r.attachment_name,
            superseded=r.id in superseded,
            source=r.source,
            period_start=r.period_start,
            period_end=r.period_end,
            attachment_file_id=r.attachment_file_id,
        )
        for r in sorted(reports, key=lambda r: (r.reported_on, r.created_at, r.id), reverse=True)
    ]
