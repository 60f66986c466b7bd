"""Builders: a `PlanDoc` as a Word (.docx), Excel (.xlsx), PDF (with a text layer) or text/Markdown file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.documents.model import M, PlanDoc


def _table_grid(doc: PlanDoc) -> list[list[str | None]]:
    """Rows as a rectangular grid; None = covered by a merge (vertical "^" or a horizontal span)."""
    width = len(doc.columns)
    grid: list[list[str | None]] = []
    for row in doc.rows:
        if isinstance(row, dict):
            if row.get("header"):
                grid.append(list(doc.columns))
            elif "section" in row:
                grid.append([row["section"], row["title"]] + [""] * (width - 2))
            else:
                grid.append([row["span"]] + [""] * (width - 1))
        else:
            grid.append([None if c == M else c for c in row])
    return grid


def _spans(doc: PlanDoc) -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    """Vertical spans {(row, col): rows} and horizontal spans {row: first spanned col} (body rows)."""
    grid = _table_grid(doc)
    vertical: dict[tuple[int, int], int] = {}
    for c in range(len(doc.columns)):
        r = 0
        while r < len(grid):
            n = 1
            while r + n < len(grid) and grid[r + n][c] is None:
                n += 1
            if n > 1:
                vertical[(r, c)] = n
            r += n
    horizontal: dict[int, int] = {}
    for r, row in enumerate(doc.rows):
        if isinstance(row, dict) and "section" in row:
            horizontal[r] = 1
        elif isinstance(row, dict) and "span" in row:
            horizontal[r] = 0
    return vertical, horizontal


def build_docx(doc: PlanDoc, path: Path) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    if doc.header_table:
        top = document.add_table(rows=len(doc.header_table), cols=2)
        for r, cells in enumerate(doc.header_table):
            for c, text in enumerate(cells):
                _set_text(top.cell(r, c), text)
    for line in doc.before:
        document.add_paragraph(line)
    grid = _table_grid(doc)
    table = document.add_table(rows=1 + len(grid), cols=len(doc.columns))
    table.style = "Table Grid"
    for c, name in enumerate(doc.columns):
        _set_text(table.cell(0, c), name)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # "Repeat as header row at the top of each page"
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row):
            if value:
                _set_text(table.cell(r, c), value)
    vertical, horizontal = _spans(doc)
    for r, first in horizontal.items():
        table.cell(r + 1, first).merge(table.cell(r + 1, len(doc.columns) - 1))
    for (r, c), n in vertical.items():
        table.cell(r + 1, c).merge(table.cell(r + n, c))
    for line in doc.after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _set_text(cell: Any, text: str) -> None:
    """Several paragraphs in a cell, one per line, as Word stores bullets typed by hand."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def build_xlsx(doc: PlanDoc, path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    offset = 1
    for line in (doc.header_table[0][0].split("\n") if doc.header_table else []) + doc.before[-3:]:
        sheet.cell(offset, 1, line)
        offset += 1
    header_row = offset
    for c, name in enumerate(doc.columns, start=1):
        sheet.cell(header_row, c, name)
    grid = _table_grid(doc)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                sheet.cell(header_row + 1 + r, c + 1, text)
    vertical, horizontal = _spans(doc)
    width = len(doc.columns)
    for r, first in horizontal.items():
        sheet.merge_cells(
            start_row=header_row + 1 + r, start_column=first + 1, end_row=header_row + 1 + r, end_column=width
        )
    for (r, c), n in vertical.items():
        sheet.merge_cells(
            start_row=header_row + 1 + r, start_column=c + 1, end_row=header_row + r + n, end_column=c + 1
        )
    workbook.save(str(path))
    return path


def build_pdf(doc: PlanDoc, path: Path) -> Path:
    import matplotlib
    from fpdf import FPDF
    from fpdf.enums import TableSpan

    font = matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf"
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_font("DejaVu", fname=font)
    pdf.add_font("DejaVu", style="B", fname=font)
    pdf.set_font("DejaVu", size=7)
    pdf.add_page()
    for line in (doc.header_table[0][0].split("\n") if doc.header_table else []) + doc.before[-3:]:
        pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
    grid = _table_grid(doc)
    _, horizontal = _spans(doc)
    widths = [10, 70, 35, 35, 30, 35, 62][: len(doc.columns)]
    with pdf.table(col_widths=widths, line_height=3.2, repeat_headings=1, text_align="LEFT") as table:
        heading = table.row()
        for name in doc.columns:
            heading.cell(name)
        for r, row in enumerate(grid):
            source = doc.rows[r]
            if isinstance(source, dict) and source.get("header"):
                continue  # the PDF repeats the real heading on every page itself
            out = table.row()
            for c, text in enumerate(row):
                if text is None:
                    out.cell(TableSpan.ROW)  # type: ignore[arg-type]
                elif r in horizontal and c > horizontal[r]:
                    out.cell(TableSpan.COL)  # type: ignore[arg-type]
                else:
                    out.cell(text, rowspan=1)
    for line in doc.after:
        pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def build_text(doc: PlanDoc, path: Path, *, markdown: bool = False) -> Path:
    """Tab-separated rows (Word "convert table to text"), or a Markdown pipe table."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |" if markdown else "\t".join(cells)

    lines = list(doc.before)
    lines.append(line(doc.columns))
    if markdown:
        lines.append(line(["---"] * len(doc.columns)))
    for row in _table_grid(doc):
        lines.append(line([(c or "").replace("\n", " ") for c in row]))
    lines.extend(doc.after)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
