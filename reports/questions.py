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
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from plans import periods as P
from plans.periods import Period, PeriodMode
from storage.text import fold, nfc

logger = logging.getLogger(__name__)

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


class PeriodError(ValueError):
    """The text names a period that does not exist ("quý 5", "tháng 13")."""


_VOCAB_TEXT = """
ty le hoan thanh quy nay truoc sau toi thang nam ngoai tuan dau cuoi tien do ke hoach bao nhieu
phan tram dat chua don vi nao cham nhat thong theo viec qua han nhiem vu den phai xong nhung gi chi
tieu muc ho so truc tuyen cac bieu thi phong van hoa xa hoi trung tam phuc hanh chinh cong duoc the
thuc hien dang da con lai sap hien tai xuat lap tao phu luc ket tinh hinh cua co quan tung tong
khong hai long ban cho xem hom ngay mai tre kem thap yeu danh sach liet nhu ra sao vua kiem soat
thu tuc dich toan cap bo phan mot hai ba bon tam bay chin muoi lam gui file word excel chua dat
duoc roi minh chung ung dung nghe tuyen truyen so sanh het nop can may chuyen mon
"""
VOCAB: list[str] = sorted(set(_VOCAB_TEXT.split()))
_VOCAB_SET = set(VOCAB)
# Short forms people type in chat, mapped before the fuzzy correction.
SHORT_FORMS = {
    "ti": "ty",
    "qui": "quy",
    "ko": "khong",
    "k": "khong",
    "dc": "duoc",
    "bn": "bao nhieu",
    "bnhieu": "bao nhieu",
    "nv": "nhiem vu",
    "tl": "ty le",
    "tyle": "ty le",
    "kh": "ke hoach",
    "dv": "don vi",
    "tg": "thoi gian",
    "nao?": "nao",
}
_WORD_NUMBERS = {"mot": "1", "hai": "2", "ba": "3", "bon": "4", "tu": "4"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def normalize(text: str) -> str:
    """Folded text with punctuation turned into spaces ("/" kept as its own token)."""
    f = fold(nfc(text)).replace("%", " phan tram ")
    f = re.sub(r"[^0-9a-z/]+", " ", f)
    f = f.replace("/", " / ")
    return re.sub(r"\s+", " ", f).strip()


def correct(tokens: Sequence[str]) -> list[str]:
    """Replace short forms and correct typos of words longer than three letters."""
    out: list[str] = []
    for token in tokens:
        if token in SHORT_FORMS:
            out.extend(SHORT_FORMS[token].split())
            continue
        if token in _VOCAB_SET or not token.isalpha() or len(token) < 4:
            out.append(token)
            continue
        best = process.extractOne(token, VOCAB, scorer=fuzz.ratio, score_cutoff=75)
        out.append(best[0] if best else token)
    return out


# --- periods ---------------------------------------------------------------------------------

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
_QUARTER_BAD = re.compile(r"\bquy (\d+)\b")
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
    m = _QUARTER_BAD.search(text)
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


def default_period(intent: str, text: str, *, today: date, mode: PeriodMode) -> Period:
    if intent == "upcoming":
        return P.month_containing(today, mode)
    if re.search(r"\bke hoach nam\b|\bca nam\b|\bnam\b$", text):
        return P.year_period(P.quarter_containing(today, mode).year, mode)
    return P.quarter_containing(today, mode)


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
        or (_QUARTER_BAD.search(t) and _COMPLETION.search(t))
    )


# --- agencies --------------------------------------------------------------------------------

# Abbreviations people write, mapped to words of the agency names they stand for.
ABBREVIATIONS = {
    "pvhcc": "phuc vu hanh chinh cong",
    "ttpvhcc": "phuc vu hanh chinh cong",
    "tt pvhcc": "phuc vu hanh chinh cong",
    "vhxh": "van hoa xa hoi",
    "vh xh": "van hoa xa hoi",
    "kt": "kinh te",
    "hdnd ubnd": "van phong hdnd",
    "vp hdnd": "van phong hdnd",
    "vp ubnd": "van phong",
}
# Words that do not tell agencies apart ("Phòng … xã", "… thuộc UBND xã").
_GENERIC = {"xa", "phuong", "ubnd", "thuoc", "cua", "va", "cac", "cap"}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^0-9a-z ]+", " ", fold(nfc(text)))).strip()


def _has_word(word: str, tokens: set[str]) -> bool:
    if word in tokens:
        return True
    if len(word) < 4:
        return False
    return process.extractOne(word, tokens, scorer=fuzz.ratio, score_cutoff=80) is not None


def _fallback_agency(text: str, agencies: Sequence[tuple[int, str, Sequence[str]]]) -> tuple[int, str] | None:
    """Agency named in the text: every distinctive word of its name or of an alias is there
    (typos allowed on longer words), or a known abbreviation of it; the most specific wins."""
    key = _key(text)
    tokens = set(key.split())
    padded = f" {key} "
    best: tuple[int, int, str] | None = None  # (words matched, id, name)
    for agency_id, name, aliases in agencies:
        for cand in [_key(name), *(_key(a) for a in aliases)]:
            words = [w for w in cand.split() if w not in _GENERIC]
            distinctive = bool(words) and (len(words) > 1 or len(words[0]) >= 3)
            if (
                distinctive
                and all(_has_word(w, tokens) for w in words)
                and (best is None or len(words) > best[0])
            ):
                best = (len(words), agency_id, name)
        name_key = _key(name)
        for abbr, expansion in ABBREVIATIONS.items():
            if f" {abbr} " in padded and expansion in name_key:
                weight = len(expansion.split())
                if best is None or weight > best[0]:
                    best = (weight, agency_id, name)
    return (best[1], best[2]) if best else None


def find_agency(text: str, agencies: Sequence[tuple[int, str, Sequence[str]]]) -> tuple[int, str] | None:
    if not agencies:
        return None
    try:
        from plans.agencies import AgencyMatcher

        for match in AgencyMatcher(agencies).search(nfc(text), limit=3):
            if match.agency_id is not None and match.score >= 85:
                return match.agency_id, match.name
    except Exception:  # the matcher is another module's: a failure must not lose the question
        logger.exception("agency matcher failed on %r", text)
    return _fallback_agency(text, agencies)


# --- the question ----------------------------------------------------------------------------

_NO_AGENCY_INTENTS = {"by_agency", "slowest_agency"}


def parse_question(
    text: str,
    *,
    today: date,
    mode: str = "calendar",
    agencies: Sequence[tuple[int, str, Sequence[str]]] = (),
) -> Question | None:
    """Read a progress question; None when the text is not one (or names an impossible period)."""
    period_mode: PeriodMode = "nd09" if mode == "nd09" else "calendar"
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
        period = default_period(intent or "completion", corrected, today=today, mode=period_mode)
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
