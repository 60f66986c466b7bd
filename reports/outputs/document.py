"""The whole written report in one .docx: the Báo cáo from a template (the commune's own, or the
shipped default), then the Phụ lục on landscape pages. Whatever the template, the result follows
Nghị định 30/2020 where a template could forget it: document language vi-VN, page numbers centred
at the top from page 2, no table row broken across a page, the appendix's header row repeated."""

from __future__ import annotations

import io

from reports.outputs.appendix import add_appendix
from reports.outputs.cover import cover_context
from reports.outputs.docx_style import ensure_page_numbers, keep_rows_whole, set_language
from reports.outputs.report_data import ReportData
from reports.outputs.style import ReportStyle
from reports.outputs.templates import default_template, render_template


def render_document(data: ReportData, style: ReportStyle, template: bytes | None = None) -> bytes:
    """DOCX bytes of the Báo cáo and its Phụ lục (CPU-bound: callers run it in a thread)."""
    rendered = render_template(template or default_template(), cover_context(data, style))
    document = rendered.docx
    keep_rows_whole(document)
    ensure_page_numbers(document)
    add_appendix(document, data)
    set_language(document)
    document.core_properties.title = f"Báo cáo {data.period_phrase} — {data.organization}"
    buffer = io.BytesIO()
    rendered.save(buffer)
    return buffer.getvalue()
