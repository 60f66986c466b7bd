"""Task search: a per-organization index of folded task contents, ranked with rapidfuzz."""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.models import NodeKind, Official, Plan, PlanStatus, Role, Task, TaskAgency
from storage.queries.tasks import (
    TaskLine,
    _lines_in_order,
    _sees_organization,
    _task_links,
    _visible_tasks,
    official_agency_ids,
)
from storage.queries.versions import data_generation, has_uncommitted_changes, plans_version
from storage.text import fold_processor

# A code as printed in the appendix: "II.3", "2.1", "I".
_CODE = re.compile(r"^(?:[IVXLC]+|\d+)(?:\.\d+)*\.?$", re.IGNORECASE)
SEARCH_CUTOFF = 70.0


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


def warm_search_index(*, session: Session, organization_id: int) -> int:
    """Build (or check) the organization's index ahead of the first search; its task count."""
    return len(_search_index(session, organization_id).entries)


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
    chosen = search_task_ids(
        session=session, official=official, query=query, limit=limit, reportable_only=reportable_only
    )
    return _lines_in_order(session=session, official=official, task_ids=chosen)


def search_task_ids(
    *, session: Session, official: Official, query: str, limit: int = 5, reportable_only: bool = False
) -> list[int]:
    """The ranking of search_tasks for an official of one organization: ids, best first, not yet
    re-authorised (the caller reads the lines through the visibility rule)."""
    assert official.organization_id is not None
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
    return chosen[:limit]


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
