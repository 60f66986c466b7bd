"""The header row of a task table: which column holds what.

Columns are found by their Vietnamese header in any order, with or without diacritics, upper or
lower case. Roles: number (STT), content, lead (chủ trì / trách nhiệm / đơn vị thực hiện / chủ
đầu tư), coordinating, deadline, product, result (a report's "Kết quả thực hiện/đạt được"), and
columns that are read but not imported (note: "Ghi chú"; budget: "Nguồn kinh phí"; monitor:
"Theo dõi, kiểm tra, đôn đốc"). A table is a task table when it has a content column and a lead
or a deadline column: a KPI table "TT | Chỉ tiêu | Chủ trì" has no deadline and is one.
"""

from __future__ import annotations

import re

from plans.parsing.tables import RawTable
from storage.text import fold

ROLES = ("number", "content", "lead", "coordinating", "deadline", "product", "result")
IGNORED_ROLES = ("note", "budget", "monitor")

# (role, folded words); the first rule that matches decides, so the order matters:
# "Cơ quan phối hợp thực hiện" is coordinating, "Thời gian thực hiện" a deadline.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:(?:so )?tt|stt|so thu tu|thu tu)$")),
    ("note", re.compile(r"^ghi chu\b")),
    ("budget", re.compile(r"\bkinh phi\b")),
    ("monitor", re.compile(r"^theo doi\b")),
    ("content", re.compile(r"noi dung|ten (?:nhiem vu|du an|de an|cong viec)|^chi tieu\b|^du an\b")),
    ("content", re.compile(r"^(?!.*ket qua).*nhiem vu")),
    ("lead", re.compile(r"chu tri")),
    ("coordinating", re.compile(r"phoi hop")),
    ("product", re.compile(r"san pham")),
    # "Kết quả" alone is the expected product; "Kết quả quý …/thực hiện/đạt được" is a report's result
    ("result", re.compile(r"ket qua (?:thuc hien|quy|thang|nam|dat|bao cao|6 thang)|ket qua .*\d")),
    ("product", re.compile(r"ket qua")),
    ("deadline", re.compile(r"thoi han|thoi gian|hoan thanh|tien do|thoi diem")),
    (
        "lead",
        re.compile(r"trach nhiem|(?:don vi|co quan|bo phan) (?:thuc hien|dau moi|phu trach)|chu dau tu"),
    ),
]


def _key(text: str) -> str:
    key = fold(text).replace("(", " ").replace(")", " ")
    return re.sub(r"\s+", " ", key).strip(" .:")


def header_role(text: str) -> str | None:
    key = _key(text)
    if not key or len(key) > 60:  # a header names a column; a long cell is a task's text
        return None
    for role, pattern in _RULES:
        if pattern.search(key):
            return role
    return None


def map_header(texts: list[str]) -> dict[str, int] | None:
    """Column index of each role found, or None when the row is not a task-table header."""
    roles: dict[str, int] = {}
    for index, text in enumerate(texts):
        role = header_role(text)
        if role and role not in roles:
            roles[role] = index
    named = {r: i for r, i in roles.items() if r not in IGNORED_ROLES}
    if "content" in named and ("lead" in named or "deadline" in named) and len(named) >= 3:
        return named
    return None


def looks_like_header(texts: list[str]) -> bool:
    """A row that names columns (STT / Nội dung …) even if we cannot map it."""
    keys = [fold(t) for t in texts if t]
    named = sum(1 for t in texts if header_role(t))
    return len(keys) >= 3 and (named >= 2 or any(k in ("stt", "tt", "so tt") for k in keys))


def find_header(table: RawTable) -> tuple[int, int, dict[str, int]] | None:
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


def header_row_index(table: RawTable) -> int | None:
    """The row that names the columns, for a table whose header could not be mapped."""
    for i, row in enumerate(table.rows[:12]):
        if looks_like_header([c.text for c in row]):
            return i
    return None


def is_repeat_header(texts: list[str], header: list[str]) -> bool:
    folded = [fold(t) for t in texts]
    if folded == [fold(t) for t in header][: len(folded)]:
        return True
    if map_header(texts) is not None:
        return True
    # a row of column numbers "(1) (2) (3) …"
    values = [re.sub(r"[()\s]", "", t) for t in texts if t.strip()]
    return len(values) >= 3 and all(v.isdigit() for v in values) and len(set(values)) == len(values)


def header_year(text: str) -> int | None:
    """The year a column header names: "Thời gian (Năm 2026)" → 2026."""
    found = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text or "")
    return int(found[0]) if len(set(found)) == 1 else None
