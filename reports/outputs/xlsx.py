"""The quarterly report appendix as an Excel workbook (same content as the DOCX)."""

from __future__ import annotations

import io
import logging

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from reports.outputs.docx import ReportData

logger = logging.getLogger(__name__)

FONT = "Times New Roman"
WIDTHS = [7, 55, 22, 22, 18, 22, 40]
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def render_xlsx(data: ReportData) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Phụ lục"
    columns = len(data.headers)
    last = get_column_letter(columns)
    for r, (line, size, bold, italic) in enumerate(
        [
            (data.title_lines[0], 14, True, False),
            (data.title_lines[1], 14, True, False),
            (data.title_lines[2], 12, False, True),
        ],
        start=1,
    ):
        ws.merge_cells(f"A{r}:{last}{r}")
        cell = ws.cell(row=r, column=1, value=line)
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[2].height = 36
    header_row = 5
    for c, title in enumerate(data.headers, start=1):
        cell = ws.cell(row=header_row, column=c, value=title)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    r = header_row
    for row in data.rows:
        r += 1
        if row.kind == "section":
            values = [row.number, row.content] + [""] * (columns - 2)
        else:
            values = [
                row.number,
                row.content,
                row.lead,
                row.coordinating,
                row.deadline,
                row.product,
                row.result,
            ]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value or None)
            cell.font = Font(name=FONT, size=12, bold=row.kind in ("section", "group") and c <= 2)
            cell.alignment = Alignment(
                horizontal="center" if c == 1 else "left", vertical="top", wrap_text=True
            )
            cell.border = BORDER
        if row.kind == "section":
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=columns)
    r += 1
    for line in data.closing_lines:
        r += 1
        cell = ws.cell(row=r, column=2, value=line)
        cell.font = Font(name=FONT, size=13, bold=True)
    for c, width in enumerate(WIDTHS[:columns], start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
