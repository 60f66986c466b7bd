"""Progress reports: append-only rows with their reference documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from storage.models import Official, ProgressReport, ReportDocument, ReportStatus
from storage.text import nfc

STATUSES = {s.value for s in ReportStatus}


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


def reports_for_task(*, session: Session, task_id: int) -> list[ProgressReport]:
    return list(
        session.exec(
            select(ProgressReport)
            .where(ProgressReport.task_id == task_id)
            .order_by(col(ProgressReport.created_at), col(ProgressReport.id))
        ).all()
    )
