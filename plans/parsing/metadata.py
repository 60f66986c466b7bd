"""Plan metadata from the text around the appendix: organization, number, issue date, title, year."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from plans.parsing.references import find_references, parse_plan_number, type_from_number
from storage.text import fold, nfc

logger = logging.getLogger(__name__)

_UNIT_TYPES = ("thị trấn", "thị xã", "phường", "xã", "huyện", "quận", "thành phố", "tỉnh")
_HEADER_LINES = 8  # the header block of a document: "ỦY BAN NHÂN DÂN / TỈNH …", "Số: …", the date
_ISSUED = re.compile(
    r"(?P<place>[^\n,]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^S[ốo]\s*(?:hiệu)?\s*:?\s*(\d*\s*/\s*[A-ZĐ]+(?:\s*-\s*[A-ZĐ]+)*)", re.IGNORECASE)
_DOC_TYPES = {"ke hoach": "Kế hoạch", "bao cao": "Báo cáo", "quyet dinh": "Quyết định"}
_PLAN_CITED = re.compile(
    r"Kế hoạch số\s*(?P<number>\d+\s*/\s*KH-[A-ZĐ]+)\s*ngày\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})"
    r"\s*của\s*(?:UBND|Ủy ban nhân dân)\s*(?:xã|phường|thị trấn)\b(?P<rest>[^;]*)",
    re.IGNORECASE,
)
# the words after the unit type are checked by _proper_name (a character range cannot tell "Đ" from "đ")
_ORG_IN_TEXT = re.compile(
    r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(xã|phường|thị trấn)\s+(\S+(?:[ \t]+\S+){0,3})"
)
_ORG_AREA = re.compile(r"trên địa bàn (xã|phường|thị trấn) (\S+(?:[ \t]+\S+){0,3})")


@dataclass
class Metadata:
    organization: str | None = None
    number: str | None = None
    issued_on: date | None = None
    title: str | None = None
    year: int | None = None
    doc_type: str | None = None  # type of the title: Kế hoạch | Báo cáo | Quyết định
    span: tuple[int, int] | None = None  # first and last year of the plan
    file_type: str | None = None  # the document the file is (its own "Số: …" decides)


def _unit_name(text: str) -> str | None:
    """ "XÃ THANH XÁ" → "xã Thanh Xá"."""
    text = re.sub(r"\s+", " ", text).strip(" .,")
    low = text.lower()
    for unit in _UNIT_TYPES:
        if low.startswith(unit + " "):
            name = text[len(unit) + 1 :].strip()
            # a unit's name is a proper name ("Thanh Xá", "Hồ Chí Minh"), not a sentence that happens
            # to start with "UBND xã là 378 thủ tục …" on a wrapped line
            if not name or not all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in name.split()):
                return None
            name = name.title() if name.isupper() else name
            return f"{unit} {name}"
    return None


def organization_from_lines(lines: list[str]) -> str | None:
    """The issuing People's Committee. A commune-level unit named in a header line wins (a
    commune's header often names the district above it first: "UBND HUYỆN THANH HÀ / UBND XÃ THANH
    XÁ"); a header that names only a province, city or district ("ỦY BAN NHÂN DÂN / TỈNH BẮC NINH")
    is issued by that unit; without a header, the commune named in the text."""
    higher: str | None = None
    for index, line in enumerate(lines[:40]):
        key = fold(line)
        if not key.startswith(("uy ban nhan dan", "ubnd")):
            continue
        rest = re.sub(r"^(?:[ỦUỶ]Y BAN NHÂN DÂN|UBND)\s*", "", line.strip(), flags=re.IGNORECASE)
        candidates = [rest] if rest else []
        if index + 1 < len(lines):
            candidates.append(lines[index + 1])
        for candidate in candidates:
            candidate = re.split(r"CỘNG H[ÒO]A|\n", candidate)[0]
            unit = _unit_name(candidate)
            if unit and not unit.startswith(("huyện", "tỉnh", "thành phố", "quận", "thị xã")):
                return f"UBND {unit}"
            if unit and higher is None and index < _HEADER_LINES:
                higher = unit
    if higher is not None:
        return f"UBND {higher}"
    issuer = header_issuer(lines)
    if issuer is not None:
        return issuer
    text = "\n".join(lines)
    for pattern in (_ORG_IN_TEXT, _ORG_AREA):
        for m in pattern.finditer(text):
            name = _proper_name(m.group(2))
            if name:
                return f"UBND {m.group(1).lower()} {name}"
    return None


_UNIT_WORDS = ("XÃ", "PHƯỜNG", "THỊ TRẤN", "HUYỆN", "QUẬN", "THỊ XÃ", "TỈNH", "THÀNH PHỐ", "ĐẶC KHU")
_SUB_BODIES = ("BAN ", "THƯỜNG TRỰC", "VĂN PHÒNG", "TỔ ", "HỘI ĐỒNG", "ĐẢNG ĐOÀN")
_ACRONYMS = {"UBND", "HĐND", "MTTQ", "TTHC", "BCH", "BTV", "CCB", "TNCS", "LĐLĐ", "HCM"}


def header_issuer(lines: list[str]) -> str | None:
    """The issuer named in the left cell of a header that is not a People's Committee: the lines
    before the national motto ("CỘNG HÒA XÃ HỘI …"). A line naming a unit ("XÃ LƯƠNG MINH") belongs
    to the body above it; a last line naming a standing body ("BAN THƯỜNG TRỰC") is that body of
    the one above: "ỦY BAN MTTQ VIỆT NAM / XÃ LƯƠNG MINH / BAN THƯỜNG TRỰC" → "Ban thường trực Ủy ban
    MTTQ Việt Nam xã Lương Minh"; "THỦ TƯỚNG CHÍNH PHỦ" → "Thủ tướng Chính phủ"."""
    motto = next((i for i, line in enumerate(lines[:12]) if fold(line).startswith("cong hoa xa hoi")), None)
    if not motto:
        return None
    bodies: list[str] = []
    for line in lines[:motto]:
        line = line.strip()
        if not re.search(r"[^\W\d_]", line) or re.match(r"s[ốo]\s*(?:hiệu)?\s*:", line, re.IGNORECASE):
            continue  # a separator line or the "Số: …" line
        if bodies and line.upper().startswith(_UNIT_WORDS):
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    if not bodies or not all(b.isupper() for b in bodies):
        return None
    issuer = bodies[-1]
    if len(bodies) >= 2 and issuer.startswith(_SUB_BODIES):
        issuer = f"{issuer} {bodies[-2]}"
    return _display_case(issuer)


_FIXED_CASE = {
    "việt nam": "Việt Nam",
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
    "trung ương": "Trung ương",
}


def _display_case(text: str) -> str:
    """An upper-case header name in running case: lower case, acronyms kept, the place name after
    the unit type ("xã Lương Minh") and fixed names ("Việt Nam", "Chính phủ") capitalized."""
    out: list[str] = []
    place = False
    for word in text.split():
        if word in _ACRONYMS or not re.search(r"[AĂÂEÊIOÔƠUƯYÀ-Ỹ]", word.replace("Đ", "")):
            out.append(word)
        else:
            out.append(word.capitalize() if place else word.lower())
        place = place or word in ("XÃ", "PHƯỜNG", "HUYỆN", "QUẬN", "TỈNH", "TRẤN", "PHỐ", "KHU")
    joined = " ".join(out)
    for lower, fixed in _FIXED_CASE.items():
        joined = re.sub(rf"\b{lower}\b", fixed, joined)
    return joined[:1].upper() + joined[1:]


def _proper_name(words: str) -> str | None:
    """The capitalized words a name is made of: "Khúc Thừa Dụ không có …" → "Khúc Thừa Dụ"."""
    name: list[str] = []
    for word in words.split()[:4]:
        if not word[:1].isupper() or any(c.isdigit() for c in word):
            break
        name.append(word.strip(",.;:()"))
        if word[-1:] in ",.;:()":
            break
    return " ".join(name) or None


def _sentence_case(text: str) -> str:
    if text.isupper():
        low = text.lower()
        return low[:1].upper() + low[1:]
    return text


def title_from_lines(lines: list[str]) -> tuple[str | None, str | None]:
    """(title, doc type): the line "KẾ HOẠCH"/"BÁO CÁO" and the lines that name it."""
    best: tuple[int, str, str] | None = None
    priority = {"Kế hoạch": 0, "Báo cáo": 1, "Quyết định": 2}
    for index, line in enumerate(lines[:80]):
        key = fold(line).strip(" :")
        for prefix, doc_type in _DOC_TYPES.items():
            if not line.isupper() or not (key == prefix or key.startswith(prefix + " ")):
                continue
            parts = [_sentence_case(line.strip())]
            for follow in lines[index + 1 : index + 4]:
                fkey = fold(follow)
                if fkey.startswith(
                    ("thuc hien", "can cu", "(", "chu tich", "uy ban", "kem theo", "tiep tuc")
                ) or (follow.isupper() and len(parts) > 1):
                    break
                parts.append(follow.strip().lower() if follow.isupper() else follow.strip())
                if follow.rstrip().endswith((".", ";")):
                    break
            title = re.sub(r"\s+", " ", " ".join(parts)).strip()
            if best is None or priority[doc_type] < priority[best[2]]:
                best = (index, title, doc_type)
    if best:
        return best[1], best[2]
    for index, line in enumerate(lines):
        if fold(line).startswith("phu luc"):
            if len(line) > 20 or index + 1 >= len(lines):
                return line.strip(), None
            return lines[index + 1].strip(), None
    return None, None


_REPORT_PREFIX = re.compile(r"^báo cáo\s+(?:kết quả\s+)?(?:thực hiện\s+|triển khai\s+)?", re.IGNORECASE)
_PERIOD_SUFFIX = re.compile(
    r"\s*(?:trong\s+)?(?:quý\s+[IVX\d]+|tháng\s+\d{1,2}|\d\s+tháng\s+(?:đầu|cuối))(?:\s*(?:năm\s+|/)\d{4})?\.?$",
    re.IGNORECASE,
)


def plan_title_from_report(title: str | None) -> str | None:
    """ "Báo cáo Kết quả thực hiện Kế hoạch X năm 2023 … quý I năm 2023" → "Kế hoạch X năm 2023 …".

    A report's appendix stands for the plan it reports on, so the plan keeps the plan's own title.
    """
    if not title:
        return title
    stripped = _REPORT_PREFIX.sub("", title, count=1)
    if stripped == title or not stripped:
        return title
    stripped = _PERIOD_SUFFIX.sub("", stripped).strip(" ,;.")
    return stripped[:1].upper() + stripped[1:] if stripped else title


def _parse_date(text: str) -> date | None:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def header_number_and_date(lines: list[str]) -> tuple[str | None, date | None]:
    """The document's own "Số: 25/KH-UBND" and "Thanh Xá, ngày 14 tháng 4 năm 2023" (a blank draft
    number "Số: /KH-UBND" or date "ngày tháng 3 năm 2026" gives None)."""
    number: str | None = None
    issued: date | None = None
    for line in lines[:60]:
        if number is None and fold(line).startswith("so"):
            number = parse_plan_number(line)
            if number is None:
                m = _NUMBER.match(line.strip())
                number = re.sub(r"\s+", "", m.group(1)) if m and re.match(r"\d", m.group(1).strip()) else None
        if issued is None:
            m = _ISSUED.search(line)
            if m:
                try:
                    issued = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError:
                    issued = None
    return number, issued


def extract_metadata(lines: list[str]) -> Metadata:
    meta = Metadata()
    lines = [part.strip() for line in lines for part in line.split("\n") if part.strip()]
    meta.organization = organization_from_lines(lines)
    meta.title, meta.doc_type = title_from_lines(lines)
    meta.number, meta.issued_on = header_number_and_date(lines)
    if meta.number is None and meta.issued_on is None:
        # only the appendix is in the file: its title line names the plan
        meta.number, meta.issued_on = attached_to(lines)
    meta.file_type = type_from_number(meta.number) if meta.number else None
    if meta.file_type not in ("Kế hoạch", "Quyết định", "Báo cáo"):
        meta.file_type = meta.doc_type
    text = "\n".join(lines)
    if meta.doc_type == "Báo cáo":
        # A report's appendix is the plan it reports on: take that plan's number and date.
        m = _PLAN_CITED.search(text.replace("\n", " "))
        if m:
            meta.number = re.sub(r"\s+", "", m.group("number"))
            meta.issued_on = _parse_date(m.group("date"))
        meta.title = plan_title_from_report(meta.title)
    meta.year, meta.span = plan_period([meta.title or "", *appendix_titles(lines)])
    return meta


_SPAN = re.compile(
    r"(?<![\d/])((?:19|20)\d{2})\s*(?:-|–|—|den(?:\s+het)?(?:\s+nam)?)\s*((?:19|20)\d{2})(?![\d/])"
)
_YEAR_WORD = re.compile(r"\bnam\s+((?:19|20)\d{2})(?!\d)")
_HORIZON = re.compile(r"\b(?:den|toi|truoc|sau|dinh huong)(?:\s+het)?\s*$")


def plan_period(texts: list[str]) -> tuple[int | None, tuple[int, int] | None]:
    """(plan year, span) from the plan's title, else from its appendix titles.

    "… giai đoạn 2026 - 2030" → (None, (2026, 2030)); "… năm 2026" → (2026, (2026, 2026)). The
    year of a cited document ("triển khai Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025") and a
    horizon ("… đến năm 2030") are not the plan's: a plan that names no year of its own has none.
    """
    for text in texts:
        original = nfc(text or "")
        chars = list(original)
        for start, end, _ in find_references(original):
            chars[start:end] = " " * (end - start)
        f = fold("".join(chars))
        found: list[tuple[int, int, int | None, tuple[int, int]]] = []
        # "nhiệm kỳ 2026-2031" is a term of office the plan prepares, not the plan's own period
        m = next((m for m in _SPAN.finditer(f) if not re.search(r"nhiem ky\s*$", f[: m.start()])), None)
        if m and int(m.group(1)) <= int(m.group(2)):
            first, last = int(m.group(1)), int(m.group(2))
            found.append((m.start(1), 0, first if first == last else None, (first, last)))
        for m in _YEAR_WORD.finditer(f):
            if not _HORIZON.search(f[max(0, m.start() - 16) : m.start()]):
                named = int(m.group(1))
                found.append((m.start(1), 1, named, (named, named)))
                break
        if found:  # the first period the title names is the plan's ("từ năm 2026 đến năm 2028": the span)
            _, _, plan_year, span = min(found, key=lambda item: (item[0], item[1]))
            return plan_year, span
    return None, None


def appendix_titles(lines: list[str]) -> list[str]:
    """The title lines of an appendix ("PHỤ LỤC" and the lines naming it, up to "(Kèm theo …)")."""
    out: list[str] = []
    for index, line in enumerate(lines[:120]):
        if not fold(line).startswith("phu luc"):
            continue
        rest = re.sub(r"^ph[ụu] l[ụu]c\s*[IVX\d]*\s*[:.]?\s*", "", line.strip(), flags=re.IGNORECASE)
        if rest:
            out.append(rest)
        for follow in lines[index + 1 : index + 4]:
            if follow.strip().startswith("("):
                break
            out.append(follow)
    return out


def attached_to(lines: list[str]) -> tuple[str | None, date | None]:
    """(number, date) of the plan an appendix is attached to: "(Ban hành kèm theo Kế hoạch số
    144/KH-UBND ngày 24 tháng 11 năm 2025 …)"; a report's appendix ("Kèm theo Báo cáo số …")
    names the report, not the plan."""
    for line in lines[:120]:
        key = fold(line).lstrip("( ")
        if not key.startswith(("kem theo", "ban hanh kem theo")):
            continue
        for _, _, ref in find_references(line):
            if ref.doc_type in ("Kế hoạch", "Quyết định"):
                return ref.number if ref.number and "/" in ref.number else None, ref.issued_on
        return None, None
    return None, None
