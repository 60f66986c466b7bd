"""A re-import and the admin's corrections (issue 14): a correction stays while the new document still
has the value it replaced (TaskEdit.old_value, compared folded), and gives way when the document
brings another value — the document contradicts it; the diff lists both.

How: the old tasks are first put back to the document's values (a corrected content must still
match its row, a task the admin removed must still be found), the import writes the document as
usual, then the corrections the document did not contradict are written again. A contradicted one
gets a TaskEdit row of source "import", which ends it: a later re-import does not bring it back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session

from plans.correction_fields import (
    ADDED,
    CONTENT,
    DEADLINE,
    FIELD_NAMES,
    FIELDS,
    PRODUCT,
    REMOVED,
    apply_value,
    node_value,
    read_deadline,
    same_value,
)
from plans.import_diff import PlanDiff, TaskChange, diff_tasks, match_tasks
from plans.parsing.types import ParsedNode, ParsedPlan
from storage.models import AuditLog, Plan, Task
from storage.models_people import TaskEdit
from storage.queries.corrections import task_edits
from storage.text import fold

logger = logging.getLogger(__name__)

IMPORT_SOURCE = "import"


@dataclass
class Correction:
    """The admin's standing change of one field: the document's value it replaced, and its own."""

    field: str
    document_value: str | None
    value: str | None


Corrections = dict[int, dict[str, Correction]]  # task id → field → correction


def standing_corrections(*, session: Session, tasks: list[Task]) -> Corrections:
    """The corrections in force: a run of edits of a field since the last import that overrode one
    (the first edit's old value is the document's), unless the admin went back to that value."""
    found: Corrections = {}
    for edit in task_edits(session=session, task_ids=[t.id for t in tasks if t.id is not None]):
        if edit.field not in (*FIELDS, REMOVED, ADDED):
            continue
        fields = found.setdefault(edit.task_id, {})
        if edit.source == IMPORT_SOURCE:
            fields.pop(edit.field, None)
            continue
        standing = fields.get(edit.field)
        if standing is None:
            fields[edit.field] = Correction(edit.field, edit.old_value, edit.new_value)
        else:
            standing.value = edit.new_value
    for fields in found.values():
        for name in [n for n, c in fields.items() if n != REMOVED and same_value(c.document_value, c.value)]:
            del fields[name]
    return {task_id: fields for task_id, fields in found.items() if fields}


def restore_document(tasks: list[Task], corrections: Corrections, plan: Plan | None) -> None:
    """Put the compared fields of corrected tasks back to the document's values (in memory), so that
    matching and the diff see the document the admin corrected, not the correction."""
    for task in tasks:
        for field, correction in corrections.get(task.id or 0, {}).items():
            old = correction.document_value or ""
            if field == CONTENT and old:
                task.content, task.content_key = old, fold(old)
            elif field == DEADLINE:
                deadline = read_deadline(old, plan)
                task.deadline_text = old or None
                task.deadline_kind, task.deadline_due = deadline.kind, deadline.due
                task.deadline_start, task.recurrence = deadline.start, deadline.recurrence
            elif field == PRODUCT:
                task.product = old or None
            elif field == REMOVED:
                task.removed = False


def detached_copies(tasks: list[Task]) -> list[Task]:
    """Copies a preview may change freely (never added to a session)."""
    return [Task(**task.model_dump()) for task in tasks]


def outcomes(
    corrections: Corrections, pairs: dict[str, Task], nodes: list[ParsedNode]
) -> tuple[list[tuple[Task, ParsedNode, Correction]], list[tuple[Task, ParsedNode, Correction]]]:
    """(kept, contradicted): each standing correction of a task the new document still has."""
    kept, contradicted = [], []
    for node in nodes:
        task = pairs.get(node.code)
        if task is None:
            continue
        for field, correction in corrections.get(task.id or 0, {}).items():
            if field == ADDED:  # the document has the task now: it is the document's
                continue
            if field == REMOVED or same_value(node_value(node, field), correction.document_value):
                kept.append((task, node, correction))
            else:
                contradicted.append((task, node, correction))
    return kept, contradicted


def _changes(found: list[tuple[Task, ParsedNode, Correction]]) -> list[TaskChange]:
    return [TaskChange(node.code, node.content, [FIELD_NAMES[c.field]]) for _t, node, c in found]


Found = list[tuple[Task, ParsedNode, Correction]]


def added_by_admin(corrections: Corrections, pairs: dict[str, Task], old: list[Task]) -> list[Task]:
    """Tasks the admin added that the new document does not have: they stay (not a contradiction)."""
    matched = {t.id for t in pairs.values()}
    return [
        t
        for t in old
        if t.id not in matched
        and ADDED in (fields := corrections.get(t.id or 0, {}))
        and REMOVED not in fields
    ]


def note_in_diff(diff: PlanDiff, kept: Found, contradicted: Found, added: list[Task]) -> None:
    diff.kept_corrections = _changes(kept) + [
        TaskChange(_base_code(t.code), t.content, [FIELD_NAMES[ADDED]]) for t in added
    ]
    diff.contradicted_corrections = _changes(contradicted)
    codes = {_base_code(t.code) for t in added}
    diff.removed = [change for change in diff.removed if change.code not in codes]


def _base_code(code: str) -> str:
    """A task's code before the import set it aside ("II.5~31" → "II.5")."""
    return code.split("~", 1)[0]


def _free_code(code: str, taken: set[str]) -> str:
    """The admin-added task's own code, or the next free number beside it when the document took it."""
    if code not in taken:
        return code
    prefix, _, _number = code.rpartition(".")
    numbers = [
        int(c.rsplit(".", 1)[1])
        for c in taken
        if c.startswith(prefix + ".") and c.rsplit(".", 1)[1].isdigit()
    ]
    n = max(numbers, default=0) + 1
    while f"{prefix}.{n}" in taken:
        n += 1
    return f"{prefix}.{n}" if prefix else str(n)


def reapply(
    *,
    session: Session,
    plan: Plan,
    corrections: Corrections,
    pairs: dict[str, Task],
    parsed: ParsedPlan,
    diff: PlanDiff,
    old: list[Task],
) -> None:
    """After the document is written: write the kept corrections again and end the contradicted ones."""
    kept, contradicted = outcomes(corrections, pairs, parsed.nodes)
    for task, _node, correction in kept:
        if correction.field == REMOVED:
            task.removed = True
            session.add(task)
        else:
            apply_value(session, task, plan, correction.field, correction.value or "")
    for task, node, correction in contradicted:
        assert task.id is not None
        incoming = node_value(node, correction.field)
        session.add(
            TaskEdit(
                task_id=task.id,
                field=correction.field,
                old_value=correction.value,
                new_value=incoming,
                source=IMPORT_SOURCE,
            )
        )
        session.add(
            AuditLog(
                action="correction_contradicted",
                detail={
                    "task_id": task.id,
                    "code": task.code,
                    "field": correction.field,
                    "correction": correction.value,
                    "document": incoming,
                },
            )
        )
        logger.info(
            "re-import of plan %s overrides the correction of %s %s", plan.id, task.id, correction.field
        )
    added = added_by_admin(corrections, pairs, old)
    taken = {n.code for n in parsed.nodes}
    for task in added:
        task.code = _free_code(_base_code(task.code), taken)
        task.removed = False
        taken.add(task.code)
        session.add(task)
    # Corrected tasks the new document dropped keep the admin's values.
    matched = {t.id for t in pairs.values()}
    for task in old:
        if task.id in matched:
            continue
        for field, correction in corrections.get(task.id or 0, {}).items():
            if field in (CONTENT, DEADLINE, PRODUCT) and (correction.value or field != CONTENT):
                apply_value(session, task, plan, field, correction.value or "")
    session.flush()
    note_in_diff(diff, kept, contradicted, added)


def preview_diff(*, session: Session, old: list[Task], plan: Plan, parsed: ParsedPlan) -> PlanDiff:
    """The re-import's diff as saving would make it, corrections included (nothing is written)."""
    copies = detached_copies(old)
    corrections = standing_corrections(session=session, tasks=copies)
    restore_document(copies, corrections, plan)
    diff = diff_tasks(copies, parsed)
    pairs = match_tasks([t for t in copies if not t.removed], parsed.nodes)
    live = [t for t in copies if not t.removed]
    note_in_diff(diff, *outcomes(corrections, pairs, parsed.nodes), added_by_admin(corrections, pairs, live))
    return diff
