"""Per-organization snapshots of tasks and progress reports, reused across statistics answers.

Loading 10,000 tasks and 100,000 reports takes about a second; answering from a snapshot takes a few
milliseconds. A snapshot is checked before every use against ``facts_version`` (one small query):

- a new progress report anywhere (max id / count change): reports are append-only, so only the rows
  after the snapshot's newest id are loaded and merged (with a look-back window for ids committed
  out of order by concurrent transactions);
- a plan of the organization added or re-imported (``Plan.updated_at``), or a task added: full reload;
- any task, plan, link or agency written through the ORM in this process (including in-place edits
  that bypass ``updated_at``): the generation counter of storage/queries/versions.py (bumped by session
  ``after_flush`` / ``after_commit`` hooks) forces a full reload.

Snapshots are immutable once published (a merge builds new lists), so threads may share them.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from plans.periods import Period
from plans.status import TaskState, effective_reports, task_states
from plans.wording import document_text
from storage.facts import ReportFacts, TaskFacts
from storage.queries.facts import (
    PlanInfo,
    agency_groups,
    agency_names,
    organization_name,
    organization_plans,
    organization_report_documents,
    organization_report_facts,
    organization_task_facts,
)
from storage.queries.groups import group_agency_ids
from storage.queries.versions import (
    bump_generation,
    checked_in_session,
    data_generation,
    facts_version,
    has_uncommitted_changes,
    remember_checked,
)

logger = logging.getLogger(__name__)

LOOKBACK_IDS = 200  # re-read this many ids below the newest seen (out-of-order commits)


@dataclass(frozen=True)
class OrgContext:
    """What answers and lists show beside the tasks; changes reload the snapshot (plans_version, or
    the write generation for agencies, groups and names)."""

    name: str = ""
    agency_names: Mapping[int, str] = field(default_factory=dict)
    groups: Mapping[int, frozenset[int]] = field(default_factory=dict)  # agency → its group agencies
    plans: tuple[PlanInfo, ...] = ()
    group_agencies: frozenset[int] = frozenset()  # agencies that stand for members ("Các …")

    @cached_property
    def members(self) -> dict[int, frozenset[int]]:
        """group agency → its member agencies (the other direction of `groups`)."""
        found: dict[int, set[int]] = {}
        for member, groups in self.groups.items():
            for group in groups:
                found.setdefault(group, set()).add(member)
        return {group: frozenset(ids) for group, ids in found.items()}


def load_context(session: Session, organization_id: int) -> OrgContext:
    return OrgContext(
        name=organization_name(session=session, organization_id=organization_id),
        agency_names=agency_names(session=session, organization_id=organization_id),
        groups=agency_groups(session=session, organization_id=organization_id),
        plans=tuple(organization_plans(session=session, organization_id=organization_id)),
        group_agencies=group_agency_ids(session=session, organization_id=organization_id),
    )


@dataclass(frozen=True)
class OrgFacts:
    """Every counted task of an organization and its effective reports (newest first per task)."""

    version: tuple[Any, ...]
    generation: int
    tasks: tuple[TaskFacts, ...]
    reports: dict[int, list[ReportFacts]]  # effective: superseded reports removed
    all_reports: Mapping[int, tuple[ReportFacts, ...]]  # every report per task, for merging
    superseded: frozenset[int]
    max_report_id: int
    context: OrgContext = field(default_factory=OrgContext, compare=False)
    # (period start, period end, today) → status of every task; filled on demand, carried over
    # (touched tasks recomputed) when new reports are merged.
    memo: dict[tuple[date, date, date], tuple[Period, dict[int, TaskState]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # What is built from the tasks alone (the search index, tasks by id): shared by the snapshots
    # merged from this one, since merging new reports never changes the tasks.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def task_by_id(self) -> dict[int, TaskFacts]:
        found = self.derived.get("task_by_id")
        if found is None:
            found = self.derived["task_by_id"] = {t.id: t for t in self.tasks}
        return found  # type: ignore[no-any-return]


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_engine: weakref.WeakKeyDictionary[Engine, dict[int, OrgFacts]] = weakref.WeakKeyDictionary()


_state = _State()


def clear() -> None:
    """Forget every snapshot (tests, or after a restore)."""
    with _state.lock:
        _state.by_engine.clear()
    bump_generation()


def _build(
    version: tuple[Any, ...],
    generation: int,
    tasks: Iterable[TaskFacts],
    reports: Iterable[ReportFacts],
    context: OrgContext,
) -> OrgFacts:
    all_reports: dict[int, list[ReportFacts]] = {}
    for r in reports:
        all_reports.setdefault(r.task_id, []).append(r)
    flat = [r for items in all_reports.values() for r in items]
    return OrgFacts(
        version=version,
        generation=generation,
        tasks=tuple(tasks),
        reports=effective_reports(flat),
        all_reports={k: tuple(v) for k, v in all_reports.items()},
        superseded=frozenset(r.supersedes_id for r in flat if r.supersedes_id is not None),
        max_report_id=max((r.id for r in flat), default=0),
        context=context,
    )


def _merge(old: OrgFacts, version: tuple[Any, ...], new: list[ReportFacts]) -> OrgFacts:
    """The old snapshot plus the reports added since (new lists for the touched tasks only)."""
    known = {r.id for n in new for r in old.all_reports.get(n.task_id, ())}
    new = [r for r in new if r.id not in known]
    if not new:  # reports of other organizations only: the same data, so it shares the memo
        return replace(old, version=version, memo=old.memo, derived=old.derived)
    all_reports = dict(old.all_reports)
    for r in new:
        all_reports[r.task_id] = (*all_reports.get(r.task_id, ()), r)
    touched = {r.task_id for r in new}
    targets = {r.supersedes_id for r in new if r.supersedes_id is not None}
    if not targets <= {r.id for tid in touched for r in all_reports[tid]}:
        # A correction of a report on another task (not something the bot writes): rebuild all.
        rebuilt = _build(
            version,
            old.generation,
            old.tasks,
            [r for items in all_reports.values() for r in items],
            old.context,
        )
        rebuilt.derived.update(old.derived)
        return rebuilt
    superseded = old.superseded | targets
    reports = dict(old.reports)
    for tid in touched:
        fresh = effective_reports([r for r in all_reports[tid] if r.id not in superseded]).get(tid)
        if fresh:
            reports[tid] = fresh
        else:
            reports.pop(tid, None)
    merged = OrgFacts(
        version,
        old.generation,
        old.tasks,
        reports,
        all_reports,
        frozenset(superseded),
        max(old.max_report_id, max(r.id for r in new)),
        old.context,
        derived=old.derived,
    )
    touched_tasks = [old.task_by_id[tid] for tid in touched if tid in old.task_by_id]
    for key, (period, memo) in list(old.memo.items()):
        redone = {s.task.id: s for s in task_states(touched_tasks, reports, period, key[2])}
        merged.memo[key] = (period, {**memo, **redone})
    return merged


def org_facts(*, session: Session, organization_id: int) -> OrgFacts:
    """The organization's snapshot, refreshed if anything changed since it was taken."""
    generation = data_generation()
    checked = checked_in_session(session, organization_id)
    if isinstance(checked, OrgFacts) and checked.generation == generation:
        return checked  # checked by this transaction already, and nothing written since
    snapshot = _current_facts(session, organization_id, generation)
    remember_checked(session, organization_id, snapshot)
    return snapshot


def _current_facts(session: Session, organization_id: int, generation: int) -> OrgFacts:
    bind = session.get_bind()
    engine: Engine = bind if isinstance(bind, Engine) else bind.engine
    with _state.lock:
        cached = _state.by_engine.get(engine, {}).get(organization_id)
    version = facts_version(session=session, organization_id=organization_id)
    if cached is not None and cached.generation == generation and cached.version == version:
        return cached
    same_tasks = cached is not None and cached.generation == generation and cached.version[2:] == version[2:]
    if cached is not None and same_tasks:
        # From the newest id that existed anywhere when the snapshot was checked, not this
        # organization's newest: a quiet organization would re-read all its reports every time.
        seen = max(cached.max_report_id, int(cached.version[0] or 0))
        after = max(0, seen - LOOKBACK_IDS)
        new = _reports(session, organization_id, after)
        snapshot = _merge(cached, version, new)
        logger.debug("facts of organization %s: merged %s new reports", organization_id, len(new))
    else:
        tasks = organization_task_facts(session=session, organization_id=organization_id)
        reports = _reports(session, organization_id, None)
        snapshot = _build(version, generation, tasks, reports, load_context(session, organization_id))
        logger.debug(
            "facts of organization %s: loaded %s tasks, %s reports", organization_id, len(tasks), len(reports)
        )
    if has_uncommitted_changes(session):
        return snapshot  # holds this session's uncommitted writes: never share it
    with _state.lock:
        if data_generation() == generation:  # a write during the load: do not publish stale rows
            _state.by_engine.setdefault(engine, {})[organization_id] = snapshot
    return snapshot


def _reports(session: Session, organization_id: int, after_id: int | None) -> list[ReportFacts]:
    """The organization's reports (after an id), each with the documents it cites as planbot writes them."""
    reports = organization_report_facts(session=session, organization_id=organization_id, after_id=after_id)
    documents = organization_report_documents(
        session=session, organization_id=organization_id, after_id=after_id
    )
    if not documents:
        return reports
    return [
        replace(r, documents=tuple(document_text(*doc) for doc in documents[r.id]))
        if r.id in documents
        else r
        for r in reports
    ]


MEMO_SIZE = 16  # periods × days kept per snapshot


def states(facts: OrgFacts, period: Period, today: date) -> dict[int, TaskState]:
    """Every task's state for a period as of a day (plans/status.py), computed once per snapshot."""
    key = (period.start, period.end, today)
    entry = facts.memo.get(key)
    if entry is None:
        entry = (period, {s.task.id: s for s in task_states(facts.tasks, facts.reports, period, today)})
        if len(facts.memo) >= MEMO_SIZE:
            facts.memo.pop(next(iter(facts.memo)), None)
        facts.memo[key] = entry
    return entry[1]


__all__ = ["OrgContext", "OrgFacts", "clear", "org_facts", "states"]
