"""Explanations (giải trình): the request of a leader, once per task or agency and period, and the
agency's answer, read back for cards, report files and the leader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, col

from storage.models import Explanation, Official
from storage.queries.reminders import _insert

EXPLANATIONS: Table = Explanation.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ExplanationRow:
    id: int
    kind: str
    task_id: int | None
    agency_id: int
    period_start: date
    period_end: date
    requested_at: datetime
    answer: str | None
    answered_at: datetime | None
    answered_by_name: str | None
    attachment_file_id: str | None
    attachment_name: str | None

    @property
    def answered(self) -> bool:
        return self.answer is not None


def request_explanation(*, session: Session, values: dict[str, Any]) -> tuple[int, bool]:
    """Create the request (Explanation columns); (its id, True) for the call that created it, or the
    existing request's (id, False): asking twice for the same thing asks once."""
    table = EXPLANATIONS
    stmt = (
        _insert(session, table)
        .on_conflict_do_nothing(index_elements=["kind", "subject_id", "period_start", "period_end"])
        .returning(table.c.id)
    )
    created = session.execute(stmt, [values]).first()
    if created is not None:
        return int(created[0]), True
    existing = session.execute(
        select(table.c.id).where(
            table.c.kind == values["kind"],
            table.c.subject_id == values["subject_id"],
            table.c.period_start == values["period_start"],
            table.c.period_end == values["period_end"],
        )
    ).first()
    assert existing is not None
    return int(existing[0]), False


def explanation_by_id(*, session: Session, explanation_id: int) -> Explanation | None:
    return session.get(Explanation, explanation_id)


def save_answer(
    *,
    session: Session,
    explanation_id: int,
    answer: str,
    official_id: int,
    now: datetime,
    attachment: dict[str, Any] | None = None,
) -> Explanation | None:
    """Store the agency's answer (a later answer replaces an earlier one)."""
    row = session.get(Explanation, explanation_id)
    if row is None:
        return None
    row.answer, row.answered_by, row.answered_at = answer, official_id, now
    attachment = attachment or {}
    row.attachment_file_id = attachment.get("file_id")
    row.attachment_name = attachment.get("name")
    row.attachment_size = attachment.get("size")
    session.add(row)
    session.flush()
    return row


def _rows(session: Session, where: Sequence[Any]) -> list[ExplanationRow]:
    e = EXPLANATIONS
    official = Official.__table__  # type: ignore[attr-defined]
    stmt = (
        select(
            e.c.id,
            e.c.kind,
            e.c.task_id,
            e.c.agency_id,
            e.c.period_start,
            e.c.period_end,
            e.c.requested_at,
            e.c.answer,
            e.c.answered_at,
            official.c.full_name,
            e.c.attachment_file_id,
            e.c.attachment_name,
        )
        .select_from(e.outerjoin(official, official.c.id == e.c.answered_by))
        .where(*where)
        .order_by(e.c.period_end.desc(), e.c.id.desc())
    )
    return [ExplanationRow(*row) for row in session.execute(stmt)]


def explanations_of_task(*, session: Session, task_id: int) -> list[ExplanationRow]:
    """A task's explanations, latest period first (for its card)."""
    return _rows(session, [EXPLANATIONS.c.task_id == task_id])


def explanations_of_period(
    *, session: Session, organization_id: int, start: date, end: date
) -> list[ExplanationRow]:
    """The organization's explanations about periods meeting start..end (for report files)."""
    e = EXPLANATIONS
    return _rows(
        session,
        [
            col(Explanation.organization_id) == organization_id,
            e.c.period_start <= end,
            e.c.period_end >= start,
        ],
    )
