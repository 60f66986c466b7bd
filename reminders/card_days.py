"""A task card with its commune's working calendar (the card's "còn N ngày làm việc"), read in one
transaction: a card is the most opened view, and the calendar was a database call of its own."""

from __future__ import annotations

from sqlmodel import Session

from plans.tasks import TaskCard, Today
from plans.tasks import card as task_card
from reminders.calendar import WorkCalendar
from reminders.calendar_admin import work_calendar
from storage.models import Official


def card_with_calendar(
    *, session: Session, official: Official, task_id: int, today: Today, base: WorkCalendar
) -> tuple[TaskCard, WorkCalendar] | None:
    """The card and the calendar of the official's commune (the base one without a commune), or None
    when the official may not see the task."""
    found = task_card(session=session, official=official, task_id=task_id, today=today)
    if found is None:
        return None
    if official.organization_id is None:
        return found, base
    return found, work_calendar(session=session, organization_id=official.organization_id, base=base)
