"""The data of the completion chart of a scope (reports/outputs/charts.py draws it).

The answers' own texts are written by reports/answers/words.py and the answer modules; this one
only turns a Scope (reports/answers/scope.py) into ChartData.
"""

from __future__ import annotations

from plans import status as S
from reports import statistics as ST
from reports.answers.scope import Scope, scope_statuses
from reports.outputs.charts import ChartData


def chart_data(scope: Scope) -> ChartData:
    statuses = scope_statuses(scope)
    rows = ST.by_agency(statuses, scope.today)
    counts = S.count(statuses, scope.today)
    return ChartData(
        title=f"{scope.period.title}, {scope.label}",
        agencies=[
            (scope.names.get(r.agency_id, "?"), r.counts.completion_rate or 0.0, r.counts.total) for r in rows
        ],
        done=counts.done,
        in_progress=counts.in_progress,
        not_done=counts.not_done + counts.no_report,
        overdue=counts.overdue,
    )
