"""Rows of a task table → the raw tree of sections, numbered entries and bullets.

Numbering read from the STT column, or from the start of the content cell when the STT is empty:
letter parts "A", "B" (above Roman sections when both are used), Roman sections "I", "II",
Arabic entries "1", "1.1", "1.1.1" (zero padding dropped: "09" is 9), lettered sub-entries
"a)", "b)", and bullets "-" (under the entry) and "+" (under the "-" above).

An entry whose STT cell is merged over several rows ("2" spanning two rows) is one entry; each row
that carries an assignment of its own (its own lead, deadline, product or coordinating cells,
whether the content cell is merged too or not) is a separate task of that entry: the entry's
first row becomes task .1, the next row .2 … each with its own cells. Rows whose other cells are
merged with the entry's (only their content and result are their own) are the entry's list items,
as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ROMAN = re.compile(r"^([IVX]{1,5})(?:[.:\s]+(.*))?$", re.DOTALL)
_LETTER = re.compile(r"^([A-HJ-UWYZĐ])(?:[.:)]\s*(.*))?$", re.DOTALL)
_NUMBER = re.compile(r"^(\d{1,5}(?:\.\d{1,3}){0,3})\.?$")  # STT column: a big plan numbers past 99
_SUB = re.compile(r"^([a-zđ])[).]$")
_LEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.\s+(\S.*)$", re.DOTALL)
_LEADING_SUB = re.compile(r"^([a-zđ])\)\s+(\S.*)$", re.DOTALL)
_LEADING_LETTER = re.compile(r"^([A-HJ-UWYZĐ])[.)]\s+(\S.*)$", re.DOTALL)
_BULLET = re.compile(r"^[-–•+*]\s*")
_ASSIGNMENT = ("lead", "coordinating", "deadline", "product")


def normalize_number(number: str) -> str:
    """ "09" → "9", "1.02" → "1.2": the printed zero padding is not part of the code."""
    return ".".join(str(int(part)) for part in number.split("."))


@dataclass
class Row:
    number: str
    number_merged: bool
    cells: dict[str, str]  # own text per role
    inherited: dict[str, str]  # text repeated from a vertical merge


@dataclass
class RawNode:
    number: str | None
    kind: str  # section | heading | numbered | bullet
    depth: int  # sections 0, "2" 1, "2.1" 2, bullets under a node: node depth + 1
    content: str
    cells: dict[str, str] = field(default_factory=dict)
    children: list[RawNode] = field(default_factory=list)
    parent: RawNode | None = None
    own_cells: bool = False  # a separate assignment of a merged entry: inherits nothing from it
    marker: str | None = None  # "-" or "+" for bullets


def join_text(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    if (b[:1].islower() or not re.search(r"[.;:!?]$", a)) and not _BULLET.match(b):
        return f"{a} {b}"
    return f"{a}\n{b}"


class Builder:
    """Feeds rows in order and keeps the current section / numbered entry."""

    def __init__(self, roots: list[RawNode]) -> None:
        self.roots = roots
        self.section: RawNode | None = None
        self.heading: RawNode | None = None  # a Roman heading under a letter part
        self.numbered: list[RawNode] = []  # stack of numbered nodes by depth
        self.last: RawNode | None = None  # the node the last row went into

    # ------------------------------------------------------------ helpers

    def _attach(self, node: RawNode, parent: RawNode | None) -> None:
        node.parent = parent
        (parent.children if parent else self.roots).append(node)
        self.last = node

    def _container(self) -> RawNode | None:
        return self.heading or self.section

    def open_section(self, number: str, title: str) -> RawNode:
        node = RawNode(number, "section", 0, title)
        self._attach(node, None)
        self.section, self.heading, self.numbered = node, None, []
        return node

    def restarts(self, number: str) -> bool:
        """Would an entry numbered ``number`` restart the numbering of the current list?"""
        m = _NUMBER.match(number.strip())
        if not m or normalize_number(m.group(1)) != "1":
            return False
        container = self._container()
        siblings = container.children if container else self.roots
        return any(n.kind == "numbered" and n.number == "1" for n in siblings)

    @staticmethod
    def _cells(row: Row) -> dict[str, str]:
        cells = dict(row.inherited)
        cells.update({k: v for k, v in row.cells.items() if v or k not in cells})
        return cells

    # ------------------------------------------------------------ rows

    def add(self, row: Row) -> None:
        content = row.cells.get("content", "")
        number = row.number
        others = {k: v for k, v in row.cells.items() if k != "content" and v}
        if row.number_merged and self._sub_row(row, others):
            return
        if not number and not row.number_merged:
            # no STT column, or the number typed into the content cell ("1. Xây dựng …", "II. Triển khai …")
            title_only = not others and not row.inherited
            for pattern, allowed in (
                (_LEADING_NUMBER, True),
                (_ROMAN, title_only),
                (_LEADING_LETTER, title_only),
                (_LEADING_SUB, True),
            ):
                m = pattern.match(content) if allowed else None
                if m and m.group(2):
                    number, content = (
                        m.group(1) + (")" if pattern is _LEADING_SUB else ""),
                        m.group(2).strip(),
                    )
                    break
        number = number.strip()
        roman = _ROMAN.match(number) if number else None
        letter = _LETTER.match(number) if number and not roman else None
        heading = roman or letter
        if heading and (heading.group(2) or content or not others):
            title = join_text((heading.group(2) or "").strip(), content)
            if not title:  # title in another spanning cell
                title = " ".join(v for v in others.values())
            self._heading(heading.group(1), title, is_letter=bool(letter))
            return
        numbered = _NUMBER.match(number) if number else None
        if numbered:
            code = normalize_number(numbered.group(1))
            depth = code.count(".") + 1
            node = RawNode(code, "numbered", depth, content, self._cells(row))
            while self.numbered and self.numbered[-1].depth >= depth:
                self.numbered.pop()
            self._attach(node, self.numbered[-1] if self.numbered else self._container())
            self.numbered.append(node)
            return
        sub = _SUB.match(number) if number else None
        if sub and self.numbered:
            parent = next((n for n in reversed(self.numbered) if not _SUB.match(f"{n.number})")), None)
            depth = (parent.depth if parent else 0) + 1
            node = RawNode(sub.group(1), "numbered", depth, content, self._cells(row))
            while self.numbered and self.numbered[-1].depth >= depth:
                self.numbered.pop()
            self._attach(node, parent)
            self.numbered.append(node)
            return
        self._unnumbered(row, number, content, others)

    def _heading(self, number: str, title: str, *, is_letter: bool) -> None:
        section = self.section
        if not is_letter and section is not None and _LETTER.match(section.number or ""):
            # a Roman heading inside a letter part ("A. …", "I. …"): a group of the part
            node = RawNode(number, "heading", 0, title)
            self._attach(node, section)
            self.heading, self.numbered = node, []
            return
        self.open_section(number, title)

    def _sub_row(self, row: Row, others: dict[str, str]) -> bool:
        """A row under a merged STT cell with an assignment of its own (see module doc)."""
        if not self.numbered or not any(k in others for k in _ASSIGNMENT):
            return False
        content_merged = "content" in row.inherited
        if not content_merged and "lead" not in others and "coordinating" not in others:
            return False
        entry = self.numbered[-1]
        if not any(c.own_cells for c in entry.children):
            first = RawNode(None, "bullet", entry.depth + 1, entry.content, dict(entry.cells), own_cells=True)
            self._attach(first, entry)
        content = row.inherited.get("content", "") if content_merged else row.cells.get("content", "")
        cells = {k: v for k, v in row.inherited.items() if k != "content"}
        cells.update({k: v for k, v in row.cells.items() if k != "content"})
        self._attach(
            RawNode(None, "bullet", entry.depth + 1, content or entry.content, cells, own_cells=True), entry
        )
        return True

    def _unnumbered(self, row: Row, number: str, content: str, others: dict[str, str]) -> None:
        """Continuation of the row above, a sub-heading, or a bullet row of the entry above."""
        if self.last is not None and self._is_continuation(row, content, others):
            self._continue(self.last, row)
            return
        if (
            self.last is not None
            and self.last.kind in ("section", "heading")
            and not others
            and not row.inherited
        ):
            self.last.content = join_text(self.last.content, content)  # a sub-heading spanning the row
            return
        parent = self.numbered[-1] if self.numbered else self._container()
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
        marker = (number or content)[:1] if (number or content)[:1] in "-–•+*" else None
        if marker == "+" and self.last is not None and self.last.marker in ("-", "–", "•"):
            parent = self.last  # "+" items are the sub-items of the "-" item above
        elif marker == "+" and self.last is not None and self.last.marker == "+":
            parent = self.last.parent
        depth = (parent.depth if parent else 0) + 1
        node = RawNode(number or None, "bullet", depth, content, self._cells(row), marker=marker)
        self._attach(node, parent)

    @staticmethod
    def _is_continuation(row: Row, content: str, others: dict[str, str]) -> bool:
        if row.number_merged or row.number[:1] in ("-", "–", "•", "+", "*"):
            return False  # a bullet typed in the STT column starts a list item of its own
        first = content[:1]
        if not content:
            return bool(others)  # only the tail of other cells (a row split over two pages)
        if first.islower():
            return True
        # only the content cell, nothing inherited from merged cells around it: the rest of a split row
        return not others and not any(row.inherited.values())

    @staticmethod
    def _continue(node: RawNode, row: Row) -> None:
        node.content = join_text(node.content, row.cells.get("content", ""))
        if node.kind in ("section", "heading"):
            return
        for role, text in row.cells.items():
            if role != "content" and text:
                node.cells[role] = join_text(node.cells.get(role, ""), text)
