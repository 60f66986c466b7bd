"""The admin's correction table in the dashboard: the task's fields as the bot's /sua shows them, its
past corrections, and the commune's agencies to map one onto another. The changes themselves are
plans/corrections.py's and plans/agency_corrections.py's use cases (re-authorised, audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from sqlmodel import Session

from plans.correction_fields import FIELD_NAMES, FIELDS, CorrectionError, current_value
from plans.corrections import Editor, current_field, edit_target
from storage.models import Task
from storage.queries.corrections import task_edits
from storage.queries.facts import agencies_for_matching


@dataclass(frozen=True)
class EditRow:
    field_name: str
    old: str | None
    new: str | None
    source: str
    at: str


@dataclass(frozen=True)
class CorrectionForm:
    task_id: int
    code: str
    organization_id: int
    fields: tuple[tuple[str, str, str, str], ...]  # (field, its name, the value shown now, its text to edit)
    edits: tuple[EditRow, ...]
    agencies: tuple[tuple[int, str], ...]


def _local(moment: datetime, tz: tzinfo) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # SQLite: stored UTC
    return aware.astimezone(tz).strftime("%d/%m/%Y %H:%M")


def correction_form(
    *, session: Session, editor: Editor, task_id: int, tz: tzinfo = UTC
) -> CorrectionForm | str:
    """The form for one task, or the reason it cannot be corrected (not an admin, unknown task).
    Each field is shown as the bot's /sua shows it and offered for editing as the plan writes it."""
    try:
        target = edit_target(session=session, editor=editor, task_id=task_id)
        task = session.get(Task, task_id)
        if task is None:
            return "Không tìm thấy nhiệm vụ."
        fields = tuple(
            (
                f,
                FIELD_NAMES[f],
                current_field(session=session, editor=editor, task_id=task_id, field=f),
                current_value(session, task, f),
            )
            for f in FIELDS
        )
    except CorrectionError as exc:
        return exc.message
    edits = tuple(
        EditRow(
            FIELD_NAMES.get(x.field, x.field),
            x.old_value,
            x.new_value,
            x.source,
            _local(x.created_at, tz),
        )
        for x in reversed(task_edits(session=session, task_ids=[task_id]))
    )
    agencies = tuple(
        sorted(
            (
                (a, n)
                for a, n, _aliases in agencies_for_matching(
                    session=session, organization_id=target.organization_id
                )
            ),
            key=lambda x: x[1],
        )
    )
    return CorrectionForm(target.task_id, target.code, target.organization_id, fields, edits[:20], agencies)
