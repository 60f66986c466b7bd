"""Understanding leaders' questions in Vietnamese (pure): intent, period and scope.

The text is folded (no diacritics, đ→d, lower case), punctuation dropped, and each word that is
not in the vocabulary is corrected to the closest vocabulary word with rapidfuzz (typos such as
"hoan thnah", "tien đo"). Intent and period are read from the corrected text with regular
expressions; agency names from the folded original text (their words are not in the vocabulary).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from plans.periods import Period, PeriodMode, PeriodPolicy
from reports.questions.agencies import ABBREVIATIONS, find_agency
from reports.questions.periods import (
    QUARTER_BAD,
    PeriodError,
    default_period,
    find_period,
    parse_period_text,
)
from reports.questions.text import SHORT_FORMS, VOCAB, correct, normalize

logger = logging.getLogger(__name__)

# Re-exported: callers import these from reports.questions.parse.
__all__ = [
    "ABBREVIATIONS",
    "INTENTS",
    "SHORT_FORMS",
    "VOCAB",
    "PeriodError",
    "Question",
    "correct",
    "default_period",
    "detect_intent",
    "find_agency",
    "find_period",
    "looks_like_progress_question",
    "normalize",
    "parse_period_text",
    "parse_question",
]

INTENTS = (
    "completion",
    "by_agency",
    "slowest_agency",
    "overdue",
    "upcoming",
    "targets",
    "targets_unmet",
    "report",
    "chart",
)


@dataclass(frozen=True)
class Question:
    intent: str
    period: Period
    agency_id: int | None = None  # None = the whole organization
    agency_name: str | None = None
    period_given: bool = True  # False when the default period was used
    metric: str | None = None  # folded words naming a KPI ("ho so truc tuyen")
    chart: bool = False  # a chart was asked for as well
    base_intent: str = "completion"  # for a chart: what to draw

    @property
    def scope(self) -> int | None:
        return self.agency_id


# --- intent ----------------------------------------------------------------------------------

_CHART = re.compile(r"\b(bieu do|do thi|chart|ve bieu)\b")
_REPORT = re.compile(
    r"\bphu luc\b|\b(xuat|tao|lap|lam|gui|in|tai|soan)\b.*\bbao cao\b|^bao cao (ket qua )?(quy|thang|nam|6 thang)\b"
)
_AGENCY_WORD = r"(don vi|co quan|phong|bo phan|ban)"
_SLOW = re.compile(
    r"\b" + _AGENCY_WORD + r" nao\b.*\b(cham|kem|thap|yeu|it|cuoi)\b"
    r"|\b(cham|kem|thap|yeu|te) nhat\b|\bxep (hang )?cuoi\b|\bdung cuoi\b"
)
_TARGET_WORDS = re.compile(r"\b(chi tieu|muc tieu|kpi)\b")
_METRIC_WORDS = re.compile(
    r"\b(ho so|so hoa|truc tuyen|hai long|thanh toan|dich vu cong|phan anh|kien nghi|dung han|dung hen)\b"
)
_UNMET = re.compile(r"\b(chua|khong) (dat|hoan thanh|du)\b|\bcon thieu\b")
_OVERDUE = re.compile(
    r"\b(qua han|tre han|het han|cham tien do|cham tre|bi cham|tre hen|cham tre|lo han|no dong)\b"
    r"|\b(viec|nhiem vu|noi dung)\b.*\bcham\b"
)
_UPCOMING = re.compile(
    r"\b(den han|sap den han|toi han|han chot|sap het han|can nop|phai nop)\b"
    r"|\b(phai|can|se) (xong|hoan thanh|lam|thuc hien)\b|\bsap toi\b.*\b(viec|nhiem vu)\b"
)
_BY_AGENCY = re.compile(
    r"\b(theo|tung|cac|moi|giua cac|so sanh) " + _AGENCY_WORD + r"\b|\b" + _AGENCY_WORD + r" nao\b"
)
_COMPLETION = re.compile(
    r"\b(ty le|hoan thanh|tien do|phan tram|thong ke|tinh hinh|ket qua thuc hien|dat bao nhieu|"
    r"da thuc hien|dang thuc hien|bao nhieu nhiem vu|bao nhieu viec|tong ket|so lieu)\b"
    r"|\bke hoach\b.*\b(the nao|ra sao|den dau|bao nhieu)\b"
)
_STATEMENT = re.compile(r"^(toi |em |minh )?(da|vua) (hoan thanh|xong|thuc hien)\b")
_ASKING = re.compile(r"\b(bao nhieu|nao|chua|the nao|ra sao|gi)\b")


def detect_intent(text: str) -> str | None:
    """The main intent of normalized, corrected text (the chart wish is read separately)."""
    if _STATEMENT.search(text) and not _ASKING.search(text):
        return None  # "đã hoàn thành nhiệm vụ II.1": a progress report, not a question
    if _REPORT.search(text):
        return "report"
    if _SLOW.search(text):
        return "slowest_agency"
    targets = _TARGET_WORDS.search(text) or (
        _METRIC_WORDS.search(text)
        and re.search(r"\b(ty le|dat|bao nhieu|phan tram)\b", text)
        and not re.search(r"\bhoan thanh\b", text)
    )
    if targets:
        return "targets_unmet" if _UNMET.search(text) else "targets"
    if _OVERDUE.search(text):
        return "overdue"
    if _UPCOMING.search(text):
        return "upcoming"
    if _BY_AGENCY.search(text):
        return "by_agency"
    if _COMPLETION.search(text):
        return "completion"
    return None


def looks_like_progress_question(text: str) -> bool:
    """Words of a statistics question, even when the question itself could not be read."""
    t = " ".join(correct(normalize(text).split()))
    return bool(
        re.search(r"\b(ty le|tien do|thong ke|qua han|bieu do|chi tieu|phan tram)\b", t)
        or (QUARTER_BAD.search(t) and _COMPLETION.search(t))
    )


# --- the question ----------------------------------------------------------------------------

_NO_AGENCY_INTENTS = {"by_agency", "slowest_agency"}


def parse_question(
    text: str,
    *,
    today: date,
    mode: str = "calendar",
    agencies: Sequence[tuple[int, str, Sequence[str]]] = (),
    policy: PeriodPolicy | None = None,
) -> Question | None:
    """Read a progress question; None when the text is not one (or names an impossible period)."""
    period_mode: PeriodMode = "nd09" if mode == "nd09" else "calendar"
    policy = policy or PeriodPolicy(mode=period_mode)
    normalized = normalize(text)
    if not normalized:
        return None
    corrected = " ".join(correct(normalized.split()))
    chart = bool(_CHART.search(corrected))
    intent = detect_intent(corrected)
    if intent is None and not chart:
        return None
    base = intent if intent is not None and intent != "report" else "completion"
    try:
        period = find_period(corrected, today=today, mode=period_mode)
    except PeriodError:
        return None
    given = period is not None
    if period is None:
        period = default_period(intent or "completion", corrected, today=today, policy=policy)
    agency: tuple[int, str] | None = None
    if (intent or base) not in _NO_AGENCY_INTENTS:
        agency = find_agency(text, agencies)
    metric = None
    if intent in ("targets", "targets_unmet"):
        m = _METRIC_WORDS.search(corrected)
        metric = _metric_phrase(corrected) if m else None
    return Question(
        intent="chart" if chart else (intent or "completion"),
        period=period,
        agency_id=agency[0] if agency else None,
        agency_name=agency[1] if agency else None,
        period_given=given,
        metric=metric,
        chart=chart,
        base_intent=base,
    )


_METRIC_STOP = re.compile(
    r"\b(ty le|dat|chua|bao nhieu|phan tram|duoc|khong|roi|quy|thang|nam|tuan|nay|truoc|sau|the nao|"
    r"ra sao|cac|chi tieu|muc tieu|hien tai|\d+|/)\b"
)


def _metric_phrase(text: str) -> str | None:
    words = re.sub(r"\s+", " ", _METRIC_STOP.sub(" ", text)).strip()
    return words or None
