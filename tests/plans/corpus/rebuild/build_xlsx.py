"""Build an .xlsx variant of a rebuilt corpus document (tests/plans/corpus/rebuild/<slug>.json → docs/<slug>.xlsx).

Uses the same transcription as build_docx.py and lays it out as a commune would in an Excel sheet: the header
block (issuing body | national motto, number | place and date) in merged cells over the left and right halves,
the title lines merged over the full width, then the table. Merges are real Excel merges (openpyxl
merge_cells): "<" cells are merged horizontally with the cell to the left, "^" cells vertically with the cell
above; the text of a merged range is in its top-left cell only, as Excel stores it. Multi-paragraph cells are
joined with line breaks (wrap text on). Run from the repository root:
`.venv/bin/python tests/plans/corpus/rebuild/build_xlsx.py tests/plans/corpus/rebuild/<slug>.json`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _text(paragraphs) -> str:
    return "\n".join(paragraphs if isinstance(paragraphs, list) else [paragraphs])


def build(spec_path: Path) -> Path:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    ncols = len(spec["columns"])
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    left_end = max(1, ncols // 2)
    row = 1
    for left, right in spec["header"]:
        ws.cell(row, 1, _text(left)).alignment = Alignment(
            horizontal="center", vertical="top", wrap_text=True
        )
        ws.cell(row, left_end + 1, _text(right)).alignment = Alignment(
            horizontal="center", vertical="top", wrap_text=True
        )
        if left_end > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=left_end)
        if ncols > left_end + 1:
            ws.merge_cells(start_row=row, start_column=left_end + 1, end_row=row, end_column=ncols)
        ws.row_dimensions[row].height = 15 * max(len(left), len(right))
        row += 1
    row += 1
    for item in spec.get("before", []) + spec.get("appendix", []):
        cell = ws.cell(row, 1, item["text"])
        cell.font = Font(bold=item.get("bold", False), italic=item.get("italic", False))
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        row += 1
    row += 1
    top = row
    for c, text in enumerate(spec["columns"], start=1):
        cell = ws.cell(row, c, _text(text))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    grid = spec["rows"]
    bold_rows = set(spec.get("bold_rows", []))
    for r, cells in enumerate(grid):
        assert len(cells) == ncols, (spec_path.name, r, cells)
        for c, value in enumerate(cells, start=1):
            cell = ws.cell(top + 1 + r, c)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, list):
                cell.value = _text(value) if value else None
                cell.font = Font(bold=r in bold_rows)
    # horizontal merges ("<"), then vertical merges ("^")
    for r, cells in enumerate(grid):
        c = 0
        while c < ncols:
            if c + 1 < ncols and cells[c] not in ("<", "^") and cells[c + 1] == "<":
                end = c + 1
                while end + 1 < ncols and cells[end + 1] == "<":
                    end += 1
                ws.merge_cells(
                    start_row=top + 1 + r, start_column=c + 1, end_row=top + 1 + r, end_column=end + 1
                )
                c = end
            c += 1
    for c in range(ncols):
        r = 0
        while r < len(grid):
            if grid[r][c] != "^" and r + 1 < len(grid) and grid[r + 1][c] == "^":
                end = r + 1
                while end + 1 < len(grid) and grid[end + 1][c] == "^":
                    end += 1
                ws.merge_cells(
                    start_row=top + 1 + r, start_column=c + 1, end_row=top + 1 + end, end_column=c + 1
                )
                r = end
            r += 1
    for c, w in enumerate(spec.get("widths_cm") or [], start=1):
        ws.column_dimensions[get_column_letter(c)].width = round(w * 4.5, 1)
    out = DOCS / (Path(spec["file"]).stem + ".xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def main(argv: list[str]) -> int:
    for spec in [Path(a) for a in argv]:
        print(build(spec))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
