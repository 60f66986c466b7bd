"""Plain snapshots of tasks and progress reports, for the pure statistics and reminder logic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class TaskFacts:
    id: int
    plan_id: int
    organization_id: int
    code: str
    content: str
    section: str | None
    deadline_text: str | None
    deadline_kind: str
    due: date | None
    start: date | None
    recurrence: str | None
    lead_agency_ids: frozenset[int] = frozenset()
    coordinating_agency_ids: frozenset[int] = frozenset()
    targets: tuple[dict[str, Any], ...] = ()
    plan_status: str = "active"
    number: str | None = None  # as printed in the appendix ("1", "a)")
    position: int = 0  # document order within the plan
    milestones: tuple[tuple[date, str], ...] = ()  # dated milestones of a compound deadline
    product: str | None = None
    plan_start: date | None = None  # the period the task's plan covers
    plan_end: date | None = None


@dataclass(frozen=True)
class ReportFacts:
    id: int
    task_id: int
    status: str  # done | in_progress | not_done
    reported_on: date  # local day it counts from
    created_at: datetime
    period_start: date | None = None
    period_end: date | None = None
    kpi_value: float | None = None
    official_id: int | None = None
    supersedes_id: int | None = None
    documents: tuple[str, ...] = field(default_factory=tuple)  # formatted references


@dataclass(frozen=True)
class HistoryEntry:
    report_id: int
    status: str
    reported_on: date
    created_at: datetime
    reporter_name: str | None
    note: str | None
    kpi_value: float | None
    documents: tuple[tuple[str, str | None, date | None, str | None], ...]  # doc_type, number, issued, text
    attachment_name: str | None
    superseded: bool
    source: str
    period_start: date | None = None
    period_end: date | None = None
    attachment_file_id: str | None = None
