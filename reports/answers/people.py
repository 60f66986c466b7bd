"""Answers about people: who has not reported for a period ("ai chưa báo cáo"), one person's tasks
and rate ("anh Hùng đã báo cáo chưa", "tỷ lệ của chị Lan"), and the table of everyone ("thống kê
theo người").

A person answers for the tasks assigned to them and for the tasks their agency leads that nobody is
assigned to (plans/assignments.py person_tasks). A task is reported for the period when the status
model (plans/status.py) gives it a status for the period; the rate is the commune's (đã và đang thực
hiện / tổng số). Officials see the people of their own agency; leaders and admins everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from plans.assignments import person_tasks
from plans.periods import Period
from plans.status import TaskState
from reports.answers.context import Asked
from reports.answers.result import Answer, Row
from reports.answers.words import PAGE_SIZE, esc, header, page_buttons, page_of, rate_line
from storage.queries.assignments import Person, organization_assignments, organization_people
from storage.text import fold, percent

RULE_NOTE = "<i>Mỗi người tính các nhiệm vụ được giao riêng và các nhiệm vụ cơ quan mình chủ trì chưa giao cho ai.</i>"
CODES_SHOWN = 15


@dataclass(frozen=True)
class PersonFigures:
    person: Person
    agency: str
    states: tuple[TaskState, ...]
    assigned: int  # of the tasks, those assigned to them in person

    @property
    def total(self) -> int:
        return len(self.states)

    @property
    def reported(self) -> int:
        return sum(1 for s in self.states if s.reported)

    @property
    def missing(self) -> list[str]:
        return [s.task.code for s in self.states if not s.reported]

    @property
    def active(self) -> int:
        return sum(1 for s in self.states if s.active)

    @property
    def row(self) -> Row:
        return Row(self.person.full_name, self.reported, self.total, f"official:{self.person.id}")


def figures_of(asked: Asked, period: Period) -> tuple[list[PersonFigures], str]:
    """Every person in the question's scope with their tasks' states for the period, and a note
    when the scope is narrower than asked."""
    facts, view, frame = asked.facts, asked.view, asked.frame
    if not facts.tasks:
        return [], ""
    organization_id = facts.tasks[0].organization_id
    people = organization_people(session=asked.session, organization_id=organization_id)
    active = {p.id for p in people}
    assignments = {
        task: kept
        for task, ids in organization_assignments(
            session=asked.session, organization_id=organization_id
        ).items()
        if (kept := ids & active)  # a task assigned only to people who left is nobody's in person
    }
    tasks = view.but(agency_id=None, agency_name=None).tasks(period)
    every = asked.states(period)
    note = view.note
    chosen = [p for p in people if not frame.persons or p.id in frame.persons]
    if view.agency_id is not None:
        inside = [p for p in chosen if p.agency_id == view.agency_id]
        if frame.persons and len(inside) < len(chosen) and not view.leader:
            note = "Bạn chỉ xem được số liệu của cán bộ trong đơn vị mình."
        chosen = inside
    names = facts.context.agency_names
    found: list[PersonFigures] = []
    for person in chosen:
        agencies: frozenset[int] = frozenset()
        if person.agency_id is not None:
            agencies = frozenset({person.agency_id, *facts.context.groups.get(person.agency_id, ())})
        theirs = person_tasks(tasks, assignments, person.id, agencies)
        states = tuple(every[t.id] for t in theirs if t.id in every)
        assigned = sum(1 for t in theirs if person.id in assignments.get(t.id, ()))
        agency = names.get(person.agency_id, "") if person.agency_id is not None else ""
        found.append(PersonFigures(person, agency, states, assigned))
    return found, note


def _who(f: PersonFigures) -> str:
    return f"<b>{esc(f.person.full_name)}</b>" + (f" ({esc(f.agency)})" if f.agency else "")


def _codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:CODES_SHOWN])
    return esc(shown + (f" và {len(codes) - CODES_SHOWN} nhiệm vụ khác" if len(codes) > CODES_SHOWN else ""))


def _base(asked: Asked, period: Period, **fields: object) -> Answer:
    view = asked.view
    return Answer(text="", kind="people", period=period, scope_label=view.label, agency_id=view.agency_id,
                  agency_name=view.agency_name, frame=asked.frame, measure="reported", **fields)  # type: ignore[arg-type]  # fmt: skip


def people(asked: Asked, period: Period) -> Answer:
    found, note = figures_of(asked, period)
    lines = [header(period, asked.view.label)]
    if note:
        lines.append(f"<i>{esc(note)}</i>")
    if asked.frame.persons:
        return _persons(asked, period, found, lines)
    found = [f for f in found if f.total]
    if asked.frame.status == "no_report":
        return _not_reported(asked, period, found, lines)
    return _table(asked, period, found, lines)


def _persons(asked: Asked, period: Period, found: list[PersonFigures], lines: list[str]) -> Answer:
    if not found:
        lines.append("Không thấy cán bộ này trong phạm vi bạn xem được.")
        answer = _base(asked, period, count=0)
        answer.text = "\n".join(lines)
        return answer
    for f in found:
        if not f.total:
            lines.append(f"{_who(f)}: không có nhiệm vụ nào trong kỳ này.")
            continue
        own = f" ({f.assigned} được giao riêng)" if f.assigned else ""
        lines.append(f"{_who(f)}: {f.total} nhiệm vụ{own}.")
        lines.append(f"Đã báo cáo: <b>{f.reported}/{f.total}</b> nhiệm vụ.")
        lines.append(rate_line(f.active, f.total))
        missing = f.missing
        if missing:
            lines.append(f"Chưa báo cáo ({len(missing)}): {_codes(missing)}.")
        else:
            lines.append("Đã báo cáo đủ các nhiệm vụ của kỳ.")
    lines.append(RULE_NOTE)
    first = found[0]
    answer = _base(
        asked,
        period,
        rows=tuple(f.row for f in found),
        rate=(first.active, first.total),
        count=len(first.missing),
        codes=tuple(first.missing),
        status=asked.frame.status,
    )
    answer.text = "\n".join(lines)
    return answer


def _not_reported(asked: Asked, period: Period, found: list[PersonFigures], lines: list[str]) -> Answer:
    behind = sorted(
        (f for f in found if f.missing), key=lambda f: (-len(f.missing), fold(f.person.full_name))
    )
    if not found:
        lines.append("Chưa có cán bộ nào phụ trách nhiệm vụ của kỳ này trong phạm vi này.")
    elif not behind:
        lines.append(f"Mọi người ({len(found)}) đã báo cáo đủ các nhiệm vụ của kỳ.")
    else:
        lines.append(f"Chưa báo cáo đủ: <b>{len(behind)}/{len(found)}</b> người.")
        shown, page, _pages = page_of(behind, asked.frame.page)
        for number, f in enumerate(shown, page * PAGE_SIZE + 1):
            codes = f.missing
            lines.append(
                f"{number}. {_who(f)}: chưa báo cáo {len(codes)}/{f.total} nhiệm vụ — {_codes(codes)}"
            )
    lines.append(RULE_NOTE)
    answer = _base(asked, period, rows=tuple(f.row for f in behind), count=len(behind), status="no_report")
    answer.text = "\n".join(lines)
    if behind:
        answer.buttons = page_buttons(*page_of(behind, asked.frame.page)[1:])
    return answer


def _table(asked: Asked, period: Period, found: list[PersonFigures], lines: list[str]) -> Answer:
    ordered = sorted(found, key=lambda f: (f.reported / f.total, -f.total, fold(f.person.full_name)))
    if not ordered:
        lines.append("Chưa có cán bộ nào phụ trách nhiệm vụ của kỳ này trong phạm vi này.")
    else:
        lines.append(f"Thống kê theo người ({len(ordered)} người), ít báo cáo nhất trước:")
        shown, page, _pages = page_of(ordered, asked.frame.page)
        for number, f in enumerate(shown, page * PAGE_SIZE + 1):
            lines.append(
                f"{number}. {_who(f)}: đã báo cáo {f.reported}/{f.total} ({percent(100.0 * f.reported / f.total)}), "
                f"đã và đang thực hiện {f.active}/{f.total} ({percent(100.0 * f.active / f.total)})"
            )
    lines.append(RULE_NOTE)
    answer = _base(asked, period, rows=tuple(f.row for f in ordered), count=len(ordered))
    answer.text = "\n".join(lines)
    if ordered:
        answer.buttons = page_buttons(*page_of(ordered, asked.frame.page)[1:])
    return answer
