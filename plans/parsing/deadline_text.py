"""The pieces of a deadline cell that plans.parsing.deadlines reasons about.

- ``prepare``: the folded copy of the text (lower case, no diacritics, đ→d) with the cited documents
  blanked out ("theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025": that date is the decision's, never
  the task's), times of day removed ("từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1" is a day),
  the old spelling "Quí" read as "quý", and the purpose word "để" marked: a date after it is a later
  step by someone else ("chậm nhất ngày 20/6 để tổng hợp nộp UBND huyện trước ngày 30/6").
- ``dated_parts``: every explicit day, month and quarter of a prepared text, with the period it names.
- ``steps``: the cell cut into its steps ("," ";" "và", line breaks), each with its own dated parts
  and its own words, which become the milestones of a compound deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from plans.parsing.references import find_references
from plans.periods import month_end, quarter
from storage.text import fold, nfc, squash

ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
PURPOSE = "§"  # stands for the word "để" in a prepared text

YEAR = r"((?:19|20)\d{2})"
# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (year optional); also "09 thang 3 nam 2023"
DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?![\d/])")
DMY_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam|/)\s*(\d{4}))?")
MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*,?\s*(?:/|-|nam)\s*" + YEAR + r")?(?!\s*[/.]?\s*\d{1,2}\s*/)")
QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|-|nam)\s*" + YEAR + r")?")
ANY_YEAR = re.compile(r"(?<![\d/])" + YEAR + r"(?!\d)")

# "20 giờ 15 phút", "8h30", "14 giờ": a time of day is not part of the date
_TIME = re.compile(r"(?<![\d/.])\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2}(?:\s*(?:phut|p)\b)?)?(?![\w/])")
# what is left of "từ <time> - <time>" / "lúc <time>" once the times are taken out
_TIME_LEFTOVER = re.compile(r"(?:\b(?:tu|vao luc|luc)\s*)?@\s*(?:(?:-|–|den|toi)\s*@\s*)?")
_PURPOSE_WORD = re.compile(r"(?<!\w)để(?!\w)", re.IGNORECASE)
# step separators of a cell; "." only at a sentence end, "," not inside a number ("90,2")
# (a line break alone is a wrap of the cell; before a bullet it starts a new step)
_STEP_SEP = re.compile(
    r"\s*\n(?=\s*[-+•])|;|\.\s+|,(?!\d)(?!\s*n[ăa]m\s+\d)|\s+(?:và|va)\s+|\s+[-–+]\s+", re.I
)


def mask_references(text: str) -> str:
    """``text`` (NFC) with every cited document replaced by spaces (same length)."""
    chars = list(text)
    for start, end, _ in find_references(text):
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def prepare(text: str, *, masked: bool = False) -> str:
    """The folded, single-spaced copy a deadline is read from (see module doc)."""
    text = nfc(text or "")
    if not masked:
        text = mask_references(text)
    text = _PURPOSE_WORD.sub(f" {PURPOSE} ", text)
    folded = fold(squash(text))
    folded = re.sub(r"\bqui\b", "quy", folded)
    folded = _TIME.sub(" @ ", folded)
    folded = _TIME_LEFTOVER.sub(" ", folded)
    folded = re.sub(r"\s+", " ", folded)
    return re.sub(r"\s*/\s*", "/", folded).strip(" .;,:-")


def year4(raw: str | None, default: int | None) -> int | None:
    if not raw:
        return default
    value = int(raw)
    return value + 2000 if value < 100 else value


def safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def valid_dm(m: int, d: int) -> bool:
    """Day/month plausible in some year (29/2 allowed)."""
    return safe_date(2024, m, d) is not None


@dataclass(frozen=True)
class DatedPart:
    """One explicit day, month or quarter of a text."""

    pos: int
    end: int
    kind: str  # date | month | quarter
    due: date | None  # None when the year is unknown
    start: date | None = None
    valid: bool = True  # False for "31/2" or "tháng 13"
    purpose: bool = False  # after "để": a later step, not this task's due


def dated_parts(f: str, default_year: int | None) -> list[DatedPart]:
    """The days ("ngày 15/9/2025"), months ("tháng 8/2025", "trước tháng 9") and quarters of a
    prepared text, in order."""
    parts: list[DatedPart] = []
    taken: list[tuple[int, int]] = []
    for pattern in (DMY, DMY_WORDS):
        for m in pattern.finditer(f):
            if any(a <= m.start() < b for a, b in taken):
                continue
            d, mo = int(m.group(1)), int(m.group(2))
            taken.append((m.start(), m.end()))
            if not valid_dm(mo, d):
                parts.append(DatedPart(m.start(), m.end(), "date", None, valid=False))
                continue
            y = year4(m.group(3), default_year)
            day = safe_date(y, mo, d)
            parts.append(DatedPart(m.start(), m.end(), "date", day, valid=y is None or day is not None))
    for m in MONTH.finditer(f):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        taken.append((m.start(), m.end()))
        mo, y = int(m.group(1)), year4(m.group(2), default_year)
        if not 1 <= mo <= 12:
            parts.append(DatedPart(m.start(), m.end(), "month", None, valid=False))
        elif re.search(r"\btruoc\s+$", f[max(0, m.start() - 6) : m.start()]):
            # "trước tháng 9/2025": the day before the month starts
            due = date(y, mo, 1) - timedelta(days=1) if y is not None else None
            parts.append(DatedPart(m.start(), m.end(), "date", due))
        elif y is None:
            parts.append(DatedPart(m.start(), m.end(), "month", None))
        else:
            parts.append(DatedPart(m.start(), m.end(), "month", month_end(y, mo), date(y, mo, 1)))
    for m in QUARTER.finditer(f):
        if any(a <= m.start() < b for a, b in taken):
            continue
        y = year4(m.group(2), default_year)
        if y is None:
            parts.append(DatedPart(m.start(), m.end(), "quarter", None))
        else:
            p = quarter(y, ROMAN_Q[m.group(1)])
            parts.append(DatedPart(m.start(), m.end(), "quarter", p.end, p.start))
    parts.sort(key=lambda part: part.pos)
    purpose_at = f.find(PURPOSE)
    if purpose_at >= 0:
        parts = [DatedPart(p.pos, p.end, p.kind, p.due, p.start, p.valid, p.pos > purpose_at) for p in parts]
    return parts


@dataclass(frozen=True)
class Step:
    text: str  # the step's own words, as written
    parts: list[DatedPart]


def steps(raw: str, default_year: int | None) -> list[Step]:
    """The cell cut at its step separators, each step with its dated parts. A purpose clause
    ("để …") runs on over "," and "và" until the sentence ends ("." ";" or a line break)."""
    text = nfc(raw or "")
    masked = mask_references(text)
    out: list[Step] = []
    in_purpose = False
    start = 0
    bounds = [(m.start(), m.end(), m.group(0)) for m in _STEP_SEP.finditer(masked)]
    bounds.append((len(masked), len(masked), "\n"))
    for sep_start, sep_end, sep in bounds:
        begin, start = start, sep_end
        piece = masked[begin:sep_start]
        f = prepare(piece, masked=True)
        if not f:
            continue
        parts = dated_parts(f, default_year)
        if in_purpose:
            parts = [DatedPart(p.pos, p.end, p.kind, p.due, p.start, p.valid, True) for p in parts]
        if PURPOSE in f:
            in_purpose = True
        if sep.strip() in (";", ".", "") or "\n" in sep:  # the sentence ends
            in_purpose = False
        words = squash(text[begin:sep_start]).strip(" ,;.-–+•*")
        out.append(Step(words, parts))
    return out
