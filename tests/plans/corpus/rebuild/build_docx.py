"""Rebuild the corpus documents from their transcriptions (tests/plans/corpus/rebuild/*.json → docs/*.docx).

Column widths are also written to the table grid (fixed layout), so that the PDF exported by LibreOffice keeps
them.

Each JSON file is a faithful transcription of a public document (see ../SOURCES.md): the header block, the
paragraphs kept above the appendix, and the appendix table cell by cell. Grid cells are either a list of
paragraphs (strings), "^" (vertically merged with the cell above) or "<" (horizontally merged with the cell
to the left). Run from the repository root: `.venv/bin/python tests/plans/corpus/rebuild/build_docx.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs"


def _fill(cell, paragraphs: list[str], bold: bool = False) -> None:
    cell.paragraphs[0].text = ""
    for i, text in enumerate(paragraphs):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = para.add_run(text)
        run.bold = bold


def _para(doc, text: str, *, bold=False, italic=False, center=False) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(spec_path: Path) -> Path:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    # header block: a borderless 2-column table, as Word documents of the administration have it
    head = spec["header"]
    table = doc.add_table(rows=len(head), cols=2)
    for r, (left, right) in enumerate(head):
        _fill(table.cell(r, 0), left)
        _fill(table.cell(r, 1), right)
    for item in spec.get("before", []):
        _para(
            doc,
            item["text"],
            bold=item.get("bold", False),
            italic=item.get("italic", False),
            center=item.get("center", False),
        )
    if spec.get("landscape", True):
        section = doc.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for item in spec.get("appendix", []):
        _para(doc, item["text"], bold=item.get("bold", False), italic=item.get("italic", False), center=True)
    grid = spec["rows"]
    ncols = len(spec["columns"])
    table = doc.add_table(rows=len(grid) + 1, cols=ncols)
    table.style = "Table Grid"
    for c, text in enumerate(spec["columns"]):
        _fill(table.cell(0, c), text if isinstance(text, list) else [text], bold=True)
    bold_rows = set(spec.get("bold_rows", []))
    for r, row in enumerate(grid, start=1):
        assert len(row) == ncols, (spec_path.name, r, row)
        for c, cell in enumerate(row):
            if isinstance(cell, list):
                _fill(table.cell(r, c), cell, bold=(r - 1) in bold_rows)
    # merges after filling, so that each merged cell keeps only the text of its first cell
    for r, row in enumerate(grid, start=1):
        for c, cell in enumerate(row):
            if cell == "<":
                start = c
                while grid[r - 1][start] == "<":
                    start -= 1
                table.cell(r, start).merge(table.cell(r, c))
    for c in range(ncols):
        r = 0
        while r < len(grid):
            if grid[r][c] != "^" and r + 1 < len(grid) and grid[r + 1][c] == "^":
                end = r + 1
                while end + 1 < len(grid) and grid[end + 1][c] == "^":
                    end += 1
                table.cell(r + 1, c).merge(table.cell(end + 1, c))
                r = end
            r += 1
    widths = spec.get("widths_cm")
    if widths:
        # fixed layout + grid column widths, so that LibreOffice (PDF export) keeps them too
        table.autofit = False
        for c, w in enumerate(widths):
            table.columns[c].width = Cm(w)
        for row in table.rows:
            for c, w in enumerate(widths):
                row.cells[c].width = Cm(w)
    out = DOCS / spec["file"]
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


def main(argv: list[str]) -> int:
    specs = [Path(a) for a in argv] or sorted(HERE.glob("*.json"))
    for spec in specs:
        print(build(spec))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
