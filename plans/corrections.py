"""An admin's corrections of imported tasks: change one field of a saved task, remove a task or add one
to a section. One use case = one transaction (storage.db runs it); every call re-checks that the
editor is an admin of the task's organization (plans/access.py), and every change is written as a
TaskEdit row (what a re-import compares, plans/correction_keep.py) and an AuditLog row.

The fields, how a typed value is read and written back, live in plans/correction_fields.py; agency
renames and merges in plans/agency_corrections.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session

from plans.access import may_correct, viewer_of
from plans.correction_fields import (
    ADDED,
    FIELD_NAMES,
    FIELDS,
    NOTHING,
    REMOVED,
    CorrectionError,
    apply_value,
    current_value,
    read_value,
    same_value,
    shown_value,
)
from storage.models import AuditLog, NodeKind, Official, Plan, Task, utcnow
from storage.models_people import TaskEdit
from storage.queries.corrections import last_position, tasks_by_code
from storage.queries.officials import official_by_telegram_id
from storage.queries.plans import plan_nodes
from storage.text import fold

logger = logging.getLogger(__name__)

NO_PERMISSION = "Bạn không có quyền sửa nhiệm vụ này: chỉ quản trị viên của đơn vị được sửa."


@dataclass(frozen=True)
class Editor:
    """Who corrects: a Telegram user (re-checked as an admin on every call), or the server's operator
    at the command line (telegram_user_id None, source "cli")."""

    telegram_user_id: int | None
    source: str = "bot"  # bot | cli | dashboard

    @classmethod
    def operator(cls) -> Editor:
        return cls(None, "cli")


@dataclass(frozen=True)
class EditTarget:
    task_id: int
    code: str
    content: str
    plan_id: int
    organization_id: int


@dataclass(frozen=True)
class EditProposal:
    """A correction as planbot understood it, shown old → new before the admin saves it."""

    task_id: int
    code: str
    field: str
    field_name: str
    old_shown: str
    new_shown: str
    value: str
    new_agencies: tuple[str, ...] = ()

    @property
    def changes_nothing(self) -> bool:
        return self.old_shown == self.new_shown


@dataclass(frozen=True)
class EditOutcome:
    task_id: int
    code: str
    field: str
    field_name: str
    old_shown: str
    new_shown: str
    changed: bool


def _official(session: Session, editor: Editor) -> Official | None:
    if editor.telegram_user_id is None:
        return None
    return official_by_telegram_id(session=session, telegram_user_id=editor.telegram_user_id)


def authorize(session: Session, editor: Editor, organization_id: int) -> Official | None:
    """The admin making the change (None for the operator); CorrectionError("no_permission") else."""
    if editor.telegram_user_id is None and editor.source == "cli":
        return None
    official = _official(session, editor)
    if official is None or not may_correct(viewer_of(official, {}), organization_id):
        raise CorrectionError("no_permission", NO_PERMISSION)
    return official


def _task_and_plan(session: Session, task_id: int) -> tuple[Task, Plan]:
    task = session.get(Task, task_id)
    plan = session.get(Plan, task.plan_id) if task is not None else None
    if task is None or plan is None or task.removed or task.kind == NodeKind.section:
        raise CorrectionError("not_found", "Không tìm thấy nhiệm vụ này (có thể đã bị xoá).")
    return task, plan


def checked_task(session: Session, editor: Editor, task_id: int) -> tuple[Task, Plan, Official | None]:
    task = session.get(Task, task_id)
    plan = session.get(Plan, task.plan_id) if task is not None else None
    # Permission first: a stranger learns nothing about which ids exist.
    if plan is None:
        if editor.telegram_user_id is not None:
            raise CorrectionError("no_permission", NO_PERMISSION)
        raise CorrectionError("not_found", "Không tìm thấy nhiệm vụ này.")
    official = authorize(session, editor, plan.organization_id)
    task, plan = _task_and_plan(session, task_id)
    return task, plan, official


def _check_field(field: str) -> None:
    if field not in FIELDS:
        raise CorrectionError("bad_field", f"Không sửa được trường «{field}».")


def _record(
    session: Session,
    *,
    task: Task,
    plan: Plan,
    field: str,
    old: str | None,
    new: str | None,
    editor: Editor,
    official: Official | None,
) -> None:
    assert task.id is not None
    session.add(
        TaskEdit(
            task_id=task.id,
            field=field,
            old_value=old,
            new_value=new,
            official_id=official.id if official is not None else None,
            actor_user_id=editor.telegram_user_id,
            source=editor.source,
        )
    )
    session.add(
        AuditLog(
            actor_user_id=editor.telegram_user_id,
            action="task_corrected",
            detail={
                "task_id": task.id,
                "plan_id": plan.id,
                "code": task.code,
                "field": field,
                "old": old,
                "new": new,
                "source": editor.source,
            },
        )
    )
    plan.updated_at = utcnow()  # every process's snapshots reload (storage/queries/versions.py)
    session.add(plan)
    session.flush()
    logger.info("task %s %s corrected by %s (%s)", task.id, field, editor.telegram_user_id, editor.source)


def edit_target(*, session: Session, editor: Editor, task_id: int) -> EditTarget:
    """The task an admin starts correcting (the menu of fields is shown next)."""
    task, plan, _official = checked_task(session, editor, task_id)
    assert task.id is not None and plan.id is not None
    return EditTarget(task.id, task.code, task.content, plan.id, plan.organization_id)


def current_field(*, session: Session, editor: Editor, task_id: int, field: str) -> str:
    """The field's value as the prompt shows it ("hiện tại: …")."""
    _check_field(field)
    task, _plan, _official = checked_task(session, editor, task_id)
    return shown_value(session, task, field)


def propose_edit(*, session: Session, editor: Editor, task_id: int, field: str, value: str) -> EditProposal:
    """Read the typed value as planbot would store it; nothing is written."""
    _check_field(field)
    task, plan, _official = checked_task(session, editor, task_id)
    assert task.id is not None
    reading = read_value(session, task, plan, field, value)
    return EditProposal(
        task.id,
        task.code,
        field,
        FIELD_NAMES[field],
        shown_value(session, task, field),
        reading.shown,
        reading.value,
        reading.new_agencies,
    )


def edit_task(*, session: Session, editor: Editor, task_id: int, field: str, value: str) -> EditOutcome:
    """Change one field of a saved task; a value equal to the current one changes nothing."""
    _check_field(field)
    task, plan, official = checked_task(session, editor, task_id)
    assert task.id is not None
    reading = read_value(session, task, plan, field, value)
    old_shown = shown_value(session, task, field)
    old = current_value(session, task, field)
    if same_value(old, reading.value):  # "hoá"/"hóa", case and spacing: no correction to record
        return EditOutcome(task.id, task.code, field, FIELD_NAMES[field], old_shown, old_shown, False)
    apply_value(session, task, plan, field, reading.value)
    _record(
        session,
        task=task,
        plan=plan,
        field=field,
        old=old,
        new=reading.value,
        editor=editor,
        official=official,
    )
    new_shown = shown_value(session, task, field)
    return EditOutcome(task.id, task.code, field, FIELD_NAMES[field], old_shown, new_shown, True)


def remove_task(*, session: Session, editor: Editor, task_id: int) -> EditOutcome:
    """Remove a task from the plan (Task.removed): it leaves lists and counts, its reports are kept."""
    task, plan, official = checked_task(session, editor, task_id)
    assert task.id is not None
    task.removed = True
    session.add(task)
    _record(
        session,
        task=task,
        plan=plan,
        field=REMOVED,
        old=task.content,
        new=None,
        editor=editor,
        official=official,
    )
    return EditOutcome(task.id, task.code, REMOVED, FIELD_NAMES[REMOVED], task.content, NOTHING, True)


def next_code(section: Task, nodes: list[Task]) -> tuple[str, str]:
    """The next free code under a section: "II.5" after II.1–II.4 (printed number "5.")."""
    children = [t.code for t in nodes if t.parent_id == section.id]
    code = code_after(section.code, children, {t.code for t in nodes})
    return code, f"{code.rsplit('.', 1)[1]}."


def code_after(section_code: str, child_codes: list[str], taken: set[str]) -> str:
    """The code a task added at the end of a section gets: "II.5" after II.1–II.4, skipping any
    code already taken elsewhere in the plan."""
    numbers = [
        int(code.rsplit(".", 1)[1])
        for code in child_codes
        if "." in code and code.rsplit(".", 1)[1].isdigit()
    ]
    n = max(numbers, default=0) + 1
    while f"{section_code}.{n}" in taken:
        n += 1
    return f"{section_code}.{n}"


def add_task(
    *,
    session: Session,
    editor: Editor,
    plan_id: int,
    section: str,
    content: str,
    lead: str,
    deadline: str = "",
    coordinating: str = "",
    product: str = "",
) -> EditOutcome:
    """Add a task at the end of a section (its code is the section's next number)."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise CorrectionError("not_found", "Không tìm thấy kế hoạch này.")
    official = authorize(session, editor, plan.organization_id)
    nodes = plan_nodes(session=session, plan_id=plan_id)
    parent = next(
        (t for t in nodes if not t.removed and t.kind != NodeKind.task and fold(t.code) == fold(section)),
        None,
    )
    if parent is None:
        raise CorrectionError("not_found", f"Kế hoạch không có mục «{section}».")
    code, number = next_code(parent, nodes)
    text = " ".join(content.split())
    if not text:
        raise CorrectionError("empty", "Nội dung không được để trống.")
    task = Task(
        plan_id=plan_id,
        parent_id=parent.id,
        code=code,
        number=number,
        kind=NodeKind.task,
        level=parent.level + 1,
        position=last_position(session=session, plan_id=plan_id) + 1,
        section=parent.section or parent.code.split(".")[0],
        content=text,
        content_key=fold(text),
    )
    session.add(task)
    session.flush()
    for field, value in (
        ("lead", lead),
        ("coordinating", coordinating),
        ("deadline", deadline),
        ("product", product),
    ):
        reading = read_value(session, task, plan, field, value) if value or field == "lead" else None
        if reading is not None:
            apply_value(session, task, plan, field, reading.value)
    _record(session, task=task, plan=plan, field=ADDED, old=None, new=text, editor=editor, official=official)
    assert task.id is not None
    return EditOutcome(task.id, task.code, ADDED, FIELD_NAMES[ADDED], NOTHING, text, True)


def find_task(*, session: Session, organization_id: int, code: str, plan_id: int | None = None) -> list[Task]:
    """The live tasks with this code (a code typed with a trailing dot or in lower case too)."""
    cleaned = code.strip().rstrip(".").upper()
    return tasks_by_code(session=session, organization_id=organization_id, code=cleaned, plan_id=plan_id)
