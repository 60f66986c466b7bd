"""Document references in free text: "Kế hoạch số 23/KH-UBND ngày 15/8/2025", "QĐ số 561/QĐ-UBND
ngày 20/08/2025", "Báo cáo số ngày 02/10/2025", "28/KH-UBND" … → DocRef.

Type words are matched on a folded copy of the text whose characters line up one to one with
the original (so "ke hoach so 23/kh-ubnd" and "Quyết đinh" work), numbers on the original text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from plans.parsing.types import DocRef
from storage.text import nfc, squash

# folded type word → full Vietnamese type (longest first in the regex)
TYPE_WORDS: dict[str, str] = {
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "thong bao": "Thông báo",
    "bao cao": "Báo cáo",
    "cong van": "Công văn",
    "to trinh": "Tờ trình",
    "chi thi": "Chỉ thị",
    "nghi quyet": "Nghị quyết",
    "nghi dinh": "Nghị định",
    "thong tu": "Thông tư",
    "huong dan": "Hướng dẫn",
    "giay moi": "Giấy mời",
    "cong dien": "Công điện",
    "chuong trinh": "Chương trình",
    "bien ban": "Biên bản",
    "van ban": "Văn bản",
    "ket luan": "Kết luận",
    "phuong an": "Phương án",
}
# abbreviation / number code (folded, lower) → full type
CODES: dict[str, str] = {
    "kh": "Kế hoạch",
    "qd": "Quyết định",
    "tb": "Thông báo",
    "bc": "Báo cáo",
    "cv": "Công văn",
    "ttr": "Tờ trình",
    "ct": "Chỉ thị",
    "nq": "Nghị quyết",
    "nd": "Nghị định",
    "tt": "Thông tư",
    "hd": "Hướng dẫn",
    "gm": "Giấy mời",
    "cd": "Công điện",
    "ctr": "Chương trình",
    "bb": "Biên bản",
    "kl": "Kết luận",
    "pa": "Phương án",
}
GENERIC = {"Văn bản"}

_TYPE_RE = re.compile(
    r"(?<![a-z0-9])(?:(" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")"
    r"|(kh|qd|tb|bc|cv|ttr|ct|nq|nd|hd|gm|vb))(?![a-z0-9])"
)
_SO_RE = re.compile(r"\s*(so)?\s*[:.]?\s*")
_SEG = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*"
# "23/KH-UBND", "28 /BC-UBND", "02/2017/TT- VPCP", "66.7/2025/NQ-CP", "5633/VPCP-KSTT"
_NUM_RE = re.compile(
    r"(\d{1,5}(?:\.\d{1,3})?[a-z]?)((?:\s?/\s?(?:\d{2,5}|"
    + _SEG
    + r"))+(?:-"
    + _SEG
    + r"|-\s+[A-ZĐ]{2,}\b)*)"
)
_BARE_NUM_RE = re.compile(r"\d{1,5}(?![\d/])")
_DATE_RE = re.compile(
    r"\s*,?\s*ngay\s*(\d{1,2})\s*(?:[/.-]\s*(\d{1,2})\s*[/.-]|\s+thang\s+(\d{1,2})\s+nam)\s*(\d{4})"
)
_ANY_NUM_RE = re.compile(r"(?<![\d/])" + _NUM_RE.pattern)


def fold_aligned(text: str) -> str:
    """Lower-case and strip diacritics character by character, keeping indices aligned."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if ch in "đĐ":
            base = "d"
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def _code_segments(number: str) -> list[str]:
    parts = re.split(r"[/-]", number)[1:]
    return [p for p in parts if p and not p[0].isdigit()]


def _normalise_number(head: str, tail: str) -> str:
    number = re.sub(r"\s+", "", head + tail)
    pieces = re.split(r"([/-])", number)
    fixed = []
    for piece in pieces:
        folded = fold_aligned(piece)
        if piece.islower() or folded in ("qd", "nd"):
            # typed in lower case or without Đ: restore the official spelling
            piece = {"qd": "QĐ", "nd": "NĐ", "ttr": "TTr"}.get(folded, piece.upper())
        fixed.append(piece)
    return "".join(fixed)


def type_from_number(number: str | None) -> str | None:
    """KH → Kế hoạch, QĐ → Quyết định …; "123/UBND-VP" (an office code first) → Công văn."""
    if not number:
        return None
    segments = _code_segments(number)
    if not segments:
        return None
    first = fold_aligned(segments[0])
    if first in CODES:
        return CODES[first]
    return "Công văn"


def _parse_date(f: str, pos: int) -> tuple[date | None, int]:
    m = _DATE_RE.match(f, pos)
    if not m:
        return None, pos
    d, mo, y = int(m.group(1)), int(m.group(2) or m.group(3)), int(m.group(4))
    try:
        return date(y, mo, d), m.end()
    except ValueError:
        return None, m.end()


def parse_references(text: str) -> list[DocRef]:
    """Every document reference in a text, in order of appearance."""
    return [ref for _, _, ref in find_references(text)]


def find_references(text: str) -> list[tuple[int, int, DocRef]]:
    """(start, end, ref) of every reference, as character offsets into ``nfc(text)``.

    The offsets let other parsers blank out a cited document ("theo Quyết định số 1441/QĐ-UBND
    ngày 25/9/2025") so that its number and date are never read as the text's own dates."""
    original = nfc(text or "")
    if not original.strip():
        return []
    f = fold_aligned(original)
    found: list[tuple[int, int, DocRef]] = []
    taken: list[tuple[int, int]] = []
    for tm in _TYPE_RE.finditer(f):
        if any(a <= tm.start() < b for a, b in taken):
            continue
        word, abbr = tm.group(1), tm.group(2)
        so = _SO_RE.match(f, tm.end())
        pos = so.end() if so else tm.end()
        has_so = bool(so and so.group(1))
        number: str | None = None
        nm = _NUM_RE.match(original, pos)
        if nm:
            number = _normalise_number(nm.group(1), nm.group(2))
            pos = nm.end()
        elif has_so:
            bare = _BARE_NUM_RE.match(original, pos)
            if bare:
                number = bare.group(0)
                pos = bare.end()
        issued, end = _parse_date(f, pos)
        if number is None and not (has_so and issued is not None):
            continue  # just the word "báo cáo", not a reference
        if abbr and number is None:
            continue
        doc_type = TYPE_WORDS[word] if word else CODES.get(abbr, "Văn bản") if abbr != "vb" else "Văn bản"
        if doc_type in GENERIC:
            doc_type = type_from_number(number) or doc_type
        end = end if issued is not None else pos
        ref = DocRef(doc_type, number, issued, squash(original[tm.start() : end]))
        found.append((tm.start(), end, ref))
        taken.append((tm.start(), end))
    # numbers with a code but no type word: "theo 28/KH-UBND ngày 25/08/2025"
    for nm in _ANY_NUM_RE.finditer(original):
        if any(a <= nm.start() < b for a, b in taken):
            continue
        number = _normalise_number(nm.group(1), nm.group(2))
        inferred = type_from_number(number)
        if inferred is None:
            continue
        issued, end = _parse_date(f, nm.end())
        end = end if issued is not None else nm.end()
        found.append((nm.start(), end, DocRef(inferred, number, issued, squash(original[nm.start() : end]))))
        taken.append((nm.start(), end))
    found.sort(key=lambda item: item[0])
    return found


def format_reference(ref: DocRef) -> str:
    """ "Kế hoạch số 23/KH-UBND ngày 15/8/2025" (day and month without leading zeros)."""
    when = f" ngày {ref.issued_on.day}/{ref.issued_on.month}/{ref.issued_on.year}" if ref.issued_on else ""
    if ref.number:
        return f"{ref.doc_type} số {ref.number}{when}"
    if ref.issued_on:
        return f"{ref.doc_type}{when}"
    text = squash(ref.text)
    if text:
        if not fold_aligned(text).startswith(fold_aligned(ref.doc_type)):
            text = f"{ref.doc_type} {text}"
        return text
    return f"{ref.doc_type}{when}"


_PLAN_NUMBER_RE = re.compile(r"(?<![a-z])so\s*[:.]?\s*")


def parse_plan_number(text: str) -> str | None:
    """ "Số: 25/KH-UBND" / "Số: 28 /BC-UBND" → "25/KH-UBND"; a blank draft number ("Số: /KH-UBND") → None."""
    original = nfc(text or "")
    f = fold_aligned(original)
    for m in _PLAN_NUMBER_RE.finditer(f):
        nm = _NUM_RE.match(original, m.end())
        if nm:
            number = _normalise_number(nm.group(1), nm.group(2))
            if _code_segments(number):
                return number
    return None
