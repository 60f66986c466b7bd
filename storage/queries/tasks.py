"""Tasks an official may see, their latest status, search, and the data of a task card."""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from rapidfuzz import fuzz, process
from sqlalchemy import exists, func
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.models import (
    Agency,
    AgencyGroupMember,
    LinkRole,
    NodeKind,
    Official,
    Plan,
    PlanStatus,
    ProgressReport,
    ReportDocument,
    Role,
    Task,
    TaskAgency,
)
from storage.queries.facts import data_generation, has_uncommitted_changes, plans_version
from storage.text import fold_processor

# A code as printed in the appendix: "II.3", "2.1", "I".
_CODE = re.compile(r"^(?:[IVXLC]+|\d+)(?:\.\d+)*\.?$", re.IGNORECASE)
SEARCH_CUTOFF = 70.0


class _ReportLike(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def task_id(self) -> int: ...
    @property
    def supersedes_id(self) -> int | None: ...
    @property
    def reported_on(self) -> date: ...
    @property
    def created_at(self) -> datetime: ...


_R = TypeVar("_R", bound=_ReportLike)


@dataclass(frozen=True)
class TaskLine:
    """What a list line or a search result needs; plain data for handlers.views."""

    id: int
    code: str
    number: str | None
    content: str
    deadline_text: str | None
    deadline_kind: str
    due: date | None
    recurrence: str | None
    position: int
    status: str | None = None  # latest non-superseded report status, None = never reported
    link: str | None = None  # "lead" | "coordinating" for the official's agency; None for leaders


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


@dataclass(frozen=True)
class TaskCard:
    line: TaskLine
    product: str | None
    plan_title: str
    lead_agencies: tuple[str, ...]
    coordinating_agencies: tuple[str, ...]
    targets: tuple[dict[str, Any], ...]
    latest_kpi: float | None
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    can_report: bool = False


def official_agency_ids(*, session: Session, official: Official) -> set[int]:
    """The official's agency and every group agency ("Các phòng chuyên môn") it belongs to."""
    if official.agency_id is None:
        return set()
    groups = session.exec(
        select(AgencyGroupMember.group_id).where(AgencyGroupMember.member_id == official.agency_id)
    ).all()
    return {official.agency_id, *groups}


def _sees_organization(official: Official) -> bool:
    return official.role in (Role.leader, Role.admin)


def _task_links(
    *, session: Session, agency_ids: set[int], task_ids: list[int] | None = None
) -> dict[int, str]:
    """task id → best link role (lead before coordinating) for the official's agencies."""
    if not agency_ids:
        return {}
    stmt = select(TaskAgency.task_id, TaskAgency.role).where(col(TaskAgency.agency_id).in_(agency_ids))
    if task_ids is not None:
        stmt = stmt.where(col(TaskAgency.task_id).in_(task_ids))
    links: dict[int, str] = {}
    for task_id, role in session.exec(stmt).all():
        if links.get(task_id) != LinkRole.lead:
            links[task_id] = role
    return links


def _visible_filter(
    stmt: Any, *, official: Official, agency_ids: set[int], task_ids: list[int] | None
) -> Any | None:
    """Restrict a statement over Task to what the official may see; None when nothing is visible."""
    if not official.active:
        return None
    stmt = stmt.join(Plan, col(Plan.id) == col(Task.plan_id)).where(
        col(Task.kind) == NodeKind.task, col(Task.removed).is_(False), col(Plan.status) == PlanStatus.active
    )
    if task_ids is not None:
        stmt = stmt.where(col(Task.id).in_(task_ids))
    if _sees_organization(official):
        if official.organization_id is not None:
            stmt = stmt.where(col(Plan.organization_id) == official.organization_id)
        elif official.role != Role.admin:
            return None
    else:
        if not agency_ids:
            return None
        linked = sa_select(col(TaskAgency.task_id)).where(col(TaskAgency.agency_id).in_(agency_ids))
        stmt = stmt.where(col(Task.id).in_(linked))
    return stmt.order_by(col(Task.plan_id), col(Task.position), col(Task.id))


def _visible_tasks(*, session: Session, official: Official, task_ids: list[int] | None = None) -> list[Task]:
    agency_ids = (
        set() if _sees_organization(official) else official_agency_ids(session=session, official=official)
    )
    stmt = _visible_filter(select(Task), official=official, agency_ids=agency_ids, task_ids=task_ids)
    return [] if stmt is None else list(session.exec(stmt).all())


def _pick_latest(reports: Sequence[_R]) -> dict[int, _R]:
    superseded = {r.supersedes_id for r in reports if r.supersedes_id is not None}
    latest: dict[int, _R] = {}
    for report in sorted(reports, key=lambda r: (r.reported_on, r.created_at, r.id or 0)):
        if report.id not in superseded:
            latest[report.task_id] = report
    return latest


def latest_reports(*, session: Session, task_ids: list[int]) -> dict[int, ProgressReport]:
    """The latest report of each task that no other report supersedes."""
    if not task_ids:
        return {}
    return _pick_latest(
        session.exec(select(ProgressReport).where(col(ProgressReport.task_id).in_(task_ids))).all()
    )


def latest_statuses(*, session: Session, task_ids: list[int]) -> dict[int, str]:
    """task id → status of its latest report that no other report supersedes.

    Ranked in the database: a list shows hundreds of tasks with ten reports each, and building a
    Python row per report was most of the time of /viec."""
    if not task_ids:
        return {}
    report, later = ProgressReport.__table__.alias("r"), ProgressReport.__table__.alias("s")  # type: ignore[attr-defined]
    ranked = (
        sa_select(
            report.c.task_id,
            report.c.status,
            func.row_number()
            .over(
                partition_by=report.c.task_id,
                order_by=(report.c.reported_on.desc(), report.c.created_at.desc(), report.c.id.desc()),
            )
            .label("rank"),
        )
        .where(
            report.c.task_id.in_(task_ids),
            ~exists().where(later.c.supersedes_id == report.c.id),
        )
        .subquery()
    )
    rows = session.execute(sa_select(ranked.c.task_id, ranked.c.status).where(ranked.c.rank == 1))
    return {task_id: status for task_id, status in rows}


_LINE_COLUMNS = (
    col(Task.id),
    col(Task.code),
    col(Task.number),
    col(Task.content),
    col(Task.deadline_text),
    col(Task.deadline_kind),
    col(Task.deadline_due),
    col(Task.recurrence),
    col(Task.position),
)


def _visible_lines(
    *, session: Session, official: Official, task_ids: list[int] | None = None
) -> list[TaskLine]:
    """Lines of the visible tasks (all, or those of task_ids), in document order: columns only."""
    agency_ids = official_agency_ids(session=session, official=official)
    stmt = _visible_filter(
        sa_select(*_LINE_COLUMNS), official=official, agency_ids=agency_ids, task_ids=task_ids
    )
    if stmt is None:
        return []
    rows = session.execute(stmt).all()
    ids = [row.id for row in rows]
    statuses = latest_statuses(session=session, task_ids=ids)
    # A leader's list covers the organization: only their own agency's links matter, fetch those.
    links = _task_links(
        session=session, agency_ids=agency_ids, task_ids=ids if task_ids is not None else None
    )
    return [
        TaskLine(
            id=row.id,
            code=row.code,
            number=row.number,
            content=row.content,
            deadline_text=row.deadline_text,
            deadline_kind=row.deadline_kind,
            due=row.deadline_due,
            recurrence=row.recurrence,
            position=row.position,
            status=statuses.get(row.id),
            link=links.get(row.id),
        )
        for row in rows
    ]


def visible_task_lines(*, session: Session, official: Official) -> list[TaskLine]:
    """Every task the official may see, in document order, with its latest status."""
    return _visible_lines(session=session, official=official)


def can_see(*, session: Session, official: Official, task_id: int) -> bool:
    return bool(_visible_tasks(session=session, official=official, task_ids=[task_id]))


def can_report(*, session: Session, official: Official, task_id: int) -> bool:
    """Officials of a lead or coordinating agency of the task, and admins, may report on it."""
    line = task_line(session=session, official=official, task_id=task_id)
    return line is not None and _may_report(official, line)


def _may_report(official: Official, line: TaskLine) -> bool:
    return official.active and (official.role == Role.admin or line.link is not None)


@dataclass(frozen=True)
class _Entry:
    id: int
    code: str
    number: str | None
    position: int
    key: str  # fold_processor(content)
    agencies: frozenset[int]  # lead and coordinating


@dataclass(frozen=True)
class _SearchIndex:
    version: tuple[Any, ...]
    entries: tuple[_Entry, ...]  # visible order: plan, position, id
    choices: dict[int, str]  # id → key, every entry (a leader's search)
    positions: dict[int, int]
    words: dict[str, tuple[int, ...]]  # folded word → ids of the entries containing it
    # agency ids of a viewer → (their entries, choices), filled on first use
    by_agencies: dict[frozenset[int], tuple[list[_Entry], dict[int, str]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def for_agencies(self, agency_ids: set[int]) -> tuple[list[_Entry], dict[int, str]]:
        key = frozenset(agency_ids)
        found = self.by_agencies.get(key)
        if found is None:
            entries = [e for e in self.entries if not e.agencies.isdisjoint(key)]
            found = self.by_agencies[key] = (entries, {e.id: e.key for e in entries})
            if len(self.by_agencies) > 256:  # bounded: one per agency (and group) combination
                self.by_agencies.pop(next(iter(self.by_agencies)), None)
        return found


_index_lock = threading.Lock()
_indexes: weakref.WeakKeyDictionary[Engine, dict[int, _SearchIndex]] = weakref.WeakKeyDictionary()


def _search_index(session: Session, organization_id: int) -> _SearchIndex:
    """Folded contents of the organization's active tasks, rebuilt only when its plans change
    (10,000 tasks: folding and ORM loading took ~1 s per search; the index makes it a lookup)."""
    bind = session.get_bind()
    engine: Engine = bind if isinstance(bind, Engine) else bind.engine
    version = (*plans_version(session=session, organization_id=organization_id), data_generation())
    with _index_lock:
        cached = _indexes.get(engine, {}).get(organization_id)
    if cached is not None and cached.version == version:
        return cached
    rows = session.execute(
        sa_select(col(Task.id), col(Task.code), col(Task.number), col(Task.position), col(Task.content))
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(
            col(Plan.organization_id) == organization_id,
            col(Task.kind) == NodeKind.task,
            col(Task.removed).is_(False),
            col(Plan.status) == PlanStatus.active,
        )
        .order_by(col(Task.plan_id), col(Task.position), col(Task.id))
    ).all()
    agencies: dict[int, set[int]] = {}
    org_tasks = (
        select(Task.id)
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(Plan.organization_id == organization_id)
    )
    for task_id, agency_id in session.exec(
        select(TaskAgency.task_id, TaskAgency.agency_id).where(col(TaskAgency.task_id).in_(org_tasks))
    ).all():
        agencies.setdefault(task_id, set()).add(agency_id)
    keys: dict[str, str] = {}  # many tasks share a wording
    entries = []
    for task_id, code, number, position, content in rows:
        assert task_id is not None
        key = keys.get(content)
        if key is None:
            key = keys[content] = fold_processor(content)
        entries.append(_Entry(task_id, code, number, position, key, frozenset(agencies.get(task_id, ()))))
    words: dict[str, list[int]] = {}
    for e in entries:
        for word in set(e.key.split()):
            words.setdefault(word, []).append(e.id)
    index = _SearchIndex(
        version,
        tuple(entries),
        {e.id: e.key for e in entries},
        {e.id: e.position for e in entries},
        {w: tuple(ids) for w, ids in words.items()},
    )
    if not has_uncommitted_changes(session):
        with _index_lock:
            _indexes.setdefault(engine, {})[organization_id] = index
    return index


def _rank(key: str, choices: dict[int, str], positions: dict[int, int], limit: int) -> list[int]:
    scored = process.extract(
        key, choices, scorer=fuzz.WRatio, processor=None, limit=limit * 2, score_cutoff=SEARCH_CUTOFF
    )
    # Prefer contents that contain every typed word; WRatio alone ranks short partial hits high.
    words = key.split()
    ranked = sorted(
        scored,
        key=lambda item: (-sum(w in item[0] for w in words), -item[1], positions[item[2]]),
    )
    return [task_id for _choice, _score, task_id in ranked]


MIN_CANDIDATES = 50


def _candidates(index: _SearchIndex, key: str, allowed: set[int] | None) -> dict[int, str] | None:
    """The tasks holding the most typed words (whole folded words), at least MIN_CANDIDATES when
    there are; None when no typed word occurs anywhere (a typo in every word: score everything).
    WRatio costs ~2 µs a task: scoring 10,000 tasks per keystroke-sized query misses 20 ms."""
    counter: Counter[int] = Counter()
    for word in set(key.split()):
        counter.update(index.words.get(word, ()))  # counted in C
    hits: dict[int, int] = counter
    if allowed is not None:
        hits = {i: n for i, n in counter.items() if i in allowed}
    if not hits:
        return None
    by_level: dict[int, list[int]] = {}
    for task_id, n in hits.items():
        by_level.setdefault(n, []).append(task_id)
    chosen: list[int] = []
    for level in sorted(by_level, reverse=True):
        chosen += by_level[level]
        if len(chosen) >= MIN_CANDIDATES:
            break
    return {i: index.choices[i] for i in chosen}


def search_tasks(
    *, session: Session, official: Official, query: str, limit: int = 5, reportable_only: bool = False
) -> list[TaskLine]:
    """Code match first ("II.3"), then fuzzy content match ignoring case and diacritics."""
    if official.organization_id is None:  # an admin of every organization: the plain way
        return _search_slow(
            session=session, official=official, query=query, limit=limit, reportable_only=reportable_only
        )
    query = query.strip()
    if not query or not official.active:
        return []
    index = _search_index(session, official.organization_id)
    entries: tuple[_Entry, ...] | list[_Entry] = index.entries
    choices = index.choices
    agency_ids: set[int] | None = None
    if not _sees_organization(official) or (reportable_only and official.role != Role.admin):
        agency_ids = official_agency_ids(session=session, official=official)
        entries, choices = index.for_agencies(agency_ids)
    if not entries:
        return []
    chosen: list[int] = []
    if _CODE.match(query):
        wanted = query.rstrip(".").upper()
        chosen = [e.id for e in entries if e.code.upper() == wanted or (e.number or "").rstrip(".") == wanted]
    key = fold_processor(query)
    if key and len(chosen) < limit:
        allowed = set(choices) if agency_ids is not None else None
        narrowed = _candidates(index, key, allowed)
        ranked = _rank(key, narrowed, index.positions, limit) if narrowed else []
        if len(ranked) < limit:  # too few good matches among them: score every task
            ranked = _rank(key, choices, index.positions, limit)
        for task_id in ranked:
            if task_id not in chosen:
                chosen.append(task_id)
    chosen = chosen[:limit]
    return _lines_in_order(session=session, official=official, task_ids=chosen)


def _search_slow(
    *, session: Session, official: Official, query: str, limit: int = 5, reportable_only: bool = False
) -> list[TaskLine]:
    tasks = _visible_tasks(session=session, official=official)
    if reportable_only and official.role != Role.admin:
        agency_ids = official_agency_ids(session=session, official=official)
        links = _task_links(session=session, agency_ids=agency_ids)
        tasks = [t for t in tasks if t.id in links]
    query = query.strip()
    if not query or not tasks:
        return []
    chosen: list[Task] = []
    if _CODE.match(query):
        wanted = query.rstrip(".").upper()
        chosen = [t for t in tasks if t.code.upper() == wanted or (t.number or "").rstrip(".") == wanted]
    key = fold_processor(query)
    if key and len(chosen) < limit:
        choices = {t.id: fold_processor(t.content) for t in tasks if t.id is not None}
        by_id = {t.id: t for t in tasks}
        positions = {t.id: t.position for t in tasks if t.id is not None}
        for task_id in _rank(key, choices, positions, limit):
            task = by_id[task_id]
            if task not in chosen:
                chosen.append(task)
    return _lines_in_order(
        session=session, official=official, task_ids=[t.id for t in chosen[:limit] if t.id]
    )


def _lines_in_order(*, session: Session, official: Official, task_ids: list[int]) -> list[TaskLine]:
    """Lines of the chosen tasks in the order chosen, re-read (and re-authorised) like every view."""
    found = {line.id: line for line in _visible_lines(session=session, official=official, task_ids=task_ids)}
    return [found[i] for i in task_ids if i in found]


def task_line(*, session: Session, official: Official, task_id: int) -> TaskLine | None:
    lines = _visible_lines(session=session, official=official, task_ids=[task_id])
    return lines[0] if lines else None


def task_targets(*, session: Session, task_id: int) -> list[dict[str, Any]]:
    task = session.get(Task, task_id)
    return list(task.targets or []) if task else []


def history(*, session: Session, task_id: int) -> list[HistoryEntry]:
    """Every report of the task, newest first, with its documents and reporter."""
    reports = session.exec(select(ProgressReport).where(ProgressReport.task_id == task_id)).all()
    superseded = {r.supersedes_id for r in reports if r.supersedes_id is not None}
    ids = [r.id for r in reports if r.id is not None]
    docs: dict[int, list[ReportDocument]] = {}
    if ids:
        for doc in session.exec(
            select(ReportDocument)
            .where(col(ReportDocument.report_id).in_(ids))
            .order_by(col(ReportDocument.id))
        ).all():
            docs.setdefault(doc.report_id, []).append(doc)
    names: dict[int, str] = {}
    official_ids = {r.official_id for r in reports if r.official_id is not None}
    if official_ids:
        for off in session.exec(select(Official).where(col(Official.id).in_(official_ids))).all():
            if off.id is not None:
                names[off.id] = off.full_name
    entries = []
    for r in sorted(reports, key=lambda r: (r.reported_on, r.created_at, r.id or 0), reverse=True):
        assert r.id is not None
        entries.append(
            HistoryEntry(
                report_id=r.id,
                status=r.status,
                reported_on=r.reported_on,
                created_at=r.created_at,
                reporter_name=r.reporter_name or (names.get(r.official_id) if r.official_id else None),
                note=r.note,
                kpi_value=r.kpi_value,
                documents=tuple((d.doc_type, d.number, d.issued_on, d.text) for d in docs.get(r.id, [])),
                attachment_name=r.attachment_name,
                superseded=r.id in superseded,
                source=r.source,
            )
        )
    return entries


def task_card(
    *, session: Session, official: Official, task_id: int, line: TaskLine | None = None
) -> TaskCard | None:
    """Everything the card shows, or None when the official may not see the task.

    `line`: the task's line, already read (and authorised) by the caller from a snapshot."""
    if line is None:
        line = task_line(session=session, official=official, task_id=task_id)
    if line is None:
        return None
    task = session.get(Task, task_id)
    assert task is not None
    plan = session.get(Plan, task.plan_id)
    lead: list[str] = []
    coordinating: list[str] = []
    for name, role in session.exec(
        select(Agency.name, TaskAgency.role)
        .join(Agency, col(Agency.id) == col(TaskAgency.agency_id))
        .where(TaskAgency.task_id == task_id)
        .order_by(col(Agency.name))
    ).all():
        (lead if role == LinkRole.lead else coordinating).append(name)
    entries = history(session=session, task_id=task_id)
    latest_kpi = next((e.kpi_value for e in entries if not e.superseded and e.kpi_value is not None), None)
    return TaskCard(
        line=line,
        product=task.product,
        plan_title=plan.title if plan else "",
        lead_agencies=tuple(lead),
        coordinating_agencies=tuple(coordinating),
        targets=tuple(task.targets or ()),
        latest_kpi=latest_kpi,
        history=tuple(entries),
        can_report=_may_report(official, line),
    )


def agency_label(*, session: Session, official: Official) -> str | None:
    if official.agency_id is None:
        return None
    agency = session.get(Agency, official.agency_id)
    return agency.name if agency else None
