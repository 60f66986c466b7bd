"""KPI targets in plan content ("Đạt tỷ lệ tối thiểu 60% hồ sơ tiếp nhận trực tuyến …"), percentages
in reported results ("61,3%", "62.38 %") and the KPI values officials type.

A target's metric is the short noun phrase after the percentage ("60% hồ sơ tiếp nhận trực
tuyến trên tổng số …" → "hồ sơ tiếp nhận trực tuyến"), or, when nothing follows, the phrase
before "đạt" ("Tỷ lệ số hóa hồ sơ … đạt 80%", "Niêm yết, công khai TTHC (đạt tỷ lệ 100%)").
Percentages inside reported results ("Tính đến hết ngày 30/09/2025, tỷ lệ … đạt 61,3%") are
values, not targets.
"""

from __future__ import annotations

import re

from plans.parsing.types import Target
from storage.text import fold, nfc, squash

_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,3})?)\s*%")
_KPI_INPUT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%?")
# a clause ends at these (bullets " - " included, hyphens inside names have no spaces around)
_CLAUSE_SPLIT = re.compile(r"[;.!?\n]|\s[-+•]\s|^[-+•]\s|\(|\)")
_RIGHT_STOP = re.compile(
    r"[;,.:()\n]|\s[-+•]\s|\s(?:trên|so với|trong đó|đảm bảo|bảo đảm|theo|tại|nhằm|để|trở lên|"
    r"trừ|đối với|hoặc)\s|\svà\s+(?=(?:đạt\s+)?\d)",
    re.IGNORECASE,
)
_LEFT_STOP = re.compile(r"\s(?:trên|của|so với|tại)\s", re.IGNORECASE)
_LEFT_ANCHOR = re.compile(r"\b(tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|mức độ|chỉ số)\s", re.IGNORECASE)
_QUALIFIERS = r"(?:\s+(?:tối thiểu|ít nhất|khoảng|trên|từ))*\s*$"
# "Tỷ lệ phủ sóng 5G … đạt 100% dân số": what follows the number is the base of the ratio, the
# measured quantity is the ratio named before "đạt"
_RATIO_BEFORE = re.compile(
    r"\b(?:tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng)\s+\S[^;.\n]*?\s(?:đạt|là)" + _QUALIFIERS, re.I
)
# "Kinh tế số chiếm 45% GRDP tỉnh": the share of the subject in what follows
_SHARE_BEFORE = re.compile(r"(?:^|[;.:\n]\s*)(?P<name>[^;.:\n]*?\S)\s+chiếm" + _QUALIFIERS, re.I)
_LEAD_NOISE = re.compile(
    r"^(?:[-+•*.:\s]+|(?:đạt|tối thiểu|tối đa|ít nhất|trên|chỉ tiêu|tỷ lệ|tỉ lệ|từ|trở lên|"
    r"phấn đấu|cắt giảm|giảm|là|bằng|khoảng)\b\s*)+",
    re.IGNORECASE,
)
# folded markers of a reported result (what was achieved), not a plan target
_RESULT_MARKERS = re.compile(
    r"\b(?:tinh den|den het|da dat|dat duoc|chua dat|da so hoa|da tiep nhan|luy ke|ket qua:|"
    r"trong (?:thang|quy)|quy \d|thang \d+ nam|so hoa duoc|da duoc|dat:)"
)
_TARGET_WORDS = re.compile(r"\b(?:toi thieu|it nhat|phan dau|toi da|chi tieu)\b")
_MAX_WORDS = 18


def parse_percent_values(text: str) -> list[float]:
    """ "61,3%", "62.38 %", "99,84% - chưa đạt", "đạt tỷ lệ 78,5%" → [61.3, 62.38, 99.84, 78.5]."""
    return [float(m.group(1).replace(",", ".")) for m in _PERCENT.finditer(nfc(text or ""))]


def parse_kpi_input(text: str) -> float | None:
    """What an official types as a KPI value ("61,3", "61.3%", " 61 % ", "100") → 0–100, else None."""
    m = _KPI_INPUT.fullmatch((text or "").strip())
    if not m:
        return None
    value = float(m.group(1).replace(",", "."))
    return value if 0 <= value <= 100 else None


def _clean_metric(phrase: str) -> str:
    phrase = _LEAD_NOISE.sub("", phrase.strip())
    phrase = phrase.strip(" -+•*,;:.…")
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        phrase = " ".join(words[:_MAX_WORDS])
    if len(phrase) > 1 and phrase[0].isupper() and phrase[1].islower():
        phrase = phrase[0].lower() + phrase[1:]  # "Mức độ hài lòng" → "mức độ hài lòng"
    return phrase


def _right_metric(text: str, end: int) -> str:
    rest = text[end:]
    if re.match(r"\s*(?:[)\];,.]|trở lên|$)", rest, re.IGNORECASE):
        return ""
    stop = _RIGHT_STOP.search(rest)
    if stop and stop.group(0) == "," and len(rest[: stop.start()].split()) <= 2:
        # "100% phản ánh, kiến nghị được giải quyết …": a one- or two-word head continues
        after = _RIGHT_STOP.search(rest, stop.end())
        stop = after
    return _clean_metric(rest[: stop.start()] if stop else rest)


def _left_metric(text: str, start: int) -> str:
    before = text[:start]
    # the "đạt"/"tối thiểu" words right before the number are not part of the metric
    before = re.sub(
        r"(?:\(?\s*(?:đạt|tối thiểu|ít nhất|tỷ lệ|tỉ lệ|chỉ tiêu|từ|trên|là|:)\s*)+$", "", before, flags=re.I
    )
    before = before.rstrip(" (")
    balanced = _balanced_parens(before)
    # a parenthesis closed before the number is part of the phrase ("(R&D)", "(VNeID)")
    clauses = [m.end() for m in _CLAUSE_SPLIT.finditer(before) if m.start() not in balanced]
    clause = before[clauses[-1] :] if clauses else before
    anchors = list(_LEFT_ANCHOR.finditer(clause))
    if anchors:
        anchor = anchors[-1]
        keep_word = anchor.group(1).lower() in ("mức độ", "chỉ số")
        clause = clause[anchor.start() :] if keep_word else clause[anchor.end() :]
        stop = _LEFT_STOP.search(clause)
        if stop:
            clause = clause[: stop.start()]
    else:
        # "Mức độ …, doanh nghiệp …": a long first part before a comma is the metric
        head = clause.split(",", 1)[0]
        if "," in clause and len(head.split()) >= 3:
            clause = head
    return _clean_metric(clause)


def _balanced_parens(text: str) -> set[int]:
    """Positions of the parentheses of text that are closed within it."""
    stack: list[int] = []
    closed: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            closed.update((stack.pop(), i))
    return closed


def _metric(text: str, start: int, end: int) -> str:
    before = text[:start]
    share = _SHARE_BEFORE.search(before)
    if share:
        return _clean_metric(share.group("name"))
    if _RATIO_BEFORE.search(before):
        return _left_metric(text, start)
    return _right_metric(text, end) or _left_metric(text, start)


def _is_result_clause(text: str, start: int, end: int) -> bool:
    clause_start = 0
    for m in _CLAUSE_SPLIT.finditer(text[:start]):
        clause_start = m.end()
    window = fold(text[max(0, clause_start - 60) : end + 15])
    return bool(_RESULT_MARKERS.search(window))


def parse_targets(text: str) -> list[Target]:
    """KPI targets named in a task's content or expected product, in order."""
    clean = squash(nfc(text or ""))
    targets: list[Target] = []
    for m in _PERCENT.finditer(clean):
        value = float(m.group(1).replace(",", "."))
        if value > 100 or _is_result_clause(clean, m.start(), m.end()):
            continue
        if value != int(value) and not _TARGET_WORDS.search(fold(clean[max(0, m.start() - 40) : m.start()])):
            continue  # "73,3%", "90,2%": a measured value; plan targets are whole numbers or "tối thiểu"
        metric = _metric(clean, m.start(), m.end())
        if not metric or not re.search(r"[^\W\d_]", metric):
            continue
        prefix = clean[max(0, m.start() - 20) : m.start()]
        if re.search(r"\bgiảm\s*$", prefix, re.IGNORECASE) and not fold(metric).startswith("giam"):
            metric = f"cắt giảm {metric}"
        elif targets and re.search(r",\s*$", prefix) and targets[-1].metric.startswith("cắt giảm "):
            metric = f"cắt giảm {metric}"  # "cắt giảm 50% thời gian …, 50% chi phí …"
        target = Target(metric, value)
        if target not in targets:
            targets.append(target)
    return targets
