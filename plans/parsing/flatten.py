"""The raw tree → a flat list of nodes with stable hierarchical codes ("I", "I.1", "II.2.3").

Counting follows the communes' own reports: mục = sections I, II …; nội dung = first-level
numbered rows; nhiệm vụ = the leaves (rows under a nội dung, or the nội dung itself when nothing
is under it).

Codes: a section is its number ("II"); an entry under a section is the section's code and its printed
number ("II.3"), without a first part that repeats the section's own number ("2.1" under "II" is II.1,
"1.1" under section "1" is 1.1); an entry under an entry takes the last part of its number ("2.1"
under "2" is ….2.1); bullets and unnumbered rows are numbered by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.parsing.builder import RawNode

_INTRO = re.compile(r"^(?P<intro>[^:]*?:)\s*\n(?P<rest>[-–•+].*)$", re.DOTALL)
_BULLET = re.compile(r"^[-–•+*]\s*")
_INHERITED = ("lead", "coordinating", "deadline", "product")


def split_intro(node: RawNode) -> None:
    """ "Triển khai … các nhiệm vụ về:\\n- Cải cách …" with rows below: the intro is the parent and
    the bullet written in the same cell is its first task (it carries that row's result)."""
    for child in node.children:
        split_intro(child)
    if node.kind in ("section", "heading") or not node.children or any(c.own_cells for c in node.children):
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


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _ordinal(number: str | None) -> int | None:
    """The ordinal of a section number: "II" → 2, "IV" → 4, "3" → 3; None for a letter part."""
    if not number:
        return None
    if number.isdigit():
        return int(number)
    if not re.fullmatch(r"[IVX]+", number):
        return None
    total = 0
    for ch, nxt in zip(number, [*number[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


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
            # a section's own cells (a numbered title row read as a section) still fill its rows'
            flat = FlatNode(
                code, node.number, "section", 1, node.number, node.content, None, dict(node.cells)
            )
        else:
            if node.kind == "heading":
                code = f"{parent.code}.{node.number}" if parent else str(node.number)
            elif node.kind == "numbered" and node.number and not (mixed and node.depth > 1):
                # under an entry, "2.1" is that entry's ".1"; under a section or heading the number is
                # whole, except its first part when that repeats the section's own number ("II" → "2.1")
                under_entry = node.parent is not None and node.parent.kind not in ("section", "heading")
                base = node.number if node.depth > 1 and parent and under_entry else None
                local = node.number.split(".")[-1] if base else node.number
                if not under_entry and node.parent is not None and node.depth > 1:
                    head, _, rest = node.number.partition(".")
                    if rest and head.isdigit() and _ordinal(node.parent.number) == int(head):
                        local = rest
                code = f"{parent.code}.{local}" if parent else node.number
            else:
                code = f"{parent.code}.{position}" if parent else str(position)
            cells = dict(node.cells)
            if parent is not None and not node.own_cells:
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
