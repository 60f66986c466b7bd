"""Follow-up questions (pure): the frame of the last question of a chat completes the next one.

- A fragment ("phòng văn hoá?", "còn trực tiếp?", "tháng 10 thì sao?") takes what it does not say
  from the last frame: what was asked, the period, the scope, the filters, the figures.
- A question marked as following on ("thế còn quý trước?", "còn văn phòng thì sao?", "của VP
  thôi") does the same; "thế tỷ lệ thì sao" after a figure asks for the rate of that figure.
- "chi tiết" / "liệt kê ra" lists the tasks behind the last answer (same period, scope, status);
  the conversation stays about the last question, so "thế còn quý này?" after it asks that again.
- A complete question that names no period is about the period the chat is about.
The memory lasts a few minutes (MEMORY_SECONDS); the handlers keep it per chat.
"""

from __future__ import annotations

import re

from plans import indicators as K
from plans.search import search_key
from reports.questions import asks as A
from reports.questions.frame import Frame

MEMORY_SECONDS = 300
_DRILL = re.compile(r"^(?:chi tiet|liet ke|cu the|danh sach)\b")
_CARRIES_PERIOD = (
    "rate",
    "count",
    "list",
    "task",
    "documents",
    "indicator",
    "compare",
    "rank",
    "not_reported",
    "people",
)


def _metrics(frame: Frame, family: str | None) -> tuple[str, ...]:
    """The figures a fragment names, read in the family the chat is about."""
    key = search_key(frame.text)
    if not K.kinds_in(key):
        return ()
    return A.figures([key], family).metrics


def _as_family(keys: tuple[str, ...], family: str | None) -> tuple[str, ...]:
    if family != K.RATE:
        return keys
    out: list[str] = []
    for key in keys:
        kind = K.BY_KEY.get(key)
        rate = kind.rate if kind is not None and kind.family == K.COUNT else key
        if rate and rate not in out:
            out.append(rate)
    return tuple(out)


def merge(frame: Frame, memory: Frame | None) -> tuple[Frame, Frame]:
    """(the frame to answer, the frame to remember) for a question after `memory`."""
    if memory is None or memory.ask in (None, "offtopic", "chart", "report"):
        return frame, frame
    fragment = frame.ask is None
    drill = bool(_DRILL.search(frame.text)) and not frame.codes
    if not (fragment or frame.followup or drill):
        if not frame.period_given and memory.period is not None and frame.ask in _CARRIES_PERIOD:
            carried = frame.but(period=memory.period, periods=(memory.period,))
            return carried, carried
        return frame, frame
    changes: dict[str, object] = {}
    ask = frame.ask or memory.ask
    if drill:
        ask = "task" if frame.codes else "list"
    if memory.ask == "indicator" and frame.ask in (None, "rate", "indicator"):
        ask = "indicator"
        family = K.RATE if frame.ask == "rate" or frame.family == K.RATE else (frame.family or memory.family)
        metrics = _metrics(frame, family) or _as_family(memory.metrics, family)
        changes.update(family=family, metrics=metrics)
    changes["ask"] = ask
    if not frame.period_given:
        changes.update(period=memory.period, periods=memory.periods)
    named_scope = frame.agency_id is not None or frame.own_agency
    if not named_scope:
        changes.update(agency_id=memory.agency_id, agency_name=memory.agency_name, agencies=memory.agencies,
                       own_agency=memory.own_agency, role=memory.role)  # fmt: skip
    if frame.section is None and frame.item is None:
        changes.update(section=memory.section, item=memory.item)
    if ask == "people" and not frame.persons:  # "thế còn quý trước?" after "chị Lan đã báo cáo chưa"
        changes.update(persons=memory.persons, person_name=memory.person_name)
    if frame.status is None and ask in ("list", "count", "not_reported", "rank", "people"):
        changes["status"] = (
            memory.status if not drill or memory.ask in ("list", "count", "not_reported") else None
        )
    if ask == "task":
        changes["codes"] = frame.codes or memory.codes
        changes["status"] = None
        changes["topic"] = frame.topic or memory.topic
    elif not frame.topic:
        changes["topic"] = memory.topic
    if ask in ("compare", "rank"):
        for name in ("dimension", "statuses", "order", "measure", "sections"):
            if not getattr(frame, name):
                changes[name] = getattr(memory, name)
    answered = frame.but(**changes)
    remembered = answered.but(ask=memory.ask, status=memory.status) if drill else answered
    return answered, remembered
