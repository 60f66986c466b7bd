"""Use cases behind /lichnghi and `planbot calendar`: view a commune's working calendar and change
it (an extra day off, a weekend day worked to make up for one), audited. Reminders read the same
changes at every pass (storage/queries/reminders.py), so a change applies from the next pass on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from reminders.calendar import WorkCalendar, commune_calendar
from storage.models import AuditLog, CalendarDay
from storage.queries.calendar import calendar_day, calendar_days

VIEW_DAYS = 120


@dataclass(frozen=True)
class DayOff:
    day: date
    reason: str
    own: bool  # the commune's own change (removable), not a public holiday


@dataclass(frozen=True)
class CalendarView:
    start: date
    end: date
    days_off: list[DayOff]  # weekdays without reminders, public holidays included
    working_days: list[tuple[date, str]]  # weekend days the commune works


def work_calendar(*, session: Session, organization_id: int, base: WorkCalendar) -> WorkCalendar:
    changes = [
        (d.day, d.working, d.note) for d in calendar_days(session=session, organization_id=organization_id)
    ]
    return commune_calendar(base, changes)


def calendar_view(
    *, session: Session, organization_id: int, base: WorkCalendar, start: date, days: int = VIEW_DAYS
) -> CalendarView:
    own = {d.day: d for d in calendar_days(session=session, organization_id=organization_id)}
    cal = commune_calendar(base, [(d.day, d.working, d.note) for d in own.values()])
    end = start + timedelta(days=days)
    days_off = [
        DayOff(day, reason, day in own and not own[day].working)
        for day, reason in cal.days_off_in(start, end)
    ]
    working = [(day, row.note) for day, row in sorted(own.items()) if row.working and start <= day <= end]
    return CalendarView(start, end, days_off, working)


def set_day(
    *,
    session: Session,
    organization_id: int,
    day: date,
    working: bool,
    note: str,
    actor_user_id: int | None,
) -> CalendarDay:
    """Record the commune's change on `day` (replacing an earlier one on the same day)."""
    row = calendar_day(session=session, organization_id=organization_id, day=day) or CalendarDay(
        organization_id=organization_id, day=day, working=working
    )
    row.working, row.note, row.created_by = working, note[:255], actor_user_id
    session.add(row)
    session.add(
        AuditLog(
            actor_user_id=actor_user_id,
            action="calendar_working_day" if working else "calendar_day_off",
            detail={"organization_id": organization_id, "day": day.isoformat(), "note": note[:255]},
        )
    )
    return row


def remove_day(*, session: Session, organization_id: int, day: date, actor_user_id: int | None) -> bool:
    row = calendar_day(session=session, organization_id=organization_id, day=day)
    if row is None:
        return False
    session.delete(row)
    session.add(
        AuditLog(
            actor_user_id=actor_user_id,
            action="calendar_change_removed",
            detail={"organization_id": organization_id, "day": day.isoformat()},
        )
    )
    return True
