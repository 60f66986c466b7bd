"""The status model (plans/status.py), table-driven: deadline kinds × reports × days.

Each row gives a task as a commune's plan writes its deadline, the reports made on it (with the
period each is about), a period and a day, and the state every output must show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from plans.periods import Period, month, quarter, year_period
from plans.status import (
    LATE,
    NOT_REPORTED,
    NOT_YET_DUE,
    ON_TIME,
    ON_TRACK,
    OVERDUE,
    REPORTED,
    count,
    effective_reports,
    task_state,
)
from storage.facts import ReportFacts, TaskFacts

Q1, Q2, Q3, Q4 = (quarter(2023, q) for q in (1, 2, 3, 4))


def task(kind: str, due: date | None = None, **kw: object) -> TaskFacts:
    return TaskFacts(
        id=1,
        plan_id=1,
        organization_id=1,
        code="II.1",
        content="Nhiệm vụ",
        section="II",
        deadline_text=str(kw.pop("text", "")),
        deadline_kind=kind,
        due=due,
        start=kw.pop("start", None),  # type: ignore[arg-type]
        recurrence=kw.pop("recurrence", None),  # type: ignore[arg-type]
        milestones=kw.pop("milestones", ()),  # type: ignore[arg-type]
    )


_ids = iter(range(1, 10**6))


def rep(status: str, sent: date, about: Period | None = None, **kw: object) -> ReportFacts:
    return ReportFacts(
        id=int(kw.pop("rid", next(_ids))),  # type: ignore[call-overload]
        task_id=1,
        status=status,
        reported_on=sent,
        created_at=datetime(sent.year, sent.month, sent.day, 3, tzinfo=UTC),
        period_start=about.start if about else None,
        period_end=about.end if about else None,
        **kw,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Row:
    why: str
    task: TaskFacts
    reports: list[ReportFacts]
    period: Period
    today: date
    status: str
    timeliness: str | None
    overdue: bool = False
    since: date | None = None
    extra: dict[str, object] = field(default_factory=dict)


ONE_OFF = task("date", date(2023, 3, 15), text="Chậm nhất ngày 15/3/2023")
MONTH = task("month", date(2023, 8, 31), text="Trong tháng 08/2023")
CONTINUOUS = task(
    "continuous", date(2023, 12, 31), start=date(2023, 1, 1), text="Thường xuyên trong năm 2023"
)
COMPOUND = task(
    "continuous",
    date(2023, 12, 31),
    start=date(2023, 1, 1),
    milestones=((date(2023, 6, 20), "chậm nhất ngày 20/6/2023"), (date(2023, 6, 30), "trước ngày 30/6/2023")),
    text="Thường xuyên trong năm 2023 … chậm nhất ngày 20/6/2023 … trước ngày 30/6/2023",
)
MONTHLY = task(
    "recurring",
    date(2023, 12, 31),
    start=date(2023, 1, 1),
    recurrence="monthly:18",
    text="trước ngày 18 hàng tháng",
)
ON_DEMAND = task("on_demand", text="Khi có phát sinh")
UNKNOWN = task("unknown", text="Theo lộ trình của tỉnh")

ROWS = [
    # --- one-off tasks
    Row("no report, not yet due", ONE_OFF, [], Q1, date(2023, 3, 1), "no_report", NOT_YET_DUE),
    Row(
        "no report, due passed",
        ONE_OFF,
        [],
        Q1,
        date(2023, 3, 20),
        "no_report",
        OVERDUE,
        True,
        date(2023, 3, 15),
    ),
    Row(
        "in progress before the due day",
        ONE_OFF,
        [rep("in_progress", date(2023, 3, 1), Q1)],
        Q1,
        date(2023, 3, 10),
        "in_progress",
        ON_TRACK,
    ),
    Row(
        "done on time", ONE_OFF, [rep("done", date(2023, 3, 10), Q1)], Q1, date(2023, 3, 20), "done", ON_TIME
    ),
    Row("done late", ONE_OFF, [rep("done", date(2023, 3, 25), Q1)], Q1, date(2023, 3, 28), "done", LATE),
    Row(
        "reported done in the window about Q1: done in Q1, by its end",
        ONE_OFF,
        [rep("done", date(2023, 4, 5), Q1)],
        Q1,
        date(2023, 4, 6),
        "done",
        LATE,
    ),
    Row(
        "done stays done in the next quarter",
        ONE_OFF,
        [rep("done", date(2023, 3, 10), Q1)],
        Q2,
        date(2023, 5, 1),
        "done",
        ON_TIME,
    ),
    Row(
        "a task reported done is never overdue, even for a past period it was late in",
        ONE_OFF,
        [rep("done", date(2023, 5, 2), Q2)],
        Q1,
        date(2023, 5, 3),
        "no_report",
        None,
    ),
    Row(
        "a report sent later does not count yet (as of the day asked)",
        ONE_OFF,
        [rep("done", date(2023, 3, 25), Q1)],
        Q1,
        date(2023, 3, 20),
        "no_report",
        OVERDUE,
        True,
        date(2023, 3, 15),
    ),
    Row(
        "in progress in Q1, nothing for Q2: no report for Q2, still overdue",
        ONE_OFF,
        [rep("in_progress", date(2023, 3, 1), Q1)],
        Q2,
        date(2023, 4, 25),
        "no_report",
        OVERDUE,
        True,
        date(2023, 3, 15),
    ),
    Row(
        "a correction supersedes the done report",
        ONE_OFF,
        [
            rep("done", date(2023, 3, 10), Q1, rid=9001),
            rep("not_done", date(2023, 3, 12), Q1, supersedes_id=9001),
        ],
        Q1,
        date(2023, 3, 20),
        "not_done",
        OVERDUE,
        True,
        date(2023, 3, 15),
    ),
    Row(
        "a month deadline is due at the month's end",
        MONTH,
        [],
        Q3,
        date(2023, 9, 1),
        "no_report",
        OVERDUE,
        True,
        date(2023, 8, 31),
    ),
    Row(
        "due after the period asked: not overdue in that period",
        MONTH,
        [],
        Q2,
        date(2023, 9, 5),
        "no_report",
        None,
    ),
    # --- continuous tasks
    Row(
        "continuous, reported in the period",
        CONTINUOUS,
        [rep("in_progress", date(2023, 3, 9), Q1)],
        Q1,
        date(2023, 3, 20),
        "in_progress",
        REPORTED,
    ),
    Row(
        "continuous, a Q1 report says nothing of Q2",
        CONTINUOUS,
        [rep("done", date(2023, 3, 9), Q1)],
        Q2,
        date(2023, 5, 20),
        "no_report",
        NOT_REPORTED,
    ),
    Row(
        "continuous, reported in the window about Q1",
        CONTINUOUS,
        [rep("done", date(2023, 4, 5), Q1)],
        Q1,
        date(2023, 4, 10),
        "done",
        REPORTED,
    ),
    Row(
        "continuous is never overdue without milestones",
        CONTINUOUS,
        [],
        Q4,
        date(2023, 12, 31),
        "no_report",
        NOT_REPORTED,
    ),
    Row(
        "a monthly report counts for its quarter",
        CONTINUOUS,
        [rep("done", date(2023, 2, 10), month(2023, 2))],
        Q1,
        date(2023, 3, 20),
        "done",
        REPORTED,
    ),
    Row(
        "compound deadline: milestone passed without a done report",
        COMPOUND,
        [],
        Q2,
        date(2023, 6, 21),
        "no_report",
        OVERDUE,
        True,
        date(2023, 6, 20),
    ),
    Row(
        "compound deadline: milestone met by a done report for Q2",
        COMPOUND,
        [rep("done", date(2023, 6, 19), Q2)],
        Q2,
        date(2023, 6, 25),
        "done",
        REPORTED,
    ),
    Row(
        "compound deadline: before the milestone",
        COMPOUND,
        [],
        Q2,
        date(2023, 6, 19),
        "no_report",
        NOT_REPORTED,
        extra={"due": date(2023, 6, 20)},
    ),
    # --- recurring tasks
    Row(
        "monthly report sent before the 18th",
        MONTHLY,
        [rep("done", date(2023, 3, 16), month(2023, 3))],
        Q1,
        date(2023, 3, 20),
        "done",
        REPORTED,
        extra={"due": date(2023, 4, 18)},
    ),
    Row(
        "monthly report missed: the latest occurrence is overdue",
        MONTHLY,
        [rep("done", date(2023, 2, 16), month(2023, 2))],
        Q1,
        date(2023, 3, 20),
        "in_progress",
        OVERDUE,
        True,
        date(2023, 3, 18),
    ),
    Row(
        "only the latest occurrence: the next one takes over",
        MONTHLY,
        [rep("done", date(2023, 4, 17), month(2023, 4))],
        Q2,
        date(2023, 4, 25),
        "done",
        REPORTED,
    ),
    Row(
        "recurring before its first occurrence", MONTHLY, [], Q1, date(2023, 1, 10), "no_report", NOT_REPORTED
    ),
    # --- on demand and unknown
    Row("on demand is never overdue", ON_DEMAND, [], Q1, date(2023, 12, 31), "no_report", NOT_REPORTED),
    Row(
        "on demand reported",
        ON_DEMAND,
        [rep("not_done", date(2023, 3, 1), Q1)],
        Q1,
        date(2023, 3, 2),
        "not_done",
        REPORTED,
    ),
    Row(
        "unknown deadline: status only",
        UNKNOWN,
        [rep("in_progress", date(2023, 3, 1), Q1)],
        Q1,
        date(2023, 3, 2),
        "in_progress",
        None,
    ),
    Row(
        "a year asked: every report of the year counts",
        CONTINUOUS,
        [rep("done", date(2023, 6, 1), Q2)],
        year_period(2023),
        date(2024, 1, 5),
        "done",
        REPORTED,
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.why for r in ROWS])
def test_task_state(row: Row) -> None:
    reports = effective_reports(row.reports).get(1, [])
    state = task_state(row.task, reports, row.period, row.today)
    assert (state.status, state.timeliness, state.overdue, state.overdue_since) == (
        row.status,
        row.timeliness,
        row.overdue,
        row.since,
    )
    for name, value in row.extra.items():
        assert getattr(state, name) == value, name
    if state.status == "done":
        assert not state.overdue  # a task reported done is never shown as overdue


def test_counts_follow_the_communes_arithmetic_and_add_up() -> None:
    tasks = [
        (ONE_OFF, [rep("done", date(2023, 3, 10), Q1)]),
        (MONTH, [rep("in_progress", date(2023, 3, 2), Q1)]),
        (CONTINUOUS, [rep("not_done", date(2023, 3, 2), Q1)]),
        (ON_DEMAND, []),
    ]
    states = [
        task_state(t, effective_reports(reports).get(1, []), Q1, date(2023, 3, 20)) for t, reports in tasks
    ]
    c = count(states, date(2023, 3, 20))
    assert (c.total, c.done, c.in_progress, c.not_done, c.no_report) == (4, 1, 1, 1, 1)
    assert c.done + c.in_progress + c.not_done + c.no_report == c.total
    assert c.on_demand == 1 and c.active == 2
    assert c.completion_rate == 50.0
    assert (c.due, c.on_time) == (1, 1) and c.on_time_rate == 100.0


def test_a_period_with_no_reports_has_no_figures() -> None:
    states = [task_state(t, [], Q2, date(2023, 5, 1)) for t in (ONE_OFF, CONTINUOUS, ON_DEMAND)]
    c = count(states, date(2023, 5, 1))
    assert c.total == 3 and not c.has_data
    assert c.completion_rate is None  # "chưa có số liệu", never 0,0%
