"""Recurrence rules of recurring deadlines ("trước ngày 18 hàng tháng" → "monthly:18"): their due
days, and the period each occurrence reports on."""

from __future__ import annotations

from datetime import date, timedelta

from plans.periods import Period, half, month, month_end, quarter, quarter_of, year_period


def next_occurrence(recurrence: str, on_or_after: date) -> date:
    """The first due day of a recurrence rule on or after a day.

    Rules: "monthly:N" (the N-th, clamped to the month end), "monthly" (month end),
    "quarterly" (quarter end), "semiannual" (30/6, 31/12), "yearly" (31/12).
    Raises ValueError for an unknown rule.
    """
    rule = (recurrence or "").strip().lower()
    d = on_or_after
    if rule.startswith("monthly:"):
        try:
            n = int(rule.split(":", 1)[1])
        except ValueError as exc:
            raise ValueError(f"unknown recurrence {recurrence!r}") from exc
        if not 1 <= n <= 31:
            raise ValueError(f"unknown recurrence {recurrence!r}")
        candidate = date(d.year, d.month, min(n, month_end(d.year, d.month).day))
        if candidate >= d:
            return candidate
        y, m = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
        return date(y, m, min(n, month_end(y, m).day))
    if rule == "monthly":
        return month_end(d.year, d.month)
    if rule == "quarterly":
        return quarter(d.year, (d.month - 1) // 3 + 1).end
    if rule == "semiannual":
        return date(d.year, 6, 30) if d <= date(d.year, 6, 30) else date(d.year, 12, 31)
    if rule == "yearly":
        return date(d.year, 12, 31)
    raise ValueError(f"unknown recurrence {recurrence!r}")


def occurrences(recurrence: str, start: date, end: date) -> list[date]:
    """Every due day of a recurrence rule between start and end (inclusive)."""
    days: list[date] = []
    current = start
    while current <= end:
        day = next_occurrence(recurrence, current)
        if day > end:
            break
        days.append(day)
        current = day + timedelta(days=1)
    return days


def occurrence_period(recurrence: str, day: date) -> Period:
    """The calendar period an occurrence of a recurring deadline reports on (the month of a
    monthly rule, the quarter of a quarterly one …)."""
    rule = recurrence.split(":", 1)[0]
    if rule == "quarterly":
        return quarter(day.year, quarter_of(day))
    if rule == "semiannual":
        return half(day.year, 1 if day.month <= 6 else 2)
    if rule == "yearly":
        return year_period(day.year)
    return month(day.year, day.month)
