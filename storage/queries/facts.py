"""Loading plain snapshots (TaskFacts, ReportFacts) for statistics: a handful of column queries,
no ORM objects and no N+1, so 10,000 tasks and 100,000 reports load in one go."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import Session, col

from storage.facts import ReportFacts, TaskFacts
from storage.models import (
    Agency,
    AgencyAlias,
    AgencyGroupMember,
    Organization,
    Plan,
    ProgressReport,
    ReportDocument,
    Task,
    TaskAgency,
)


@dataclass(frozen=True)
class PlanInfo:
    id: int
    title: str
    number: str | None
    issued_on: date | None
    year: int | None
    status: str
    period_start: date | None = None
    period_end: date | None = None


def _task_filter(stmt: Any, organization_id: int, plan_id: int | None, agency_id: int | None) -> Any:
    stmt = stmt.join(Plan, col(Plan.id) == col(Task.plan_id)).where(
        col(Plan.organization_id) == organization_id,
        col(Task.kind) == "task",
        col(Task.removed).is_(False),
    )
    if plan_id is not None:
        stmt = stmt.where(col(Task.plan_id) == plan_id)
    if agency_id is not None:
        linked = select(col(TaskAgency.task_id)).where(col(TaskAgency.agency_id) == agency_id)
        stmt = stmt.where(col(Task.id).in_(linked))
    return stmt


REPORT_COLUMNS = (
    col(ProgressReport.id),
    col(ProgressReport.task_id),
    col(ProgressReport.status),
    col(ProgressReport.reported_on),
    col(ProgressReport.created_at),
    col(ProgressReport.period_start),
    col(ProgressReport.period_end),
    col(ProgressReport.kpi_value),
    col(ProgressReport.official_id),
    col(ProgressReport.supersedes_id),
)
_NO_TIME = datetime.min.replace(tzinfo=UTC)


TASK_COLUMNS = (
    col(Task.id),
    col(Task.plan_id),
    col(Plan.organization_id),
    col(Task.code),
    col(Task.content),
    col(Task.section),
    col(Task.deadline_text),
    col(Task.deadline_kind),
    col(Task.deadline_due),
    col(Task.deadline_start),
    col(Task.recurrence),
    col(Task.targets),
    col(Plan.status),
    col(Task.number),
    col(Task.position),
    col(Task.milestones),
    col(Task.product),
    col(Plan.period_start),
    col(Plan.period_end),
)


def _milestones(raw: Any) -> tuple[tuple[date, str], ...]:
    found: list[tuple[date, str]] = []
    for item in raw or ():
        try:
            day = item["day"] if isinstance(item["day"], date) else date.fromisoformat(str(item["day"]))
        except (KeyError, TypeError, ValueError):
            continue
        found.append((day, str(item.get("text") or "")))
    return tuple(sorted(found))


def task_facts_from_rows(
    rows: Sequence[Any], lead: dict[int, set[int]], coordinating: dict[int, set[int]]
) -> list[TaskFacts]:
    """TaskFacts from rows selected with TASK_COLUMNS (tasks joined to their plan)."""
    return [
        TaskFacts(
            id=row[0],
            plan_id=row[1],
            organization_id=row[2],
            code=row[3],
            content=row[4],
            section=row[5],
            deadline_text=row[6],
            deadline_kind=row[7],
            due=row[8],
            start=row[9],
            recurrence=row[10],
            lead_agency_ids=frozenset(lead.get(row[0], ())),
            coordinating_agency_ids=frozenset(coordinating.get(row[0], ())),
            targets=tuple(row[11] or ()),
            plan_status=row[12],
            number=row[13],
            position=row[14],
            milestones=_milestones(row[15]),
            product=row[16],
            plan_start=row[17],
            plan_end=row[18],
        )
        for row in rows
    ]


def _task_facts(
    session: Session, organization_id: int, plan_id: int | None, agency_id: int | None
) -> list[TaskFacts]:
    task_stmt = _task_filter(select(*TASK_COLUMNS), organization_id, plan_id, agency_id).order_by(
        col(Task.plan_id), col(Task.position), col(Task.id)
    )
    task_rows = session.execute(task_stmt).all()
    if not task_rows:
        return []
    ids_subquery = _task_filter(select(col(Task.id)), organization_id, plan_id, agency_id).scalar_subquery()
    lead: dict[int, set[int]] = defaultdict(set)
    coordinating: dict[int, set[int]] = defaultdict(set)
    link_rows = session.execute(
        select(col(TaskAgency.task_id), col(TaskAgency.agency_id), col(TaskAgency.role)).where(
            col(TaskAgency.task_id).in_(ids_subquery)
        )
    ).all()
    for task_id, linked_agency, role in link_rows:
        (lead if role == "lead" else coordinating)[task_id].add(linked_agency)
    return task_facts_from_rows(task_rows, lead, coordinating)


def report_facts_from_rows(
    rows: Sequence[Any], documents: Mapping[int, Sequence[str]] | None = None
) -> list[ReportFacts]:
    documents = documents or {}
    return [
        ReportFacts(
            id=row[0],
            task_id=row[1],
            status=row[2],
            reported_on=row[3],
            created_at=row[4] if isinstance(row[4], datetime) else _NO_TIME,
            period_start=row[5],
            period_end=row[6],
            kpi_value=row[7],
            official_id=row[8],
            supersedes_id=row[9],
            documents=tuple(documents.get(row[0], ())),
        )
        for row in rows
    ]


def organization_task_facts(*, session: Session, organization_id: int) -> list[TaskFacts]:
    """Every counted task (kind task, not removed) of an organization, in document order."""
    return _task_facts(session, organization_id, None, None)


# A cited document as the snapshot and a card read it: report id, doc_type, number, issued_on, text.
DOCUMENT_COLUMNS = (
    col(ReportDocument.report_id),
    col(ReportDocument.doc_type),
    col(ReportDocument.number),
    col(ReportDocument.issued_on),
    col(ReportDocument.text),
)


def _org_reports_statements() -> tuple[Any, Any, Any, Any]:
    """The organization's reports and their documents, all or after an id: built once with bound
    parameters and run on the session's connection. They run at every snapshot's merge, after each
    new report anywhere, and building them cost as much as running them."""
    org: Any = bindparam("organization_id")
    after: Any = bindparam("after_id")
    org_tasks = (
        select(col(Task.id))
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(col(Plan.organization_id) == org)
    )
    reports = select(*REPORT_COLUMNS).where(col(ProgressReport.task_id).in_(org_tasks))
    org_reports = (
        select(col(ProgressReport.id))
        .join(Task, col(Task.id) == col(ProgressReport.task_id))
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(col(Plan.organization_id) == org)
    )

    def documents(of_reports: Any) -> Any:
        return (
            select(*DOCUMENT_COLUMNS)
            .where(col(ReportDocument.report_id).in_(of_reports))
            .order_by(col(ReportDocument.id))
        )

    # Two forms rather than "id > -1" for all: the whole load is planned on the task index.
    return (
        reports,
        reports.where(col(ProgressReport.id) > after),
        documents(org_reports),
        documents(org_reports.where(col(ProgressReport.id) > after)),
    )


_REPORTS, _REPORTS_AFTER, _DOCUMENTS, _DOCUMENTS_AFTER = _org_reports_statements()


def organization_report_facts(
    *, session: Session, organization_id: int, after_id: int | None = None
) -> list[ReportFacts]:
    """Every progress report (superseded ones included) on the organization's tasks, removed tasks
    included (a superseding report may sit on either), optionally only those with id > after_id."""
    stmt, params = _REPORTS, {"organization_id": organization_id}
    if after_id is not None:
        stmt, params = _REPORTS_AFTER, {**params, "after_id": after_id}
    return report_facts_from_rows(session.connection().execute(stmt, params).all())


DocumentRow = tuple[str, str | None, date | None, str | None]  # doc_type, number, issued_on, text as typed


def organization_report_documents(
    *, session: Session, organization_id: int, after_id: int | None = None
) -> dict[int, list[DocumentRow]]:
    """report id → the documents it cites (in the order written), for the organization's reports."""
    stmt, params = _DOCUMENTS, {"organization_id": organization_id}
    if after_id is not None:
        stmt, params = _DOCUMENTS_AFTER, {**params, "after_id": after_id}
    rows = session.connection().execute(stmt, params).all()
    found: dict[int, list[DocumentRow]] = defaultdict(list)
    for report_id, doc_type, number, issued_on, text in rows:
        found[report_id].append((doc_type, number, issued_on, text))
    return dict(found)


def report_attachment_names(*, session: Session, report_ids: Sequence[int]) -> dict[int, str]:
    """The names of the files attached to some reports (the written report names them)."""
    names: dict[int, str] = {}
    ids = list(report_ids)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(col(ProgressReport.id), col(ProgressReport.attachment_name)).where(
                col(ProgressReport.id).in_(ids[i : i + 500]),
                col(ProgressReport.attachment_file_id).is_not(None),
            )
        ).all()
        names.update({row[0]: row[1] or "tệp đính kèm" for row in rows})
    return names


def report_notes(*, session: Session, report_ids: Sequence[int]) -> dict[int, str]:
    """The free-text notes of some reports (the written report quotes them)."""
    if not report_ids:
        return {}
    notes: dict[int, str] = {}
    ids = list(report_ids)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(col(ProgressReport.id), col(ProgressReport.note)).where(
                col(ProgressReport.id).in_(ids[i : i + 500])
            )
        ).all()
        notes.update({row[0]: row[1] for row in rows if row[1]})
    return notes


def organization_plans(*, session: Session, organization_id: int) -> list[PlanInfo]:
    rows = session.execute(
        select(
            col(Plan.id),
            col(Plan.title),
            col(Plan.number),
            col(Plan.issued_on),
            col(Plan.year),
            col(Plan.status),
            col(Plan.period_start),
            col(Plan.period_end),
        )
        .where(col(Plan.organization_id) == organization_id)
        .order_by(col(Plan.id))
    ).all()
    return [PlanInfo(*row) for row in rows]


def agency_names(*, session: Session, organization_id: int) -> dict[int, str]:
    rows = session.execute(
        select(col(Agency.id), col(Agency.name)).where(col(Agency.organization_id) == organization_id)
    ).all()
    return {row[0]: row[1] for row in rows}


def agency_groups(*, session: Session, organization_id: int) -> dict[int, frozenset[int]]:
    """agency id → the group agencies ("Các phòng chuyên môn") it belongs to, in one organization."""
    rows = session.execute(
        select(col(AgencyGroupMember.member_id), col(AgencyGroupMember.group_id))
        .join(Agency, col(Agency.id) == col(AgencyGroupMember.member_id))
        .where(col(Agency.organization_id) == organization_id)
    ).all()
    groups: dict[int, set[int]] = defaultdict(set)
    for member, group in rows:
        groups[member].add(group)
    return {member: frozenset(ids) for member, ids in groups.items()}


def organization_name(*, session: Session, organization_id: int) -> str:
    return (
        session.execute(
            select(col(Organization.name)).where(col(Organization.id) == organization_id)
        ).scalar_one_or_none()
        or ""
    )


def agencies_for_matching(*, session: Session, organization_id: int) -> list[tuple[int, str, list[str]]]:
    """(id, name, aliases) of every agency, the input of AgencyMatcher."""
    names = agency_names(session=session, organization_id=organization_id)
    aliases: dict[int, list[str]] = defaultdict(list)
    if names:
        rows = session.execute(
            select(col(AgencyAlias.agency_id), col(AgencyAlias.alias))
            .join(Agency, col(Agency.id) == col(AgencyAlias.agency_id))
            .where(col(Agency.organization_id) == organization_id)
        ).all()
        for agency_id, alias in rows:
            aliases[agency_id].append(alias)
    return [(agency_id, name, aliases.get(agency_id, [])) for agency_id, name in names.items()]


def organizations(*, session: Session) -> list[tuple[int, str]]:
    rows = session.execute(
        select(col(Organization.id), col(Organization.name)).order_by(col(Organization.id))
    ).all()
    return [(row[0], row[1]) for row in rows]


def find_organization(*, session: Session, name: str | None) -> tuple[int, str] | None:
    """An organization by (folded, partial) name; the only one when no name is given."""
    from storage.text import fold

    orgs = organizations(session=session)
    if not name:
        return orgs[0] if len(orgs) == 1 else None
    key = fold(name)
    exact = [o for o in orgs if fold(o[1]) == key]
    if exact:
        return exact[0]
    partial = [o for o in orgs if key in fold(o[1])]
    return partial[0] if len(partial) == 1 else None


__all__ = [
    "PlanInfo",
    "agencies_for_matching",
    "agency_groups",
    "agency_names",
    "find_organization",
    "organization_name",
    "organization_plans",
    "organization_report_documents",
    "organization_report_facts",
    "organization_task_facts",
    "organizations",
    "report_attachment_names",
    "report_notes",
]
