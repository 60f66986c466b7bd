"""A commune's own changes to the working calendar (keyword-only session; they never commit)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from storage.models import CalendarDay


def calendar_days(*, session: Session, organization_id: int) -> list[CalendarDay]:
    return list(
        session.exec(
            select(CalendarDay)
            .where(CalendarDay.organization_id == organization_id)
            .order_by(col(CalendarDay.day))
        ).all()
    )


def calendar_overrides(*, session: Session) -> dict[int, list[tuple[date, bool, str]]]:
    """Every organization's changes, for a reminder pass: organization → (day, working, note)."""
    found: dict[int, list[tuple[date, bool, str]]] = defaultdict(list)
    for row in session.exec(select(CalendarDay).order_by(col(CalendarDay.day))).all():
        found[row.organization_id].append((row.day, row.working, row.note))
    return dict(found)


def calendar_day(*, session: Session, organization_id: int, day: date) -> CalendarDay | None:
    return session.exec(
        select(CalendarDay).where(CalendarDay.organization_id == organization_id, CalendarDay.day == day)
    ).first()
