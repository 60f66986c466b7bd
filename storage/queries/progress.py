"""Progress reports: append-only rows with their reference documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from storage.models import Official, ProgressReport, ReportDocument, ReportStatus
from storage.text import nfc

STATUSES = {s.value for s in ReportStatus}


def own_report_on(
    *,
    session: Session,
    task_id: int,
    official_id: int,
    day: date,
    period_start: date | None = None,
    period_end: date | None = None,
) -> int | None:
    """The official's own current report on the task for the same reporting period (or, for a
    report without a period, the same day): a new one corrects it."""
    stmt = select(ProgressReport).where(
        ProgressReport.task_id == task_id, ProgressReport.official_id == official_id
    )
    if period_start is not None and period_end is not None:
        stmt = stmt.where(
            ProgressReport.period_start == period_start, ProgressReport.period_end == period_end
        )
    else:
        stmt = stmt.where(ProgressReport.reported_on == day)
    reports = session.exec(stmt).all()
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
    official: Official | None,
    status: str,
    reported_on: date,
    period_start: date | None = None,
    period_end: date | None = None,
    note: str | None = None,
    kpi_value: float | None = None,
    documents: list[dict[str, Any]] | None = None,
    attachment: dict[str, Any] | None = None,
    supersedes_id: int | None = None,
    source: str = "bot",
    reporter_name: str | None = None,
) -> ProgressReport:
    """A NEW report row (never an update) plus one ReportDocument per cited document: the one place
    a progress report is written, for the bot and for results imported from a report document."""
    if status not in STATUSES:
        raise ValueError(f"unknown report status {status!r}")
    attachment = attachment or {}
    report = ProgressReport(
        task_id=task_id,
        official_id=official.id if official is not None else None,
        reporter_name=official.full_name if official is not None else reporter_name,
        status=status,
        note=nfc(note) if note else None,
        kpi_value=kpi_value,
        reported_on=reported_on,
        period_start=period_start,
        period_end=period_end,
        source=source,
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


def report_attachment(*, session: Session, report_id: int) -> tuple[int, str, str] | None:
    """(task id, file_id, file name) of a report's attached file, or None when it has none."""
    report = session.get(ProgressReport, report_id)
    if report is None or not report.attachment_file_id:
        return None
    return report.task_id, report.attachment_file_id, report.attachment_name or "tệp đính kèm"
