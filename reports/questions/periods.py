"""The period grammar of questions: "quý 3", "tháng trước", "6 tháng đầu năm", date ranges (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from plans import periods as P
from plans.periods import Period, PeriodMode
from reports.questions.text import correct, normalize
from storage.text import nfc


class PeriodError(ValueError):
    """The text names a period that does not exist ("quý 5", "tháng 13")."""


_WORD_NUMBERS = {"mot": "1", "hai": "2", "ba": "3", "bon": "4", "tu": "4"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_REL = r"(nay|hien tai|truoc|vua qua|ngoai|sau|toi|ke tiep)"
_YEAR_SPEC = r"(?:\s*(?:/|-)\s*(\d{4})|\s+nam\s+(\d{4})|\s+nam\s+(nay|ngoai|truoc|sau|toi)|\s+(\d{4}))?"
_RANGE_RE = re.compile(
    r"\btu\s+(?:ngay\s+)?(\d{1,2}) / (\d{1,2}) / (\d{4})\s+(?:den|toi|-)\s+(?:ngay\s+)?"
    r"(\d{1,2}) / (\d{1,2}) / (\d{4})"
)
_HALF_RE = re.compile(
    r"\b(?:(?:6|sau) thang|nua) (dau|cuoi)(?: nam)?(?:\s*(?:/|-)\s*(\d{4})|\s+(\d{4})|\s+(nay|ngoai|truoc|sau|toi))?"
)
_QUARTER_RE = re.compile(r"\bquy (iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu)\b" + _YEAR_SPEC)
QUARTER_BAD = re.compile(r"\bquy (\d+)\b")
_QUARTER_REL = re.compile(r"\bquy " + _REL + r"\b")
_MONTH_RE = re.compile(r"\bthang (\d{1,2})\b" + _YEAR_SPEC)
_MONTH_REL = re.compile(r"\bthang " + _REL + r"\b")
_WEEK_REL = re.compile(r"\btuan " + _REL + r"\b")
_YEAR_REL = re.compile(r"\bnam " + _REL + r"\b")
_YEAR_NUM = re.compile(r"\bnam (\d{4})\b|\b(20\d{2})\b")
_TODAY = re.compile(r"\bhom nay\b")
_REL_STEP = {
    "nay": 0,
    "hien tai": 0,
    "truoc": -1,
    "vua qua": -1,
    "ngoai": -1,
    "sau": 1,
    "toi": 1,
    "ke tiep": 1,
}


def _year_from(groups: Sequence[str | None], today: date, rest: str) -> int:
    """The year of a quarter/month/half phrase: written after it, elsewhere in the text, or this year."""
    num = next((g for g in groups[:2] if g), None) or (groups[3] if len(groups) > 3 else None)
    if num:
        return int(num)
    rel = groups[2] if len(groups) > 2 else None
    if rel:
        return today.year + _REL_STEP[rel]
    m = _YEAR_NUM.search(rest)
    if m:
        return int(m.group(1) or m.group(2))
    m2 = _YEAR_REL.search(rest)
    if m2:
        return today.year + _REL_STEP[m2.group(1)]
    return today.year


def _blank(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]


def find_period(text: str, *, today: date, mode: PeriodMode = "calendar") -> Period | None:
    """The period named in normalized, corrected text; None when none is named.

    Raises PeriodError for a period that cannot exist ("quý 5", "tháng 13").
    """
    m = _RANGE_RE.search(text)
    if m:
        try:
            a = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            b = date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        except ValueError as exc:
            raise PeriodError(m.group(0)) from exc
        return P.date_range(a, b)
    m = _HALF_RE.search(text)
    if m:
        year = _year_from((m.group(2), m.group(3), m.group(4)), today, _blank(text, m))
        return P.half(year, 1 if m.group(1) == "dau" else 2, mode)
    m = _QUARTER_RE.search(text)
    if m:
        raw = m.group(1)
        q = _ROMAN.get(raw) or int(_WORD_NUMBERS.get(raw, raw))
        year = _year_from(m.groups()[1:5], today, _blank(text, m))
        return P.quarter(year, q, mode)
    m = _QUARTER_REL.search(text)
    if m:
        return P.shift_quarter(P.quarter_containing(today, mode), _REL_STEP[m.group(1)], mode)
    m = QUARTER_BAD.search(text)
    if m:
        raise PeriodError(m.group(0))
    m = _MONTH_RE.search(text)
    if m:
        mo = int(m.group(1))
        if not 1 <= mo <= 12:
            raise PeriodError(m.group(0))
        year = _year_from(m.groups()[1:5], today, _blank(text, m))
        return P.month(year, mo, mode)
    m = _MONTH_REL.search(text)
    if m:
        return P.shift_month(P.month_containing(today, mode), _REL_STEP[m.group(1)], mode)
    m = _WEEK_REL.search(text)
    if m:
        return P.week_of(today + timedelta(days=7 * _REL_STEP[m.group(1)]))
    if _TODAY.search(text):
        return P.date_range(today, today)
    m = _YEAR_REL.search(text)
    if m:
        return P.year_period(today.year + _REL_STEP[m.group(1)], mode)
    m = _YEAR_NUM.search(text)
    if m:
        return P.year_period(int(m.group(1) or m.group(2)), mode)
    return None


def parse_period_text(text: str, *, today: date, mode: PeriodMode = "calendar") -> Period | None:
    """A period typed by a user ("quý 3", "quy III/2025", "2025-Q3", "tháng trước")."""
    raw = nfc(text).strip()
    if re.fullmatch(r"\d{4}(-(Q[1-4]|H[12]|\d{1,2}))?|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}", raw, re.I):
        try:
            return P.parse_period_code(raw, mode)
        except ValueError as exc:
            raise PeriodError(raw) from exc
    return find_period(" ".join(correct(normalize(raw).split())), today=today, mode=mode)


NOW_INTENTS = frozenset({"overdue", "upcoming"})  # about today, not about a period being reported on


def default_period(intent: str, text: str, *, today: date, policy: P.PeriodPolicy) -> Period:
    """The period of a question that names none: the reporting period being reported on (inside a
    reporting window, the one just ended), the current one for what is overdue or due, the year for
    "cả năm"."""
    mode = policy.mode
    if intent == "upcoming":
        return P.month_containing(today, mode)
    if re.search(r"\bke hoach nam\b|\bca nam\b|\bnam\b$", text):
        return P.year_period(P.quarter_containing(today, mode).year, mode)
    if intent in NOW_INTENTS:
        return policy.containing(today)
    return policy.default_for_questions(today)
