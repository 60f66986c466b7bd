"""Plan administration use cases: list an organization's plans, close (lưu trữ) and reopen one,
and find last year's plan of the same kind when a new one is imported.

The rules of what a closed or ended plan still shows live in plans/lifecycle.py; here an admin only
changes a plan's status, always in their own organization and always audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session

from plans.lifecycle import ARCHIVED, is_current, kind_key, plan_span
from plans.periods import PeriodPolicy
from storage.models import AuditLog, Plan, PlanStatus
from storage.queries.facts import PlanInfo
from storage.queries.plans import organization_plans_with_counts

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanSummary:
    id: int
    title: str
    number: str | None
    issued_on: date | None
    start: date | None
    end: date | None
    archived: bool
    current: bool  # followed now: open and not past its last reporting window
    tasks: int


def plan_info(plan: Plan) -> PlanInfo:
    assert plan.id is not None
    return PlanInfo(
        id=plan.id,
        title=plan.title,
        number=plan.number,
        issued_on=plan.issued_on,
        year=plan.year,
        status=plan.status,
        period_start=plan.period_start,
        period_end=plan.period_end,
    )


def _summary(plan: Plan, tasks: int, today: date, policy: PeriodPolicy) -> PlanSummary:
    info = plan_info(plan)
    start, end = plan_span(info)
    return PlanSummary(
        id=info.id,
        title=plan.title,
        number=plan.number,
        issued_on=plan.issued_on,
        start=start,
        end=end,
        archived=plan.status == ARCHIVED,
        current=is_current(info, today, policy),
        tasks=tasks,
    )


def plan_summaries(
    *, session: Session, organization_id: int, today: date, policy: PeriodPolicy
) -> list[PlanSummary]:
    """The organization's plans, the ones followed now first, then newest first."""
    rows = organization_plans_with_counts(session=session, organization_id=organization_id)
    found = [_summary(plan, tasks, today, policy) for plan, tasks in rows]
    return sorted(found, key=lambda s: (not s.current, -(s.end or date.max).toordinal(), -s.id))


def set_archived(
    *,
    session: Session,
    organization_id: int,
    plan_id: int,
    archived: bool,
    actor_user_id: int | None,
) -> Plan | None:
    """Close (lưu trữ) or reopen a plan of the organization; None if it is not one of its plans.
    Its tasks, reports and figures are kept: questions and reports about its periods still work."""
    plan = session.get(Plan, plan_id)
    if plan is None or plan.organization_id != organization_id:
        return None
    status = PlanStatus.archived if archived else PlanStatus.active
    if plan.status != status:
        plan.status = status
        plan.updated_at = datetime.now(UTC)  # moves facts_version: every snapshot reloads
        session.add(plan)
        session.add(
            AuditLog(
                actor_user_id=actor_user_id,
                action="plan_archived" if archived else "plan_reopened",
                detail={"plan_id": plan_id, "organization_id": organization_id},
            )
        )
        logger.info("Plan %s %s by %s", plan_id, status, actor_user_id)
    return plan


def earlier_plans_of_same_kind(
    *, session: Session, organization_id: int, plan_id: int, today: date, policy: PeriodPolicy
) -> list[PlanSummary]:
    """Open plans of the same kind ("… năm 2025" for a new "… năm 2026") that end before the new
    plan starts: importing next year's plan offers to close them."""
    rows = organization_plans_with_counts(session=session, organization_id=organization_id)
    new = next((plan for plan, _tasks in rows if plan.id == plan_id), None)
    if new is None:
        return []
    key = kind_key(new.title)
    new_start, _new_end = plan_span(plan_info(new))
    found = []
    for plan, tasks in rows:
        if plan.id == plan_id or plan.status == ARCHIVED or kind_key(plan.title) != key:
            continue
        _start, end = plan_span(plan_info(plan))
        if end is not None and new_start is not None and end < new_start:
            found.append(_summary(plan, tasks, today, policy))
    return found
