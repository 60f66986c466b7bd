"""The appendix table → the plan's hierarchy: sections (mục), nội dung and tasks (nhiệm vụ).

Columns are found by their Vietnamese header in any order, with or without diacritics. Counting follows
the communes' own reports: mục = sections I, II …; nội dung = first-level numbered rows; nhiệm vụ = the
leaves (rows under a nội dung, or the nội dung itself when nothing is under it).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from plans.parsing.tables import Cell, RawDocument, RawTable
from storage.text import fold

logger = logging.getLogger(__name__)

ROLES = ("number", "content", "lead", "coordinating", "deadline", "product", "result")

_ROMAN = re.compile(r"^([IVX]{1,5})(?:[.:\s]+(.*))?$", re.DOTALL)
_NUMBER = re.compile(r"^(\d{1,5}(?:\.\d{1,3}){0,3})\.?$")  # STT column: a big plan numbers past 99
_LEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.\s+(\S.*)$", re.DOTALL)
_BULLET = re.compile(r"^[-–•+*]\s*")


class StructureError(Exception):
    """Why no task table could be read: `reason` is "no_table" or "unmapped_header"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def header_role(text: str) -> str | None:
    key = fold(text).replace("(", " ").replace(")", " ")
    key = re.sub(r"\s+", " ", key).strip(" .:")
    if not key or len(key) > 60:  # a header names a column; a long cell is a task's text
        return None
    if re.fullmatch(r"(so )?tt|stt|so thu tu|thu tu", key):
        return "number"
    if "noi dung" in key or ("nhiem vu" in key and "ket qua" not in key):
        return "content"
    if "chu tri" in key:
        return "lead"
    if "phoi hop" in key:
        return "coordinating"
    if "san pham" in key:
        return "product"
    if "ket qua" in key:
        # "Kết quả" alone is the expected product; "Kết quả quý …/thực hiện/tháng" is a report's result.
        if re.search(r"ket qua (thuc hien|quy|thang|nam|dat|bao cao|6 thang)|ket qua .*\d", key):
            return "result"
        return "product"
    if "thoi han" in key or "thoi gian" in key or "hoan thanh" in key or "tien do" in key:
        return "deadline"
    return None


def map_header(texts: list[str]) -> dict[str, int] | None:
    """Column index of each role found, or None when the row is not a task-table header."""
    roles: dict[str, int] = {}
    for index, text in enumerate(texts):
        role = header_role(text)
        if role and role not in roles:
            roles[role] = index
        elif role == "result" and "result" in roles:
            continue
    if "content" in roles and ("lead" in roles or "deadline" in roles) and len(roles) >= 3:
        return roles
    return None


def looks_like_header(texts: list[str]) -> bool:
    """A row that names columns (STT / Nội dung …) even if we cannot map it."""
    keys = [fold(t) for t in texts if t]
    named = sum(1 for t in texts if header_role(t))
    return len(keys) >= 3 and (named >= 2 or any(k in ("stt", "tt", "so tt") for k in keys))


def _find_header(table: RawTable) -> tuple[int, int, dict[str, int]] | None:
    """(first row, rows used, mapping); headers may span two rows (Cơ quan / chủ trì | phối hợp)."""
    for i, row in enumerate(table.rows[:12]):
        texts = [c.text for c in row]
        mapping = map_header(texts)
        if mapping:
            return i, 1, mapping
        if i + 1 < len(table.rows) and any(header_role(t) for t in texts):
            below = [c.text for c in table.rows[i + 1]]
            if map_header(below):
                continue
            joined = [f"{a} {b}".strip() for a, b in zip(texts, below + [""] * len(texts), strict=False)]
            two = map_header(joined)
            if two:
                return i, 2, two
    return None


@dataclass
class _Row:
    number: str
    number_merged: bool
    cells: dict[str, str]  # own text per role
    inherited: dict[str, str]  # text repeated from a vertical merge


@dataclass
class RawNode:
    number: str | None
    kind: str  # section | numbered | bullet
    depth: int  # sections 0, "2" 1, "2.1" 2, bullets under a node: node depth + 1
    content: str
    cells: dict[str, str] = field(default_factory=dict)
    children: list[RawNode] = field(default_factory=list)
    parent: RawNode | None = None


@dataclass
class TableRead:
    roots: list[RawNode]
    mapping: dict[str, int]
    header_texts: list[str]
    metadata_lines: list[str]


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    if (b[:1].islower() or not re.search(r"[.;:!?]$", a)) and not _BULLET.match(b):
        return f"{a} {b}"
    return f"{a}\n{b}"


def _row_of(cells: list[Cell], mapping: dict[str, int]) -> _Row:
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
    return _Row(number, bool(number_cell and number_cell.merged), own, inherited)


def _is_repeat_header(texts: list[str], header: list[str]) -> bool:
    folded = [fold(t) for t in texts]
    if folded == [fold(t) for t in header][: len(folded)]:
        return True
    if map_header(texts) is not None:
        return True
    # a row of column numbers "(1) (2) (3) …"
    values = [re.sub(r"[()\s]", "", t) for t in texts if t.strip()]
    return len(values) >= 3 and all(v.isdigit() for v in values) and len(set(values)) == len(values)


def read_tables(raw: RawDocument) -> TableRead:
    """Find the task table (tables after it with the same width continue it) and build the raw tree."""
    metadata: list[str] = []
    roots: list[RawNode] = []
    mapping: dict[str, int] | None = None
    header_texts: list[str] = []
    width = 0
    unmapped = False
    state = _Builder(roots)
    for block in raw.blocks:
        if isinstance(block, str):
            if mapping is None:
                metadata.append(block)
            continue
        found = _find_header(block)
        if found is None and mapping is None:
            if any(looks_like_header([c.text for c in r]) for r in block.rows[:5]) and _has_body(block):
                unmapped = True
            metadata.extend(c.text for r in block.rows for c in r if c.text)
            continue
        start = 0
        if found is not None:
            first, used, new_mapping = found
            if mapping is None:
                metadata.extend(c.text for r in block.rows[:first] for c in r if c.text)
                mapping, width = new_mapping, block.width
                header_texts = [c.text for c in block.rows[first]]
            elif new_mapping != mapping:
                continue  # another table (e.g. an annex with other columns): keep the first one
            start = first + used
        elif block.width != width:
            continue
        assert mapping is not None
        for cells in block.rows[start:]:
            texts = [c.text for c in cells]
            if not any(texts):
                continue
            if _is_repeat_header(texts, header_texts):
                continue
            state.add(_row_of(cells, mapping))
    if mapping is None:
        raise StructureError("unmapped_header" if unmapped else "no_table")
    if not roots:
        raise StructureError("no_table", "header without rows")
    return TableRead(roots, mapping, header_texts, metadata)


def _has_body(table: RawTable) -> bool:
    return len(table.rows) >= 2


class _Builder:
    """Feeds rows in order and keeps the current section / numbered entry."""

    def __init__(self, roots: list[RawNode]) -> None:
        self.roots = roots
        self.section: RawNode | None = None
        self.numbered: list[RawNode] = []  # stack of numbered nodes by depth
        self.last: RawNode | None = None  # the node the last row went into

    def _attach(self, node: RawNode, parent: RawNode | None) -> None:
        node.parent = parent
        (parent.children if parent else self.roots).append(node)
        self.last = node

    def add(self, row: _Row) -> None:
        content = row.cells.get("content", "")
        number = row.number
        others = {k: v for k, v in row.cells.items() if k != "content" and v}
        if not number and not row.number_merged:
            # no STT column, or the number typed into the content cell ("1. Xây dựng …", "II. Triển khai …")
            m = _LEADING_NUMBER.match(content)
            r = _ROMAN.match(content) if not others and not row.inherited else None
            if m:
                number, content = m.group(1), m.group(2).strip()
            elif r and r.group(2):
                number, content = r.group(1), r.group(2).strip()
        roman = _ROMAN.match(number) if number else None
        if roman and (roman.group(2) or content or not others):
            title = _join((roman.group(2) or "").strip(), content)
            if not title:  # title in another spanning cell
                title = " ".join(v for v in others.values())
            node = RawNode(roman.group(1), "section", 0, title)
            self._attach(node, None)
            self.section, self.numbered = node, []
            return
        numbered = _NUMBER.match(number) if number else None
        if numbered:
            depth = numbered.group(1).count(".") + 1
            node = RawNode(numbered.group(1), "numbered", depth, content, self._cells(row))
            while self.numbered and self.numbered[-1].depth >= depth:
                self.numbered.pop()
            parent = self.numbered[-1] if self.numbered else self.section
            self._attach(node, parent)
            self.numbered.append(node)
            return
        # Unnumbered: continuation of the row above, a sub-heading, or a bullet row of the entry above.
        if self.last is not None and self._is_continuation(row, content, others):
            self._continue(self.last, row)
            return
        if self.last is not None and self.last.kind == "section" and not others and not row.inherited:
            self.last.content = _join(self.last.content, content)  # a sub-heading spanning the row
            return
        parent = self.numbered[-1] if self.numbered else self.section
        if (
            parent is not None
            and parent.kind == "numbered"
            and parent.depth >= 2
            and _BULLET.match(parent.content)
            and _BULLET.match(content)
            and not row.number_merged
        ):
            # "3.1 | - Triển khai …" then "- Tiếp tục …": items of one list, not a list under an item
            self.numbered.pop()
            parent = parent.parent
        depth = (parent.depth if parent else 0) + 1
        node = RawNode(number or None, "bullet", depth, content, self._cells(row))
        self._attach(node, parent)

    @staticmethod
    def _cells(row: _Row) -> dict[str, str]:
        cells = dict(row.inherited)
        cells.update({k: v for k, v in row.cells.items() if v or k not in cells})
        return cells

    @staticmethod
    def _is_continuation(row: _Row, content: str, others: dict[str, str]) -> bool:
        if row.number_merged:
            return False
        first = content[:1]
        if not content:
            return bool(others)  # only the tail of other cells (a row split over two pages)
        if first.islower():
            return True
        # only the content cell, nothing inherited from merged cells around it: the rest of a split row
        return not others and not any(row.inherited.values())

    @staticmethod
    def _continue(node: RawNode, row: _Row) -> None:
        if node.kind == "section":
            node.content = _join(node.content, row.cells.get("content", ""))
            return
        node.content = _join(node.content, row.cells.get("content", ""))
        for role, text in row.cells.items():
            if role != "content" and text:
                node.cells[role] = _join(node.cells.get(role, ""), text)


# ---------------------------------------------------------------- raw tree → ParsedNode list

_INTRO = re.compile(r"^(?P<intro>[^:]*?:)\s*\n(?P<rest>[-–•+].*)$", re.DOTALL)
_INHERITED = ("lead", "coordinating", "deadline", "product")


def split_intro(node: RawNode) -> None:
    """ "Triển khai … các nhiệm vụ về:\\n- Cải cách …" with rows below: the intro is the parent and
    the bullet written in the same cell is its first task (it carries that row's result)."""
    for child in node.children:
        split_intro(child)
    if node.kind == "section" or not node.children:
        return
    m = _INTRO.match(node.content)
    if not m:
        if node.kind == "numbered" and _BULLET.match(node.content):
            # "2 | - Phối hợp …" with "- Giao ban …" under its merged STT cell: the numbered row's
            # own bullet is the first task of the list (it carries that row's result)
            first = RawNode(None, "bullet", node.depth + 1, node.content, dict(node.cells), [], node)
            node.cells.pop("result", None)
            node.children.insert(0, first)
        return
    first = RawNode(None, "bullet", node.depth + 1, m.group("rest").strip(), dict(node.cells), [], node)
    node.content = m.group("intro").strip()
    node.cells.pop("result", None)
    node.children.insert(0, first)


@dataclass
class FlatNode:
    code: str
    number: str | None
    kind: str  # section | group | task
    level: int
    section: str | None
    content: str
    parent_code: str | None
    cells: dict[str, str]


def flatten(roots: list[RawNode]) -> list[FlatNode]:
    out: list[FlatNode] = []
    seen: set[str] = set()

    def unique(code: str) -> str:
        candidate, n = code, 2
        while candidate in seen:
            candidate, n = f"{code}-{n}", n + 1
        seen.add(candidate)
        return candidate

    def walk(
        node: RawNode,
        parent: FlatNode | None,
        section: str | None,
        level: int,
        position: int,
        mixed: bool = False,
    ) -> None:
        if node.kind == "section":
            code = unique(node.number or str(position))
            flat = FlatNode(code, node.number, "section", 1, node.number, node.content, None, {})
        else:
            if node.kind == "numbered" and node.number and not (mixed and node.depth > 1):
                base = node.number if node.depth > 1 and parent and parent.kind != "section" else None
                local = node.number.split(".")[-1] if base else node.number
                code = f"{parent.code}.{local}" if parent else node.number
            else:
                code = f"{parent.code}.{position}" if parent else str(position)
            cells = dict(node.cells)
            if parent is not None and parent.kind != "section":
                for role in _INHERITED:  # a merged or omitted cell belongs to the entry above
                    if not cells.get(role) and parent.cells.get(role):
                        cells[role] = parent.cells[role]
            kind = "group" if node.children else "task"
            flat = FlatNode(
                unique(code),
                node.number,
                kind,
                level,
                section,
                node.content,
                parent.code if parent else None,
                cells,
            )
        out.append(flat)
        # numbered and bullet rows side by side ("- …", "3.1 - …", "- …", "3.2 - …"): number them by position
        mixed = any(c.kind == "bullet" for c in node.children) and any(
            c.kind == "numbered" for c in node.children
        )
        for index, child in enumerate(node.children, start=1):
            walk(
                child, flat, section if node.kind != "section" else node.number, flat.level + 1, index, mixed
            )

    for index, root in enumerate(roots, start=1):
        walk(
            root,
            None,
            root.number if root.kind == "section" else None,
            1 if root.kind == "section" else 2,
            index,
        )
    return out
