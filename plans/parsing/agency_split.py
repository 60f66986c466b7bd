"""Agency cells of plan appendices → the agency names they list, as written.

Separators are ";", bullets ("- …", "+ …", "• …"), line breaks that start a new name, and commas
that start a new agency. Rules a reader of Vietnamese administrative documents applies:
- A collective name stays whole: "Các sở, ban, ngành, địa phương", "Sở, ban, ngành có liên quan",
  "UBND các xã, phường, đặc khu", "Các sở, ngành, UBND xã, phường, đặc khu", "Viện, Trường". A
  collective is opened by "Các/Những" (the plural covers the whole enumeration) or by a bare unit
  type ("Sở", "UBND xã"); it runs on over the commas while the next part is again a unit type
  with no proper name ("ban", "ngành tỉnh", "đơn vị liên quan", "UBND xã"). "các …" after a comma
  opens a new one ("Các phòng chuyên môn, các cơ quan, đơn vị liên quan" is two).
- Otherwise a comma separates agencies only when a new agency name starts after it ("…, Sở Công
  Thương", "…, các doanh nghiệp viễn thông", "…, nhà đầu tư"); a comma inside a name stays
  ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh", "Phòng Kinh tế, Hạ tầng và Đô thị").
- "và" separates when another agency starts after it ("…, Bộ Tư pháp và các cơ quan có liên quan",
  "Bộ Tài chính và Bộ Kế hoạch và Đầu tư", "… và Ủy ban nhân dân các tỉnh"), except inside the fixed
  name "Văn phòng HĐND và UBND" and between two plural groups that form one collective ("các đơn vị
  cấp tỉnh và các địa phương"). A comma inside parentheses is not a separator.
- A second "Sở" inside one name starts another agency (a department's name never contains
  another "Sở"): "Sở Khoa học và Công nghệ Sở Công Thương" is two.
- A role clause after the name is not part of it: "Sở Khoa học và Công nghệ thúc đẩy, theo dõi,
  báo cáo chỉ tiêu" → "Sở Khoa học và Công nghệ" (a lower-case role verb and only lower-case words
  to the end; "Ban Chỉ đạo thực hiện Đề án 06" keeps its name); so is a role note in parentheses
  ("Bộ Nông nghiệp và Môi trường (chủ trì phần chính sách, công nghệ)").
- A line holding only a position ("Lãnh đạo", "Đại diện") belongs to the name on the next line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from storage.text import fold, nfc, squash

# words that start a new agency name (folded); used to split at "," and at PDF line breaks
_HEADS = (
    "cac",
    "phong",
    "trung tam",
    "van phong",
    "cong an",
    "ban",
    "uy ban",
    "dai",
    "cong thong tin",
    "trang",
    "cong chuc",
    "nganh",
    "hoi",
    "doan",
    "mat tran",
    "bo phan",
    "tram",
    "truong",
    "bao hiem",
    "bhxh",
    "chi nhanh",
    "quan su",
    "bch",
    "buu dien",
    "tt",
    "vp",
    "ubnd",
    "hdnd",
    "so",
    "bo",
    "vien",
    "co quan",
    "don vi",
    "doanh nghiep",
    "nha",
    "lien hiep",
    "hiep hoi",
    "ngan hang",
    "tinh doan",
)
_LINE_HEADS = (
    "cac",
    "phong",
    "trung tam",
    "van phong",
    "cong an",
    "ban",
    "dai",
    "cong chuc",
    "co quan",
    "so",
)
_CONNECTOR_END = re.compile(r"(?:\b(?:và|thuộc|của|với|tại|theo|có)|[,&/-])\s*$", re.IGNORECASE)
_BULLET_START = re.compile(r"^\s*[-+•*]+\s*")
# unit types that make up collectives ("sở, ban, ngành", "xã, phường, đặc khu"), folded
_UNIT_TYPES = (
    "so",
    "bo",
    "ban",
    "nganh",
    "dia phuong",
    "co quan",
    "don vi",
    "vien",
    "truong",
    "phong",
    "xa",
    "phuong",
    "thi tran",
    "dac khu",
    "huyen",
    "quan",
    "thi xa",
    "tinh",
    "thanh pho",
    "to chuc",
    "doan the",
    "hoi",
)
_UNIT = r"(?:" + "|".join(sorted(_UNIT_TYPES, key=len, reverse=True)) + r")"
# a part that is only a unit type: "Sở", "ban", "UBND xã", "UBND các xã", "UBND cấp xã", "ngành và địa phương"
_BARE_UNIT = re.compile(
    r"^(?:(?:ubnd|uy ban nhan dan)\s+(?:cac\s+)?(?:cap\s+)?)?" + _UNIT + r"(?:\s+va\s+" + _UNIT + r")*$"
)
_UNIT_START = re.compile(r"^(?:(?:ubnd|uy ban nhan dan)\s+(?:cac\s+)?(?:cap\s+)?)?" + _UNIT + r"\b")
_PLURAL = re.compile(r"^(?:cac|nhung)\s+")
_UBND_PREFIX = re.compile(
    r"^(?:UBND|[ỦU]Y BAN NHÂN DÂN|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:các\s+)?(?:cấp\s+)?"
)
_POSITIONS = ("lanh dao", "dai dien", "giam doc", "pho giam doc", "chu tich", "pho chu tich", "thu truong")
# "(chủ trì phần chính sách, công nghệ)": a note on the agency's role, not part of its name
_ROLE_NOTE = re.compile(
    r"\s*\((?:chủ trì|phối hợp|thực hiện|theo dõi|tham mưu|hướng dẫn|tổng hợp|đầu mối|triển khai)\b[^()]*\)"
)
# "và" before a new agency: "… và các cơ quan có liên quan", "… và Bộ Tư pháp", "… và Ủy ban nhân dân các
# tỉnh"; not the fixed name "Văn phòng HĐND và UBND xã"
_AND_NEW = re.compile(
    r"\s+và\s+(?=(?:các|những)\s|(?:Bộ|Sở|Công an)\s+[A-ZĐÀ-Ỹ]|(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s)"
)
_COUNCIL_END = re.compile(r"(?:HĐND|Hội đồng nhân dân)\s*$", re.IGNORECASE)
# institutions named inside a unit type ("cơ quan thuộc Chính phủ", "bộ, ngành Trung ương")
_INSTITUTIONS = re.compile(r"\b(?:Chính phủ|Trung ương|Nhà nước|Quốc hội)\b")
_ROLE = re.compile(
    r"\s(?:chủ trì|phối hợp|thúc đẩy|theo dõi|hướng dẫn|tổng hợp|thực hiện|báo cáo|tham mưu|triển khai|"
    r"đôn đốc|kiểm tra|chịu trách nhiệm)\b"
)


def _folded(text: str) -> str:
    return fold(text.lstrip(" -+•*")).strip(" .,;:")


# folded heads that are other words without their diacritics: "Sở" not "Số", "Bộ" not "Bỏ"
_EXACT_HEADS = {"so": "sở", "bo": "bộ"}


def _starts_with_head(text: str, heads: Sequence[str]) -> bool:
    folded = _folded(text)
    for head in heads:
        if folded == head or folded.startswith(head + " "):
            exact = _EXACT_HEADS.get(head)
            return exact is None or nfc(text.lstrip(" -+•*"))[: len(exact)].lower() == exact
    return False


def _join_lines(cell: str) -> list[str]:
    """Rejoin PDF/Word line breaks inside names; keep breaks that start a new agency."""
    pieces: list[str] = []
    for line in cell.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if not pieces:
            pieces.append(stripped)
            continue
        prev = pieces[-1]
        new_item = bool(_BULLET_START.match(stripped)) or prev.rstrip().endswith((";", "."))
        if not new_item and _starts_with_head(stripped, _LINE_HEADS) and stripped[0].isupper():
            new_item = not _CONNECTOR_END.search(prev) and _folded(prev) not in _POSITIONS
        if new_item:
            pieces.append(stripped)
        elif re.search(r"\w-$", prev):
            pieces[-1] = prev + stripped  # "VH-\nXH" → "VH-XH"
        else:
            pieces[-1] = f"{prev} {stripped}"
    return pieces


def clean_name(name: str) -> str:
    name = squash(name)
    name = _BULLET_START.sub("", name)
    name = name.strip(" .,;:-+•*…")
    if name.count("(") > name.count(")"):
        name = name.split("(", 1)[0].strip(" .,;:-")
    if name and name[0].islower():
        name = name[0].upper() + name[1:]
    return name


def _drop_role(part: str) -> str:
    """ "Sở KH&CN chủ trì hướng dẫn, tổng hợp" → "Sở KH&CN" (see module doc)."""
    part = _ROLE_NOTE.sub("", part)
    m = _ROLE.search(part)
    before = part[: m.start()].split() if m else []
    # "… được kiểm tra": a passive verb describes the name, it is not the agency's role
    if m is None or len(before) < 2 or before[-1].lower() in ("được", "bị", "cần", "sẽ"):
        return part
    rest = part[m.start() :]
    if any(ch.isupper() for ch in rest):
        return part
    return part[: m.start()]


def _split_second_so(part: str) -> list[str]:
    """ "Sở Khoa học và Công nghệ Sở Công Thương" → two names."""
    starts = [m.start() for m in re.finditer(r"(?<=\s)Sở\s+[A-ZĐÀ-Ỹ]", part)]
    if not starts or not re.match(r"\s*[-+•]?\s*Sở\s", part):
        return [part]
    bounds = [0, *starts, len(part)]
    return [part[a:b] for a, b in pairwise(bounds)]


def split_agencies(cell: str) -> list[str]:
    """One agency cell → the agency names it lists, cleaned, in order, without duplicates."""
    text = nfc(cell or "").replace("\r", "\n")
    names: list[str] = []
    for piece in _join_lines(text):
        # bullets after ";" or "." ("…, đơn vị. - Các cơ quan …") and ";" itself separate agencies
        for part in re.split(r";|\.\s+(?=[-+•])|(?<=\.)\s*[-+•]\s+|^\s*[-+•]+\s*", piece):
            for joined in _split_and(_drop_role(part)):
                for chunk in _split_commas(joined):
                    for one in _split_second_so(chunk):
                        name = clean_name(one)
                        if name and re.search(r"[^\W\d_]", name) and name not in names:
                            names.append(name)
    return names


def _split_and(part: str) -> list[str]:
    """Split at a "và" that starts another agency (see _AND_NEW)."""
    out: list[str] = []
    start = 0
    for m in _AND_NEW.finditer(part):
        before = part[start : m.start()]
        last = _top_level(before)[-1]
        if (
            _COUNCIL_END.search(before)
            or before.count("(") > before.count(")")
            # "các đơn vị cấp tỉnh và các địa phương": two plural groups coordinated are one collective
            or (_PLURAL.match(_folded(last)) and re.match(r"\s+và\s+(?:các|những)\s", part[m.start() :]))
        ):
            continue
        out.append(part[start : m.start()])
        start = m.end()
    out.append(part[start:])
    return out


def _continues_collective(chunk: str) -> bool:
    """The part after a comma is again a unit type with no proper name ("ban", "ngành tỉnh",
    "đơn vị liên quan", "UBND xã", "Trường")."""
    folded = _folded(chunk)
    if _PLURAL.match(folded) or not _UNIT_START.match(folded):
        return False
    if _BARE_UNIT.match(folded):
        return True
    rest = _INSTITUTIONS.sub("", _UBND_PREFIX.sub("", nfc(chunk).strip(" .,;:")))
    words = rest.split()
    return bool(words) and words[0][:1].islower() and not any(w[:1].isupper() for w in words[1:])


def _opens_collective(chunk: str) -> bool:
    folded = _folded(chunk)
    return bool(_PLURAL.match(folded) or _BARE_UNIT.match(folded))


def _top_level(part: str) -> list[str]:
    """``part`` split at the commas outside parentheses."""
    chunks, depth, start = [], 0, 0
    for i, ch in enumerate(part):
        depth += (ch == "(") - (ch == ")") if ch in "()" else 0
        if ch == "," and depth <= 0:
            chunks.append(part[start:i])
            start = i + 1
    chunks.append(part[start:])
    return chunks


def _split_commas(part: str) -> list[str]:
    """Split at "," only where a new agency starts (see module doc); a comma inside parentheses
    is part of the name ("Bộ Văn hóa (Vụ Pháp chế, Vụ Kế hoạch)")."""
    chunks = _top_level(part)
    out = [chunks[0]]
    collective = _opens_collective(chunks[0])
    for chunk in chunks[1:]:
        if collective and _continues_collective(chunk):
            out[-1] = f"{out[-1]},{chunk}"
        elif _starts_with_head(chunk, _HEADS) and out[-1].strip():
            out.append(chunk)
            collective = _opens_collective(chunk)
        else:
            out[-1] = f"{out[-1]},{chunk}"
    return out
