"""The plan document model of the test documents: appendix rows as communes' files lay them out.

Rows are plain lists; in a row "^" means "vertically merged with the cell above" (one lead/deadline
cell spanning several rows in Word), {"section": "I", "title": …} a section row whose title spans the
row, {"span": "II. …"} a row that is one merged cell, {"header": True} a header row repeated in the
body (as a page break shows it), and a row with only one cell filled is a row split over two pages.
The builders (`tests.support.documents.builders`) turn a `PlanDoc` into .docx, .xlsx, .pdf and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

M = "^"  # merged with the cell above

Row = list[str] | dict[str, Any]


@dataclass
class PlanDoc:
    name: str
    columns: list[str]
    rows: list[Row]
    before: list[str] = field(default_factory=list)  # paragraphs before the appendix
    header_table: list[list[str]] | None = None  # the decision header block (a 2-column table)
    after: list[str] = field(default_factory=list)
