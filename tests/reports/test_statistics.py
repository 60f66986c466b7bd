"""Statistics views over task states: per agency, overdue and upcoming lists, KPI targets."""

from __future__ import annotations

from datetime import UTC, date, datetime

from plans.periods import month, quarter
from plans.status import count, effective_reports, task_states
from reports.statistics import by_agency, overdue_list, target_statuses, upcoming_list
from storage.facts import ReportFacts, TaskFacts

Q3 = quarter(2025, 3)
TODAY = date(2025, 11, 20)


def task(tid: int, kind: str = "date", due: date | None = None, lead: int = 1, **kw: object) -> TaskFacts:
    return TaskFacts(
        id=tid,
        plan_id=1,
        organization_id=1,
        code=f"I.{tid}",
        content=f"Nhiệm vụ {tid}",
        section="I",
        deadline_text=None,
        deadline_kind=kind,
        due=due,
        start=None,
        recurrence=kw.pop("recurrence", None),  # type: ignore[arg-type]
        lead_agency_ids=frozenset({lead}),
        **kw,  # type: ignore[arg-type]
    )


def report(rid: int, tid: int, status: str, on: date, **kw: object) -> ReportFacts:
    return ReportFacts(
        id=rid,
        task_id=tid,
        status=status,
        reported_on=on,
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
        **kw,  # type: ignore[arg-type]
    )


TASKS = [
    task(1, "date", date(2025, 8, 1)),  # done
    task(2, "date", date(2025, 8, 1)),  # overdue
    task(3, "date", date(2025, 12, 1)),  # in progress, not yet due
    task(4, "on_demand"),  # nothing reported
    task(5, "continuous", date(2025, 12, 31), lead=2),  # in progress in Q3
    task(6, "date", date(2025, 9, 30), lead=2),  # due on the last day: overdue after it
]
REPORTS = effective_reports(
    [
        report(1, 1, "done", date(2025, 7, 30)),
        report(2, 3, "in_progress", date(2025, 9, 1)),
        report(3, 5, "in_progress", date(2025, 9, 2)),
    ]
)


def test_counts_by_agency_worst_first() -> None:
    states = task_states(TASKS, REPORTS, Q3, TODAY)
    c = count(states, TODAY)
    assert (c.total, c.done, c.in_progress, c.not_done, c.no_report, c.overdue) == (6, 1, 2, 0, 3, 2)
    assert c.completion_rate == 50.0
    rows = by_agency(states, TODAY)
    assert [(r.agency_id, r.counts.total, r.counts.active) for r in rows] == [(1, 4, 2), (2, 2, 1)]
    assert [s.task.id for s in overdue_list(states)] == [2, 6]
    early = count(task_states(TASKS, REPORTS, Q3, date(2025, 7, 31)), date(2025, 7, 31))
    assert early.overdue == 0  # the day before task 2's due day


def test_upcoming_lists_one_off_due_days_and_recurring_occurrences() -> None:
    tasks = [
        task(1, "date", date(2025, 12, 10)),
        task(2, "recurring", date(2025, 12, 31), recurrence="monthly:18"),
        task(3, "date", date(2026, 1, 10)),
        task(4, "date", date(2025, 12, 5)),
    ]
    states = task_states(
        tasks, effective_reports([report(1, 4, "done", date(2025, 11, 1))]), month(2025, 12), TODAY
    )
    items = upcoming_list(states, date(2025, 12, 1), date(2025, 12, 31))
    assert [(s.task.id, due) for s, due in items] == [(1, date(2025, 12, 10)), (2, date(2025, 12, 18))]


def test_targets_latest_value_against_minimum() -> None:
    t = task(1, "continuous", date(2025, 12, 31), targets=({"metric": "Số hóa hồ sơ", "min_percent": 100.0},))
    t2 = task(
        2, "continuous", date(2025, 12, 31), targets=({"metric": "Hồ sơ trực tuyến", "min_percent": 60.0},)
    )
    reports = effective_reports(
        [
            report(1, 1, "in_progress", date(2025, 7, 10), kpi_value=98.5),
            report(2, 1, "in_progress", date(2025, 9, 10), kpi_value=99.84),
            report(3, 2, "done", date(2025, 9, 1), kpi_value=61.3),
        ]
    )
    items = {i.metric: i for i in target_statuses([t, t2], reports, Q3.end)}
    assert items["Số hóa hồ sơ"].value == 99.84 and items["Số hóa hồ sơ"].met is False
    assert items["Hồ sơ trực tuyến"].met is True
    assert target_statuses([t], reports, date(2025, 7, 31))[0].value == 98.5


def test_a_reported_value_belongs_to_the_first_target_only() -> None:
    """Issue 13: one KPI value is no longer copied onto every target of its task."""
    t = task(
        1,
        "continuous",
        date(2025, 12, 31),
        targets=(
            {"metric": "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "min_percent": 80.0},
            {"metric": "Tỷ lệ thanh toán trực tuyến", "min_percent": 50.0},
        ),
    )
    reports = effective_reports([report(1, 1, "in_progress", date(2025, 9, 10), kpi_value=85.0)])
    items = target_statuses([t], reports, Q3.end)
    assert [(i.value, i.met) for i in items] == [(85.0, True), (None, None)]


def test_the_same_target_written_twice_is_one_target() -> None:
    t = task(
        1,
        "continuous",
        date(2025, 12, 31),
        targets=(
            {"metric": "Số hóa hồ sơ", "min_percent": 100.0},
            {"metric": "số hóa hồ sơ", "min_percent": 100.0},
        ),
    )
    assert len(target_statuses([t], {}, Q3.end)) == 1
