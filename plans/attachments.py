"""A report's attached file, handed back to whoever may see its task (plans/tasks.line_of decides,
re-read at each press: the button carries only the report id)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from plans.tasks import Today, line_of
from storage.models import Official
from storage.queries.progress import report_attachment


@dataclass(frozen=True)
class Attachment:
    file_id: str
    name: str
    task_code: str


def attachment_for(
    *, session: Session, official: Official, report_id: int, today: Today
) -> Attachment | None:
    """The file of a report, or None when there is none or the official may not see its task."""
    found = report_attachment(session=session, report_id=report_id)
    if found is None:
        return None
    task_id, file_id, name = found
    line = line_of(session=session, official=official, task_id=task_id, today=today)
    return Attachment(file_id, name, line.code) if line is not None else None
