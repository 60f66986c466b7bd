"""The measured figures a question may use: the organization's IndicatorValue rows, each with the
day it became known, so that a question asked on a given day never sees a figure reported later
(the same rule the status model applies to task reports: `reported_on <= today`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import Session, col

from plans.snapshot import OrgFacts
from storage.models import IndicatorValue
from storage.queries.indicators import IndicatorRow

_SOURCE_DAY = re.compile(r"ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


@dataclass(frozen=True)
class Figure(IndicatorRow):
    """An IndicatorRow and the day it counts from."""

    received: date = date.min


# Built once: it runs for every free text (building the statement cost as much as running it).
_FIGURES: Any = (
    select(
        col(IndicatorValue.key), col(IndicatorValue.label), col(IndicatorValue.value),
        col(IndicatorValue.unit), col(IndicatorValue.period_start), col(IndicatorValue.period_end),
        col(IndicatorValue.task_id), col(IndicatorValue.source), col(IndicatorValue.text),
        col(IndicatorValue.report_id),
    )
    .where(col(IndicatorValue.organization_id) == bindparam("organization_id"))
    .order_by(col(IndicatorValue.period_end), col(IndicatorValue.id))
)  # fmt: skip


def load_figures(*, session: Session, organization_id: int, facts: OrgFacts) -> list[Figure]:
    """Every figure of the organization, oldest period first. A figure read from a task's result
    counts from that report's day; one whose report was superseded by a correction is dropped (the
    correction carries its own figures). A narrative report's figure counts from the day the
    report names ("Báo cáo số 194/BC-UBND ngày 02/10/2025"), else from its period's end."""
    rows = session.connection().execute(_FIGURES, {"organization_id": organization_id}).all()
    if not rows:
        return []
    report_days = {r.id: r.reported_on for reports in facts.reports.values() for r in reports}
    found: list[Figure] = []
    for key, label, value, unit, start, end, task_id, source, text, report_id in rows:
        if report_id is not None:
            day = report_days.get(report_id)
            if day is None and report_id in facts.superseded:
                continue
            received = day or end
        else:
            received = _source_day(source) or end
        found.append(Figure(key, label, value, unit, start, end, task_id, source, text, received=received))
    return found


def known_by(figures: Sequence[IndicatorRow], today: date) -> list[IndicatorRow]:
    """The figures known on `today` (rows without a day, plain IndicatorRows, always count)."""
    return [f for f in figures if getattr(f, "received", date.min) <= today]


def _source_day(source: str) -> date | None:
    match = _SOURCE_DAY.search(source or "")
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
