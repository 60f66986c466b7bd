"""The report appendix as an Excel workbook (same content as the DOCX), set up to print readably:
every row as tall as its wrapped text, A4 landscape one page wide, a print area, the header row
repeated on every page, page numbers at the top from page 2."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.outputs.report_data import ReportData
from reports.outputs.textfit import text_height

logger = logging.getLogger(__name__)

FONT = "Times New Roman"
WIDTHS = [6, 38, 15, 15, 12, 15, 38]  # ≈ 262 mm of text at 100 %: A4 landscape
BODY_SIZE = 12
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ROW = 5
MIN_HEIGHT = 16.0
MAX_HEIGHT = 409.0  # Excel's limit for one row


def _fit(ws: Worksheet, row: int, cells: Sequence[tuple[str, float, float, bool]]) -> None:
    """Set the row's height to the tallest of its cells: (text, column width, font size, bold)."""
    needed = max(
        (text_height(text, width, size, bold=bold) for text, width, size, bold in cells if text), default=0
    )
    ws.row_dimensions[row].height = round(min(max(needed, MIN_HEIGHT), MAX_HEIGHT), 1)


def _widths(columns: int) -> list[float]:
    return [float(w) for w in WIDTHS[:columns]]


def _print_setup(ws: Worksheet, last_row: int, columns: int) -> None:
    ws.print_area = f"A1:{get_column_letter(columns)}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.8, 0.6, 0.8, 0.8  # inches ≈ 20/15/20 mm
    margins.header = 0.4
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.font = FONT
    ws.oddHeader.center.size = 13


def _default_font(wb: Workbook) -> None:
    """Times New Roman 12 as the workbook's default font: Excel and LibreOffice measure column widths
    in its digits, so both show the widths textfit.py computes with."""
    font = Font(name=FONT, size=BODY_SIZE)
    wb._named_styles["Normal"].font = font
    wb._fonts[0] = font  # the default font of unstyled cells


def render_xlsx(data: ReportData) -> bytes:
    wb = Workbook()
    _default_font(wb)
    ws = wb.active
    assert ws is not None
    ws.title = "Phụ lục"
    columns = len(data.headers)
    widths = _widths(columns)
    last = get_column_letter(columns)
    page_width = sum(widths)
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
        _fit(ws, r, [(line, page_width, size, bold)])
    for c, title in enumerate(data.headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=title)
        cell.font = Font(name=FONT, size=BODY_SIZE, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    _fit(ws, HEADER_ROW, [(t, widths[i], BODY_SIZE, True) for i, t in enumerate(data.headers)])
    r = HEADER_ROW
    for row in data.rows:
        r += 1
        bold_row = row.kind in ("section", "group")
        if row.kind == "section":
            values = [row.number, row.content] + [""] * (columns - 2)
            fitted = [
                (row.number, widths[0], BODY_SIZE, True),
                (row.content, sum(widths[1:]), BODY_SIZE, True),
            ]
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
            fitted = [(v, widths[i], BODY_SIZE, bold_row and i < 2) for i, v in enumerate(values)]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value or None)
            cell.font = Font(name=FONT, size=BODY_SIZE, bold=bold_row and c <= 2)
            cell.alignment = Alignment(
                horizontal="center" if c == 1 else "left", vertical="top", wrap_text=True
            )
            cell.border = BORDER
        if row.kind == "section":
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=columns)
        _fit(ws, r, fitted)
    r += 1
    for line in data.closing_lines:
        r += 1
        cell = ws.cell(row=r, column=2, value=line)
        cell.font = Font(name=FONT, size=13, bold=True)
        ws.row_dimensions[r].height = round(13 * 1.2 + 4, 1)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    _print_setup(ws, r, columns)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
