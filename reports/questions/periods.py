"""The period grammar of questions (pure), on the text reports.questions.text.read produces.

Every form leaders write: "quý 3", "quý III/2025", "Q1/2023", "quý 1 năm ngoái", "quý này",
"quý trước" / "quý vừa rồi" (the last quarter that has ended), "tháng 11", "tháng trước",
"6 tháng đầu năm", "nửa cuối năm 2025", "năm nay", "năm ngoái", "năm 2025", "tuần này",
"từ tháng 3 đến tháng 6", "từ 01/10/2025 đến 15/11/2025", "hôm nay". A quarter or month without
a year is this year's, or last year's when this year's is still months away ("quý 4" asked in
January); in a follow-up it is the year the conversation is about ("năm ngoái" … "thế còn quý 4?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from plans import periods as P
from plans.periods import Period, PeriodMode
from reports.questions.text import read
from storage.text import nfc


class PeriodError(ValueError):
    """The text names a period that does not exist ("quý 5", "tháng 13")."""


@dataclass(frozen=True)
class PeriodHit:
    period: Period
    start: int  # span in the text
    end: int
    relative: bool = False  # "quý này", "tháng trước": read from today
    year_given: bool = True


_NUM = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_REL = r"(nay|hien tai|truoc|vua qua|vua roi|rooi|roi|ngoai|qua|sau|toi|ke tiep|tiep theo)"
_STEP = {
    "nay": 0, "hien tai": 0, "truoc": -1, "vua qua": -1, "vua roi": -1, "roi": -1, "qua": -1, "ngoai": -1,
    "sau": 1, "toi": 1, "ke tiep": 1, "tiep theo": 1,
}  # fmt: skip
_YEAR = r"(?:\s*/\s*(\d{4})|\s+nam\s+(\d{4})|\s+nam\s+(nay|ngoai|truoc|sau|toi)|\s+(\d{4})(?!\s*/))?"
_Q = r"(iv|iii|ii|i|\d{1,20}|mot|hai|ba|bon|tu)"
_RANGE_DAYS = re.compile(
    r"\btu\s+(?:ngay\s+)?(\d{1,2}) / (\d{1,2}) / (\d{4})\s+(?:den|toi)\s+(?:ngay\s+)?(\d{1,2}) / (\d{1,2}) / (\d{4})"
)
_RANGE_MONTHS = re.compile(
    r"\b(?:tu\s+)?thang\s+(\d{1,2})(?:\s*/\s*(\d{4}))?\s+(?:den|toi)\s+(?:het\s+)?thang\s+(\d{1,2})" + _YEAR
)
_HALF = re.compile(
    r"\b(?:(?:6|sau) thang|nua) (dau|cuoi)(?: nam)?(?:\s*/\s*(\d{4})|\s+(\d{4})|\s+(nay|ngoai|truoc|sau|toi))?"
)
_QUARTER = re.compile(r"\bquy\s+" + _Q + r"\b" + _YEAR)
_QUARTER_REL = re.compile(r"\bquy\s+" + _REL + r"\b")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\b(?!\s*/\s*\d{1,2}\s*/)" + _YEAR)
_MONTH_REL = re.compile(r"\bthang\s+" + _REL + r"\b")
_WEEK_REL = re.compile(r"\btuan\s+" + _REL + r"\b")
_YEAR_REL = re.compile(r"\b(?:nam|ca nam)\s+" + _REL + r"\b")
_YEAR_NUM = re.compile(r"\bnam\s+(\d{4})\b|(?<![/\d])\b((?:19|20)\d{2})\b(?!\s*/)")
_TODAY = re.compile(r"\bhom nay\b")
_WHOLE_YEAR = re.compile(r"\bca nam\b|\bke hoach nam\b")


def _year(groups: tuple[str | None, ...], today: date) -> int | None:
    """The year written right after a quarter/month phrase ("/2023", "năm 2023", "năm ngoái", "2023")."""
    for g in (groups[0], groups[1], groups[3]):
        if g:
            return int(g)
    if groups[2]:
        return today.year + _STEP[groups[2]]
    return None


def _guess_year(make: object, number: int, today: date, hint: int | None) -> tuple[int, bool]:
    if hint is not None:
        return hint, False
    year = today.year
    period = make(year, number)  # type: ignore[operator]
    if period.start > today + timedelta(days=120):  # "quý 4" in January: the one just past
        year -= 1
    return year, False


# In a follow-up, "quý trước" / "tháng sau" step from the period the chat is about ("tỷ lệ quý 3"
# … "thế còn quý trước?" is quý 2, even when quý 3 is also the last one ended); "quý vừa rồi",
# "năm ngoái", "quý này" always read from today.
_STEPS_FROM_CHAT = ("truoc", "sau", "toi", "ke tiep", "tiep theo")


def _base(current: Period, word: str, anchor: Period | None, kind: str) -> Period:
    return anchor if anchor is not None and anchor.kind == kind and word in _STEPS_FROM_CHAT else current


def _named(
    text: str, today: date, mode: PeriodMode, hint: int | None, anchor: Period | None = None
) -> list[PeriodHit]:
    hits: list[PeriodHit] = []

    def quarter(y: int, q: int) -> Period:
        return P.quarter(y, q, mode)

    def month(y: int, m: int) -> Period:
        return P.month(y, m, mode)

    for m in _RANGE_DAYS.finditer(text):
        try:
            a = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            b = date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        except ValueError as exc:
            raise PeriodError(m.group(0)) from exc
        hits.append(PeriodHit(P.date_range(a, b), m.start(), m.end()))
    for m in _RANGE_MONTHS.finditer(text):
        first, last = int(m.group(1)), int(m.group(3))
        if not (1 <= first <= 12 and 1 <= last <= 12):
            raise PeriodError(m.group(0))
        end_year = _year(m.groups()[3:7], today)
        start_year = int(m.group(2)) if m.group(2) else None
        if start_year is None and end_year is None:
            start_year, _ = _guess_year(month, first, today, hint)
        if start_year is None:
            assert end_year is not None
            start_year = end_year if first <= last else end_year - 1
        if end_year is None:
            end_year = start_year if first <= last else start_year + 1
        period = P.date_range(month(start_year, first).start, month(end_year, last).end)
        hits.append(PeriodHit(period, m.start(), m.end(), year_given=m.group(2) is not None))
    for m in _HALF.finditer(text):
        year = int(m.group(2) or m.group(3) or 0) or (today.year + _STEP[m.group(4)] if m.group(4) else 0)
        given = bool(year)
        year = year or (hint if hint is not None else today.year)
        hits.append(PeriodHit(P.half(year, 1 if m.group(1) == "dau" else 2, mode), m.start(), m.end(),
                              year_given=given))  # fmt: skip
    for m in _QUARTER.finditer(text):
        raw = m.group(1)
        number = _NUM.get(raw) or (int(raw) if raw.isdigit() and len(raw) < 3 else 0)
        if not 1 <= number <= 4:
            raise PeriodError(m.group(0))
        written = _year(m.groups()[1:5], today)
        year = written if written is not None else _guess_year(quarter, number, today, hint)[0]
        hits.append(PeriodHit(quarter(year, number), m.start(), m.end(), year_given=written is not None))
    for m in _QUARTER_REL.finditer(text):
        current = _base(P.quarter_containing(today, mode), m.group(1), anchor, "quarter")
        hits.append(PeriodHit(P.shift_quarter(current, _STEP[m.group(1)], mode), m.start(), m.end(), True))
    for m in _MONTH.finditer(text):
        number = int(m.group(1))
        if not 1 <= number <= 12:
            raise PeriodError(m.group(0))
        written = _year(m.groups()[1:5], today)
        year = written if written is not None else _guess_year(month, number, today, hint)[0]
        hits.append(PeriodHit(month(year, number), m.start(), m.end(), year_given=written is not None))
    for m in _MONTH_REL.finditer(text):
        current = _base(P.month_containing(today, mode), m.group(1), anchor, "month")
        hits.append(PeriodHit(P.shift_month(current, _STEP[m.group(1)], mode), m.start(), m.end(), True))
    for m in _WEEK_REL.finditer(text):
        hits.append(
            PeriodHit(P.week_of(today + timedelta(days=7 * _STEP[m.group(1)])), m.start(), m.end(), True)
        )
    for m in _TODAY.finditer(text):
        hits.append(PeriodHit(P.date_range(today, today), m.start(), m.end(), True))
    for m in _YEAR_REL.finditer(text):
        base = _base(P.year_period(today.year, mode), m.group(1), anchor, "year").year or today.year
        hits.append(PeriodHit(P.year_period(base + _STEP[m.group(1)], mode), m.start(), m.end(), True))
    for m in _YEAR_NUM.finditer(text):
        year = int(m.group(1) or m.group(2))
        if 1900 <= year <= 2200:
            hits.append(PeriodHit(P.year_period(year, mode), m.start(), m.end()))
    for m in _WHOLE_YEAR.finditer(text):
        hits.append(PeriodHit(P.year_period(hint or today.year, mode), m.start(), m.end(), True))
    return hits


def find_periods(
    text: str,
    *,
    today: date,
    mode: PeriodMode = "calendar",
    year_hint: int | None = None,
    anchor: Period | None = None,
) -> list[PeriodHit]:
    """The periods a read text names, in the order written; a phrase inside a longer one
    ("quý 1" in "quý 1 năm 2023", "năm 2023" in it) is not a period of its own.

    Raises PeriodError for a period that cannot exist ("quý 5", "tháng 13")."""
    hits = sorted(_named(text, today, mode, year_hint, anchor), key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[PeriodHit] = []
    for hit in hits:
        if any(k.start <= hit.start and hit.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (hit.start <= k.start and k.end <= hit.end)]
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def find_period(text: str, *, today: date, mode: PeriodMode = "calendar") -> Period | None:
    """The first period named in read text; None when none is named."""
    hits = find_periods(text, today=today, mode=mode)
    return hits[0].period if hits else None


def parse_period_text(text: str, *, today: date, mode: PeriodMode = "calendar") -> Period | None:
    """A period typed after a command ("quý 3", "quy III/2024", "2025-Q3", "tháng trước")."""
    raw = nfc(text).strip()
    if re.fullmatch(r"\d{4}(-(Q[1-4]|H[12]|\d{1,2}))?|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}", raw, re.I):
        try:
            return P.parse_period_code(raw, mode)
        except ValueError as exc:
            raise PeriodError(raw) from exc
    return find_period(read(raw).text, today=today, mode=mode)


def blank(text: str, hits: list[PeriodHit]) -> str:
    """The text with the period phrases replaced by spaces (what else it says)."""
    chars = list(text)
    for hit in hits:
        chars[hit.start : hit.end] = " " * (hit.end - hit.start)
    return re.sub(r"\s+", " ", "".join(chars)).strip()
