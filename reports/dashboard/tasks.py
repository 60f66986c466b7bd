"""The task table (filters, sorting, pages) and one task's page, for the dashboard.

Who sees which task is plans/access.py's rule (the bot's); a task's status and timeliness for the
period are plans/status.py's, read off the organization's snapshot (one version check per page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from plans.access import Viewer, may_correct, may_see, viewer_of
from plans.lifecycle import tasks_for_period
from plans.periods import Period, PeriodPolicy
from plans.snapshot import OrgFacts, org_facts, states
from plans.status import TaskState
from reports.answers.scope import viewer_organization
from reports.dashboard.overview import NO_ORGANIZATION, period_choices
from storage.facts import HistoryEntry, TaskFacts
from storage.models import Official
from storage.queries.assignments import assigned_task_ids
from storage.queries.explanations import ExplanationRow
from storage.queries.tasks import card_details
from storage.text import fold

PAGE_SIZE = 100
_WORD = re.compile(r"[0-9a-z]+(?:\.[0-9a-z]+)*")  # words, and codes such as "ii.1.5"
SORTS = ("code", "due", "status", "agency")
STATUS_ORDER = {"not_done": 0, "no_report": 1, "in_progress": 2, "done": 3}


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None  # lead or coordinating
    status: str | None = None  # done | in_progress | not_done | no_report
    timeliness: str | None = None  # a plans/status.py TIMELINESS key, or "overdue"
    plan_id: int | None = None
    text: str = ""  # matched folded: "so hoa" finds "Số hóa"
    sort: str = "code"
    page: int = 0


@dataclass(frozen=True)
class Row:
    state: TaskState
    lead: tuple[str, ...]
    plan_title: str

    @property
    def task(self) -> TaskFacts:
        return self.state.task


@dataclass(frozen=True)
class TaskTable:
    organization: str
    period: Period
    choices: tuple[Period, ...]
    rows: tuple[Row, ...]  # this page's
    total: int  # rows matching the filters, every page
    page: int
    pages: int
    agencies: tuple[tuple[int, str], ...]  # the filter's choices, by name
    plans: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class TaskPage:
    organization: str
    period: Period
    state: TaskState
    plan_title: str
    product: str | None
    lead: tuple[str, ...]
    coordinating: tuple[str, ...]
    history: tuple[HistoryEntry, ...] = ()
    explanations: tuple[ExplanationRow, ...] = ()
    can_correct: bool = False
    names: dict[int, str] = field(default_factory=dict)


def _viewer(session: Session, facts: OrgFacts, official: Official) -> Viewer:
    return viewer_of(
        official, facts.context.groups, assigned_task_ids(session=session, official_id=official.id)
    )


def _names(facts: OrgFacts, ids: frozenset[int]) -> tuple[str, ...]:
    return tuple(sorted((facts.context.agency_names.get(i, "?") for i in ids), key=fold))


def _folded(facts: OrgFacts) -> dict[int, frozenset[str]]:
    """The words of every task's code and content, folded once per snapshot (the text filter)."""
    found: dict[int, frozenset[str]] | None = facts.derived.get("dashboard_words")
    if found is None:
        found = {t.id: frozenset(_WORD.findall(fold(f"{t.code} {t.content}"))) for t in facts.tasks}
        facts.derived["dashboard_words"] = found
    return found


def _has_word(words: frozenset[str], wanted: str) -> bool:
    """A short word only whole ("so" is not "soát"); four letters or more also as a word's start."""
    if wanted in words:
        return True
    return len(wanted) >= 4 and any(w.startswith(wanted) for w in words)


def _keeps(state: TaskState, filters: Filters, folded: dict[int, frozenset[str]], words: list[str]) -> bool:
    task = state.task
    if filters.agency_id is not None and not (
        filters.agency_id in task.lead_agency_ids or filters.agency_id in task.coordinating_agency_ids
    ):
        return False
    if filters.plan_id is not None and task.plan_id != filters.plan_id:
        return False
    if filters.status is not None and state.status != filters.status:
        return False
    if filters.timeliness == "overdue":
        if not state.overdue:
            return False
    elif filters.timeliness is not None and state.timeliness != filters.timeliness:
        return False
    if words:
        found = folded.get(task.id, frozenset())
        return all(_has_word(found, w) for w in words)
    return True


def _code_key(code: str) -> tuple[object, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").split("."))


def _sort(kept: list[TaskState], how: str, first_lead: dict[int, str]) -> list[TaskState]:
    if how == "due":
        return sorted(kept, key=lambda s: (s.due or date.max, _code_key(s.task.code)))
    if how == "status":
        return sorted(kept, key=lambda s: (STATUS_ORDER.get(s.status, 9), s.task.plan_id, s.task.position))
    if how == "agency":
        return sorted(kept, key=lambda s: (first_lead.get(s.task.id, "~"), s.task.plan_id, s.task.position))
    return sorted(kept, key=lambda s: (s.task.plan_id, s.task.position))


def _first_leads(facts: OrgFacts) -> dict[int, str]:
    """Each task's first lead agency, folded (the "by agency" order), once per snapshot."""
    found: dict[int, str] | None = facts.derived.get("dashboard_first_lead")
    if found is None:
        folded = {a: fold(n) for a, n in facts.context.agency_names.items()}
        found = {t.id: min((folded.get(a, "?") for a in t.lead_agency_ids), default="~") for t in facts.tasks}
        facts.derived["dashboard_first_lead"] = found
    return found


def visible_states(
    *,
    session: Session,
    facts: OrgFacts,
    official: Official,
    period: Period,
    today: date,
    policy: PeriodPolicy,
) -> list[TaskState]:
    """The tasks the period counts that the official may see, with their state for the period."""
    viewer = _viewer(session, facts, official)
    every = states(facts, period, today)
    chosen = tasks_for_period(facts.tasks, facts.context.plans, period, today, policy)
    return [every[t.id] for t in chosen if t.id in every and may_see(viewer, t)]


def task_table(
    *,
    session: Session,
    official: Official,
    period: Period | None,
    filters: Filters,
    today: date,
    policy: PeriodPolicy,
) -> TaskTable | str:
    org_id = viewer_organization(session=session, viewer=official)
    if org_id is None:
        return NO_ORGANIZATION
    facts = org_facts(session=session, organization_id=org_id)
    period = period or policy.default_for_questions(today)
    seen = visible_states(
        session=session, facts=facts, official=official, period=period, today=today, policy=policy
    )
    folded = _folded(facts)
    words = _WORD.findall(fold(filters.text))
    titles = {p.id: p.title for p in facts.context.plans}
    kept = [s for s in seen if _keeps(s, filters, folded, words)]
    kept = _sort(kept, filters.sort if filters.sort in SORTS else "code", _first_leads(facts))
    pages = max(1, -(-len(kept) // PAGE_SIZE))
    page = min(max(filters.page, 0), pages - 1)
    shown = kept[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    linked = {a for s in seen for a in s.task.lead_agency_ids | s.task.coordinating_agency_ids}
    agencies = sorted(((a, facts.context.agency_names.get(a, "?")) for a in linked), key=lambda x: fold(x[1]))
    plan_ids = {s.task.plan_id for s in seen}
    return TaskTable(
        organization=facts.context.name,
        period=period,
        choices=period_choices(facts, today, policy),
        rows=tuple(
            Row(s, _names(facts, s.task.lead_agency_ids), titles.get(s.task.plan_id, "")) for s in shown
        ),
        total=len(kept),
        page=page,
        pages=pages,
        agencies=tuple(agencies),
        plans=tuple((p.id, p.title) for p in facts.context.plans if p.id in plan_ids),
    )


def task_page(
    *,
    session: Session,
    official: Official,
    task_id: int,
    period: Period | None,
    today: date,
    policy: PeriodPolicy,
) -> TaskPage | None:
    """One task's page (history, documents, files, explanations), or None when the official may
    not see it: an unknown task and a forbidden one look the same."""
    org_id = viewer_organization(session=session, viewer=official)
    if org_id is None:
        return None
    facts = org_facts(session=session, organization_id=org_id)
    task = facts.task_by_id.get(task_id)
    if task is None:
        return None
    viewer = _viewer(session, facts, official)
    if not may_see(viewer, task):
        return None
    period = period or policy.default_for_questions(today)
    state = states(facts, period, today).get(task_id)
    if state is None:
        return None
    details = card_details(session=session, task_id=task_id)
    return TaskPage(
        organization=facts.context.name,
        period=period,
        state=state,
        plan_title=details.plan_title,
        product=details.product,
        lead=_names(facts, task.lead_agency_ids),
        coordinating=_names(facts, task.coordinating_agency_ids),
        history=details.history,
        explanations=details.explanations,
        can_correct=may_correct(viewer, task.organization_id),
        names=dict(facts.context.agency_names),
    )
