"""Importing a narrative report (a monthly or quarterly "Báo cáo công tác kiểm soát TTHC …" written as
prose): the figures it gives become the IndicatorValue rows of its period (plans/indicators.py stores
them), so leaders' KPI questions answer from them with the report as their source.

A plan import refuses such a file ("no_table"); the bot and `planbot import` then ask
``read_narrative`` whether it is a narrative report, show what it read and store it only when the
admin confirms. Reading is pure; ``save_narrative`` writes in the caller's transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from plans.indicators import StoredReport, report_source, store_narrative
from plans.parsing.importer import PlanImportError, read_raw
from plans.parsing.narrative import NarrativeReport, parse_narrative
from plans.parsing.tables import RawTable
from plans.wording import document_text
from storage.models import AuditLog
from storage.text import fold

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NarrativeFigure:
    label: str  # what is measured, as the report's sentence names it ("hồ sơ tiếp nhận trực tuyến")
    value: float
    unit: str


@dataclass(frozen=True)
class NarrativePreview:
    """What a narrative report gives, as the admin confirms it."""

    title: str | None
    period_label: str  # "Tháng 11/2025"
    period_start: date
    period_end: date
    organization: str | None
    source: str  # "Báo cáo số 357/BC-UBND ngày 18/11/2025" or "Báo cáo tháng 11/2025"
    figures: tuple[NarrativeFigure, ...]
    documents: tuple[str, ...]  # the documents it cites, as planbot writes them

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "narrative_report",
            "title": self.title,
            "period": self.period_label,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "organization": self.organization,
            "source": self.source,
            "indicators": [{"label": f.label, "value": f.value, "unit": f.unit} for f in self.figures],
            "documents": list(self.documents),
        }


def document_lines(data: bytes, filename: str) -> str:
    """The text of any supported file as the narrative parser reads it: paragraphs in order, and the
    cells of tables row by row (a Word report's header block "Số: 357/BC-UBND | …, ngày …" is a table).
    Raises PlanImportError for files that cannot be read at all."""
    raw = read_raw(data, filename)
    lines: list[str] = []
    for block in raw.blocks:
        if isinstance(block, RawTable):
            for row in block.rows:
                lines.extend(cell.text for cell in row if cell.text)
        else:
            lines.append(block)
    return "\n".join(lines)


def is_report(report: NarrativeReport) -> bool:
    """A report ("BÁO CÁO …", "Số: 357/BC-UBND"), not a plan or decision written in prose: a plan's
    "đạt 80%" is a target, never a result to store."""
    title = fold(report.title or "")
    return title.startswith("bao cao") or "/bc" in fold(report.number or "")


def _preview(report: NarrativeReport, text: str) -> NarrativePreview | None:
    if report.period is None or not report.indicators or not is_report(report):
        return None
    figures = tuple(
        NarrativeFigure(indicator.label, indicator.value, indicator.unit) for indicator in report.indicators
    )
    documents = tuple(
        dict.fromkeys(document_text(d.doc_type, d.number, d.issued_on, d.text) for d in report.documents)
    )
    return NarrativePreview(
        title=report.title,
        period_label=report.period.label,
        period_start=report.period.start,
        period_end=report.period.end,
        organization=report.organization,
        source=report_source(report, text),
        figures=figures,
        documents=documents,
    )


def read_narrative(data: bytes, filename: str) -> NarrativePreview | None:
    """The figures of a narrative report, or None when the file is not one (not a report, no period
    it reports on, or no figure). Never raises for a readable file."""
    try:
        text = document_lines(data, filename)
    except PlanImportError:
        return None
    return _preview(parse_narrative(text), text)


def save_narrative(
    *,
    session: Session,
    data: bytes,
    filename: str,
    organization_name: str | None,
    actor_user_id: int | None = None,
) -> StoredReport | None:
    """Store the report's figures as its period's indicator values (a re-import replaces the rows the
    same report gave before); None when the file is not a narrative report or names no commune."""
    text = document_lines(data, filename)
    if not is_report(parse_narrative(text)):
        return None
    stored = store_narrative(session=session, text=text, organization_name=organization_name)
    if stored is None:
        return None
    session.add(
        AuditLog(
            actor_user_id=actor_user_id,
            action="narrative_report_imported",
            detail={
                "organization_id": stored.organization_id,
                "file": filename,
                "source": stored.source,
                "period": stored.period.label if stored.period else None,
                "values": stored.values,
            },
        )
    )
    session.flush()
    logger.info("narrative report %s stored %s values (%s)", filename, stored.values, stored.source)
    return stored
