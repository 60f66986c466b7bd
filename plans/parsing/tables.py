"""Raw extraction: a document → its text paragraphs and tables of cells, in document order.

Nothing here knows what a plan is; `plans.parsing.structure` reads the cells. Every reader marks the cells
whose value is inherited from a vertically merged cell above (`merged=True`) so that the structure
can tell a row of its own from a row that sits under a merged lead/deadline cell. PDF files are read by
`plans.parsing.pdf_tables` (cell geometry decides merges and line wraps there).
"""

from __future__ import annotations

import html
import io
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from storage.text import nfc

logger = logging.getLogger(__name__)


@dataclass
class Cell:
    text: str
    merged: bool = False  # value repeated from the vertically merged cell above


@dataclass
class RawTable:
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class RawDocument:
    kind: str  # docx | xlsx | pdf | text
    blocks: list[str | RawTable] = field(default_factory=list)  # paragraphs and tables in order

    @property
    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]

    @property
    def paragraphs(self) -> list[str]:
        return [b for b in self.blocks if isinstance(b, str)]


def clean_cell(text: str | None) -> str:
    """NFC, one kind of line break, spaces collapsed, blank lines dropped."""
    if not text:
        return ""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- .docx


def read_docx(data: bytes) -> RawDocument:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    out = RawDocument("docx")

    def cell_text(tc: object) -> str:
        paragraphs = [Paragraph(p, None).text for p in tc.iter(qn("w:p"))]  # type: ignore[attr-defined,arg-type]
        return clean_cell("\n".join(paragraphs))

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = clean_cell(Paragraph(child, None).text)  # type: ignore[arg-type]
            if text:
                out.blocks.append(text)
        elif child.tag == qn("w:tbl"):
            out.blocks.append(_docx_table(child, cell_text))
    return out


def _docx_table(tbl: object, cell_text: object) -> RawTable:
    """Walk w:tr/w:tc directly: a horizontally merged cell is one w:tc with gridSpan (no duplicates),
    a vertically merged continuation is a w:tc with vMerge="continue" (inherit the text above)."""
    from docx.oxml.ns import qn

    table = RawTable()
    above: dict[int, str] = {}
    for tr in tbl.iter(qn("w:tr")):  # type: ignore[attr-defined]
        if tr.getparent() is not tbl:  # nested tables are read as text of their cell
            continue
        row: list[Cell] = []
        col = int(getattr(tr, "grid_before", 0) or 0)
        row.extend(Cell("") for _ in range(col))
        for tc in tr.tc_lst:
            span = int(tc.grid_span or 1)
            vmerge = tc.vMerge
            if vmerge == "continue":
                cell = Cell(above.get(col, ""), merged=True)
            else:
                cell = Cell(cell_text(tc))  # type: ignore[operator]
                above[col] = cell.text
            row.append(cell)
            row.extend(Cell("") for _ in range(span - 1))
            col += span
        table.rows.append(row)
    return table


# ---------------------------------------------------------------- .xlsx


def read_xlsx(data: bytes) -> RawDocument:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    out = RawDocument("xlsx")
    try:
        for sheet in workbook.worksheets:
            values: list[list[str]] = []
            for row in sheet.iter_rows(values_only=True):
                values.append([clean_cell(_xlsx_value(v)) for v in row])
            merged: set[tuple[int, int]] = set()
            for rng in sheet.merged_cells.ranges:
                top = values[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(values) else ""
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        if (r, c) == (rng.min_row, rng.min_col) or r - 1 >= len(values):
                            continue
                        if c == rng.min_col:  # below the top-left: a vertical merge
                            values[r - 1][c - 1] = top
                            merged.add((r - 1, c - 1))
                        else:  # to the right: a horizontal span holds nothing of its own
                            values[r - 1][c - 1] = ""
            table = RawTable()
            for r, row_values in enumerate(values):
                if not any(row_values):
                    continue
                table.rows.append([Cell(v, (r, c) in merged) for c, v in enumerate(row_values)])
            if table.rows:
                out.blocks.append(table)
    finally:
        workbook.close()
    return out


def _xlsx_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")  # type: ignore[no-any-return]
    return str(value)


# ---------------------------------------------------------------- .pdf: plans.parsing.pdf_tables


# ---------------------------------------------------------------- .txt / .md

_TAG = re.compile(r"<[^>]+>")
_LI = re.compile(r"<\s*(li|p|br)\b[^>]*>", re.IGNORECASE)


def _strip_html(text: str) -> str:
    text = _LI.sub("\n", text)
    text = _TAG.sub(" ", text)
    return html.unescape(text)


class _HtmlTable(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("br", "p", "li") and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _cell_from_text(value: str) -> Cell:
    text = _strip_html(value)
    # Word→Markdown puts bullets inline ("… TTHC; - Giải quyết …"): give each its own line.
    text = re.sub(r"\s+-\s+(?=\S)", "\n- ", text)
    text = text.replace("**", "")
    return Cell(clean_cell(text))


def _split_line(line: str) -> list[str] | None:
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        if re.fullmatch(r"\|?[\s:|-]+\|?", stripped):
            return []  # the |---|---| separator
        return stripped.strip("|").split("|")
    return None


def read_text(data: bytes) -> RawDocument:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1258", errors="replace")
    text = nfc(text)
    out = RawDocument("text")
    if re.search(r"<table\b", text, re.IGNORECASE):
        parser = _HtmlTable()
        parser.feed(text)
        table = RawTable([[_cell_from_text(c) for c in r] for r in parser.rows if r])
        before = text[: re.search(r"<table\b", text, re.IGNORECASE).start()]  # type: ignore[union-attr]
        out.blocks.extend(p for p in clean_cell(_strip_html(before)).split("\n") if p)
        out.blocks.append(table)
        return out
    current: RawTable | None = None
    for line in text.split("\n"):
        if not line.strip():
            continue  # blank lines between the rows of one table are common in converted files
        cells = _split_line(line)
        if cells is None:
            current = None
            cleaned = clean_cell(_strip_html(line)).replace("**", "").replace("*", "")
            if cleaned:
                out.blocks.append(cleaned)
            continue
        if not cells:
            continue
        if current is None:
            current = RawTable()
            out.blocks.append(current)
        current.rows.append([_cell_from_text(c) for c in cells])
    return out
