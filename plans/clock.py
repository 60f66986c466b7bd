"""The one clock: what "now" and "today" are, in the commune's time zone.

Every "today" in planbot comes from here (the local calendar day of PLANBOT_TIMEZONE, not the
machine's). A clock may be set to another moment (`planbot chat --at 2023-04-17`): it then starts
at that moment and runs on, so a demo shows a 2023 plan as it looked in 2023.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class Clock:
    tz: tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    at: datetime | None = None  # the moment the clock was set to (aware), None = the real time
    _started: float = field(default_factory=_time.monotonic, compare=False, repr=False)

    def now(self) -> datetime:
        """An aware moment in the clock's time zone."""
        if self.at is None:
            return datetime.now(UTC).astimezone(self.tz)
        return (self.at + _elapsed(self._started)).astimezone(self.tz)

    def today(self) -> date:
        return self.now().date()

    def local_day(self, moment: datetime) -> date:
        """The local calendar day of an aware moment (23:30 UTC is already tomorrow in Hà Nội)."""
        if moment.tzinfo is None:
            raise ValueError("moment must be timezone-aware")
        return moment.astimezone(self.tz).date()

    def moment(self, day: date, at: time = time(12)) -> datetime:
        """An aware moment on a local day (noon unless told)."""
        return datetime.combine(day, at, self.tz)

    def set_to(self, moment: datetime | date) -> Clock:
        """A clock that starts at `moment` (a date means 08:00 local) and runs on from there."""
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time(8), self.tz)
        elif moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        return Clock(self.tz, moment)


def _elapsed(started: float) -> timedelta:
    return timedelta(seconds=_time.monotonic() - started)


def parse_moment(text: str, tz: tzinfo) -> datetime:
    """An ISO date ("2023-04-17", 08:00 local) or date-time (local unless it has an offset)."""
    value = text.strip()
    if len(value) == 10:
        return datetime.combine(date.fromisoformat(value), time(8), tz)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
