"""The task table(s) of a document → the plan's raw hierarchy (plans.parsing.builder), ready for
plans.parsing.flatten.

The task table is the first table whose header maps (plans.parsing.headers), or the columns an
admin chose when the header could not be mapped. Tables after it with the same columns continue
it (a table split over pages). When a later table restarts the numbering at 1 and the document has
no section rows, each table is a list of its own: it becomes a section named by the labelled
paragraph just before it ("a) Tổ chức … đối với các sở, ban, ngành:" → section "a", tasks a.1 …).
A document without section rows whose outermost numbered rows have numbered entries under them ("1"
above "1.1", "1.2") has those rows as its sections.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from plans.parsing.builder import _ROMAN, Builder, RawNode, Row
from plans.parsing.flatten import FlatNode, flatten, split_intro
from plans.parsing.headers import (
    ROLES,
    find_header,
    header_role,
    header_row_index,
    header_year,
    is_repeat_header,
    map_header,
)
from plans.parsing.tables import Cell, RawDocument, RawTable

logger = logging.getLogger(__name__)

__all__ = [
    "ROLES",
    "_ROMAN",
    "FlatNode",
    "RawNode",
    "StructureError",
    "TableRead",
    "flatten",
    "header_role",
    "map_header",
    "read_tables",
    "split_intro",
]

# a heading paragraph that labels the table below it: "a) …", "1. …", "II. …"
_LABELLED = re.compile(r"^\s*(?P<label>[a-zđ]|[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,2})[.)]\s+(?P<title>\S.*)$")


class StructureError(Exception):
    """Why no task table could be read: `reason` is "no_table" or "unmapped_header"; for an
    unmapped header, `header_texts` are the header cells (for the admin to map by hand)."""

    def __init__(self, reason: str, detail: str = "", header_texts: list[str] | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.header_texts = header_texts or []


@dataclass
class TableRead:
    roots: list[RawNode]
    mapping: dict[str, int]
    header_texts: list[str]
    metadata_lines: list[str]
    deadline_year: int | None = None  # a year the deadline column's header names ("Thời gian (Năm 2026)")


def _row_of(cells: list[Cell], mapping: dict[str, int]) -> Row:
    own: dict[str, str] = {}
    inherited: dict[str, str] = {}
    for role, index in mapping.items():
        cell = cells[index] if index < len(cells) else Cell("")
        if cell.merged:
            inherited[role] = cell.text
        else:
            own[role] = cell.text
    number_cell = cells[mapping["number"]] if "number" in mapping and mapping["number"] < len(cells) else None
    number = "" if number_cell is None or number_cell.merged else number_cell.text.strip()
    own.pop("number", None)
    inherited.pop("number", None)
    return Row(number, bool(number_cell and number_cell.merged), own, inherited)


def _locate(table: RawTable, columns: dict[str, int] | None) -> tuple[int, int, dict[str, int]] | None:
    """(first header row, header rows, mapping) of a task table, or None."""
    if columns is None:
        return find_header(table)
    if table.width <= max(columns.values()) or len(table.rows) < 2:
        return None
    index = header_row_index(table)
    return (index, 1, dict(columns)) if index is not None else (0, 0, dict(columns))


def _heading(paragraphs: list[str]) -> tuple[str | None, str]:
    """The label and title of the last labelled paragraph before a table."""
    for text in reversed(paragraphs):
        m = _LABELLED.match(text.split("\n")[0])
        if m:
            return m.group("label"), m.group("title").strip().rstrip(":").strip()
    return None, ""


class _Tables:
    """The tables read so far, to turn them into sections when the numbering restarts."""

    def __init__(self, roots: list[RawNode], builder: Builder) -> None:
        self.roots = roots
        self.builder = builder
        self.starts: list[tuple[int, str | None, str]] = []  # (first root index, label, title)
        self.sectioned = False

    def begin(self, body: list[Row], paragraphs: list[str]) -> None:
        label, title = _heading(paragraphs)
        first = next((r.number for r in body if r.number), "")
        if self.starts and self.builder.restarts(first):
            if not self.sectioned and not any(n.kind == "section" for n in self.roots):
                self._wrap_earlier()
            if self.sectioned:
                self._open(label, title)
        self.starts.append((len(self.roots), label, title))

    def _label(self, label: str | None) -> str:
        return label or str(len(self.starts) + 1)

    def _open(self, label: str | None, title: str) -> None:
        self.builder.open_section(self._label(label), title)

    def _wrap_earlier(self) -> None:
        ends = [start for start, _, _ in self.starts[1:]] + [len(self.roots)]
        wrapped: list[RawNode] = []
        for (start, label, title), end in zip(self.starts, ends, strict=True):
            section = RawNode(label or str(len(wrapped) + 1), "section", 0, title)
            for node in self.roots[start:end]:
                node.parent = section
                section.children.append(node)
            wrapped.append(section)
        self.roots[:] = wrapped
        self.starts = [(i, s.number, s.content) for i, s in enumerate(wrapped)]
        self.builder.section = wrapped[-1] if wrapped else None
        self.sectioned = True


def _title_rows_as_sections(roots: list[RawNode]) -> None:
    """With no section rows, the outermost numbered rows with numbered entries under them ("1 | Tổ
    chức các hội nghị hiệp thương" above "1.1", "1.2"; "1 | Đợt 1: …" above "a)", "b)") are the
    sections; their cells still fill the omitted cells of the rows under them."""
    if any(node.kind == "section" for node in roots):
        return
    for node in roots:
        if node.kind == "numbered" and node.depth == 1 and any(c.kind == "numbered" for c in node.children):
            node.kind, node.depth = "section", 0


def read_tables(raw: RawDocument, columns: dict[str, int] | None = None) -> TableRead:
    """Find the task table (tables after it with the same columns continue it) and build the raw tree."""
    metadata: list[str] = []
    roots: list[RawNode] = []
    mapping: dict[str, int] | None = None
    header_texts: list[str] = []
    unmapped: list[str] | None = None
    width = 0
    builder = Builder(roots)
    tables = _Tables(roots, builder)
    recent: list[str] = []  # paragraphs since the last table
    for block in raw.blocks:
        if isinstance(block, str):
            if mapping is None:
                metadata.append(block)
            recent.append(block)
            continue
        paragraphs, recent = recent, []
        found = _locate(block, columns if mapping is None else None)
        if found is None and mapping is None:
            index = header_row_index(block)
            if index is not None and len(block.rows) >= 2 and unmapped is None:
                unmapped = [c.text for c in block.rows[index]]
            metadata.extend(c.text for r in block.rows for c in r if c.text)
            continue
        start = 0
        if found is not None:
            first, used, new_mapping = found
            if mapping is None:
                metadata.extend(c.text for r in block.rows[:first] for c in r if c.text)
                mapping, width = new_mapping, block.width
                header_texts = [c.text for c in block.rows[first]] if used else []
            elif new_mapping != mapping:
                continue  # another table (e.g. an annex with other columns): keep the first one
            start = first + used
        elif block.width != width:
            continue
        assert mapping is not None
        body = [
            _row_of(cells, mapping)
            for cells in block.rows[start:]
            if any(c.text for c in cells) and not is_repeat_header([c.text for c in cells], header_texts)
        ]
        tables.begin(body, paragraphs)
        for row in body:
            builder.add(row)
    if mapping is None:
        if unmapped is not None:
            raise StructureError("unmapped_header", header_texts=unmapped)
        raise StructureError("no_table")
    if not roots:
        raise StructureError("no_table", "header without rows")
    _title_rows_as_sections(roots)
    index = mapping.get("deadline")
    deadline_header = header_texts[index] if index is not None and index < len(header_texts) else ""
    return TableRead(roots, mapping, header_texts, metadata, header_year(deadline_header))
