"""Report templates: an organization's own .docx template of the written report (one per organization)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.models import ReportTemplate, utcnow


@dataclass(frozen=True)
class TemplateFile:
    file_name: str
    content: bytes
    placeholders: tuple[str, ...]
    uploaded_at: datetime


def organization_template(*, session: Session, organization_id: int) -> TemplateFile | None:
    row = session.exec(
        select(ReportTemplate).where(col(ReportTemplate.organization_id) == organization_id)
    ).first()
    if row is None:
        return None
    return TemplateFile(row.file_name, bytes(row.content), tuple(row.placeholders), row.uploaded_at)


def save_template(
    *,
    session: Session,
    organization_id: int,
    file_name: str,
    content: bytes,
    placeholders: Sequence[str],
    uploaded_by: int | None,
) -> None:
    """Store (or replace) the organization's template."""
    row = session.exec(
        select(ReportTemplate).where(col(ReportTemplate.organization_id) == organization_id)
    ).first()
    if row is None:
        row = ReportTemplate(organization_id=organization_id, file_name=file_name, content=content)
    row.file_name, row.content, row.placeholders = file_name, content, list(placeholders)
    row.uploaded_by, row.uploaded_at = uploaded_by, utcnow()
    session.add(row)
    session.flush()


def delete_template(*, session: Session, organization_id: int) -> bool:
    """Go back to the default template; False when there was none."""
    result = session.execute(
        delete(ReportTemplate).where(col(ReportTemplate.organization_id) == organization_id)
    )
    return bool(getattr(result, "rowcount", 0))
