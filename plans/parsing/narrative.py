"""Narrative reports (monthly / quarterly "Báo cáo công tác kiểm soát TTHC …" written as prose) →
the figures leaders ask about. Pure: ``parse_narrative(text)``; a plan import never calls it
(parse_file refuses a file with no task table with "no_table").

What is read:
- the report's own number and date ("Số: 28/BC-UBND", "…, ngày 14 tháng 4 năm 2023"; a blank
  draft number or date gives None), the organization, the title and the period it covers
  ("tháng 11 năm 2025" → Tháng 11/2025, plans.parsing.period_phrases);
- the documents it cites (DocRef, plans.parsing.references);
- indicator values, each with its unit and the sentence it comes from. Numbers are written the
  Vietnamese way: "1.236" is 1236 (a dot before exactly three digits groups thousands), "90,2%" is
  90.2 ("62.38 %", with two digits after the dot, is 62.38). Sections about future work
  ("III. Nhiệm vụ trọng tâm thời gian tới", "Phương hướng …", "Đề xuất, kiến nghị") and target
  phrases ("tối thiểu 60%", "phấn đấu", "đảm bảo đạt") are not results and are skipped.

Indicator keys (stable; a key may repeat when the report gives a figure for several levels,
e.g. "các sở, ngành" and "cấp xã", each with its own sentence):
counts — ho_so_tiep_nhan (hồ sơ tiếp nhận, total), ho_so_truc_tuyen, ho_so_truc_tiep,
ho_so_buu_chinh (received through the postal service), ho_so_ky_truoc (carried over),
ho_so_da_giai_quyet, giai_quyet_truoc_han, giai_quyet_dung_han ("trước và đúng hạn" / "đúng
hạn"), giai_quyet_qua_han ("quá hạn" / "trễ hạn"), ho_so_dang_giai_quyet, ho_so_rut,
tra_ket_qua_buu_chinh, ho_so_lien_thong, so_hoa_ho_so, so_hoa_ket_qua, thanh_toan_truc_tuyen, tthc_tong,
tthc_toan_trinh, tthc_mot_phan, tthc_chua_truc_tuyen, dvc_truc_tuyen, phan_anh_kien_nghi
(received; "không có phản ánh, kiến nghị nào" is 0), phan_anh_da_xu_ly;
rates (unit "%") — ty_le_truc_tuyen, ty_le_toan_trinh, ty_le_thanh_toan_truc_tuyen, ty_le_so_hoa
(hồ sơ and kết quả), ty_le_so_hoa_ho_so, ty_le_tai_su_dung (khai thác, sử dụng lại dữ liệu),
ty_le_dung_han, ty_le_qua_han, ty_le_ket_qua_dien_tu, ty_le_hai_long, ty_le_mot_cua, and
"ty_le:<words>" for any other "tỷ lệ … đạt X%"; a rate written right after a count ("1.217 hồ sơ
= 100%", "120.088 (tỷ lệ 95,53%)") is "<count key>_ty_le".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from plans.parsing.metadata import header_number_and_date, organization_from_lines, title_from_lines
from plans.parsing.period_phrases import parse_period_phrase
from plans.parsing.references import fold_aligned, parse_references
from plans.parsing.types import DocRef
from plans.periods import Period
from storage.text import fold, nfc, squash


@dataclass(frozen=True)
class Indicator:
    key: str  # see the module doc
    label: str  # what is measured, in words
    value: float
    unit: str  # "hồ sơ", "%", "TTHC", "thủ tục", "dịch vụ công", "phản ánh, kiến nghị"
    text: str  # the sentence it comes from, as written


@dataclass
class NarrativeReport:
    title: str | None
    number: str | None  # the report's own number ("357/BC-UBND")
    issued_on: date | None
    organization: str | None
    period: Period | None
    indicators: list[Indicator] = field(default_factory=list)
    documents: list[DocRef] = field(default_factory=list)

    def get(self, key: str) -> Indicator | None:
        """The first indicator with this key."""
        return next((i for i in self.indicators if i.key == key), None)

    def values(self, key: str) -> list[float]:
        return [i.value for i in self.indicators if i.key == key]


def vn_number(text: str) -> float:
    """ "1.236" → 1236, "90,2" → 90.2, "62.38" → 62.38, "05" → 5."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


# ---------------------------------------------------------------- counts

_N = r"(?P<n>\d{1,3}(?:\.\d{3})+(?![\d,])|\d+)(?![\d.,]\d)"
_IS = r"\s*(?:la\s*)?:?\s*"
_UNITS = {
    "ho so": "hồ sơ",
    "thu tuc": "thủ tục",
    "tthc": "TTHC",
    "dich vu cong": "dịch vụ công",
    "dich cong": "dịch vụ công",
    "dvc": "dịch vụ công",
    "phan anh": "phản ánh, kiến nghị",
    "giao dich": "giao dịch",
}
_U = r"(?P<u>ho so|thu tuc|tthc|dich vu cong|dich cong|dvc|phan anh|giao dich)"

# (key, label, default unit, patterns on the folded sentence; group n = the number, u = the unit)
_COUNTS: list[tuple[str, str, str, list[str]]] = [
    ("ho_so_ky_truoc", "hồ sơ kỳ trước chuyển sang", "hồ sơ", [r"ky truoc chuyen sang" + _IS + _N]),
    (
        "ho_so_truc_tuyen",
        "hồ sơ tiếp nhận trực tuyến",
        "hồ sơ",
        [
            r"tiep nhan (?:ho so )?(?:(?:qua|theo) )?(?:hinh thuc )?truc tuyen" + _IS + _N,
            r"tiep nhan(?: duoc)?\s*" + _N + r"\s*ho so (?:nop |dang ky )?truc tuyen",
        ],
    ),
    (
        "ho_so_truc_tiep",
        "hồ sơ tiếp nhận trực tiếp",
        "hồ sơ",
        [
            r"tiep nhan (?:ho so )?(?:(?:qua|theo) )?(?:hinh thuc )?truc tiep" + _IS + _N,
            r"tiep nhan(?: duoc)?\s*" + _N + r"\s*ho so (?:nop )?truc tiep",
        ],
    ),
    (
        "ho_so_buu_chinh",
        "hồ sơ tiếp nhận qua bưu chính",
        "hồ sơ",
        [r"tiep nhan (?:ho so )?qua (?:dich vu )?buu chinh(?: cong ich)?" + _IS + _N],
    ),
    (
        "tra_ket_qua_buu_chinh",
        "hồ sơ trả kết quả qua bưu chính",
        "hồ sơ",
        [r"tra(?: ket qua)? qua (?:dich vu )?buu chinh(?: cong ich)?" + _IS + _N + r"\s*ho so"],
    ),
    (
        "ho_so_tiep_nhan",
        "hồ sơ tiếp nhận",
        "hồ sơ",
        [
            r"(?<!so )tiep nhan(?: va)?(?: giai quyet)?" + _IS + _N + r"\s*ho so",
            r"tong so ho so (?:da )?tiep nhan(?: giai quyet)?" + _IS + _N,
        ],
    ),
    (
        "ho_so_da_giai_quyet",
        "hồ sơ đã giải quyết",
        "hồ sơ",
        [r"(?:ho so|tong so ho so[^.;:]{0,40}?) da giai quyet" + _IS + _N],
    ),
    (
        "giai_quyet_dung_han",
        "hồ sơ giải quyết trước và đúng hạn",
        "hồ sơ",
        [r"giai quyet (?:truoc (?:han )?va )?dung han" + _IS + _N],
    ),
    ("giai_quyet_truoc_han", "hồ sơ giải quyết trước hạn", "hồ sơ", [r"giai quyet truoc han" + _IS + _N]),
    ("giai_quyet_qua_han", "hồ sơ giải quyết quá hạn", "hồ sơ", [r"giai quyet (?:qua|tre) han" + _IS + _N]),
    ("ho_so_dang_giai_quyet", "hồ sơ đang giải quyết", "hồ sơ", [r"dang giai quyet" + _IS + _N]),
    ("ho_so_rut", "hồ sơ rút", "hồ sơ", [_N + r"\s*ho so (?:cong dan |to chuc )?(?:de nghi |xin )?rut"]),
    (
        "ho_so_lien_thong",
        "hồ sơ giải quyết liên thông",
        "hồ sơ",
        [_N + r"\s*ho so (?:duoc )?giai quyet lien thong"],
    ),
    (
        "so_hoa_ket_qua",
        "kết quả giải quyết được số hóa",
        "hồ sơ",
        [
            _N + r"\s*(?:ho so|ket qua)(?: duoc)? so hoa (?:khi )?tra ket qua",
            r"so hoa(?: duoc)?\s*" + _N + r"\s*ket qua",
        ],
    ),
    (
        "so_hoa_ho_so",
        "hồ sơ được số hóa",
        "hồ sơ",
        [r"so hoa(?: duoc)?\s*" + _N + r"\s*ho so", _N + r"\s*ho so (?:duoc )?so hoa"],
    ),
    (
        "thanh_toan_truc_tuyen",
        "hồ sơ thanh toán trực tuyến",
        "hồ sơ",
        [_N + r"\s*(?P<u>ho so|giao dich) (?:duoc )?thanh toan truc tuyen"],
    ),
    (
        "tthc_tong",
        "TTHC thuộc thẩm quyền",
        "thủ tục",
        [r"tong so (?:thu tuc hanh chinh|tthc)[^.;:]{0,90}?(?:la|:)\s*" + _N + r"\s*" + _U],
    ),
    (
        "tthc_toan_trinh",
        "TTHC trực tuyến toàn trình",
        "thủ tục",
        [
            r"(?:thu tuc|tthc)[^.;:]{0,40}?truc tuyen toan trinh" + _IS + _N + r"(?:\s*" + _U + r")?",
            _N + r"\s*" + _U + r" truc tuyen toan trinh",
        ],
    ),
    (
        "tthc_mot_phan",
        "TTHC trực tuyến một phần",
        "thủ tục",
        [
            r"(?:thu tuc|tthc)[^.;:]{0,40}?truc tuyen mot phan" + _IS + _N + r"(?:\s*" + _U + r")?",
            _N + r"\s*" + _U + r" truc tuyen mot phan",
        ],
    ),
    (
        "tthc_chua_truc_tuyen",
        "TTHC chưa cung cấp dịch vụ công trực tuyến",
        "thủ tục",
        [r"chua cung cap (?:dvc|dich vu cong) truc tuyen" + _IS + _N],
    ),
    (
        "dvc_truc_tuyen",
        "dịch vụ công trực tuyến",
        "dịch vụ công",
        [r"(?:cung cap|trien khai)\s*" + _N + r"\s*(?P<u>dich vu cong) truc tuyen(?! toan trinh| mot phan)"],
    ),
    (
        "phan_anh_kien_nghi",
        "phản ánh, kiến nghị tiếp nhận",
        "phản ánh, kiến nghị",
        [r"tiep nhan(?: duoc)?\s*" + _N + r"\s*phan anh", r"\bco\s*" + _N + r"\s*phan anh"],
    ),
    (
        "phan_anh_da_xu_ly",
        "phản ánh, kiến nghị đã xử lý",
        "phản ánh, kiến nghị",
        [r"xu ly[^.;:]{0,40}?\s" + _N + r"\s*phan anh"],
    ),
]
_COMPILED = [(key, label, unit, [re.compile(p) for p in patterns]) for key, label, unit, patterns in _COUNTS]
_NO_FEEDBACK = re.compile(r"khong (?:co|tiep nhan(?: duoc)?|phat sinh) (?:bat ky )?phan anh")
_ATTACHED_RATE = re.compile(
    r"\s*(?:ho so|thu tuc|tthc)?\s*(?:=|\(?\s*(?:ty le|dat)(?: ty le)?)\s*:?\s*(?P<n>\d{1,3}(?:[.,]\d{1,3})?)\s*%"
)

# ---------------------------------------------------------------- rates

_PERCENT = re.compile(r"(?P<n>\d{1,3}(?:[.,]\d{1,3})?)\s*%")
_TARGET = re.compile(
    r"(?:toi thieu|phan dau|chi tieu|dam bao(?: dat)?(?: ty le)?|it nhat|tren|khong duoi)\s*:?\s*$"
)
_RATE_KEYS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"khai thac|su dung lai"), "ty_le_tai_su_dung"),
    (re.compile(r"so hoa.*ket qua|ket qua.*so hoa"), "ty_le_so_hoa"),
    (re.compile(r"so hoa"), "ty_le_so_hoa_ho_so"),
    (re.compile(r"thanh toan truc tuyen"), "ty_le_thanh_toan_truc_tuyen"),
    (re.compile(r"toan trinh"), "ty_le_toan_trinh"),
    (re.compile(r"truc tuyen"), "ty_le_truc_tuyen"),
    (re.compile(r"truoc han|dung han"), "ty_le_dung_han"),
    (re.compile(r"qua han|tre han"), "ty_le_qua_han"),
    (re.compile(r"ket qua.*dien tu|ban dien tu"), "ty_le_ket_qua_dien_tu"),
    (re.compile(r"hai long"), "ty_le_hai_long"),
    (re.compile(r"mot cua"), "ty_le_mot_cua"),
]
_PLANNED = re.compile(r"phuong huong|nhiem vu.*(?:toi|tiep theo)|thoi gian toi|sap toi|de xuat|^kien nghi")
_HEADING = re.compile(r"^\s*([IVX]{1,4})\.\s+(\S.*)$")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)|\s+(?=[-+•*]\s+[A-ZĐÀ-Ỹ])")
_SUBHEADING = re.compile(r"^\s*(?:\d{1,2}\.|[a-zđ]\))\s+\S")


def _sentences(text: str) -> list[str]:
    """The sentences of the report's result sections (see module doc), whitespace collapsed."""
    out: list[str] = []
    planned = False
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph and not planned:
            joined = squash(" ".join(paragraph))
            out.extend(s.strip() for s in _SENTENCE_END.split(joined) if s.strip())
        paragraph.clear()

    for line in nfc(text).split("\n"):
        heading = _HEADING.match(line)
        if heading and heading.group(2).strip().upper() == heading.group(2).strip():
            flush()
            planned = bool(_PLANNED.search(fold(heading.group(2))))
            continue
        if _SUBHEADING.match(line):
            flush()  # "4. Về tình hình …", "a) Kết quả …": a new paragraph
        if line.strip():
            paragraph.append(line.strip())
    flush()
    return out


def _rate_key(label: str) -> str:
    key = fold(label)
    for pattern, name in _RATE_KEYS:
        if pattern.search(key):
            return name
    words = re.sub(r"[^a-z0-9 ]+", " ", key).split()[:8]
    return "ty_le:" + "_".join(words)


Found = list[tuple[int, Indicator]]  # (position of the number in the sentence, indicator)


def _counts(sentence: str, f: str, taken: list[tuple[int, int]]) -> Found:
    found: Found = []
    for key, label, unit, patterns in _COMPILED:
        for pattern in patterns:
            for m in pattern.finditer(f):
                span = m.span("n")
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                written = m.groupdict().get("u")
                value = vn_number(m.group("n"))
                found.append(
                    (span[0], Indicator(key, label, value, _UNITS.get(written or "", unit), sentence))
                )
                rate = _ATTACHED_RATE.match(f, m.end())
                if rate:
                    taken.append(rate.span("n"))
                    rate_value = vn_number(rate.group("n"))
                    found.append(
                        (
                            rate.start("n"),
                            Indicator(f"{key}_ty_le", f"{label} (tỷ lệ)", rate_value, "%", sentence),
                        )
                    )
    none = _NO_FEEDBACK.search(f)
    if none and not any(i.key == "phan_anh_kien_nghi" for _, i in found):
        zero = Indicator(
            "phan_anh_kien_nghi", "phản ánh, kiến nghị tiếp nhận", 0.0, "phản ánh, kiến nghị", sentence
        )
        found.append((none.start(), zero))
    return found


def _rates(sentence: str, f: str, taken: list[tuple[int, int]]) -> Found:
    """ "Tỷ lệ <what> đạt X%", "<what> đạt X%": the value and what it measures."""
    found: Found = []
    for m in _PERCENT.finditer(f):
        if any(a <= m.start() < b for a, b in taken):
            continue
        before = f[: m.start()]
        if _TARGET.search(before[-30:]):
            continue
        reached = re.search(r"[\s(](?:tinh\s+)?dat(?:\s+ty le)?\s*:?\s*$", before)
        if not reached:
            continue
        head = before[: reached.start()]
        clause = max(head.rfind(";"), head.rfind(": "), head.rfind(" - "), 0)
        anchor = head.rfind("ty le", clause)
        start = anchor + len("ty le") if anchor >= 0 else clause
        label = sentence[start : reached.start()].strip(" :;,-+•")
        if not re.search(r"[^\W\d_]", label):
            continue
        value = vn_number(m.group("n"))
        if value > 100:
            continue
        found.append((m.start(), Indicator(_rate_key(label), label, value, "%", sentence)))
    return found


def parse_narrative(text: str) -> NarrativeReport:
    """Read a narrative report (see module doc). Never raises on odd text."""
    clean = nfc(text or "")
    lines = [squash(line) for line in clean.split("\n") if line.strip()]
    number, issued = header_number_and_date(lines[:20])
    title, _ = title_from_lines(lines)
    period = parse_period_phrase(title, default_year=None) if title else None
    report = NarrativeReport(title, number, issued, organization_from_lines(lines), period)
    for sentence in _sentences(clean):
        f = fold_aligned(sentence)
        taken: list[tuple[int, int]] = []
        found = _counts(sentence, f, taken) + _rates(sentence, f, taken)
        report.indicators.extend(indicator for _, indicator in sorted(found, key=lambda item: item[0]))
    cited: dict[tuple[str, str], int] = {}  # one entry per document; a later mention may add its date
    for ref in parse_references(clean):
        if not ref.number or ref.number == number:  # the report's own "Số: …" is not a citation
            continue
        key = (ref.doc_type, ref.number)
        if key not in cited:
            cited[key] = len(report.documents)
            report.documents.append(ref)
        elif report.documents[cited[key]].issued_on is None and ref.issued_on is not None:
            report.documents[cited[key]] = ref
    return report
