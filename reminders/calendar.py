"""The working calendar: which days are working days for a commune.

Vietnam's public holidays (Tết Dương lịch, Tết Nguyên Đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc
khánh and the days off in lieu the government announces) come from the `holidays` package. On top of
them each commune keeps its own changes: extra days off, and Saturdays (or Sundays) worked to make
up for a bridge day. Reminders, "working days left" and escalation all ask this calendar.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays

MAX_DAYS_OFF_IN_A_ROW = 60  # more than this in a row is a configuration error, not a calendar


@functools.lru_cache(maxsize=64)
def _public_holidays(year: int) -> Mapping[date, str]:
    found = holidays.country_holidays("VN", years=[year], language="vi")
    return dict(found.items())


def public_holiday(day: date) -> str | None:
    """The Vietnamese name of the public holiday on `day` ("Tết Nguyên Đán"), else None."""
    return _public_holidays(day.year).get(day)


@dataclass(frozen=True)
class WorkCalendar:
    """Monday–Friday (and Saturday when the commune works it), less public holidays and the
    commune's own days off, plus the days it works to make up for them."""

    work_on_saturday: bool = False
    days_off: Mapping[date, str] = field(default_factory=dict)  # the commune's own: day → why
    working_days: Mapping[date, str] = field(default_factory=dict)  # weekend days worked: day → why
    public_holidays: bool = True

    def with_overrides(self, days_off: Mapping[date, str], working_days: Mapping[date, str]) -> WorkCalendar:
        return WorkCalendar(
            self.work_on_saturday,
            {**self.days_off, **days_off},
            {**self.working_days, **working_days},
            self.public_holidays,
        )

    def reason_off(self, day: date) -> str | None:
        """Why `day` is not a working day ("Thứ Bảy", "Tết Nguyên Đán", the commune's note), or None."""
        if day in self.working_days:
            return None
        if day in self.days_off:
            return self.days_off[day] or "Ngày nghỉ của xã"
        if self.public_holidays:
            name = public_holiday(day)
            if name:
                return name
        weekday = day.weekday()
        if weekday == 6:
            return "Chủ nhật"
        if weekday == 5 and not self.work_on_saturday:
            return "Thứ Bảy"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.reason_off(day) is None

    def on_or_before(self, day: date) -> date:
        """The day itself if it is a working day, else the previous working day."""
        for _ in range(MAX_DAYS_OFF_IN_A_ROW):
            if self.is_working_day(day):
                return day
            day -= timedelta(days=1)
        return day

    def first_working_day_of_week(self, day: date) -> date | None:
        monday = day - timedelta(days=day.weekday())
        for i in range(7):
            candidate = monday + timedelta(days=i)
            if self.is_working_day(candidate):
                return candidate
        return None

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end ≤ start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def days_off_in(self, start: date, end: date) -> list[tuple[date, str]]:
        """Every non-weekend day off between start and end (for /lichnghi), with its reason."""
        out: list[tuple[date, str]] = []
        day = start
        while day <= end:
            reason = self.reason_off(day)
            if reason and reason not in ("Thứ Bảy", "Chủ nhật"):
                out.append((day, reason))
            day += timedelta(days=1)
        return out


def calendar_from(
    work_on_saturday: bool, extra_days_off: Iterable[date] = (), *, public_holidays: bool = True
) -> WorkCalendar:
    """The deployment-wide calendar of the settings (PLANBOT_WORK_ON_SATURDAY, PLANBOT_HOLIDAYS)."""
    return WorkCalendar(
        work_on_saturday, {day: "Ngày nghỉ (cấu hình)" for day in extra_days_off}, {}, public_holidays
    )


def commune_calendar(base: WorkCalendar, changes: Iterable[tuple[date, bool, str]]) -> WorkCalendar:
    """The deployment's calendar with one commune's own changes on top: (day, working, note)."""
    days_off: dict[date, str] = {}
    working: dict[date, str] = {}
    for day, is_working, note in changes:
        (working if is_working else days_off)[day] = note
    return base.with_overrides(days_off, working) if days_off or working else base
