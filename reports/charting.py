"""The figures behind the phone pictures of a question (reports/outputs/charts.py draws them): the
status counts and overall rate of the scope, completion by lead agency for a whole commune, and the
rate of the scope across the periods up to the one asked about.

The scope is the one answers use (reports/answers/scope.py): a leader asking about an agency gets
that agency's pictures, an official always their own agency's.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from plans import status as S
from plans.periods import Period, PeriodPolicy, quarter, quarter_of
from reports import statistics as ST
from reports.answers.scope import load_scope
from reports.outputs.charts import AgencyBar, ChartSet
from storage.models import Official

TREND_PERIODS = 6


def trend_periods(
    period: Period, policy: PeriodPolicy, today: date, count: int = TREND_PERIODS
) -> list[Period]:
    """The periods a trend shows, oldest first, ending with `period` (none that starts after today):
    the quarters or months before it, or the quarters of a year or half."""
    if period.kind in ("quarter", "month"):
        found = [policy.shift(period, -k) for k in range(count - 1, 0, -1)] + [period]
    else:
        first = quarter_of(period.start) if period.start.year == period.year else 1
        last = quarter_of(period.end) if period.end.year == period.year else 4
        found = [quarter(period.year, q, policy.mode) for q in range(first, last + 1)]
    return [p for p in found if p.start <= today]


def chart_set(
    *,
    session: Session,
    viewer: Official,
    period: Period,
    today: date,
    policy: PeriodPolicy,
    agency_id: int | None = None,
) -> ChartSet | str:
    """The pictures' figures, or a text saying why there are none."""
    scope = load_scope(session=session, viewer=viewer, period=period, today=today, agency_id=agency_id)
    if isinstance(scope, str):
        return scope
    counts = S.count(scope.statuses, today)
    agencies: list[AgencyBar] = []
    if scope.agency_id is None:
        for row in ST.by_agency(scope.statuses, today):
            c = row.counts
            agencies.append(
                AgencyBar(scope.names.get(row.agency_id, "?"), c.completion_rate, c.active, c.total)
            )
    trend: list[tuple[str, float | None]] = []
    for earlier in trend_periods(period, policy, today):
        found = load_scope(
            session=session, viewer=viewer, period=earlier, today=today, agency_id=scope.agency_id
        )
        if isinstance(found, str) or not found.tasks:
            continue  # no plan covered that period: nothing to show, not a zero
        trend.append((earlier.label, S.count(found.statuses, today).completion_rate))
    return ChartSet(
        period=scope.period.title,
        scope=scope.label,
        done=counts.done,
        in_progress=counts.in_progress,
        not_done=counts.not_done,
        no_report=counts.no_report,
        overdue=counts.overdue,
        rate=counts.completion_rate,
        agencies=agencies,
        trend=trend,
    )
