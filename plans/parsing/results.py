"""Result cells of a report's appendix ("Kết quả quý …") → status, documents cited, KPI values.

Status (storage.models.ReportStatus):
- in_progress: "Đang thực hiện", "Đã và đang thực hiện", "Đã, đang thực hiện", "Đang triển khai";
  also "Đạt 99,84% - chưa đạt" (work goes on, the target is not reached yet).
- not_done: "Chưa thực hiện", "Chưa triển khai", "Thực hiện khi có yêu cầu" (nothing done yet),
  "Không phát sinh" (nothing to do this period, so nothing done).
- done: "Đã thực hiện", "Đã hoàn thành", "Đã cập nhật …"; with no status word: a text citing a
  document ("Kế hoạch số 23/KH-UBND …", "Thông báo danh mục TTHC …"), or "Đạt 100%".
The FIRST status phrase decides, and a status phrase wins over cited documents
("Chưa thực hiện: Kế hoạch số 35/KH-UBND …" is not_done). Other descriptive text without any
signal counts as in_progress (something was reported, completion is not stated).
"""

from __future__ import annotations

import re

from plans.parsing.references import TYPE_WORDS, fold_aligned, parse_references
from plans.parsing.targets import parse_percent_values
from plans.parsing.types import ResultInfo
from storage.text import nfc

# (pattern on the lower-case NFC text, pattern on the aligned folded text, status, priority)
# "đã/đang/chưa" are matched with their diacritics or fully bare, so "Đảng", "đa dạng" do not count.
_PHRASES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"(?<!\w)(?:đã|da)\s*(?:,|và|va|/|-)\s*(?:đang|dang)(?!\w)"), "in_progress", 0),
    (re.compile(r"(?<!\w)(?:chưa|chua)\s+(?:đạt|dat)(?!\w)"), "in_progress", 1),
    (re.compile(r"(?<!\w)(?:đang|dang)(?!\w)"), "in_progress", 2),
    (re.compile(r"(?<!\w)(?:chưa|chua)(?!\w)"), "not_done", 2),
    (
        re.compile(r"(?<!\w)(?:không|khong)\s+(?:phát sinh|phat sinh|thực hiện|thuc hien)(?!\w)"),
        "not_done",
        2,
    ),
    (re.compile(r"(?<!\w)(?:đã|da)(?!\w)"), "done", 3),
]
_FOLDED_PHRASES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"(?<!\w)(?:thuc hien\s+)?khi co (?:yeu cau|phat sinh|huong dan|chi dao)"), "not_done", 2),
    (re.compile(r"(?<!\w)hoan thanh(?!\w)"), "done", 3),
]
_DOC_START = re.compile(r"^[-+•*\s]*(?:" + "|".join(TYPE_WORDS) + r"|qd|kh|tb|bc)(?!\w)")


def result_status(text: str) -> str:
    """The status of one result text (see module doc)."""
    lower = nfc(text).lower()
    folded = fold_aligned(lower)
    hits: list[tuple[int, int, str]] = []
    for pattern, status, priority in _PHRASES:
        m = pattern.search(lower)
        if m:
            hits.append((m.start(), priority, status))
    for pattern, status, priority in _FOLDED_PHRASES:
        m = pattern.search(folded)
        if m:
            hits.append((m.start(), priority, status))
    if hits:
        return min(hits)[2]
    if parse_references(text) or _DOC_START.match(folded):
        return "done"
    values = parse_percent_values(text)
    if values and re.search(r"(?<!\w)dat(?!\w)", folded):
        return "done" if min(values) >= 100 else "in_progress"
    return "in_progress"


def parse_result(text: str) -> ResultInfo | None:
    """A result cell → ResultInfo; None when the cell is empty."""
    clean = nfc(text or "").strip()
    if not clean.strip(" -.;,…"):
        return None
    return ResultInfo(
        status=result_status(clean),
        text=clean,
        documents=parse_references(clean),
        kpi_values=parse_percent_values(clean),
    )
