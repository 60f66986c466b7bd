"""Reporting periods: calendar quarters/months/halves/years, weeks, ranges, and the official
periods of Nghị định 09/2019/NĐ-CP (a quarter runs from the 15th of the month before it to the
14th of its last month; a year from 15/12 to 14/12)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodMode = Literal["calendar", "nd09"]

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str  # quarter | month | half | year | week | range
    label: str  # "Quý IV/2025", "Tháng 11/2025", "6 tháng đầu năm 2025", "Năm 2025", "Tuần 23/11–29/11/2026"
    year: int
    index: int = 0  # quarter 1-4, month 1-12, half 1-2

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def span_text(self) -> str:
        """ "01/10–31/12" (year added when the ends are in different years)."""
        if self.start.year == self.end.year:
            return f"{self.start:%d/%m}–{self.end:%d/%m}"
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"

    @property
    def title(self) -> str:
        """ "Quý IV/2025 (01/10–31/12)"."""
        return f"{self.label} ({self.span_text})"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter(year: int, q: int, mode: PeriodMode = "calendar") -> Period:
    if not 1 <= q <= 4:
        raise ValueError(f"quarter must be 1-4, got {q}")
    first_month = 3 * (q - 1) + 1
    last_month = first_month + 2
    if mode == "nd09":
        start = date(year - 1, 12, 15) if q == 1 else date(year, first_month - 1, 15)
        end = date(year, last_month, 14)
    else:
        start, end = date(year, first_month, 1), month_end(year, last_month)
    return Period(start, end, "quarter", f"Quý {ROMAN[q]}/{year}", year, q)


def month(year: int, m: int, mode: PeriodMode = "calendar") -> Period:
    if not 1 <= m <= 12:
        raise ValueError(f"month must be 1-12, got {m}")
    if mode == "nd09":
        start = date(year - 1, 12, 15) if m == 1 else date(year, m - 1, 15)
        end = date(year, m, 14)
    else:
        start, end = date(year, m, 1), month_end(year, m)
    return Period(start, end, "month", f"Tháng {m}/{year}", year, m)


def half(year: int, h: int, mode: PeriodMode = "calendar") -> Period:
    if h not in (1, 2):
        raise ValueError(f"half must be 1 or 2, got {h}")
    first, last = (
        (quarter(year, 1, mode), quarter(year, 2, mode))
        if h == 1
        else (
            quarter(year, 3, mode),
            quarter(year, 4, mode),
        )
    )
    label = f"6 tháng đầu năm {year}" if h == 1 else f"6 tháng cuối năm {year}"
    return Period(first.start, last.end, "half", label, year, h)


def year_period(year: int, mode: PeriodMode = "calendar") -> Period:
    if mode == "nd09":
        return Period(date(year - 1, 12, 15), date(year, 12, 14), "year", f"Năm {year}", year, 0)
    return Period(date(year, 1, 1), date(year, 12, 31), "year", f"Năm {year}", year, 0)


def week_of(day: date) -> Period:
    start = day - timedelta(days=day.weekday())
    end = start + timedelta(days=6)
    label = f"Tuần {start:%d/%m}–{end:%d/%m/%Y}"
    return Period(start, end, "week", label, day.year, 0)


def date_range(start: date, end: date) -> Period:
    if end < start:
        start, end = end, start
    label = f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
    return Period(start, end, "range", label, start.year, 0)


def quarter_containing(day: date, mode: PeriodMode = "calendar") -> Period:
    """The quarter a day falls in (in nd09 mode 20/12/2025 is in Quý I/2026)."""
    if mode == "nd09":
        for y in (day.year, day.year + 1):
            for q in range(1, 5):
                p = quarter(y, q, mode)
                if p.contains(day):
                    return p
    return quarter(day.year, quarter_of(day), mode)


def month_containing(day: date, mode: PeriodMode = "calendar") -> Period:
    if mode == "nd09":
        if day.day >= 15:
            return month(day.year + 1, 1, mode) if day.month == 12 else month(day.year, day.month + 1, mode)
        return month(day.year, day.month, mode)
    return month(day.year, day.month, mode)


def shift_quarter(p: Period, steps: int, mode: PeriodMode = "calendar") -> Period:
    index = p.year * 4 + (p.index - 1) + steps
    return quarter(index // 4, index % 4 + 1, mode)


def shift_month(p: Period, steps: int, mode: PeriodMode = "calendar") -> Period:
    index = p.year * 12 + (p.index - 1) + steps
    return month(index // 12, index % 12 + 1, mode)


def period_code(period: Period) -> str:
    """The short code of a period (for callback data and the CLI): 2025-Q3, 2025-11, 2025-H1, 2025."""
    if period.kind == "quarter":
        return f"{period.year}-Q{period.index}"
    if period.kind == "month":
        return f"{period.year}-{period.index:02d}"
    if period.kind == "half":
        return f"{period.year}-H{period.index}"
    if period.kind == "year":
        return str(period.year)
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def period_label(start: date, end: date, mode: PeriodMode = "calendar") -> str:
    """The label of the period from start to end: "Quý I/2023", "Tháng 11/2025", or the dates."""
    for candidate in (
        quarter_containing(start, mode),
        month_containing(start, mode),
        year_period(start.year, mode),
        half(start.year, 1 if start.month <= 6 else 2, mode),
    ):
        if (candidate.start, candidate.end) == (start, end):
            return candidate.label
    return date_range(start, end).label


def parse_period_code(code: str, mode: PeriodMode = "calendar") -> Period:
    """CLI period codes: 2025-Q3, 2025-11, 2025-H1, 2025, 2025-01-01..2025-03-31."""
    text = code.strip().upper()
    try:
        if ".." in text:
            a, b = text.split("..", 1)
            return date_range(date.fromisoformat(a), date.fromisoformat(b))
        if "-Q" in text:
            y, q = text.split("-Q", 1)
            return quarter(int(y), int(q), mode)
        if "-H" in text:
            y, h = text.split("-H", 1)
            return half(int(y), int(h), mode)
        if "-" in text:
            y, m = text.split("-", 1)
            return month(int(y), int(m), mode)
        return year_period(int(text), mode)
    except ValueError as exc:
        raise ValueError(
            f"unknown period {code!r}: expected 2025-Q3, 2025-11, 2025-H1, 2025 or 2025-01-01..2025-03-31"
        ) from exc


ReportUnit = Literal["quarter", "month"]


@dataclass(frozen=True)
class PeriodPolicy:
    """The commune's reporting periods (kỳ báo cáo) and the window after each in which it reports.

    Communes compile a period's results in the weeks after it ends (the Thanh Xá Q1/2023 report is
    dated 14/04/2023): reports on a period are due by `window_day` of the month after it ends.
    """

    mode: PeriodMode = "calendar"
    unit: ReportUnit = "quarter"
    window_day: int = 20

    def containing(self, day: date) -> Period:
        """The reporting period a day falls in."""
        return (
            quarter_containing(day, self.mode) if self.unit == "quarter" else month_containing(day, self.mode)
        )

    def shift(self, period: Period, steps: int) -> Period:
        if period.kind == "month":
            return shift_month(period, steps, self.mode)
        return shift_quarter(period, steps, self.mode)

    def window_end(self, period: Period) -> date:
        """The last day to report on a period: `window_day` of the month after it ends."""
        year, month_number = (
            (period.end.year + 1, 1) if period.end.month == 12 else (period.end.year, period.end.month + 1)
        )
        return date(year, month_number, min(self.window_day, month_end(year, month_number).day))

    def open_window(self, day: date) -> Period | None:
        """The period that has ended and whose reporting window still contains `day`, if any."""
        previous = self.shift(self.containing(day), -1)
        return previous if previous.end < day <= self.window_end(previous) else None

    def report_choices(self, day: date) -> list[Period]:
        """The periods a report sent on `day` may be about, the default first: inside a reporting
        window the period just ended, then the current one; otherwise the current one only."""
        current = self.containing(day)
        ended = self.open_window(day)
        return [ended, current] if ended is not None else [current]

    def last_ended(self, day: date) -> Period:
        """ "quý vừa rồi": the last reporting period that has ended."""
        return self.shift(self.containing(day), -1)

    def default_for_questions(self, day: date) -> Period:
        """A question without a period: inside a reporting window, the period being reported on;
        otherwise the current one."""
        return self.open_window(day) or self.containing(day)
