"""Submitting a progress report: the use case behind /xong, the period report and the CLI.

It re-reads who is reporting and whether they may report on the task at the moment of storing
(a draft proves nothing), stores a new append-only row with its documents, and records the audit
entry, all in the caller's one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from plans.periods import Period, PeriodPolicy
from plans.tasks import Today, may_report_task
from storage.models import AuditLog
from storage.queries.officials import official_by_telegram_id
from storage.queries.progress import create_report, own_report_on


@dataclass(frozen=True)
class SubmitResult:
    report_id: int | None  # None: the official may not report on this task
    supersedes_id: int | None = None


def submit_report(
    *,
    session: Session,
    telegram_user_id: int,
    task_id: int,
    status: str,
    reported_on: date,
    period: Period,
    policy: PeriodPolicy | None = None,
    note: str | None = None,
    kpi_value: float | None = None,
    documents: list[dict[str, Any]] | None = None,
    attachment: dict[str, Any] | None = None,
) -> SubmitResult:
    """Re-authorise, then store a report about `period`; a second report by the same official on
    the same task and period corrects the first."""
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    if (
        official is None
        or official.id is None
        or not may_report_task(
            session=session,
            official=official,
            task_id=task_id,
            today=Today(reported_on, policy or PeriodPolicy()),
        )
    ):
        return SubmitResult(None)
    previous = own_report_on(
        session=session,
        task_id=task_id,
        official_id=official.id,
        day=reported_on,
        period_start=period.start,
        period_end=period.end,
    )
    report = create_report(
        session=session,
        task_id=task_id,
        official=official,
        status=status,
        reported_on=reported_on,
        period_start=period.start,
        period_end=period.end,
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
            detail={
                "task_id": task_id,
                "report_id": report.id,
                "status": status,
                "period": [period.start.isoformat(), period.end.isoformat()],
                "supersedes": previous,
            },
        )
    )
    return SubmitResult(report.id, previous)
