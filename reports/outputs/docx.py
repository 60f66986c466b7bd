"""The written report's DOCX outputs, re-exported under one name: the report data
(reports/outputs/report_data.py), the appendix alone (reports/outputs/appendix.py) and the whole
report, Báo cáo and Phụ lục in one file, from a template (reports/outputs/document.py)."""

from __future__ import annotations

from reports.outputs.appendix import WIDTHS_MM, add_appendix, render_docx
from reports.outputs.docx_style import FONT
from reports.outputs.report_data import (
    HEADERS,
    STATUS_WORDS,
    ReportData,
    ReportError,
    ReportRow,
    build_report,
    period_phrase,
    report_filename,
    result_header,
    result_text,
)

__all__ = [
    "FONT",
    "HEADERS",
    "STATUS_WORDS",
    "WIDTHS_MM",
    "ReportData",
    "ReportError",
    "ReportRow",
    "add_appendix",
    "build_report",
    "period_phrase",
    "render_docx",
    "report_filename",
    "result_header",
    "result_text",
]
