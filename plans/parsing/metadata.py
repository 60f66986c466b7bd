"""Plan metadata from the text around the appendix: organization, number, issue date, title, year."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from plans.parsing.references import parse_plan_number
from storage.text import fold

logger = logging.getLogger(__name__)

_UNIT_TYPES = ("thị trấn", "thị xã", "phường", "xã", "huyện", "quận", "thành phố", "tỉnh")
_ISSUED = re.compile(
    r"(?P<place>[^\n,]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(r"ngày\s+(?:\.+\s*)?tháng\s+(?:\d{1,2}|\.+)?\s*năm\s+(\d{4})", re.IGNORECASE)
_NUMBER = re.compile(r"^S[ốo]\s*(?:hiệu)?\s*:?\s*(\d*\s*/\s*[A-ZĐ]+(?:\s*-\s*[A-ZĐ]+)*)", re.IGNORECASE)
_DOC_TYPES = {"ke hoach": "Kế hoạch", "bao cao": "Báo cáo", "quyet dinh": "Quyết định"}
_PLAN_CITED = re.compile(
    r"Kế hoạch số\s*(?P<number>\d+\s*/\s*KH-[A-ZĐ]+)\s*ngày\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})"
    r"\s*của\s*(?:UBND|Ủy ban nhân dân)\s*(?:xã|phường|thị trấn)\b(?P<rest>[^;]*)",
    re.IGNORECASE,
)
_ORG_IN_TEXT = re.compile(
    r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(xã|phường|thị trấn)\s+"
    r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
)


@dataclass
class Metadata:
    organization: str | None = None
    number: str | None = None
    issued_on: date | None = None
    title: str | None = None
    year: int | None = None
    doc_type: str | None = None  # Kế hoạch | Báo cáo | Quyết định


def _unit_name(text: str) -> str | None:
    """ "XÃ THANH XÁ" → "xã Thanh Xá"."""
    text = re.sub(r"\s+", " ", text).strip(" .,")
    low = text.lower()
    for unit in _UNIT_TYPES:
        if low.startswith(unit + " "):
            name = text[len(unit) + 1 :].strip()
            if not name:
                return None
            name = name.title() if name.isupper() else name
            return f"{unit} {name}"
    return None


def organization_from_lines(lines: list[str]) -> str | None:
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
            if unit and not unit.startswith(("huyện", "tỉnh", "thành phố")):
                return f"UBND {unit}"
    text = "\n".join(lines)
    m = _ORG_IN_TEXT.search(text)
    if m:
        return f"UBND {m.group(1).lower()} {m.group(2)}"
    m = re.search(r"trên địa bàn (xã|phường|thị trấn) ((?:[A-ZĐ][\wÀ-ỹ]*)(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3})", text)
    return f"UBND {m.group(1)} {m.group(2)}" if m else None


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
                if fkey.startswith(("thuc hien", "can cu", "(", "chu tich", "uy ban", "kem theo")) or (
                    follow.isupper() and len(parts) > 1
                ):
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


def extract_metadata(lines: list[str]) -> Metadata:
    meta = Metadata()
    lines = [part.strip() for line in lines for part in line.split("\n") if part.strip()]
    meta.organization = organization_from_lines(lines)
    meta.title, meta.doc_type = title_from_lines(lines)
    for line in lines[:60]:
        if meta.number is None and fold(line).startswith("so"):
            number = parse_plan_number(line)
            if number is None:
                m = _NUMBER.match(line.strip())
                number = re.sub(r"\s+", "", m.group(1)) if m and re.match(r"\d", m.group(1).strip()) else None
            meta.number = number
        if meta.issued_on is None:
            m = _ISSUED.search(line)
            if m:
                try:
                    meta.issued_on = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError:
                    meta.issued_on = None
    text = "\n".join(lines)
    if meta.doc_type == "Báo cáo":
        # A report's appendix is the plan it reports on: take that plan's number and date.
        m = _PLAN_CITED.search(text.replace("\n", " "))
        if m:
            meta.number = re.sub(r"\s+", "", m.group("number"))
            meta.issued_on = _parse_date(m.group("date"))
        meta.title = plan_title_from_report(meta.title)
    years = re.findall(r"năm\s+(\d{4})", meta.title or "")
    if years:
        meta.year = int(years[0])
    elif meta.issued_on:
        meta.year = meta.issued_on.year
    else:
        m = _YEAR_ONLY.search(text)
        if m:
            meta.year = int(m.group(1))
        else:
            found = re.findall(r"\bnăm\s+(20\d\d)\b", text)
            meta.year = int(found[0]) if found else None
    return meta
