"""The spreadsheet prints readably: every row as tall as its wrapped text, A4 landscape one page wide,
a print area, the header row repeated, page numbers from page 2, Times New Roman throughout."""

from __future__ import annotations

import io
import math
from datetime import date

from openpyxl import load_workbook

from plans.periods import PeriodPolicy, quarter
from reports.outputs.report_data import build_report
from reports.outputs.textfit import column_points, text_height, text_width, wrapped_lines
from reports.outputs.xlsx import HEADER_ROW, render_xlsx
from storage.db import Database


def _sheet(db: Database, org: int):  # type: ignore[no-untyped-def]
    data = db.call(
        build_report,
        organization_id=org,
        period=quarter(2023, 1),
        today=date(2023, 4, 14),
        policy=PeriodPolicy(),
    )
    return data, load_workbook(io.BytesIO(render_xlsx(data))).active


def test_print_settings(db: Database, thanh_xa: dict[str, int]) -> None:
    data, ws = _sheet(db, thanh_xa["org"])
    last = HEADER_ROW + len(data.rows) + 1 + len(data.closing_lines)
    assert ws.print_area == f"'Phụ lục'!$A$1:$G${last}"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"  # the header row on every page
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (
        ws.HeaderFooter.differentFirst and ws.oddHeader.center.text == "&P" and not ws.firstHeader.center.text
    )
    assert ws.print_options.horizontalCentered
    assert ws.parent._named_styles["Normal"].font.name == "Times New Roman"
    assert ws[f"B{last}"].value == "Tỷ lệ hoàn thành kế hoạch: 73,3%"


def test_row_heights_fit_the_wrapped_text(db: Database, thanh_xa: dict[str, int]) -> None:
    data, ws = _sheet(db, thanh_xa["org"])
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFG"}
    merged = {str(r).split(":")[0] for r in ws.merged_cells.ranges}
    heights = []
    for r in range(HEADER_ROW, HEADER_ROW + len(data.rows) + 1):
        height = ws.row_dimensions[r].height
        assert height is not None, f"row {r} has no height"
        heights.append(height)
        for cell in ws[r]:
            if cell.value is None:
                continue
            width = (
                sum(widths.values()) - widths["A"]
                if cell.coordinate in merged
                else widths[cell.column_letter]
            )
            bold = bool(cell.font.bold)
            lines = wrapped_lines(str(cell.value), column_points(width) - 5, 12, bold=bold)
            assert height >= lines * 12 * 1.15, f"{cell.coordinate}: {lines} lines do not fit in {height} pt"
            assert height >= text_height(str(cell.value), width, 12, bold=bold) - 0.1
    first_task = HEADER_ROW + 2  # I.1, whose result cites seven documents
    assert ws.row_dimensions[first_task].height == max(heights)
    assert ws.row_dimensions[first_task].height >= 8 * 12
    single = [
        ws.row_dimensions[r].height
        for r in range(HEADER_ROW + 1, HEADER_ROW + len(data.rows) + 1)
        if ws[f"A{r}"].value == "I"
    ]
    assert single and single[0] <= 2 * 12 * 1.2 + 4  # a one-line section row is not padded out


def test_wrapping_measures_the_font() -> None:
    text = "Các công chức chuyên môn thuộc UBND xã; Ngành dọc tại xã"
    width = text_width(text, 12)
    assert 250 < width < 340  # Times New Roman 12 pt is about 5.3 pt a character
    assert wrapped_lines(text, width + 1, 12) == 1
    assert wrapped_lines(text, width / 2 + 30, 12) == 2
    assert wrapped_lines("a\nb\n\nc", 100, 12) == 4
    assert wrapped_lines("x" * 200, 100, 12) == math.ceil(text_width("x" * 200, 12) / 100)
