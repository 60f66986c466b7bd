"""Reading a written report back (python-docx): its paragraphs, tables and Word settings, for the
tests of the report files."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

from storage.text import squash

NBSP = "\u00a0"


def open_docx(content: bytes) -> DocumentObject:
    return Document(io.BytesIO(content))


def plain(text: str) -> str:
    """NBSP gaps (left for the văn thư) read as spaces, runs of spaces as one."""
    return squash(text.replace(NBSP, " "))


def paragraphs(document: DocumentObject) -> list[str]:
    return [plain(p.text) for p in document.paragraphs if p.text.strip()]


def cell_lines(cell: Any) -> list[str]:
    return [plain(p.text) for p in cell.paragraphs if p.text.strip()]


def rows(table: Any) -> list[list[str]]:
    """A table's rows, a merged cell once."""
    found: list[list[str]] = []
    for row in table.rows:
        seen: list[int] = []
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.append(id(cell._tc))
                cells.append(plain(cell.text))
        found.append(cells)
    return found


def xml_part(content: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name).decode()


def row_flags(table: Any, flag: str) -> list[bool]:
    """Whether each row's trPr holds w:<flag> (cantSplit, tblHeader)."""
    out = []
    for row in table.rows:
        tr_pr = row._tr.trPr
        out.append(tr_pr is not None and tr_pr.find(qn(f"w:{flag}")) is not None)
    return out
