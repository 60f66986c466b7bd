"""The shape of one row of the question table (tests/reports/question_table/table.py).

A row is a question a commune leader (or official) types into the bot, the day it is asked, and the
answer worked out by hand from the source documents (README.md in this folder has the ground truth).
Nothing here imports planbot: the table must stay independent of the code it checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

COMMUNES = ("thanh-xa", "thanh-ha", "khuc-thua-du", "luong-minh")
CATEGORIES = (
    "rate",
    "count",
    "list_status",
    "agency",
    "kpi",
    "documents",
    "topic",
    "compare",
    "rank",
    "followup",
    "not_reported",
    "upcoming",
    "task",
    "english",
    "offtopic",
)
ASKS = (
    "rate",
    "count",
    "list",
    "task",
    "documents",
    "indicator",
    "compare",
    "rank",
    "not_reported",
    "upcoming",
    "offtopic",
)
STATUSES = ("done", "in_progress", "not_done", "no_report", "overdue", "done_or_in_progress")
ROLES = ("leader", "official")
KPI_STATES = ("met", "not_met", "no_data", "no_target")


@dataclass(frozen=True)
class E:
    """The expected answer.

    ask: what the engine must understand the question to be.
    period: the period code the answer is about ("2023-Q1", "2025-11", "2023-H1", "2023",
        "2023-03-01..2023-06-30"), None when no period applies (off-topic, a task's own deadline).
    agency: the agency the question is scoped to, in the plan's own wording; None = whole commune.
    status: the status filter of a list/count ("done", "in_progress", "not_done", "no_report",
        "overdue", "done_or_in_progress"), None for no filter.
    rate: (numerator, denominator) = (done + in progress, all tasks in scope).
    count: the number the answer must give.
    codes: task codes (planbot's codes, identifiers only). For a list: the full expected set; for a
        topic question: the tasks that must be among the matches (the engine may return more).
    no_data: True when the period has no report at all ("Chưa có số liệu báo cáo …"), never 0 %.
    docs: document numbers the answer must cite ("25/KH-UBND"; an unnumbered one as written).
    indicators: (metric words, value or None, state) in the expected order; state is "met" /
        "not_met" against the source's target, "no_data" when no value was reported, "no_target"
        when a value was reported but the source sets no target for it.
    rows: (label, numerator, denominator) of a comparison or ranking, in the expected order; what the
        numerator counts is written in the comment above the question.
    first: the label at the top of a ranking.
    value: (number, unit) of a narrative figure ("120 hồ sơ").
    source: the report the figure or result comes from.
    """

    ask: str
    period: str | None = None
    agency: str | None = None
    status: str | None = None
    rate: tuple[int, int] | None = None
    count: int | None = None
    codes: tuple[str, ...] | None = None
    no_data: bool = False
    docs: tuple[str, ...] | None = None
    indicators: tuple[tuple[str, float | None, str], ...] | None = None
    rows: tuple[tuple[str, int, int], ...] | None = None
    first: str | None = None
    value: tuple[float, str] | None = None
    source: str | None = None


@dataclass(frozen=True)
class Q:
    id: str
    commune: str
    today: str  # ISO date the question is asked on
    text: str  # exactly as typed
    category: str
    expected: E
    role: str = "leader"
    agency_of_asker: str | None = None  # for officials: their agency, in the plan's wording
    after: str | None = None  # id of the previous question in the same chat (follow-ups)

    @property
    def day(self) -> date:
        return date.fromisoformat(self.today)


def validate(questions: list[Q]) -> list[str]:
    """Problems in the table's shape (not in its answers): unknown names, broken follow-up links."""
    problems: list[str] = []
    ids: dict[str, Q] = {}
    for q in questions:
        where = f"{q.id}:"
        if q.id in ids:
            problems.append(f"{where} duplicate id")
        ids[q.id] = q
        if q.commune not in COMMUNES:
            problems.append(f"{where} unknown commune {q.commune!r}")
        if q.category not in CATEGORIES:
            problems.append(f"{where} unknown category {q.category!r}")
        if q.role not in ROLES:
            problems.append(f"{where} unknown role {q.role!r}")
        if q.role == "official" and not q.agency_of_asker:
            problems.append(f"{where} an official needs agency_of_asker")
        e = q.expected
        if e.ask not in ASKS:
            problems.append(f"{where} unknown ask {e.ask!r}")
        if e.status is not None and e.status not in STATUSES:
            problems.append(f"{where} unknown status {e.status!r}")
        if e.rate is not None and not (0 <= e.rate[0] <= e.rate[1]):
            problems.append(f"{where} bad rate {e.rate}")
        if e.codes is not None and len(set(e.codes)) != len(e.codes):
            problems.append(f"{where} repeated codes")
        listed = e.ask in ("list", "not_reported", "upcoming")
        if listed and e.count is not None and e.codes is not None and e.count != len(e.codes):
            problems.append(f"{where} count {e.count} != {len(e.codes)} codes")
        for ind in e.indicators or ():
            if ind[2] not in KPI_STATES:
                problems.append(f"{where} unknown indicator state {ind[2]!r}")
        if e.ask == "offtopic" and (e.rate or e.codes or e.value):
            problems.append(f"{where} an off-topic answer carries no plan figures")
        try:
            date.fromisoformat(q.today)
        except ValueError:
            problems.append(f"{where} bad date {q.today!r}")
    for q in questions:
        if q.after is not None:
            prev = ids.get(q.after)
            if prev is None:
                problems.append(f"{q.id}: follows unknown {q.after!r}")
            elif prev.commune != q.commune or prev.today > q.today:
                problems.append(f"{q.id}: follows {q.after} of another chat or a later day")
    return problems


def tally(questions: list[Q]) -> tuple[dict[str, int], dict[str, int]]:
    """Questions per category and per commune."""
    by_category = {c: 0 for c in CATEGORIES}
    by_commune = {c: 0 for c in COMMUNES}
    for q in questions:
        by_category[q.category] += 1
        by_commune[q.commune] += 1
    return by_category, by_commune
