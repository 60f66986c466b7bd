"""Vietnamese deadline phrases of plan appendices ("Thời hạn hoàn thành") → Deadline.

The text is kept exactly as written; the structure is read from a folded copy (lower case, no
diacritics, đ→d), so "Quý III/2025", "quy 3/2025" and "QUÝ III/2025" read the same. Every phrase
of the seed plans parses to a sensible kind; nothing here raises on odd input.

Decisions (documented because the plan text leaves them open):
- "Từ ngày 15/3/2026" (no end): kind range, start 15/3/2026, due 31/12 of that year.
- recurring and continuous deadlines get start/due = 1/1 and 31/12 of the year named in the
  text, else of ``year`` (the plan year), so a scheduler knows the window; the recurrence
  rule gives the actual due dates (``occurrences``). "Định kỳ theo quy định" / "Định kỳ hoặc
  đột xuất" have no rule: recurring with recurrence None.
- "Thường xuyên" wins over "Theo yêu cầu" ("Theo yêu cầu hoặc thường xuyên trong năm 2025").
- A day/month without a year and no ``year`` given keeps its kind with due None.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from plans.parsing.types import Deadline
from plans.periods import month_end, quarter
from storage.text import fold, nfc, squash

logger = logging.getLogger(__name__)

ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_YEAR = r"((?:19|20)\d{2})"
# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (year optional); also "09 thang 3 nam 2023"
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?![\d/])")
_DMY_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam|/)\s*(\d{4}))?")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*(?:/|-|nam)\s*" + _YEAR + r")?(?!\s*[/.]?\s*\d{1,2}\s*/)")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|-|nam)\s*" + _YEAR + r")?")
_RANGE_MONTHS = re.compile(
    r"\btu\s+thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*" + _YEAR + r")?\s*(?:den|toi|-)\s*"
    r"(?:het\s+)?thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*" + _YEAR + r")?"
)
_RANGE_FROM = re.compile(r"\b(?:tu|bat dau tu|ke tu)\s+(?:ngay\s+)?(?=\d)")
_ANY_YEAR = re.compile(r"(?<![\d/])" + _YEAR + r"(?!\d)")

_MONTHLY_DAY = re.compile(r"ngay\s+(\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang")
_RECURRENCE_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:hang|moi)\s+thang\b"), "monthly"),
    (re.compile(r"\b(?:hang|moi)\s+quy\b"), "quarterly"),
    (re.compile(r"\b(?:6|sau)\s+thang(?!\s+(?:dau|cuoi)\s+nam)\b|\bnua\s+nam\b"), "semiannual"),
    (re.compile(r"\b(?:hang|moi)\s+nam\b"), "yearly"),
]
_CONTINUOUS = re.compile(r"\b(?:thuong xuyen|lien tuc|ca nam|suot nam|hang ngay|quanh nam)\b")
_ON_DEMAND = re.compile(
    r"\b(?:khi co|theo yeu cau|theo lo trinh|theo huong dan|theo tien do|theo chi dao|"
    r"theo ke hoach|theo quy dinh|dot xuat|khi duoc|khi can|neu co|phat sinh)\b"
)
_IN_YEAR = re.compile(r"\b(?:trong\s+)?nam\s+" + _YEAR)


def _norm(text: str) -> str:
    """Folded, single-spaced, with 'quý 3 / 2025' style gaps closed."""
    folded = fold(squash(nfc(text)))
    return re.sub(r"\s*/\s*", "/", folded).strip(" .;,:-")


def _year4(raw: str | None, default: int | None) -> int | None:
    if not raw:
        return default
    value = int(raw)
    return value + 2000 if value < 100 else value


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _valid_dm(m: int, d: int) -> bool:
    """Day/month plausible in some year (29/2 allowed)."""
    return _safe_date(2024, m, d) is not None


def _year_span(f: str, year: int | None) -> tuple[date | None, date | None]:
    found = _ANY_YEAR.search(f)
    y = int(found.group(1)) if found else year
    if y is None:
        return None, None
    return date(y, 1, 1), date(y, 12, 31)


def _first_date(f: str, year: int | None) -> tuple[date | None, bool] | None:
    """First explicit day in the text: (date or None when the year is unknown, valid?)."""
    candidates: list[tuple[int, int, int, str | None]] = []
    for m in _DMY.finditer(f):
        candidates.append((m.start(), int(m.group(1)), int(m.group(2)), m.group(3)))
    for m in _DMY_WORDS.finditer(f):
        candidates.append((m.start(), int(m.group(1)), int(m.group(2)), m.group(3)))
    if not candidates:
        return None
    _, d, mo, y = min(candidates)
    if not _valid_dm(mo, d):
        return None, False
    y4 = _year4(y, year)
    day = _safe_date(y4, mo, d)
    if y4 is not None and day is None:  # 29/2 of a non-leap year
        return None, False
    return day, True


def _recurrence(f: str) -> str | None:
    """The first recurrence rule named in the text (by position)."""
    found: list[tuple[int, str]] = []
    md = _MONTHLY_DAY.search(f)
    if md and 1 <= int(md.group(1)) <= 31:
        found.append((md.start(), f"monthly:{int(md.group(1))}"))
    for pattern, rule in _RECURRENCE_WORDS:
        m = pattern.search(f)
        if m:
            found.append((m.start(), rule))
    if not found:
        return None
    return min(found)[1]


def _parse_range(raw: str, f: str, year: int | None) -> Deadline | None:
    m = _RANGE_MONTHS.search(f)
    if m:
        m1, m2 = int(m.group(1)), int(m.group(3))
        y2 = _year4(m.group(4), None) or _year4(m.group(2), year)
        y1 = _year4(m.group(2), None) or y2
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return Deadline(raw, "unknown")
        if y1 is None or y2 is None:
            return Deadline(raw, "range")
        return Deadline(raw, "range", due=month_end(y2, m2), start=date(y1, m1, 1))
    opening = _RANGE_FROM.search(f)
    if not opening:
        return None
    rest = f[opening.end() :]
    first = _first_date(rest, year)
    if first is None:
        return None
    start, valid = first
    if not valid:
        return Deadline(raw, "unknown")
    end_part = re.split(r"\b(?:den|toi)\b", rest, maxsplit=1)
    due: date | None = None
    if len(end_part) == 2:
        end = _first_date(end_part[1], start.year if start else year)
        if end is not None:
            if not end[1]:
                return Deadline(raw, "unknown")
            due = end[0]
    if due is None and start is not None:
        due = date(start.year, 12, 31)
    return Deadline(raw, "range", due=due, start=start)


def parse_deadline(text: str, *, year: int | None) -> Deadline:
    """Parse one deadline cell. ``year`` (the plan year) fills in missing years."""
    raw = nfc(text or "").strip()
    f = _norm(raw)
    if not f:
        return Deadline(raw, "unknown")
    try:
        return _parse(raw, f, year)
    except (ValueError, OverflowError):  # defensive: odd numbers never crash an import
        logger.warning("deadline not understood: %s", raw)
        return Deadline(raw, "unknown")


def _parse(raw: str, f: str, year: int | None) -> Deadline:
    ranged = _parse_range(raw, f, year)
    if ranged is not None:
        return ranged
    half = re.search(r"\b6\s+thang\s+(dau|cuoi)\s+nam(?:\s+" + _YEAR + r")?", f)
    if half:
        y = _year4(half.group(2), year)
        if y is None:
            return Deadline(raw, "range")
        if half.group(1) == "dau":
            return Deadline(raw, "range", due=date(y, 6, 30), start=date(y, 1, 1))
        return Deadline(raw, "range", due=date(y, 12, 31), start=date(y, 7, 1))
    rule = _recurrence(f)
    if rule is not None or re.search(r"\bdinh ky\b", f):
        start, due = _year_span(f, year)
        return Deadline(raw, "recurring", due=due, start=start, recurrence=rule)
    if _CONTINUOUS.search(f):
        start, due = _year_span(f, year)
        return Deadline(raw, "continuous", due=due, start=start)
    first = _first_date(f, year)
    if first is not None:
        day, valid = first
        return Deadline(raw, "date", due=day) if valid else Deadline(raw, "unknown")
    before_month = re.search(r"\btruoc\s+thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*" + _YEAR + r")?", f)
    if before_month:
        mo, y = int(before_month.group(1)), _year4(before_month.group(2), year)
        if not 1 <= mo <= 12:
            return Deadline(raw, "unknown")
        due = date(y, mo, 1) - timedelta(days=1) if y is not None else None
        return Deadline(raw, "date", due=due)
    m = _MONTH.search(f)
    if m:
        mo, y = int(m.group(1)), _year4(m.group(2), year)
        if not 1 <= mo <= 12:
            return Deadline(raw, "unknown")
        if y is None:
            return Deadline(raw, "month")
        return Deadline(raw, "month", due=month_end(y, mo), start=date(y, mo, 1))
    q = _QUARTER.search(f)
    if q:
        qn, y = ROMAN_Q[q.group(1)], _year4(q.group(2), year)
        if y is None:
            return Deadline(raw, "quarter")
        p = quarter(y, qn)
        return Deadline(raw, "quarter", due=p.end, start=p.start)
    if _ON_DEMAND.search(f):
        return Deadline(raw, "on_demand")
    end_of_year = re.search(r"\bcuoi\s+nam(?:\s+" + _YEAR + r")?", f)
    if end_of_year:
        y = _year4(end_of_year.group(1), year)
        return Deadline(raw, "date", due=date(y, 12, 31) if y else None)
    if _IN_YEAR.search(f) or re.fullmatch(_YEAR, f):
        start, due = _year_span(f, year)
        return Deadline(raw, "continuous", due=due, start=start)
    return Deadline(raw, "unknown")


# --- human wording for lists -------------------------------------------------------------

_DATED = {"date", "month", "quarter", "range"}


def deadline_human(deadline_kind: str, due: date | None, today: date) -> str:
    """Short Vietnamese wording of a deadline relative to ``today`` ("còn 3 ngày", "quá hạn 5 ngày")."""
    if deadline_kind == "continuous":
        return "thường xuyên"
    if deadline_kind == "on_demand":
        return "khi có phát sinh"
    if deadline_kind == "recurring":
        # the stored due of a recurring task is its window's end, not the next report day
        return "định kỳ"
    if deadline_kind not in _DATED or due is None:
        return "chưa rõ thời hạn"
    days = (due - today).days
    if days == 0:
        return "hôm nay"
    if days == 1:
        return "ngày mai"
    if days > 1:
        return f"còn {days} ngày"
    return f"quá hạn {-days} ngày"


# --- recurrence rules ----------------------------------------------------------------------


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
