"""Indicator values (measured figures of a period): written by imports, read by answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlmodel import Session, col

from storage.models import IndicatorValue


@dataclass(frozen=True)
class IndicatorRow:
    key: str
    label: str
    value: float
    unit: str
    period_start: date
    period_end: date
    task_id: int | None
    source: str
    text: str | None


def add_indicator_values(*, session: Session, rows: Sequence[IndicatorValue]) -> int:
    for row in rows:
        session.add(row)
    session.flush()
    return len(rows)


def replace_source_values(*, session: Session, organization_id: int, source: str) -> None:
    """Forget the values a source gave before (the same report imported again replaces them)."""
    session.execute(
        delete(IndicatorValue).where(
            col(IndicatorValue.organization_id) == organization_id, col(IndicatorValue.source) == source
        )
    )


def organization_indicators(*, session: Session, organization_id: int) -> list[IndicatorRow]:
    rows = session.execute(
        select(
            col(IndicatorValue.key),
            col(IndicatorValue.label),
            col(IndicatorValue.value),
            col(IndicatorValue.unit),
            col(IndicatorValue.period_start),
            col(IndicatorValue.period_end),
            col(IndicatorValue.task_id),
            col(IndicatorValue.source),
            col(IndicatorValue.text),
        )
        .where(col(IndicatorValue.organization_id) == organization_id)
        .order_by(col(IndicatorValue.period_end), col(IndicatorValue.id))
    ).all()
    return [IndicatorRow(*row) for row in rows]
