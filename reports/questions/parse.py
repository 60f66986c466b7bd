"""Understanding a question (pure): the parts are read separately, then combined into a Frame.

1. The text is read (reports/questions/text.py): NFC, folded, shorthand, English, typos.
2. Periods (periods.py), task codes and document numbers are taken out first.
3. On what is left (folded, abbreviations spelled out): agencies (agencies.py), statuses, the ask
   and its details (asks.py), a section or item of the plan, figures (plans/indicators.py).
4. What is still left is the topic ("số hóa hồ sơ", "hiệp thương").
A question whose subject the plans do not hold, or that names another commune, is off-topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from plans import indicators as K
from plans.periods import Period, PeriodMode, PeriodPolicy
from plans.search import search_key
from reports.questions import asks as A
from reports.questions.agencies import SELF, find_agency, mentions
from reports.questions.details import comparison, cut, document_frame, other_place, topic, unknown_subject
from reports.questions.frame import Context, Frame
from reports.questions.lexicon import OFFTOPIC, UNKNOWN_DIMENSIONS
from reports.questions.people import asks_about_people, find_people
from reports.questions.periods import PeriodError, blank, find_period, find_periods, parse_period_text
from reports.questions.text import clauses, correct, normalize, read

__all__ = [
    "Context",
    "Frame",
    "PeriodError",
    "Question",
    "correct",
    "find_agency",
    "find_period",
    "normalize",
    "parse",
    "parse_period_text",
    "parse_question",
]

_CODE = re.compile(r"\b[ivx]{1,4}(?:\.\d{1,2})+(?:-\d)?\b")
_DOC = re.compile(r"\b\d{1,4}(?:/\d{4})?/[a-z]{1,8}(?:-[a-z0-9]{1,10}){0,3}\b")
_SECTION = re.compile(r"\bmuc\s+(iv|iii|ii|i|v|vi|vii|\d{1,2})\b")
_ITEM = re.compile(r"\bnoi dung\s+(\d{1,2}(?:\.\d{1,2})?)\b")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII"}
_ROLE = [("any", re.compile(r"\b(?:chu tri va phoi hop|chu tri hoac phoi hop|tham gia|lien quan)\b")),
         ("coordinating", re.compile(r"\bphoi hop\b"))]  # fmt: skip


@dataclass(frozen=True)
class _Parts:
    key: str  # folded, abbreviations spelled out, periods, codes and numbers taken out
    periods: tuple[Period, ...]
    period_hits: int
    codes: tuple[str, ...]
    doc_number: str | None
    items: tuple[str, ...] = ()


def _parts(
    t: str, ctx: Context, today: date, mode: PeriodMode, year_hint: int | None, anchor: Period | None = None
) -> _Parts:
    hits = find_periods(t, today=today, mode=mode, year_hint=year_hint, anchor=anchor)
    rest = blank(t, hits)
    found = [c.upper() for c in _CODE.findall(rest)]
    codes = tuple(c for c in found if not ctx.codes or c in ctx.codes)
    items = tuple(c for c in found if c not in codes and c in ctx.items)  # "II.3": a nội dung, not a task
    number = next(iter(_DOC.findall(rest)), None)
    rest = _DOC.sub(" ", _CODE.sub(" ", rest))
    key = search_key(rest)
    bare = A.BARE_NUMBER.search(key)
    if number is None and bare and A.DOC_NOUNS.search(key):
        number = bare.group(1)
    return _Parts(key, tuple(h.period for h in hits), len(hits), codes, number, items)


def _sections(key: str, ctx: Context) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    sections: list[str] = []
    items: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _SECTION.finditer(key):
        raw = m.group(1)
        roman = raw.upper() if not raw.isdigit() else _ROMAN.get(int(raw), raw)
        if roman in ctx.sections or not ctx.sections:
            sections.append(roman)
        elif raw.isdigit() and len(ctx.sections) == 1 and f"{ctx.sections[0]}.{raw}" in ctx.items:
            items.append(f"{ctx.sections[0]}.{raw}")  # "mục 3" of a plan with one section: its item 3
        else:
            continue
        spans.append(m.span())
    for m in _ITEM.finditer(key):
        code = m.group(1)
        if "." not in code and len(ctx.sections) == 1:
            code = f"{ctx.sections[0]}.{code}"
        items.append(code)
        spans.append(m.span())
    return sections, items, spans


def _ask(key: str, bare: str, p: _Parts, found_statuses: list[str], has_agency: bool) -> str | None:
    """What is asked, by the first rule that fits (see the module doc of asks.py); `bare` is the
    text without its status phrases ("chậm tiến độ" is a status, not a question about progress)."""
    if OFFTOPIC.search(key) or A.OFFTOPIC_TEXT.search(key) or UNKNOWN_DIMENSIONS.search(key):
        return "offtopic"
    if A.CHART.search(key):
        return "chart"
    if A.REPORT.search(key) and not A.DOC_ASK.search(key):
        return "report"
    if p.codes and not A.COMPARE.search(key):
        return "task"
    if (
        (A.DOC_NOUNS.search(key) or p.doc_number)
        and (A.DOC_ASK.search(key) or (p.doc_number and "/" in p.doc_number and A.ASKING.search(key)))
        and "no_report" not in found_statuses
    ):
        return "documents"
    if A.COMPARE.search(key):
        return "compare"
    if A.RANK.search(key) or (A.BY_MEMBER.search(key) and not A.LIST.search(key)):
        return "rank"
    if "no_report" in found_statuses and (A.LIST.search(key) or A.COUNT.search(key) or "nao" in key.split()):
        return "not_reported"
    if A.UPCOMING.search(key):
        return "upcoming"
    family = A.figure_family(key)
    if not A.TASK_NOUN.search(key) and (
        (A.FIGURE.search(key) and K.kinds_in(key, family)) or (A.GOALS.search(key) and not has_agency)
    ):
        return "indicator"
    if any(pattern.search(key) for _, pattern in A.FIELD):
        return "task"
    if A.COUNT.search(key):
        return "count"
    if A.LIST.search(key) or (found_statuses and re.search(r"\b(?:nao|gi|nhung)\b", key)):
        return "list"
    if found_statuses and A.TASK_NOUN.search(key):
        return "list"  # "nhiệm vụ chậm tiến độ của …": the tasks in that state
    if A.RATE.search(bare):
        return "rate"
    return None


def parse(
    text: str,
    *,
    today: date,
    ctx: Context | None = None,
    policy: PeriodPolicy | None = None,
    memory: Frame | None = None,
) -> Frame | None:
    """The Frame of a question; None when the text says nothing the grammar knows (or is a
    statement of progress such as "đã hoàn thành nhiệm vụ II.1"). Raises PeriodError for a period
    that does not exist ("quý 5")."""
    ctx = ctx or Context()
    policy = policy or PeriodPolicy()
    reading = read(text, ctx.words)
    t = reading.text
    if not t:
        return None
    if A.STATEMENT.search(t) and not A.ASKING.search(t) and "?" not in text:
        return None
    followup = bool(A.FOLLOWUP.search(t)) or (memory is not None and len(t.split()) <= 4)
    hint = memory.period.year if followup and memory is not None and memory.period is not None else None
    anchor = memory.period if followup and memory is not None else None
    p = _parts(t, ctx, today, policy.mode, hint, anchor)
    people = find_people(p.key, ctx.people)  # first: "em Tuấn" is a person, not "đơn vị em"
    key = cut(p.key, [(m.start, m.end) for m in people]) if people else p.key
    found = mentions(key, ctx.agencies)
    own = SELF.search(key) if ctx.own_agency_id is not None else None
    sections, items, section_spans = _sections(key, ctx)
    items = [*p.items, *items]
    agency_spans = [(m.start, m.end) for m in found] + ([own.span()] if own else [])
    plain = cut(key, agency_spans + section_spans)
    status_hits = A.statuses(plain)
    status_list = [s for s, _ in status_hits]
    ask = _ask(plain, cut(plain, [span for _, span in status_hits]), p, status_list, bool(found))
    if (
        (people or asks_about_people(plain))
        and not p.codes
        and (ask not in ("chart", "report", "documents") or (ask == "report" and "no_report" in status_list))
        and not OFFTOPIC.search(plain)
    ):
        ask = "people"  # "ai chưa báo cáo", "tỷ lệ của chị Lan": per-person figures
    reason = "not_tracked" if ask == "offtopic" else None
    if other_place(reading.original, ctx):
        ask, reason = "offtopic", "other_commune"
    rest = cut(plain, [span for _, span in status_hits])
    words = topic(rest)
    frame = Frame(
        ask=ask,
        text=t,
        corrections=reading.corrections,
        english=reading.english,
        followup=followup,
        periods=p.periods,
        period=p.periods[0] if p.periods else None,
        period_given=bool(p.periods),
        codes=p.codes,
        doc_number=p.doc_number.upper() if p.doc_number else None,
        section=sections[0] if sections else None,
        item=items[0] if items else None,
        topic=words,
        topic_typed=reading.original,
        offtopic=reason,
    )
    frame = _scope(frame, found, own, ctx, plain)
    parts = [search_key(c) for c in clauses(text)] if not reading.english else [rest]
    frame = _details(frame, plain, rest, parts, status_list, sections, items, found)
    if frame.ask in ("rate", "count", "indicator") and unknown_subject(frame, ctx):
        frame = frame.but(ask="offtopic", offtopic="not_tracked")
    if frame.ask in (None, "list") and frame.metrics and ctx.words and not ctx.codes:
        frame = frame.but(ask="indicator", topic=())  # a figure's name alone, where there are only figures
    if frame.ask == "documents":
        frame = document_frame(frame, t, rest)
    if frame.ask == "people":
        ids = tuple(dict.fromkeys(m.official_id for m in people))
        frame = frame.but(topic=(), persons=ids, person_name=people[0].name if people else None)
    return frame


def _scope(frame: Frame, found: Sequence[object], own: re.Match[str] | None, ctx: Context, key: str) -> Frame:
    role = next((name for name, pattern in _ROLE if pattern.search(key)), "lead")
    changes: dict[str, object] = {"role": role}
    agencies = [m for m in found]  # Mention objects
    if own is not None and ctx.own_agency_id is not None:
        changes.update(agency_id=ctx.own_agency_id, agency_name=ctx.own_agency_name, own_agency=True)
    elif agencies:
        first = agencies[0]
        changes.update(agency_id=first.agency_id, agency_name=first.name)  # type: ignore[attr-defined]
        changes["agencies"] = tuple(m.agency_id for m in agencies)  # type: ignore[attr-defined]
        before = topic(key[: first.start]) if frame.ask is None else ()  # type: ignore[attr-defined]
        if frame.ask in ("documents", "indicator") or (frame.ask is None and before and len(agencies) == 1):
            # "quy chế hoạt động TTPVHCC …": the agency names the document or the topic, not a scope
            names = " ".join(search_key(m.name) for m in agencies)  # type: ignore[attr-defined]
            changes.update(agency_id=None, agency_name=None, agencies=(),
                           topic=tuple(dict.fromkeys((*frame.topic, *topic(names)))))  # fmt: skip
    return frame.but(**changes)


def _details(
    frame: Frame,
    key: str,
    rest: str,
    parts: list[str],
    status_list: list[str],
    sections: list[str],
    items: list[str],
    found: Sequence[object],
) -> Frame:
    changes: dict[str, object] = {}
    status = status_list[0] if status_list else None
    ask = frame.ask
    if ask == "not_reported":
        status = "no_report"
    changes["status"] = status
    if sections or items:
        changes["topic"] = ()  # the words after "mục III" are its title
    if ask in ("compare", "rank"):
        changes.update(comparison(frame, key, status_list, sections, items, found))
    indicator_compare = ask in ("compare", "rank") and changes.get("dimension") == "indicator"
    if ask in ("indicator", None) or indicator_compare:
        family = A.figure_family(key)
        figures = A.figures(parts if ask != "compare" else [rest], family, sides=ask == "compare")
        threshold = A.THRESHOLD.search(key)
        changes.update(
            metrics=figures.metrics,
            family=family,
            unmet=bool(A.UNMET.search(key)) and bool(A.GOALS.search(key) or threshold),
            threshold=float(threshold.group(1).replace(",", ".")) if threshold else None,
        )
        if ask is not None:
            changes["topic"] = ()
    if ask == "task":
        field = next((name for name, pattern in A.FIELD if pattern.search(key)), None)
        changes["field"] = field
    if ask == "count" and not frame.codes:
        changes["count_of"] = "items" if re.search(r"\bnoi dung\b", key) else "tasks"
    if ask == "documents":
        noun = next((m.group(0) for m in A.DOC_NOUNS.finditer(key) if m.group(0) in A.DOC_TYPES), None)
        changes["doc_type"] = A.DOC_TYPES.get(noun or "")
    if ask is None and frame.topic and not frame.followup:
        changes["ask"] = "list"  # a topic alone: the matching tasks
    typed = topic(cut(frame.text, []))  # the words as typed: "TTHC" is one word here, not four
    if ask in ("list", None, "rate") and A.SINGLE.search(frame.text) and len(typed) >= 7:
        changes["ask"] = "task"  # "việc ban hành kế hoạch tuyên truyền bầu cử xong chưa": one task
    return frame.but(**changes)


# ---------------------------------------------------------------- the previous API

Question = Frame


def parse_question(
    text: str,
    *,
    today: date,
    mode: str = "calendar",
    agencies: Sequence[tuple[int, str, Sequence[str]]] = (),
    policy: PeriodPolicy | None = None,
) -> Frame | None:
    """A question without an organization's context (tests, the fuzzers); None when the text is
    not a question or names a period that does not exist."""
    period_mode: PeriodMode = "nd09" if mode == "nd09" else "calendar"
    ctx = Context(agencies=tuple((a, n, tuple(al)) for a, n, al in agencies))
    try:
        frame = parse(text, today=today, ctx=ctx, policy=policy or PeriodPolicy(mode=period_mode))
    except PeriodError:
        return None
    if frame is None or frame.ask is None:
        return None
    return frame
