"""What an answer is computed over: the parser's Context of the organization, the viewer's scope,
the tasks a period counts, and the period a question is about when it names none."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from plans.lifecycle import current_tasks, tasks_for_period
from plans.periods import Period, PeriodPolicy
from plans.snapshot import OrgFacts, states
from plans.tasks import search_index
from reports.questions.frame import Context, Frame
from storage.facts import TaskFacts
from storage.models import Official, Role
from storage.queries.assignments import organization_people_names
from storage.queries.facts import agencies_for_matching
from storage.queries.indicators import IndicatorRow
from storage.text import fold


def item_of(code: str) -> str:
    """The nội dung a task belongs to: "II.3.2-2" → "II.3", "I.1" → "I.1"."""
    return ".".join(code.split("-")[0].split(".")[:2])


def section_of(task: TaskFacts) -> str:
    return task.section or task.code.split(".")[0]


def is_leader(viewer: Official) -> bool:
    return viewer.role in (Role.leader, Role.admin)


def _words(texts: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out.update(w for w in fold(text).replace("/", " ").split() if w.isalnum())
    return out


@functools.lru_cache(maxsize=256)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The words of an organization's officials' names; the same names for question after question."""
    return frozenset(_words(names))


def question_context(
    *,
    session: Session,
    facts: OrgFacts,
    organization_id: int,
    viewer: Official,
    figures: Sequence[IndicatorRow] = (),
) -> Context:
    """The parser's view of the organization (agencies and their aliases, codes, sections, items,
    the words of its plans and figures), built once per snapshot; the viewer's agency added."""
    base: Context | None = facts.derived.get("question_context")
    if base is None:
        agencies = agencies_for_matching(session=session, organization_id=organization_id)
        index = search_index(facts)
        words = set(index.vocabulary) | _words(p.title for p in facts.context.plans)
        words |= _words(name for _, name, _ in agencies)
        sections = tuple(dict.fromkeys(section_of(t) for t in facts.tasks))
        items = tuple(dict.fromkeys(item_of(t.code) for t in facts.tasks))
        base = Context(
            organization=facts.context.name,
            agencies=tuple((a, n, tuple(al)) for a, n, al in agencies),
            codes=frozenset(t.code.upper() for t in facts.tasks),
            sections=sections,
            items=items,
            words=frozenset(words),
        )
        facts.derived["question_context"] = base
    extra = _words(f"{r.label} {r.text or ''}" for r in figures)
    # the officials, read for every question (people join and leave without a new snapshot); their
    # names are words the typo correction must keep ("Lan" is no misspelt "làm")
    people = organization_people_names(session=session, organization_id=organization_id)
    extra |= _name_words(tuple(name for _, name in people))
    own = viewer.agency_id if not is_leader(viewer) else None
    return Context(
        organization=base.organization or facts.context.name,
        agencies=base.agencies,
        codes=base.codes,
        sections=base.sections,
        items=base.items,
        words=base.words | extra if extra else base.words,
        own_agency_id=own,
        own_agency_name=facts.context.agency_names.get(own) if own is not None else None,
        people=people,
    )


@dataclass(frozen=True)
class View:
    """The answer's scope: the organization, the agency (and how it takes part), the viewer."""

    facts: OrgFacts
    viewer: Official
    today: date
    policy: PeriodPolicy
    agency_id: int | None = None
    agency_name: str | None = None
    role: str = "lead"  # lead | coordinating | any
    section: str | None = None
    item: str | None = None
    note: str = ""  # why the scope differs from the one asked

    @property
    def leader(self) -> bool:
        return is_leader(self.viewer)

    @property
    def whole(self) -> str:
        return "toàn phường" if "phuong" in fold(self.facts.context.name) else "toàn xã"

    @property
    def label(self) -> str:
        """ "toàn xã", "Văn phòng HĐND và UBND xã (chủ trì)", "mục II, toàn xã"."""
        if self.agency_id is not None:
            role = {"lead": "chủ trì", "coordinating": "phối hợp", "any": "chủ trì, phối hợp"}[self.role]
            text = f"{self.agency_name or 'đơn vị'} ({role})"
        else:
            text = self.whole
        part = f"mục {self.section}" if self.section else (f"nội dung {self.item}" if self.item else "")
        return f"{part}, {text}" if part else text

    def keep(self, task: TaskFacts) -> bool:
        if self.section is not None and section_of(task) != self.section:
            return False
        if self.item is not None and item_of(task.code) != self.item:
            return False
        if self.agency_id is None:
            return True
        lead = self.agency_id in task.lead_agency_ids
        coordinating = self.agency_id in task.coordinating_agency_ids
        return {"lead": lead, "coordinating": coordinating, "any": lead or coordinating}[self.role]

    def tasks(self, period: Period | None) -> list[TaskFacts]:
        """The tasks a period's figures count in this scope; the plan's current tasks without one."""
        facts = self.facts
        if period is None:
            chosen = current_tasks(facts.tasks, facts.context.plans, self.today, self.policy) or list(
                facts.tasks
            )
        else:
            chosen = tasks_for_period(facts.tasks, facts.context.plans, period, self.today, self.policy)
        if self.section is None and self.item is None and self.agency_id is None:
            return list(chosen)
        return [t for t in chosen if self.keep(t)]

    def but(self, **changes: Any) -> View:
        from dataclasses import replace

        return replace(self, **changes)


def view_of(facts: OrgFacts, viewer: Official, frame: Frame, today: date, policy: PeriodPolicy) -> View:
    """The scope a frame asks for, within what the viewer may see: an official sees the tasks of
    their own agency whatever agency the question names."""
    agency_id, name, note = frame.agency_id, frame.agency_name, ""
    if not is_leader(viewer):
        if agency_id is not None and agency_id != viewer.agency_id:
            note = "Bạn chỉ xem được số liệu của đơn vị mình."
        agency_id = viewer.agency_id
        name = facts.context.agency_names.get(agency_id) if agency_id is not None else None
    if agency_id is not None and name is None:
        name = facts.context.agency_names.get(agency_id)
    return View(facts, viewer, today, policy, agency_id, name, frame.role, frame.section, frame.item, note)


@dataclass
class Asked:
    """One question being answered: the session, the snapshot, the scope, the frame, the figures."""

    session: Session
    facts: OrgFacts
    view: View
    frame: Frame
    figures: Sequence[IndicatorRow] = ()

    memo: dict[tuple[date, date] | None, list[TaskFacts]] = field(default_factory=dict)
    topics: dict[tuple[tuple[str, ...], int], list[TaskFacts] | None] = field(default_factory=dict)
    about: dict[tuple[date, date], bool] = field(default_factory=dict)
    cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # other per-question results

    def tasks(self, period: Period | None) -> list[TaskFacts]:
        """The scope's tasks for a period (View.tasks), worked out once per question."""
        key = (period.start, period.end) if period is not None else None
        if key not in self.memo:
            self.memo[key] = self.view.tasks(period)
        return self.memo[key]

    @property
    def today(self) -> date:
        return self.view.today

    @property
    def policy(self) -> PeriodPolicy:
        return self.view.policy

    def states(self, period: Period) -> dict[int, Any]:
        return states(self.facts, period, self.today)

    def reported(self, state: Any, period: Period) -> bool:
        """Whether the task has a report ABOUT the period (a one-off task done in an earlier period
        keeps its status, but nothing was reported about this one)."""
        from plans.status import report_period

        if state.report is None:
            return False
        start, end = report_period(state.report)
        return bool(start <= period.end and end >= period.start)

    def has_reports(self, period: Period) -> bool:
        """Whether anything at all was reported about the period: a task's result or a figure. The
        status model's rule (plans/status.py: "a period in which nothing at all was reported has no
        figures"), read as its docstring says: a one-off task done in an earlier period stays done,
        but that is no report about this period."""
        if self.reported_about(period):
            return True
        return any(r.period_start <= period.end and r.period_end >= period.start and not _is_target(r)
                   for r in self.figures)  # fmt: skip

    def reported_about(self, period: Period) -> bool:
        """Whether any report is about the period itself (not only carried from an earlier one)."""
        key = (period.start, period.end)
        if key not in self.about:
            self.about[key] = any(self.reported(s, period) for s in self.states(period).values())
        return self.about[key]

    def source(self, period: Period | None) -> str | None:
        """The report the period's results come from (the latest one about it)."""
        from plans.indicators import REPORT_KEY

        found = [
            r for r in self.figures
            if r.key == REPORT_KEY and (period is None or (r.period_start <= period.end and r.period_end >= period.start))
        ]  # fmt: skip
        return found[-1].label if found else None


def _is_target(row: IndicatorRow) -> bool:
    from plans.indicators import REPORT_KEY, TARGET_PREFIX

    return row.key.startswith(TARGET_PREFIX) or row.key == REPORT_KEY


def default_period(asked: Asked) -> Period | None:
    """The period a question that names none is about: inside a reporting window the period just
    ended, else the current one; none for what does not depend on one (how many tasks the plan has,
    a task's deadline or lead); for a figure, the latest reported period while its window is open;
    for documents, the reported period, else every period."""
    frame, policy, today = asked.frame, asked.policy, asked.today
    if frame.ask == "count" and frame.status is None:
        return None
    if frame.ask == "task" and frame.field is not None:
        return None
    if (
        frame.ask == "rank"
        and frame.measure == "count"
        and frame.status is None
        and frame.dimension != "indicator"
    ):
        return None
    if frame.ask == "upcoming":
        from plans.periods import month_containing

        return month_containing(today, policy.mode)
    if frame.ask in ("indicator",) or (frame.ask in ("compare", "rank") and frame.dimension == "indicator"):
        return _figure_period(asked) or policy.default_for_questions(today)
    period = policy.default_for_questions(today)
    if frame.ask == "documents" and not asked.has_reports(period):
        return None
    return period


def _figure_period(asked: Asked) -> Period | None:
    """Figures come by month or by quarter, as their reports do: the default follows their unit."""
    measured = [r for r in asked.figures if not _is_target(r)]
    if not measured:
        return None
    last = max(measured, key=lambda r: (r.period_end, r.period_start))
    monthly = (last.period_end - last.period_start).days < 40
    policy = PeriodPolicy(mode=asked.policy.mode, unit="month" if monthly else "quarter",
                          window_day=asked.policy.window_day)  # fmt: skip
    return policy.default_for_questions(asked.today)
