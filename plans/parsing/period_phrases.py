"""Periods named in report titles and result headers: "quý I năm 2023", "Kết quả quý III/2025",
"tháng 11 năm 2025", "6 tháng đầu năm 2025", "năm 2025" → plans.periods.Period.

A quarter, half or month phrase wins over a bare year ("Kết quả thực hiện Kế hoạch … năm 2023
trên địa bàn xã quý I năm 2023" is Quý I/2023); among those, the first in the text wins.
"""

from __future__ import annotations

import re
from typing import cast

from plans.periods import Period, PeriodMode, half, month, quarter, year_period
from storage.text import fold, nfc

_Y = r"(?:\s*(?:/|-|nam)\s*((?:19|20)\d{2}))?"
_QUARTER = re.compile(r"(?<![\w])quy\s+(iv|iii|ii|i|[1-4])(?![\w])" + _Y)
_HALF = re.compile(r"(?<![\w])(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam(?:\s+((?:19|20)\d{2}))?")
_MONTH = re.compile(r"(?<![\w])thang\s+(\d{1,2})(?!\d)" + _Y)
_YEAR = re.compile(r"(?<![\w])nam\s+((?:19|20)\d{2})(?!\d)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def parse_period_phrase(text: str, *, default_year: int | None, mode: str = "calendar") -> Period | None:
    """The period a title or header names, or None when there is none (or no year is known)."""
    if mode not in ("calendar", "nd09"):
        raise ValueError(f"unknown period mode {mode!r}")
    pmode = cast(PeriodMode, mode)
    f = re.sub(r"\s*/\s*", "/", fold(nfc(text or "")))
    found: list[tuple[int, Period]] = []
    m = _QUARTER.search(f)
    if m:
        y = int(m.group(2)) if m.group(2) else default_year
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        if y is not None:
            found.append((m.start(), quarter(y, q, pmode)))
    m = _HALF.search(f)
    if m:
        y = int(m.group(2)) if m.group(2) else default_year
        if y is not None:
            found.append((m.start(), half(y, 1 if m.group(1) == "dau" else 2, pmode)))
    for m in _MONTH.finditer(f):
        number = int(m.group(1))
        y = int(m.group(2)) if m.group(2) else default_year
        if 1 <= number <= 12 and y is not None and not _inside_half(f, m.start()):
            found.append((m.start(), month(y, number, pmode)))
            break
    if found:
        return min(found, key=lambda item: item[0])[1]
    m = _YEAR.search(f)
    if m:
        return year_period(int(m.group(1)), pmode)
    return None


def _inside_half(f: str, pos: int) -> bool:
    return bool(re.search(r"(?:6|sau)\s+$", f[max(0, pos - 5) : pos]))
