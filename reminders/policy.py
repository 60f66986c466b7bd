"""What a reminder pass needs to know about the deployment, as plain values (built in bot/ from
the settings; tests build it directly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta

from plans.clock import Clock
from plans.periods import PeriodPolicy
from reminders.calendar import WorkCalendar

DEFAULT_OFFSETS = (7, 3, 1, 0)


@dataclass(frozen=True)
class ReminderConfig:
    clock: Clock = field(default_factory=Clock)
    periods: PeriodPolicy = field(default_factory=PeriodPolicy)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    reminder_time: time = time(7, 30)  # the default digest time; officials may choose their own
    offsets: tuple[int, ...] = DEFAULT_OFFSETS  # days before a due day on which to remind
    # Escalation (reminders/escalation.py): a task overdue for more than this many working days, or
    # an agency without its period report when the reporting window has closed, is told to the
    # leader in charge. None: no escalation.
    escalate_after_days: int | None = 10
    # A claim on a digest is leased: renewed while its pass is alive (a 429 may keep it waiting for
    # minutes), taken over by another pass once the lease has run out (its process died).
    claim_lease: timedelta = timedelta(seconds=90)
