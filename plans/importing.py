"""Store a ParsedPlan: organization, agencies (with aliases), plan, tasks, links and imported results,
in the caller's transaction (no commit). A revised plan (same organization, year and number) updates
its tasks by code and content similarity, keeps every progress report and marks dropped tasks removed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from plans.agencies import DEFAULT_ALIASES, AgencyMatcher, agency_key, is_group_agency
from plans.clock import Clock
from plans.correction_keep import preview_diff, reapply, restore_document, standing_corrections
from plans.import_diff import (
    PlanDiff,
    TaskChange,
    diff_tasks,
    match_tasks,
    node_fields,
)
from plans.indicators import store_result_values
from plans.parsing.importer import PlanImportError
from plans.parsing.types import ParsedNode, ParsedPlan
from plans.periods import quarter_containing
from storage.models import (
    Agency,
    AgencyAlias,
    Official,
    Organization,
    Plan,
    Task,
    TaskAgency,
    utcnow,
)
from storage.queries.plans import (
    agencies_with_aliases,
    find_plan,
    imported_report_exists,
    organization_by_name,
    organization_name,
    plan_nodes,
    task_links,
)
from storage.queries.progress import create_report
from storage.text import fold

logger = logging.getLogger(__name__)


@dataclass
class AgencyResolution:
    written: str
    name: str  # canonical
    how: str  # exact | alias | fuzzy | new
    score: float


@dataclass
class ImportResult:
    plan_id: int
    organization_id: int
    organization: str
    diff: PlanDiff
    agencies: list[AgencyResolution]
    reports_added: int

    @property
    def added(self) -> list[TaskChange]:
        return self.diff.added

    @property
    def changed(self) -> list[TaskChange]:
        return self.diff.changed

    @property
    def removed(self) -> list[TaskChange]:
        return self.diff.removed


def _org_name(parsed: ParsedPlan, organization_name: str | None) -> str:
    name = (organization_name or parsed.organization or "").strip()
    if not name:
        raise PlanImportError(
            "no_org",
            'Không xác định được UBND xã/phường ban hành kế hoạch; hãy nêu tên, ví dụ --org "UBND xã Thanh Xá".',
        )
    return name


class AgencyResolver:
    """Resolves written names to an organization's agencies; new ones get negative ids until stored."""

    def __init__(self, known: list[tuple[Agency, list[str]]]) -> None:
        self.matcher = AgencyMatcher((a.id or 0, a.name, aliases) for a, aliases in known)
        self.resolved: dict[str, AgencyResolution] = {}
        self.ids: dict[str, int] = {}  # canonical name → id (negative = to create)
        for agency, _ in known:
            self.ids[agency.name] = agency.id or 0
        self._next = -1

    def resolve(self, written: str) -> tuple[int, str]:
        match = self.matcher.match(written)
        if match.how == "new":
            agency_id = self._next
            self._next -= 1
            self.matcher.add(agency_id, match.name)
            self.ids[match.name] = agency_id
        else:
            agency_id = match.agency_id if match.agency_id is not None else self.ids[match.name]
        if written not in self.resolved:
            how = match.how
            if how != "new" and agency_id < 0:
                how = "new"  # matched a name created earlier in this import
            self.resolved[written] = AgencyResolution(written, match.name, how, match.score)
        return agency_id, match.name

    @property
    def new_names(self) -> list[str]:
        return [name for name, agency_id in self.ids.items() if agency_id < 0]


def resolve_agencies(parsed: ParsedPlan, resolver: AgencyResolver) -> dict[str, list[tuple[int, str]]]:
    """{code: [(agency id, canonical name) for lead] …} keyed as f"{code}:lead" / f"{code}:coordinating"."""
    out: dict[str, list[tuple[int, str]]] = {}
    for node in parsed.nodes:
        for role, names in (("lead", node.lead), ("coordinating", node.coordinating)):
            resolved: list[tuple[int, str]] = []
            for written in names:
                pair = resolver.resolve(written)
                if pair not in resolved:
                    resolved.append(pair)
            out[f"{node.code}:{role}"] = resolved
    return out


def matched_names(*, session: Session, parsed: ParsedPlan, organization_name: str | None) -> AgencyResolver:
    """Resolve every agency of the plan without writing anything (for previews and --json)."""
    name = _org_name(parsed, organization_name)
    org = organization_by_name(session=session, name=name)
    known = agencies_with_aliases(session=session, organization_id=org.id) if org and org.id else []
    resolver = AgencyResolver(known)
    resolve_agencies(parsed, resolver)
    return resolver


def plan_diff(*, session: Session, parsed: ParsedPlan, organization_name: str | None) -> PlanDiff:
    """What saving would add, change and remove (nothing is written)."""
    name = _org_name(parsed, organization_name)
    org = organization_by_name(session=session, name=name)
    plan = (
        find_plan(
            session=session,
            organization_id=org.id,
            year=parsed.year,
            number=parsed.number,
            title=parsed.title,
        )
        if org and org.id
        else None
    )
    if plan is None or plan.id is None:
        return PlanDiff(None, added=[TaskChange(n.code, n.content) for n in parsed.tasks])
    old = plan_nodes(session=session, plan_id=plan.id)
    return preview_diff(session=session, old=old, plan=plan, parsed=parsed)


def store_plan(
    *, session: Session, parsed: ParsedPlan, organization_name: str | None, today: date | None = None
) -> ImportResult:
    today = today or Clock().today()
    name = _org_name(parsed, organization_name)
    org = organization_by_name(session=session, name=name)
    if org is None:
        org = Organization(name=name, name_key=fold(name))
        session.add(org)
        session.flush()
    assert org.id is not None
    resolver = AgencyResolver(agencies_with_aliases(session=session, organization_id=org.id))
    links = resolve_agencies(parsed, resolver)
    real_ids: dict[int, int] = {}
    for canonical, temp_id in list(resolver.ids.items()):
        if temp_id >= 0:
            real_ids[temp_id] = temp_id
            continue
        agency = Agency(
            organization_id=org.id,
            name=canonical,
            name_key=agency_key(canonical),
            is_group=is_group_agency(canonical),
        )
        session.add(agency)
        session.flush()
        assert agency.id is not None
        real_ids[temp_id] = agency.id
        defaults = next((v for k, v in DEFAULT_ALIASES.items() if agency_key(k) == agency.name_key), [])
        alias_keys = {agency.name_key}
        for alias in defaults:
            key = agency_key(alias)
            if key and key not in alias_keys:
                alias_keys.add(key)
                session.add(AgencyAlias(agency_id=agency.id, alias=alias, alias_key=key))

    plan = find_plan(
        session=session, organization_id=org.id, year=parsed.year, number=parsed.number, title=parsed.title
    )
    old: list[Task] = []
    if plan is None:
        plan = Plan(organization_id=org.id, title=parsed.title or parsed.source_filename or "Kế hoạch")
    else:
        old = plan_nodes(session=session, plan_id=plan.id or 0)
    # The admin's corrections: matched and diffed as the document had them, kept after (correction_keep.py).
    corrections = standing_corrections(session=session, tasks=old)
    restore_document(old, corrections, plan)
    plan.title = parsed.title or plan.title
    plan.number, plan.issued_on, plan.year = parsed.number, parsed.issued_on, parsed.year
    plan.period_start, plan.period_end = plan_period(parsed, today)
    plan.source_filename = parsed.source_filename
    plan.updated_at = utcnow()
    session.add(plan)
    session.flush()
    assert plan.id is not None

    diff = diff_tasks(old, parsed)
    diff.existing_plan_id = plan.id if old else None
    pairs = match_tasks([t for t in old if not t.removed], parsed.nodes)
    kept_ids = {t.id for t in pairs.values()}
    original = {t.id: t.code for t in old}
    for task in old:  # free every code first: matched tasks may swap codes, removed ones keep theirs aside
        task.code = f"~{task.id}"
        session.add(task)
        if task.id not in kept_ids and not task.removed:
            task.removed = True
    session.flush()

    by_code: dict[str, Task] = {}
    reports_added = 0
    # Links of the old tasks in one query (a new task has none), not two queries per task.
    old_links: dict[int, list[TaskAgency]] = {}
    for link in task_links(session=session, task_ids=[t.id for t in old if t.id is not None]):
        old_links.setdefault(link.task_id, []).append(link)
    for position, node in enumerate(parsed.nodes):
        task = pairs.get(node.code) or Task(plan_id=plan.id, code=node.code, content=node.content)
        task.code, task.number, task.kind, task.level = node.code, node.number, node.kind, node.level
        task.position, task.section, task.removed = position, node.section, False
        parent = by_code.get(node.parent_code or "")
        task.parent_id = parent.id if parent else None
        for key, value in node_fields(node).items():
            setattr(task, key, value)
        task.content_key = fold(node.content)
        # The agency cells as written, for the report files (outside _node_fields: not a change to diff).
        task.lead_text = "; ".join(node.lead) or None
        task.coordinating_text = "; ".join(node.coordinating) or None
        session.add(task)
        session.flush()
        assert task.id is not None
        by_code[node.code] = task
        _store_links(session, task, node, links, real_ids, old_links.get(task.id, []))
        reports_added += _store_result(session, task, node, parsed, today)
    for task in old:  # a removed task keeps a readable, unique code
        if task.removed and task.code.startswith("~"):
            code = original[task.id]
            task.code = code if "~" in code else f"{code}~{task.id}"[:32]
            session.add(task)
    session.flush()
    reapply(
        session=session, plan=plan, corrections=corrections, pairs=pairs, parsed=parsed, diff=diff, old=old
    )
    resolutions = list(resolver.resolved.values())
    return ImportResult(plan.id, org.id, org.name, diff, resolutions, reports_added)


def _store_links(
    session: Session,
    task: Task,
    node: ParsedNode,
    links: dict[str, list[tuple[int, str]]],
    real_ids: dict[int, int],
    current: list[TaskAgency],
) -> None:
    assert task.id is not None
    existing = {(link.agency_id, link.role) for link in current}
    wanted: set[tuple[int, str]] = set()
    for role in ("lead", "coordinating"):
        for temp_id, _ in links.get(f"{node.code}:{role}", []):
            wanted.add((real_ids.get(temp_id, temp_id), role))
    for link in current:
        if (link.agency_id, link.role) not in wanted:
            session.delete(link)
    for agency_id, role in sorted(wanted - existing):
        session.add(TaskAgency(task_id=task.id, agency_id=agency_id, role=role))


def _store_result(session: Session, task: Task, node: ParsedNode, parsed: ParsedPlan, today: date) -> int:
    """The result a report's appendix gives the task, stored as a report about the period the
    document reports on (the quarter of its date, or of the import, when it names none)."""
    result = node.result
    if result is None or task.kind != "task" or task.id is None:
        return 0
    period = parsed.result_period or quarter_containing(parsed.issued_on or today)
    if imported_report_exists(
        session=session, task_id=task.id, period_end=period.end, status=result.status, note=result.text
    ):
        return 0  # the same file imported again: do not count the result twice
    report = create_report(
        session=session,
        task_id=task.id,
        official=None,
        reporter_name=parsed.organization,
        status=result.status,
        reported_on=period.end,
        period_start=period.start,
        period_end=period.end,
        note=result.text,
        kpi_value=result.kpi_values[0] if result.kpi_values else None,
        documents=[
            {"doc_type": ref.doc_type, "number": ref.number, "issued_on": ref.issued_on, "text": ref.text}
            for ref in result.documents
        ],
        source="import",
    )
    # The figures the result names, as indicator values of the period (plans/indicators.py).
    store_result_values(
        session=session,
        task=task,
        text=result.text,
        percents=result.kpi_values,
        period=period,
        report_id=report.id,
        source=str(getattr(parsed, "source_report", None) or ""),
    )
    return 1


def plan_period(parsed: ParsedPlan, today: date) -> tuple[date, date | None]:
    """The days a plan covers: its span ("giai đoạn 2026–2030") or year; else the years its
    deadlines name; else from the year it was imported, open-ended."""
    span = getattr(parsed, "span", None)
    if span:
        return date(span[0], 1, 1), date(span[1], 12, 31)
    if parsed.year is not None:
        return date(parsed.year, 1, 1), date(parsed.year, 12, 31)
    years = sorted(
        {
            d.year
            for n in parsed.tasks
            if n.deadline
            for d in (n.deadline.start, n.deadline.due)
            if d is not None
        }
    )
    if years:
        return date(years[0], 1, 1), date(years[-1], 12, 31)
    return date(today.year, 1, 1), None


def preview_import(
    *, session: Session, parsed: ParsedPlan, organization_name: str | None
) -> tuple[list[AgencyResolution], PlanDiff]:
    """Agency matches and the changes against a stored plan; the session is rolled back (no writes)."""
    try:
        resolver = matched_names(session=session, parsed=parsed, organization_name=organization_name)
        diff = plan_diff(session=session, parsed=parsed, organization_name=organization_name)
    finally:
        session.rollback()
    return list(resolver.resolved.values()), diff


def import_target(*, session: Session, official: Official) -> str | None:
    """The organization an admin imports into: their own; an admin of every organization imports
    into the one the document names (None here)."""
    return organization_name(session=session, organization_id=official.organization_id)
