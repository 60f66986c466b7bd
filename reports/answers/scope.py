"""Who sees what: the viewer's organization and the tasks and reports a statistics answer is about."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from plans.lifecycle import tasks_for_period
from plans.periods import Period
from plans.snapshot import org_facts, states
from plans.status import TaskState
from reports.outputs.docx import ReportData, ReportError, build_report
from reports.statistics import select_tasks
from storage.facts import ReportFacts, TaskFacts
from storage.models import Official, Role
from storage.queries.facts import find_organization
from storage.text import fold


@dataclass
class Scope:
    organization_id: int
    organization_name: str
    period: Period
    today: date
    agency_id: int | None  # the agency the numbers are about (None = organization)
    label: str  # "toàn xã", "Phòng Văn hóa - Xã hội (chủ trì)"
    tasks: list[TaskFacts] = field(default_factory=list)  # in scope
    reports: dict[int, list[ReportFacts]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    note: str = ""  # e.g. why the scope differs from the one asked
    statuses: list[TaskState] = field(default_factory=list)  # the state of each of `tasks`

    @property
    def header(self) -> str:
        return f"<b>{esc(self.period.title)}, {esc(self.label)}</b>"


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def is_leader(viewer: Official) -> bool:
    return viewer.role in (Role.leader, Role.admin)


def _whole(org_name: str) -> str:
    return "toàn phường" if "phuong" in fold(org_name) else "toàn xã"


def viewer_organization(*, session: Session, viewer: Official) -> int | None:
    """The viewer's organization; an admin from the settings has none: the only one there is."""
    if viewer.organization_id is not None:
        return viewer.organization_id
    if viewer.role == Role.admin:
        found = find_organization(session=session, name=None)
        return found[0] if found else None
    return None


def viewer_report(*, session: Session, viewer: Official, period: Period, today: date) -> ReportData | str:
    """The written report for the viewer's organization (leaders and admins only)."""
    if not is_leader(viewer):
        return "Chỉ lãnh đạo và quản trị viên được lập báo cáo của xã/phường."
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return "Tài khoản chưa gắn với xã/phường nào: liên hệ quản trị viên."
    try:
        return build_report(session=session, organization_id=org_id, period=period, today=today)
    except ReportError as exc:
        return str(exc)


def load_scope(
    *, session: Session, viewer: Official, period: Period, today: date, agency_id: int | None = None
) -> Scope | str:
    """The tasks and reports an answer is about, or a text explaining why there are none."""
    org_id = viewer_organization(session=session, viewer=viewer)
    if org_id is None:
        return "Tài khoản chưa gắn với xã/phường nào: liên hệ quản trị viên."
    # One snapshot of the whole organization serves every period and scope (reports/cache.py):
    # the per-task effective report lists are what load_facts(..., until=cutoff) would give, and
    # the statistics skip reports after the cutoff themselves.
    facts = org_facts(session=session, organization_id=org_id)
    org_name = facts.context.name
    names = dict(facts.context.agency_names)
    note = ""
    coordinating = False
    if not is_leader(viewer):
        if viewer.agency_id is None:
            return "Tài khoản chưa gắn với cơ quan/đơn vị nào: liên hệ quản trị viên."
        if agency_id is not None and agency_id != viewer.agency_id:
            note = "Bạn chỉ xem được số liệu của đơn vị mình."
        agency_id = viewer.agency_id
        coordinating = True
    if agency_id is None:
        label = _whole(org_name)
    else:
        role = "chủ trì, phối hợp" if coordinating else "chủ trì"
        label = f"{names.get(agency_id, 'đơn vị')} ({role})"
    every = states(facts, period, today)
    chosen = select_tasks(
        tasks_for_period(facts.tasks, facts.context.plans, period, today),
        agency_id=agency_id,
        include_coordinating=coordinating,
    )
    return Scope(
        organization_id=org_id,
        organization_name=org_name,
        period=period,
        today=today,
        agency_id=agency_id,
        label=label,
        tasks=chosen,
        reports=facts.reports,
        names=names,
        note=note,
        statuses=[every[t.id] for t in chosen],
    )


def scope_statuses(scope: Scope) -> list[TaskState]:
    return scope.statuses
