"""Status rules of the statistics (pure functions over TaskFacts / ReportFacts)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from plans import status as S
from plans.periods import month, quarter
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


def test_one_off_task_is_done_from_the_day_it_is_reported_done() -> None:
    t = task(1, "date", date(2025, 8, 30))
    r = [report(1, 1, "done", date(2025, 8, 10))]
    assert S.status_for(t, S.effective_reports(r)[1], Q3, TODAY)[0] == "done"
    # and stays done in the next quarter
    assert S.status_for(t, S.effective_reports(r)[1], quarter(2025, 4), TODAY)[0] == "done"
    # but not in a month before the report
    assert S.status_for(t, S.effective_reports(r)[1], month(2025, 7), TODAY)[0] == "not_done"


def test_continuous_task_counts_only_through_a_report_within_the_period() -> None:
    t = task(1, "continuous", date(2025, 12, 31))
    r = S.effective_reports([report(1, 1, "in_progress", date(2025, 8, 1))])[1]
    assert S.status_for(t, r, Q3, TODAY)[0] == "in_progress"
    assert S.status_for(t, r, quarter(2025, 4), TODAY)[0] == "not_done"
    recurring = task(2, "recurring", date(2025, 12, 31), recurrence="monthly:18")
    r2 = S.effective_reports([report(2, 2, "done", date(2025, 7, 18))])[2]
    assert S.status_for(recurring, r2, Q3, TODAY)[0] == "done"
    assert S.status_for(recurring, r2, quarter(2025, 4), TODAY)[0] == "not_done"


def test_no_report_means_not_done_and_latest_non_superseded_report_wins() -> None:
    t = task(1, "date", date(2025, 9, 30))
    assert S.status_for(t, [], Q3, TODAY) == ("not_done", None)
    reports = [
        report(1, 1, "in_progress", date(2025, 7, 5)),
        report(2, 1, "done", date(2025, 8, 5)),
        report(3, 1, "in_progress", date(2025, 8, 5), supersedes_id=2),  # a correction
    ]
    status, chosen = S.status_for(t, S.effective_reports(reports)[1], Q3, TODAY)
    assert status == "in_progress" and chosen is not None and chosen.id == 3


def test_report_after_today_or_period_end_does_not_count() -> None:
    t = task(1, "date", date(2025, 9, 30))
    r = S.effective_reports([report(1, 1, "done", date(2025, 10, 2))])[1]
    assert S.status_for(t, r, Q3, TODAY)[0] == "not_done"  # done after the quarter ended
    assert S.status_for(t, r, quarter(2025, 4), date(2025, 10, 1))[0] == "not_done"  # not yet


def test_imported_result_counts_for_the_period_it_covers() -> None:
    t = task(1, "continuous", date(2023, 12, 31))
    r = S.effective_reports(
        [report(1, 1, "done", date(2023, 4, 14), period_start=date(2023, 1, 1), period_end=date(2023, 3, 31))]
    )[1]
    assert S.status_for(t, r, quarter(2023, 1), date(2026, 1, 1))[0] == "done"
    assert S.status_for(t, r, quarter(2023, 2), date(2026, 1, 1))[0] == "not_done"


def test_counts_rates_overdue_and_on_demand() -> None:
    tasks = [
        task(1, "date", date(2025, 8, 1)),  # done
        task(2, "date", date(2025, 8, 1)),  # overdue
        task(3, "date", date(2025, 12, 1)),  # in progress, not yet due
        task(4, "on_demand"),  # nothing reported
        task(5, "continuous", date(2025, 12, 31), lead=2),  # in progress in Q3
        task(6, "date", date(2025, 9, 30), lead=2),  # due on the last day: overdue after it
    ]
    reports = [
        report(1, 1, "done", date(2025, 7, 30)),
        report(2, 3, "in_progress", date(2025, 9, 1)),
        report(3, 5, "in_progress", date(2025, 9, 2)),
    ]
    stats = S.compute_stats(tasks, reports, Q3, TODAY)
    c = stats.counts
    assert (c.total, c.done, c.in_progress, c.not_done, c.overdue, c.on_demand) == (6, 1, 2, 3, 2, 1)
    assert c.completion_rate is not None and round(c.completion_rate, 1) == 50.0
    assert c.done_rate is not None and round(c.done_rate, 1) == 16.7
    # on the day before the due day of task 2 it is not overdue yet
    early = S.compute_stats(tasks, reports, Q3, date(2025, 7, 31)).counts
    assert early.overdue == 0
    # the per-agency view, worst first
    rows = S.by_agency(stats.statuses)
    assert [(r.agency_id, r.counts.total, r.counts.done_or_in_progress) for r in rows] == [
        (1, 4, 2),
        (2, 2, 1),
    ]
    assert S.compute_stats(tasks, reports, Q3, TODAY, agency_id=2).counts.total == 2
    assert S.Counts().completion_rate is None


def test_upcoming_lists_one_off_due_days_and_recurring_occurrences() -> None:
    tasks = [
        task(1, "date", date(2025, 12, 10)),
        task(2, "recurring", date(2025, 12, 31), recurrence="monthly:18"),
        task(3, "date", date(2026, 1, 10)),
        task(4, "date", date(2025, 12, 5)),
    ]
    statuses = S.task_statuses(tasks, [report(1, 4, "done", date(2025, 11, 1))], month(2025, 12), TODAY)
    items = S.upcoming_list(statuses, date(2025, 12, 1), date(2025, 12, 31))
    assert [(s.task.id, due) for s, due in items] == [(1, date(2025, 12, 10)), (2, date(2025, 12, 18))]


def test_targets_latest_value_against_minimum() -> None:
    t = task(1, "continuous", date(2025, 12, 31), targets=({"metric": "Số hóa hồ sơ", "min_percent": 100.0},))
    t2 = task(
        2, "continuous", date(2025, 12, 31), targets=({"metric": "Hồ sơ trực tuyến", "min_percent": 60.0},)
    )
    reports = [
        report(1, 1, "in_progress", date(2025, 7, 10), kpi_value=98.5),
        report(2, 1, "in_progress", date(2025, 9, 10), kpi_value=99.84),
        report(3, 2, "done", date(2025, 9, 1), kpi_value=61.3),
    ]
    items = {t.metric: t for t in S.target_statuses([t, t2], reports, Q3, TODAY)}
    assert items["Số hóa hồ sơ"].value == 99.84 and items["Số hóa hồ sơ"].met is False
    assert items["Hồ sơ trực tuyến"].met is True
    early = S.target_statuses([t], reports, month(2025, 7), TODAY)
    assert early[0].value == 98.5
