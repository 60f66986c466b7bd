"""Parts of the question reading that parse.py combines (pure): the topic left over, another
commune named, a comparison's members, a document's own words, a subject no plan holds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from plans import indicators as K
from reports.questions import asks as A
from reports.questions.frame import Context, Frame
from reports.questions.lexicon import FILLERS
from reports.questions.periods import find_periods
from reports.questions.text import ENGINE_WORDS
from storage.text import fold

_GRAMMAR = re.compile(
    r"\b(?:so sanh|so voi|voi|hon|nhieu|it|nhat|cao|thap|tot|kem|cham|nhanh|xep hang|bieu do|den han|sap|phai|"
    r"xong|thang|nam|tuan|phoi hop|chu tri|tham gia|phu trach|bao cao ket qua|dut diem|lon|nho|ra|ban|"
    r"len|hien|van phong|don vi|co quan|phong|bo phan|muc|chi tieu|chi so|kpi|tong cong)\b"
)
_PLACE = re.compile(r"\b(?:xã|phường|thị trấn|huyện|xa|phuong)\s+((?:[A-ZĐÀ-Ỹ][^\s,.;:?!]*\s*){1,3})")


def titled(original: str) -> list[str]:
    """Runs of two to four Title-case words ("Thanh Xá", "Tân An"): names of places or people."""
    runs: list[str] = []
    current: list[str] = []
    for word in [*re.findall(r"[^\W\d_]+", original), ""]:
        if len(word) > 1 and word[0].isupper() and word[1:].islower():
            current.append(word)
            continue
        if 2 <= len(current) <= 4:
            runs.append(" ".join(current))
        current = []
    return runs


_PERSON_TITLE = re.compile(r"^(?:(?:anh|chi|ong|ba|co|chu|bac|em|dong chi|d/c|dc)\s+)+")


def other_place(original: str, ctx: Context) -> bool:
    """Another commune named: "xã Tân An", "Thanh Hà so với Thanh Xá" asked in Thanh Hà."""
    from reports.questions.agencies import mentions

    own = fold(ctx.organization)
    names = [m.group(1) for m in _PLACE.finditer(original)] + titled(original)
    people = [fold(name).lower() for _, name in ctx.people]
    for name in names:
        key = fold(name).strip()
        if len(key) < 3 or (own and re.search(rf"\b{re.escape(key)}\b", own)) or mentions(key, ctx.agencies):
            continue  # the commune itself, or one of its agencies written in capitals
        person = _PERSON_TITLE.sub("", key.lower()).strip()
        if person and any(re.search(rf"\b{re.escape(person)}\b", p) for p in people):
            continue  # one of its officials ("Anh Văn Hùng", "Trần Thị Lan")
        if name.strip()[:1].isupper():
            return True
    return False


def cut(key: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(key)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def topic(key: str) -> tuple[str, ...]:
    words = _GRAMMAR.sub(" ", FILLERS.sub(" ", key)).split()
    return tuple(dict.fromkeys(w for w in words if not w.isdigit()))


_PLAN_SPAN = re.compile(r"\bke hoach\b(?:\s+[a-z]+){0,4}\s*$")


def document_frame(frame: Frame, text: str, rest: str) -> Frame:
    """A document question keeps the words naming the document ("quy chế phối hợp"), and a period
    written right after "kế hoạch …" is the plan's own ("kế hoạch KSTTHC 6 tháng cuối năm là kế
    hoạch nào"), not the period asked about; a report's period is ("báo cáo định kỳ quý 1")."""
    named = re.sub(
        r"\b(?:ke hoach|quyet dinh|thong bao|bao cao|cong van|van ban|ban hanh|kem theo|so)\b", " ", rest
    )
    named_words = tuple(
        w for w in dict.fromkeys(FILLERS.sub(" ", named).split()) if not w.isdigit() and w != "gom"
    )
    periods = list(frame.periods)
    for hit in find_periods(text, today=date(2000, 1, 1)) if periods else []:
        if _PLAN_SPAN.search(text[: hit.start]) and len(periods) == 1:
            periods = []
    period = periods[0] if periods else None
    return frame.but(topic=named_words, periods=tuple(periods), period=period, period_given=bool(periods))


def comparison(
    frame: Frame,
    key: str,
    status_list: list[str],
    sections: list[str],
    items: list[str],
    found: Sequence[object],
) -> dict[str, object]:
    out: dict[str, object] = {}
    dim = A.dimension(key)
    if frame.ask == "compare":
        if len(frame.periods) >= 2:
            dim = "period"
        elif len(found) >= 2 or dim == "agency":
            dim = "agency"
        elif len(sections) >= 2 or dim == "section":
            dim = "section"
            out["agencies"] = ()
        elif len(items) >= 2:
            dim = "item"
        elif len(status_list) >= 2:
            dim, out["statuses"] = "status", tuple(dict.fromkeys(status_list))
        else:
            dim = "indicator" if K.kinds_in(key) else (dim or "agency")
    else:
        if dim is None:
            dim = "agency" if found else ("indicator" if K.kinds_in(key) else "agency")
        out["order"], out["measure"] = A.rank_order(key)
        if dim == "indicator" and out["measure"] == "rate" and out["order"] in ("worst", "best"):
            out["measure"] = "value"
    out["dimension"] = dim
    if dim in ("agency",) and len(found) >= 1 and frame.ask == "rank" and len(found) < 2:
        out["agencies"] = ()
    if dim == "agency" and frame.ask in ("compare", "rank"):
        out["agency_id"], out["agency_name"] = None, None
    if dim == "section" and sections:
        out["section"] = None
        out["sections"] = tuple(sections)
    if dim == "item" and items:
        out["item"] = None
        out["sections"] = tuple(items)
    return out


def unknown_subject(frame: Frame, ctx: Context) -> bool:
    """A figure about something no plan holds ("tỷ lệ tiêm chủng", "thu ngân sách"): a topic word
    that is neither the grammar's nor any plan's, and not corrected towards one."""
    if not ctx.words or frame.metrics:
        return False
    unknown = [w for w in frame.topic if w.isalpha() and w not in ctx.words and w not in ENGINE_WORDS]
    return any(len(w) >= 4 for w in unknown) and 2 * len(unknown) > len(frame.topic)
