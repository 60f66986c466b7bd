"""PDF → RawDocument: the text outside tables as paragraphs, and every ruled table as cells.

pdfplumber gives "" for a blank cell and None for a position covered by a merged cell. The cell
geometry says which merge it is: a cell that starts in a row above covers this position (a
vertical merge: the row inherits its text, marked ``merged``); a cell that starts in this row
further left spans it (a horizontal span, e.g. a section title: blank). A blank cell stays blank.

Line breaks inside a cell: PDF text breaks where the column ends. A break is a wrap when the next
word would not have fit on the line, and is joined with a space; a break where the next word
would have fit is the writer's own (a new paragraph, another agency) and is kept; a break before
a bullet ("- ", "+ ", "• ") is always kept. Without geometry only bullets keep their break.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from plans.parsing.tables import Cell, RawDocument, RawTable, clean_cell

BBox = tuple[float, float, float, float]
_BULLET_LINE = re.compile(r"^\s*[-+•*–]\s*\S")


class NoTextLayerError(Exception):
    """A PDF with no extractable text (a scan)."""


def read_pdf(data: bytes) -> RawDocument:
    import pdfplumber

    out = RawDocument("pdf")
    any_text = False
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            outside = page
            for table in tables:
                outside = outside.outside_bbox(table.bbox)
            text = outside.extract_text() or ""
            if text.strip():
                any_text = True
            for line in clean_cell(text).split("\n"):
                if line:
                    out.blocks.append(line)
            for table in tables:
                rows = table.extract()
                if any(c for r in rows for c in r):
                    any_text = True
                out.blocks.append(pdf_table(rows, table, page.chars))
    if not any_text:
        raise NoTextLayerError("no text layer")
    return out


def join_lines(text: str, wraps: Sequence[bool] | None = None) -> str:
    """Join the lines of a cell: ``wraps[i]`` says whether break i is a wrap (see module doc)."""
    lines = text.split("\n")
    out = lines[0]
    for i, line in enumerate(lines[1:]):
        wrap = wraps[i] if wraps is not None and i < len(wraps) else True
        if _BULLET_LINE.match(line) or not wrap:
            out += "\n" + line
        elif re.search(r"\w-$", out):
            out += line  # "VH-\nXH": a word broken at its hyphen
        else:
            out += " " + line
    return out


def _line_breaks(chars: list[dict[str, Any]], cell: BBox) -> list[bool] | None:
    """For each break between the text lines of a cell: was it a wrap? None when unsure."""
    if not chars:
        return None
    chars = sorted(chars, key=lambda ch: (round(float(ch["top"])), float(ch["x0"])))
    lines: list[list[dict[str, Any]]] = []
    for ch in chars:
        if lines and abs(float(ch["top"]) - float(lines[-1][0]["top"])) <= 3:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    for line in lines:
        line.sort(key=lambda ch: float(ch["x0"]))
    pad = max(1.0, min(float(line[0]["x0"]) for line in lines) - cell[0])
    limit = cell[2] - pad
    wraps: list[bool] = []
    for line, following in pairwise(lines):
        first = _first_word(following)
        width = float(first[-1]["x1"]) - float(first[0]["x0"])
        space = 0.3 * float(following[0].get("size") or 8)
        wraps.append(float(line[-1]["x1"]) + space + width > limit)
    return wraps


def _first_word(line: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters of a line's first word (up to a space glyph or a gap wider than a space)."""
    word = [line[0]]
    for prev, ch in pairwise(line):
        gap = float(ch["x0"]) - float(prev["x1"])
        if ch["text"] == " " or gap > 0.2 * float(ch.get("size") or 8):
            break
        word.append(ch)
    return word


def _chars_by_cell(table: Any, chars: list[dict[str, Any]]) -> dict[BBox, list[dict[str, Any]]]:
    """The page's characters grouped by the table cell that holds them."""
    cells: list[BBox] = [tuple(c) for c in table.cells]  # type: ignore[misc]
    by_cell: dict[BBox, list[dict[str, Any]]] = {c: [] for c in cells}
    x0, top, x1, bottom = table.bbox
    if not cells:
        return by_cell
    tops = sorted({c[1] for c in cells})
    rows: dict[float, list[BBox]] = {}
    for c in cells:
        rows.setdefault(c[1], []).append(c)
    for ch in chars:
        cx = (float(ch["x0"]) + float(ch["x1"])) / 2
        cy = (float(ch["top"]) + float(ch["bottom"])) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        # the cell starting at or above this point that contains it
        for t in reversed(tops[: bisect_right(tops, cy)]):
            hit = next((c for c in rows[t] if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]), None)
            if hit is not None:
                by_cell[hit].append(ch)
                break
    return by_cell


def pdf_table(
    rows: list[list[str | None]], table: Any = None, chars: list[dict[str, Any]] | None = None
) -> RawTable:
    """Cells of one pdfplumber table (see module doc); ``table``/``chars`` give the geometry."""
    grid = list(table.rows) if table is not None else []
    by_cell = _chars_by_cell(table, chars or []) if table is not None else {}
    origin: dict[BBox, tuple[int, int]] = {}
    for r, trow in enumerate(grid):
        for c, bbox in enumerate(trow.cells):
            if bbox is not None:
                origin.setdefault(tuple(bbox), (r, c))  # type: ignore[arg-type]
    texts: dict[tuple[int, int], str] = {}
    out = RawTable()
    above: dict[int, str] = {}
    for r, raw in enumerate(rows):
        row: list[Cell] = []
        last_value = max((i for i, v in enumerate(raw) if v is not None), default=-1)
        for col, value in enumerate(raw):
            if value is not None:
                bbox = grid[r].cells[col] if r < len(grid) and col < len(grid[r].cells) else None
                wraps = _line_breaks(by_cell.get(tuple(bbox), []), tuple(bbox)) if bbox else None  # type: ignore[arg-type]
                cleaned = clean_cell(value)
                if wraps is not None and len(wraps) != cleaned.count("\n"):
                    wraps = None  # the lines did not line up with pdfplumber's text: no geometry
                text = join_lines(cleaned, wraps)
                above[col] = texts[(r, col)] = text
                row.append(Cell(text))
                continue
            covering = _covering(table, grid, r, col) if grid else None
            if covering is not None:
                r0, c0 = origin.get(covering, (r, col))
                if r0 < r:  # a cell that starts in a row above: a vertical merge
                    row.append(Cell(texts.get((r0, c0), ""), merged=True))
                else:  # it starts in this row, to the left: a horizontal span
                    row.append(Cell(""))
            elif col > last_value and last_value <= 1:
                row.append(Cell(""))  # no geometry: trailing Nones of a title row are its span
            else:
                row.append(Cell(above.get(col, ""), merged=True))
        out.rows.append(row)
    return out


def _covering(table: Any, grid: list[Any], r: int, col: int) -> BBox | None:
    """The merged cell that covers grid position (r, col)."""
    if r >= len(grid):
        return None
    row_top, row_bottom = grid[r].bbox[1], grid[r].bbox[3]
    xs = [trow.cells[col] for trow in grid if col < len(trow.cells) and trow.cells[col] is not None]
    spans = [b for b in xs if b is not None]
    if spans:
        left = min(b[0] for b in spans)
        right = min(b[2] for b in spans)
    else:
        return None
    cx, cy = (left + right) / 2, (row_top + row_bottom) / 2
    for cell in table.cells:
        if cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
            return tuple(cell)  # type: ignore[return-value]
    return None
