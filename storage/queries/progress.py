"""Progress reports: append-only rows with their reference documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from storage.models import AuditLog, Official, ProgressReport, ReportDocument, ReportStatus
from storage.queries.officials import official_by_telegram_id
from storage.queries.tasks import can_report
from storage.text import nfc

STATUSES = {s.value for s in ReportStatus}


@dataclass(frozen=True)
class SubmitResult:
    report_id: int | None  # None: the official may not report on this task
    supersedes_id: int | None = None


def own_report_on(*, session: Session, task_id: int, official_id: int, day: date) -> int | None:
    """The official's own current report on the task for that day: a new one corrects it."""
    reports = session.exec(
        select(ProgressReport).where(
            ProgressReport.task_id == task_id,
            ProgressReport.official_id == official_id,
            ProgressReport.reported_on == day,
        )
    ).all()
    superseded = set(
        session.exec(
            select(ProgressReport.supersedes_id).where(
                ProgressReport.task_id == task_id, col(ProgressReport.supersedes_id).is_not(None)
            )
        ).all()
    )
    current = [r for r in reports if r.id not in superseded]
    current.sort(key=lambda r: (r.created_at, r.id or 0))
    return current[-1].id if current else None


def create_report(
    *,
    session: Session,
    task_id: int,
    official: Official,
    status: str,
    reported_on: date,
    note: str | None = None,
    kpi_value: float | None = None,
    documents: list[dict[str, Any]] | None = None,
    attachment: dict[str, Any] | None = None,
    supersedes_id: int | None = None,
) -> ProgressReport:
    """A NEW report row (never an update) plus one ReportDocument per cited document."""
    if status not in STATUSES:
        raise ValueError(f"unknown report status {status!r}")
    attachment = attachment or {}
    report = ProgressReport(
        task_id=task_id,
        official_id=official.id,
        reporter_name=official.full_name,
        status=status,
        note=nfc(note) if note else None,
        kpi_value=kpi_value,
        reported_on=reported_on,
        source="bot",
        attachment_file_id=attachment.get("file_id"),
        attachment_name=attachment.get("name"),
        attachment_size=attachment.get("size"),
        supersedes_id=supersedes_id,
    )
    session.add(report)
    session.flush()
    assert report.id is not None
    for doc in documents or []:
        issued = doc.get("issued_on")
        session.add(
            ReportDocument(
                report_id=report.id,
                doc_type=str(doc.get("doc_type") or "Văn bản")[:64],
                number=doc.get("number"),
                issued_on=date.fromisoformat(issued) if isinstance(issued, str) else issued,
                text=doc.get("text"),
            )
        )
    session.flush()
    return report


def submit_report(
    *,
    session: Session,
    telegram_user_id: int,
    task_id: int,
    status: str,
    reported_on: date,
    note: str | None = None,
    kpi_value: float | None = None,
    documents: list[dict[str, Any]] | None = None,
    attachment: dict[str, Any] | None = None,
) -> SubmitResult:
    """Re-authorise, then store; a second report by the same official on the same day corrects the first."""
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    if (
        official is None
        or official.id is None
        or not can_report(session=session, official=official, task_id=task_id)
    ):
        return SubmitResult(None)
    previous = own_report_on(session=session, task_id=task_id, official_id=official.id, day=reported_on)
    report = create_report(
        session=session,
        task_id=task_id,
        official=official,
        status=status,
        reported_on=reported_on,
        note=note,
        kpi_value=kpi_value,
        documents=documents,
        attachment=attachment,
        supersedes_id=previous,
    )
    session.add(
        AuditLog(
            actor_user_id=telegram_user_id,
            action="progress_reported",
            detail={"task_id": task_id, "report_id": report.id, "status": status, "supersedes": previous},
        )
    )
    return SubmitResult(report.id, previous)


def reports_for_task(*, session: Session, task_id: int) -> list[ProgressReport]:
    return list(
        session.exec(
            select(ProgressReport)
            .where(ProgressReport.task_id == task_id)
            .order_by(col(ProgressReport.created_at), col(ProgressReport.id))
        ).all()
    )
