"""The appendix (Phụ lục) of the written report: the plan's rows with each task's result, on A4
landscape pages, in the style of Nghị định 30/2020/NĐ-CP (Times New Roman; the header row repeated
on every page; no row broken across two pages)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Mm
from docx.table import Table

from reports.outputs.docx_style import (
    cant_split,
    para,
    repeat_header,
    set_font,
    set_language,
)
from reports.outputs.report_data import ReportData

WIDTHS_MM = [12, 66, 28, 28, 24, 28, 66]  # 252 mm: A4 landscape less 30 + 15 mm margins


def _landscape(section: Section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _cell(table: Table, r: int, c: int, text: str, size: float = 12, *, bold: bool = False) -> None:
    paragraph = table.cell(r, c).paragraphs[0]
    para(paragraph, text, size, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER if c == 0 or r == 0 else None)


def add_appendix(document: DocumentObject, data: ReportData, *, new_section: bool = True) -> None:
    """Write the appendix at the end of `document`: on a new landscape section after the Báo cáo, or
    into an empty document's first section."""
    if new_section:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # numbered from its first page
        first = document.add_paragraph()
    else:
        section = document.sections[0]
        first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    _landscape(section)
    para(first, data.title_lines[0], 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(document.add_paragraph(), data.title_lines[1], 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(document.add_paragraph(), data.title_lines[2], 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph()

    headers = data.headers
    table = document.add_table(rows=1 + len(data.rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, title in enumerate(headers):
        _cell(table, 0, c, title, bold=True)
    repeat_header(table.rows[0])
    for r, row in enumerate(data.rows, start=1):
        if row.kind == "section":
            _cell(table, r, 0, row.number, bold=True)
            merged = table.cell(r, 1).merge(table.cell(r, len(headers) - 1))
            para(merged.paragraphs[0], row.content, 12, bold=True)
            continue
        bold = row.kind == "group"
        values = [row.number, row.content, row.lead, row.coordinating, row.deadline, row.product, row.result]
        for c, value in enumerate(values):
            _cell(table, r, c, value, bold=bold and c < 2)
    for c, width in enumerate(WIDTHS_MM):
        table.columns[c].width = Mm(width)
    for row_obj in table.rows:
        cant_split(row_obj)
        cells = row_obj.cells
        if len({id(cell._tc) for cell in cells}) == len(cells):  # merged rows keep the grid widths
            for c, width in enumerate(WIDTHS_MM):
                cells[c].width = Mm(width)

    spacer = document.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    for index, line in enumerate(data.closing_lines):
        closing = para(document.add_paragraph(), line, 13, bold=True)
        closing.paragraph_format.keep_with_next = index < len(data.closing_lines) - 1


def render_docx(data: ReportData) -> bytes:
    """The appendix alone, as its own document (the whole report: reports/outputs/document.py)."""
    document = Document()
    set_font(document.styles["Normal"], 13)
    add_appendix(document, data, new_section=False)
    set_language(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
