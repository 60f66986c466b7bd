"""The typed reading of a question (Frame) and what the parser knows about the organization (Context).

A Frame is pure data: what is asked, its filters, its period and its scope. It is kept between the
questions of a chat (as JSON in the chat's user_data) so that "thế còn quý trước?" can reuse it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from plans.periods import Period

ASKS = (
    "rate",  # tỷ lệ hoàn thành (đã và đang thực hiện / tổng số)
    "count",  # bao nhiêu việc (of a status, or of the plan)
    "list",  # những việc nào (of a status, an agency, a topic)
    "task",  # one task's state, deadline or lead
    "documents",  # which documents, by period, type, number or topic
    "indicator",  # a measured figure (KPI) and its target
    "compare",  # period with period, agency with agency, section with section, status with status
    "rank",  # agencies, sections, items or indicators ranked
    "not_reported",  # tasks without a report for the period
    "people",  # per-person figures: who has not reported, one person's tasks and rate
    "upcoming",  # tasks due in a window
    "chart",  # the completion chart
    "report",  # the written report (phụ lục)
    "offtopic",  # something planbot does not track, or another commune
)
STATUSES = ("done", "in_progress", "not_done", "no_report", "overdue", "done_or_in_progress")


@dataclass(frozen=True)
class Frame:
    ask: str | None  # one of ASKS; None = a fragment (a follow-up supplies the rest) or not understood
    status: str | None = None
    agency_id: int | None = None
    agency_name: str | None = None
    agencies: tuple[int, ...] = ()  # the agencies a comparison or ranking is about
    role: str = "lead"  # lead | coordinating | any: how the agency takes part in its tasks
    own_agency: bool = False  # "việc của tôi", "đơn vị mình"
    persons: tuple[int, ...] = ()  # the officials named ("anh Hùng", "chị Lan")
    person_name: str | None = None  # the first one's full name
    topic: tuple[str, ...] = ()  # topic words as the grammar reads them (folded)
    topic_typed: str = ""  # the topic as typed (what an answer may echo)
    section: str | None = None  # "II"
    item: str | None = None  # "II.3" (a nội dung)
    sections: tuple[str, ...] = ()  # the sections (or items) a comparison names, in order
    codes: tuple[str, ...] = ()  # task codes named
    period: Period | None = None
    period_given: bool = False
    periods: tuple[Period, ...] = ()  # every period named (a comparison of periods)
    dimension: str | None = None  # agency | section | item | status | period | indicator (compare/rank)
    statuses: tuple[str, ...] = ()  # the statuses a comparison is about
    order: str | None = None  # worst | best (rates), most | least (counts)
    measure: str | None = None  # rank by: rate | count | tasks | value
    metrics: tuple[str, ...] = ()  # indicator keys, in the order asked
    family: str | None = None  # rate | count: which kind of figure
    threshold: float | None = None  # "chưa đạt 100%": a figure the user names
    unmet: bool = False  # "chỉ tiêu nào chưa đạt"
    field: str | None = None  # a task's deadline | lead
    doc_type: str | None = None  # "Kế hoạch", "Quyết định", "Thông báo", "Báo cáo"
    doc_number: str | None = None  # "23/BC-UBND", or a bare number "166"
    count_of: str | None = None  # tasks | items | sections (a count of the plan itself)
    offtopic: str | None = None  # other_commune | not_tracked
    followup: bool = False  # the text says it follows on ("thế còn …", "… thì sao", "chi tiết")
    corrections: tuple[tuple[str, str], ...] = ()
    english: bool = False
    text: str = ""  # what the grammar read
    page: int = 0

    def but(self, **changes: Any) -> Frame:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe (periods as start/end/kind/label/year/index; tuples as lists)."""
        out = asdict(self)
        out["period"] = _period_dict(self.period)
        out["periods"] = [_period_dict(p) for p in self.periods]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Frame:
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                continue
            if name == "period":
                values[name] = _period_of(value)
            elif name == "periods":
                values[name] = tuple(p for p in (_period_of(v) for v in value or ()) if p is not None)
            elif name == "corrections":
                values[name] = tuple(tuple(pair) for pair in value or ())
            elif isinstance(value, list):
                values[name] = tuple(value)
            else:
                values[name] = value
        return cls(**values)


def _period_dict(period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "kind": period.kind,
        "label": period.label,
        "year": period.year,
        "index": period.index,
    }


def _period_of(data: dict[str, Any] | None) -> Period | None:
    if not data:
        return None
    return Period(
        date.fromisoformat(data["start"]),
        date.fromisoformat(data["end"]),
        data["kind"],
        data["label"],
        int(data["year"]),
        int(data.get("index", 0)),
    )


@dataclass(frozen=True)
class Context:
    """What the parser knows about the organization asked about (plain data, built per snapshot)."""

    organization: str = ""  # "UBND xã Thanh Xá"
    agencies: tuple[tuple[int, str, tuple[str, ...]], ...] = ()  # id, name, aliases
    codes: frozenset[str] = frozenset()  # upper-case task codes
    sections: tuple[str, ...] = ()  # "I", "II", … in plan order
    items: tuple[str, ...] = ()  # "I.1", "II.1", … (nội dung) in plan order
    words: frozenset[str] = frozenset()  # every folded word of the plans' tasks and results
    own_agency_id: int | None = None  # the asking official's agency
    own_agency_name: str | None = None
    people: tuple[tuple[int, str], ...] = ()  # the organization's officials: id, full name
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
