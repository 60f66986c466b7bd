"""Adding a task from a task card (issue 14): "➕ Thêm nhiệm vụ" under the same mục or nội dung as the
card's task. The proposal shows the code it will get and the lead and deadline as planbot read them;
the addition itself is plans/corrections.py's add_task (audited, kept by a re-import). An addition in
an import preview (plans/preview_edit.py) shows the same proposal, read from the previewed document."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from plans.correction_fields import DEADLINE, LEAD, NOTHING, CorrectionError, read_value
from plans.corrections import Editor, EditOutcome, add_task, checked_task, next_code
from storage.models import Task
from storage.queries.plans import plan_nodes
from storage.text import squash


@dataclass(frozen=True)
class AddProposal:
    section: str  # the mục or nội dung the task goes under
    code: str  # the code it will get
    content: str
    lead_shown: str
    deadline_shown: str
    new_agencies: tuple[str, ...] = ()


def _parent(session: Session, task: Task) -> Task:
    parent = session.get(Task, task.parent_id) if task.parent_id is not None else None
    if parent is None or parent.removed:
        raise CorrectionError("not_found", "Nhiệm vụ này không thuộc mục nào để thêm nhiệm vụ bên cạnh.")
    return parent


def addition_content(content: str) -> str:
    """The new task's content as it will be stored; CorrectionError when empty."""
    text = squash(content or "").strip()
    if not text:
        raise CorrectionError("empty", "Nội dung không được để trống.")
    return text


def propose_addition(
    *, session: Session, editor: Editor, beside_task_id: int, content: str, lead: str, deadline: str
) -> AddProposal:
    """The task that would be added beside this one; nothing is written."""
    task, plan, _official = checked_task(session, editor, beside_task_id)
    parent = _parent(session, task)
    text = addition_content(content)
    lead_reading = read_value(session, task, plan, LEAD, lead)
    deadline_shown = (
        read_value(session, task, plan, DEADLINE, deadline).shown if deadline.strip() else NOTHING
    )
    code, _number = next_code(parent, plan_nodes(session=session, plan_id=plan.id or 0))
    return AddProposal(parent.code, code, text, lead_reading.shown, deadline_shown, lead_reading.new_agencies)


def add_beside(
    *, session: Session, editor: Editor, beside_task_id: int, content: str, lead: str, deadline: str
) -> EditOutcome:
    """Add the task under the same mục or nội dung as this one (re-authorised here)."""
    task, plan, _official = checked_task(session, editor, beside_task_id)
    parent = _parent(session, task)
    assert plan.id is not None
    return add_task(
        session=session,
        editor=editor,
        plan_id=plan.id,
        section=parent.code,
        content=content,
        lead=lead,
        deadline=deadline,
    )
