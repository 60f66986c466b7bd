"""A whole period's report in one sitting (/baocaoky): which tasks need a report, what the period
before said about each, and storing every answer at once.

Which tasks: the current tasks the official may report on (plans/access.py) that the period
concerns, whose state for the period (plans/status.py) has no report about it yet. A one-off task
already done stays done ("done stays done") and is not asked again. Storing goes through the one
report-saving use case (plans/progress.submit_report), so a period report writes exactly the rows
/xong writes, re-authorised task by task, in the caller's one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from plans.access import may_report, viewer_of
from plans.lifecycle import current_plan_ids
from plans.periods import Period, PeriodPolicy
from plans.progress import SubmitResult, submit_report
from plans.snapshot import org_facts, states
from plans.status import DONE, ONE_OFF_KINDS
from storage.facts import HistoryEntry, TaskFacts
from storage.models import Official
from storage.queries.tasks import history

logger = logging.getLogger(__name__)

STATUSES = ("done", "in_progress", "not_done")


@dataclass(frozen=True)
class PeriodTask:
    """One task of the sitting, with the period before's result ("Như kỳ trước") if there is one."""

    task_id: int
    code: str
    content: str
    previous: dict[str, Any] | None = None  # status, note, docs, attachment, period label


@dataclass(frozen=True)
class Answer:
    """What the official said about one task: a status, documents, an optional file."""

    task_id: int
    status: str
    note: str | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)
    attachment: dict[str, Any] | None = None


def _covers(task: TaskFacts, period: Period) -> bool:
    return (task.start is None or task.start <= period.end) and (task.due is None or task.due >= period.start)


def _previous_answer(session: Session, task_id: int, report_id: int, label: str) -> dict[str, Any] | None:
    """The report of the period before as a draft answer: its status, note, documents and file."""
    entries: list[HistoryEntry] = history(session=session, task_id=task_id)
    entry = next((e for e in entries if e.report_id == report_id), None)
    if entry is None:
        return None
    docs = [
        {"doc_type": t, "number": n, "issued_on": d.isoformat() if d else None, "text": x}
        for t, n, d, x in entry.documents
    ]
    attachment = (
        {"file_id": entry.attachment_file_id, "name": entry.attachment_name or "tệp đính kèm", "size": None}
        if entry.attachment_file_id
        else None
    )
    return {
        "status": entry.status,
        "note": entry.note,
        "docs": docs,
        "attachment": attachment,
        "label": label,
    }


def period_tasks(
    *, session: Session, official: Official, period: Period, today: date, policy: PeriodPolicy
) -> list[PeriodTask]:
    """The tasks the official's period report walks through, in document order."""
    if not official.active or official.organization_id is None:
        return []
    facts = org_facts(session=session, organization_id=official.organization_id)
    viewer = viewer_of(official, facts.context.groups)
    current = current_plan_ids(facts.context.plans, today, policy)
    now = states(facts, period, today)
    before_period = policy.shift(period, -1)
    before = states(facts, before_period, today)
    found: list[PeriodTask] = []
    for task in facts.tasks:
        if task.plan_id not in current or not may_report(viewer, task) or not _covers(task, period):
            continue
        state = now.get(task.id)
        if state is None or state.reported_about_period:
            continue
        if task.deadline_kind in ONE_OFF_KINDS and state.status == DONE:
            continue
        previous = None
        last = before.get(task.id)
        if last is not None and last.report is not None and last.reported_about_period:
            previous = _previous_answer(session, task.id, last.report.id, before_period.label)
        found.append(PeriodTask(task.id, task.code, task.content, previous))
    return found


def submit_period(
    *,
    session: Session,
    telegram_user_id: int,
    answers: list[Answer],
    period: Period,
    reported_on: date,
    policy: PeriodPolicy,
) -> list[SubmitResult]:
    """Store every answer with the /xong use case, in this one transaction; a task the official
    may no longer report on is left out (its result has report_id None)."""
    results = []
    for answer in answers:
        if answer.status not in STATUSES:
            raise ValueError(f"unknown report status {answer.status!r}")
        results.append(
            submit_report(
                session=session,
                telegram_user_id=telegram_user_id,
                task_id=answer.task_id,
                status=answer.status,
                reported_on=reported_on,
                period=period,
                policy=policy,
                note=answer.note,
                documents=answer.documents,
                attachment=answer.attachment,
            )
        )
    stored = sum(r.report_id is not None for r in results)
    logger.info("period report by %s: %s of %s tasks stored", telegram_user_id, stored, len(answers))
    return results
