"""Vietnamese deadline phrases of plan appendices ("Thời hạn hoàn thành") → Deadline.

The text is kept exactly as written; the structure is read from a folded copy (lower case, no
diacritics, đ→d: plans.parsing.deadline_text), so "Quý III/2025", "quy 3/2025", "QUÝ III/2025" and
"Quí III-2025" read the same. Nothing here raises on odd input.

The plan's time frame comes from the importer: ``year`` (a one-year plan) or ``span`` (first and
last year, "giai đoạn 2026 - 2030"). Rules (documented because the plan text leaves them open):
- No invented years: a phrase without a year in a plan that names none keeps its kind with
  due/start None ("Thường xuyên" in a plan "đến năm 2030"); a multi-year plan gives no year to a
  bare day or month ("trước ngày 31/12" in a 2026–2030 plan has due None).
- Continuous and recurring deadlines get the window of the year named in the text, else of the
  plan (1/1 of the first year to 31/12 of the last); the recurrence rule gives the actual due days.
  "Định kỳ theo quy định" / "Định kỳ hoặc đột xuất" have no rule: recurring with recurrence None,
  unless the cell also says how the work runs ("…; thực hiện thường xuyên trong năm": continuous).
- A cell that starts with "Theo …" (a plan, decision, guidance, schedule of another document)
  is on demand, and the dates of cited documents ("theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025")
  are never due dates. "Thường xuyên khi có yêu cầu" is on demand (a condition qualifies it);
  "Theo yêu cầu hoặc thường xuyên trong năm 2025" is continuous (the alternative is read).
- "Từ ngày 15/3/2026" (no end): range to 31/12 of that year; "Từ ngày 15/3/2026 đến ngày bầu cử"
  (the end is an event): range with due None. "Bắt đầu thực hiện từ năm 2026", "năm 2025 và các năm
  tiếp theo", "từ năm 2026 trở đi": continuous from 1/1 of that year to the end of the plan, due None
  when the plan has no end year.
- A year named before an on-demand word is the timing ("Hoàn thành trong năm 2026 và có rà soát …
  (nếu có)": continuous 2026); an on-demand word first wins ("Khi có yêu cầu trong năm 2025").
- "… tháng liền kề" ("trước ngày 05 của tháng liền kề"): monthly on that day. "… năm liền kề" /
  "năm trước liền kề": in a one-year plan a date of the next / previous year; in a multi-year or
  yearless plan a yearly recurrence.
- Year ranges ("2025 - 2035", "Năm 2025-2030"), quarter ranges ("Quý IV/2025- Quý II/2026",
  "Quý I–II"), month ranges and ranges between periods of different kinds ("Từ tháng 12/2025 đến
  quý I/2026") are kind range from the start of the first period to the end of the last.
- "Hằng tháng, trước ngày 20": monthly on the 20th. Times of day are not dates ("Từ 20 giờ 15 phút
  - 20 giờ 45 phút ngày 23 tháng 1" is that day).
- Compound cells: several dated steps ("Ban hành … tháng 01/2026, kiểm tra … tháng 6/2026 và báo
  cáo … tháng 8/2026") give the last step as due and every step as a milestone; a date after "để"
  is a later step ("chậm nhất ngày 20/6/2023 để … nộp UBND huyện trước ngày 30/6/2023": due 20/6);
  a continuous or recurring cell keeps its kind and gains its dated steps as milestones.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date

from plans.parsing.deadline_text import (
    ANY_YEAR,
    DMY,
    DMY_WORDS,
    ROMAN_Q,
    YEAR,
    DatedPart,
    Step,
    dated_parts,
    prepare,
    safe_date,
    steps,
    valid_dm,
    year4,
)
from plans.parsing.types import Deadline, Milestone
from plans.periods import month_end, quarter
from storage.text import nfc

logger = logging.getLogger(__name__)

_RANGE_MONTHS = re.compile(
    r"\btu\s+thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*" + YEAR + r")?\s*(?:den|toi|-)\s*"
    r"(?:het\s+)?thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*" + YEAR + r")?"
)
_RANGE_FROM = re.compile(r"\b(?:tu|bat dau tu|ke tu)\s+(?:ngay\s+)?(?=\d)")
_RANGE_YEARS = re.compile(
    r"(?<![\d/.])" + YEAR + r"\s*(?:-|–|—|den|toi)\s*(?:het\s+)?(?:nam\s+)?" + YEAR + r"(?![\d/])"
)
_Q = r"(iv|iii|ii|i|[1-4])"
_RANGE_QUARTERS = re.compile(
    r"\bquy\s+" + _Q + r"(?:\s*(?:/|-|nam)\s*" + YEAR + r")?\s*(?:-|–|—|den|toi)\s*(?:het\s+)?"
    r"(?:quy\s+)?" + _Q + r"\b(?:\s*(?:/|-|nam)\s*" + YEAR + r")?"
)
_OPEN_START_YEAR = re.compile(
    r"\btu\s+(?:nam\s+)?" + YEAR + r"(?![\d/])(?!\s*(?:-|–|den|toi)\b)"
    r"|\bnam\s+" + YEAR + r"\s+(?:va\s+(?:cac|nhung)\s+nam\s+(?:tiep theo|sau|ke tiep)|tro di)\b"
)
# "tháng 12/2025 đến quý I/2026", "Tháng 11/2025 - Tháng 4/2026": the two ends of a range of periods
_RANGE_SEP = re.compile(r"\s+(?:den|toi)\s+(?:het\s+)?|\s+[-–]\s+(?=(?:ngay|thang|quy)\b)")

_MONTHLY_DAY = re.compile(
    r"ngay\s+(\d{1,2})\s+(?:cua\s+)?(?:(?:hang|moi)\s+thang|thang\s+(?:lien ke|tiep theo|ke tiep|sau)\b)"
)
_RELATIVE_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:/|\s+thang\s+)(\d{1,2})\s+(?:cua\s+)?nam\s+"
    r"(truoc\s+lien ke|truoc|lien ke|tiep theo|ke tiep|sau)\b"
)
_RECURRENCE_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:hang|moi)\s+thang\b|\bthuong xuyen trong thang\b(?!\s*\d)"), "monthly"),
    (re.compile(r"\b(?:hang|moi)\s+quy\b"), "quarterly"),
    (re.compile(r"\b(?:6|sau)\s+thang(?!\s+(?:dau|cuoi)\s+nam)\b|\bnua\s+nam\b"), "semiannual"),
    (re.compile(r"\b(?:hang|moi)\s+nam\b"), "yearly"),
]
_CONTINUOUS = re.compile(r"\b(?:thuong xuyen|lien tuc|ca nam|suot nam|hang ngay|quanh nam)\b")
# "thường xuyên khi có yêu cầu": the condition makes it on demand
_CONDITIONAL = re.compile(r"\bthuong xuyen\s+(?:khi|theo yeu cau|neu)\b")
_ON_DEMAND = re.compile(
    r"\b(?:khi co|theo yeu cau|theo lo trinh|theo huong dan|theo tien do|theo chi dao|"
    r"theo ke hoach|theo quy dinh|dot xuat|khi duoc|khi can|neu co|phat sinh)\b"
)
_IN_YEAR = re.compile(r"\b(?:trong\s+)?nam\s+" + YEAR)
_THIS_YEAR = re.compile(r"\btrong\s+nam\b(?!\s*\d)")


@dataclass(frozen=True)
class _Frame:
    """The plan's time frame as the rules need it."""

    window: tuple[int, int] | None  # first and last year of the plan
    default_year: int | None  # the year of a day or month written without one

    @classmethod
    def of(cls, year: int | None, span: tuple[int, int] | None) -> _Frame:
        if year is not None:
            return cls((year, year) if span is None else span, year)
        if span is not None:
            return cls(span, span[0] if span[0] == span[1] else None)
        return cls(None, None)

    @property
    def multi_year(self) -> bool:
        return self.window is not None and self.window[0] != self.window[1]

    def span_dates(self) -> tuple[date | None, date | None]:
        if self.window is None:
            return None, None
        return date(self.window[0], 1, 1), date(self.window[1], 12, 31)


def _window(f: str, frame: _Frame) -> tuple[date | None, date | None]:
    """(start, due) of a continuous or recurring deadline: the year in the text, else the plan's."""
    found = ANY_YEAR.search(f)
    if found:
        y = int(found.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    return frame.span_dates()


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
    rule = min(found)[1]
    if rule == "monthly":
        # "Hằng tháng, trước ngày 20": the day of every month
        day = re.search(r"\bngay\s+(\d{1,2})\b(?!\s*(?:/|-|\.|thang))", f)
        if day and 1 <= int(day.group(1)) <= 31:
            return f"monthly:{int(day.group(1))}"
    return rule


def _first_date(f: str, year: int | None) -> tuple[date | None, bool] | None:
    """First explicit day in the text: (date or None when the year is unknown, valid?)."""
    candidates: list[tuple[int, int, int, str | None]] = []
    for pattern in (DMY, DMY_WORDS):
        for m in pattern.finditer(f):
            candidates.append((m.start(), int(m.group(1)), int(m.group(2)), m.group(3)))
    if not candidates:
        return None
    _, d, mo, y = min(candidates)
    if not valid_dm(mo, d):
        return None, False
    y4 = year4(y, year)
    day = safe_date(y4, mo, d)
    if y4 is not None and day is None:  # 29/2 of a non-leap year
        return None, False
    return day, True


def _parse_range(raw: str, f: str, frame: _Frame) -> Deadline | None:
    year = frame.default_year
    m = _RANGE_YEARS.search(f)
    if m and int(m.group(1)) <= int(m.group(2)):
        return Deadline(raw, "range", due=date(int(m.group(2)), 12, 31), start=date(int(m.group(1)), 1, 1))
    m = _RANGE_QUARTERS.search(f)
    if m:
        y2 = year4(m.group(4), None) or year4(m.group(2), year)
        y1 = year4(m.group(2), None) or y2
        if y1 is None or y2 is None:
            return Deadline(raw, "range")
        q_first, q_last = quarter(y1, ROMAN_Q[m.group(1)]), quarter(y2, ROMAN_Q[m.group(3)])
        if q_first.start <= q_last.end:
            return Deadline(raw, "range", due=q_last.end, start=q_first.start)
    m = _RANGE_MONTHS.search(f)
    if m:
        m1, m2 = int(m.group(1)), int(m.group(3))
        y2 = year4(m.group(4), None) or year4(m.group(2), year)
        y1 = year4(m.group(2), None) or y2
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return Deadline(raw, "unknown")
        if y1 is None or y2 is None:
            return Deadline(raw, "range")
        return Deadline(raw, "range", due=month_end(y2, m2), start=date(y1, m1, 1))
    periods = _period_range(raw, f, year)
    if periods is not None:
        return periods
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
        if end is None:
            # "Từ ngày 15/3/2026 đến ngày bầu cử": the end is an event, not a date
            return Deadline(raw, "range", start=start)
        if not end[1]:
            return Deadline(raw, "unknown")
        due = end[0]
    if due is None and start is not None:
        due = date(start.year, 12, 31)
    return Deadline(raw, "range", due=due, start=start)


def _period_range(raw: str, f: str, year: int | None) -> Deadline | None:
    """ "Từ tháng 12/2025 đến quý I/2026": from the start of one period to the end of another (of
    any kind: day, month, quarter); the first end takes the second's year when it names none."""
    sep = _RANGE_SEP.search(f)
    if sep is None:
        return None
    head = re.sub(r"^(?:.*\s)?(?:tu|bat dau tu|ke tu)\s+", "", f[: sep.start()])
    second = dated_parts(f[sep.end() :], year)
    if len(second) != 1 or second[0].due is None or not second[0].valid:
        return None
    first = dated_parts(head, second[0].due.year)
    if len(first) != 1 or not first[0].valid or first[0].kind == second[0].kind == "date":
        return None  # two days: the "từ ngày … đến ngày …" rule below
    start = first[0].start or first[0].due
    if start is None or start > second[0].due:
        return None
    return Deadline(raw, "range", due=second[0].due, start=start)


def parse_deadline(text: str, *, year: int | None, span: tuple[int, int] | None = None) -> Deadline:
    """Parse one deadline cell. ``year`` (a one-year plan) or ``span`` (first, last year of the plan)
    fill in missing years and the window of continuous and recurring work."""
    raw = nfc(text or "").strip()
    f = prepare(raw)
    if not f:
        return Deadline(raw, "unknown")
    frame = _Frame.of(year, span)
    try:
        return _with_milestones(_parse(raw, f, frame), raw, f, frame)
    except (ValueError, OverflowError):  # defensive: odd numbers never crash an import
        logger.warning("deadline not understood: %s", raw)
        return Deadline(raw, "unknown")


def _deferred(f: str) -> bool:
    """The cell points elsewhere for its timing: "Theo Kế hoạch …", "Theo các mốc thời gian tại …"
    (an alternative after "hoặc" is read instead), or "thường xuyên khi có yêu cầu"."""
    if f.startswith("theo ") and " hoac " not in f:
        return True
    return bool(_CONDITIONAL.search(f))


def _relative(raw: str, f: str, frame: _Frame) -> Deadline | None:
    """ "… năm liền kề" / "năm trước liền kề": a date of the next / previous year of a one-year plan,
    a yearly recurrence otherwise."""
    m = _RELATIVE_YEAR.search(f)
    if not m:
        return None
    d, mo = int(m.group(1)), int(m.group(2))
    if not valid_dm(mo, d):
        return Deadline(raw, "unknown")
    if frame.default_year is not None and not frame.multi_year:
        shift = -1 if m.group(3).startswith("truoc") else 1
        day = safe_date(frame.default_year + shift, mo, d)
        return Deadline(raw, "date", due=day) if day else Deadline(raw, "unknown")
    start, due = frame.span_dates()
    return Deadline(raw, "recurring", due=due, start=start, recurrence="yearly")


def _parse(raw: str, f: str, frame: _Frame) -> Deadline:
    year = frame.default_year
    if _deferred(f):
        return Deadline(raw, "on_demand")
    rule = _recurrence(f)
    if rule is None or not rule.startswith("monthly:"):
        relative = _relative(raw, f, frame)
        if relative is not None:
            return relative
    ranged = _parse_range(raw, f, frame)
    if ranged is not None:
        return ranged
    half = re.search(r"\b6\s+thang\s+(dau|cuoi)\s+nam(?:\s+" + YEAR + r")?", f)
    if half:
        y = year4(half.group(2), year)
        if y is None:
            return Deadline(raw, "range")
        if half.group(1) == "dau":
            return Deadline(raw, "range", due=date(y, 6, 30), start=date(y, 1, 1))
        return Deadline(raw, "range", due=date(y, 12, 31), start=date(y, 7, 1))
    if rule is not None or (re.search(r"\bdinh ky\b", f) and not _CONTINUOUS.search(f)):
        start, due = _window(f, frame)
        return Deadline(raw, "recurring", due=due, start=start, recurrence=rule)
    open_start = _OPEN_START_YEAR.search(f)
    if open_start:
        first = int(open_start.group(1) or open_start.group(2))
        end = frame.window[1] if frame.window and frame.window[1] >= first else None
        return Deadline(raw, "continuous", due=date(end, 12, 31) if end else None, start=date(first, 1, 1))
    if _CONTINUOUS.search(f):
        start, due = _window(f, frame)
        return Deadline(raw, "continuous", due=due, start=start)
    dated = _from_parts(raw, f, year)
    if dated is not None:
        return dated
    on_demand = _ON_DEMAND.search(f)
    in_year = _IN_YEAR.search(f)
    if on_demand and not (in_year and in_year.start() < on_demand.start()):
        # "Hoàn thành trong năm 2026 và có rà soát … (nếu có)": the year named first is the timing
        return Deadline(raw, "on_demand")
    end_of_year = re.search(r"\bcuoi\s+nam(?:\s+" + YEAR + r")?", f)
    if end_of_year:
        y = year4(end_of_year.group(1), year)
        return Deadline(raw, "date", due=date(y, 12, 31) if y else None)
    if _IN_YEAR.search(f) or re.fullmatch(YEAR, f) or _THIS_YEAR.search(f):
        start, due = _window(f, frame)
        return Deadline(raw, "continuous", due=due, start=start)
    return Deadline(raw, "unknown")


def _choose(parts: list[DatedPart]) -> DatedPart:
    """The part that is the task's due: the last step that is not a purpose clause ("để …")."""
    own = [p for p in parts if not p.purpose] or parts
    return own[-1]


def _from_parts(raw: str, f: str, year: int | None) -> Deadline | None:
    parts = [p for s in _steps(raw, f, year) for p in s.parts]
    if not parts:
        return None
    part = _choose(parts)
    if not part.valid:
        return Deadline(raw, "unknown")
    return Deadline(raw, part.kind, due=part.due, start=part.start)


def _steps(raw: str, f: str, year: int | None) -> list[Step]:
    # only a cell with a number or a quarter can name a day, month or quarter
    return steps(raw, year) if re.search(r"\d|\bquy\b", f) else []


def _with_milestones(deadline: Deadline, raw: str, f: str, frame: _Frame) -> Deadline:
    """Add the dated steps of a compound cell (see module doc)."""
    if deadline.kind not in ("continuous", "recurring", "date", "month", "quarter"):
        return deadline
    found = [(p, s.text) for s in _steps(raw, f, frame.default_year) for p in s.parts if p.valid and p.due]
    if not found or (deadline.kind in ("date", "month", "quarter") and len(found) < 2):
        return deadline
    milestones = tuple(Milestone(p.due, text) for p, text in found if p.due is not None)
    return replace(deadline, milestones=milestones)
