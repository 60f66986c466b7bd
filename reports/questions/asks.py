"""The parts of a question (pure): status and timeliness words, what is asked, comparisons and
rankings, documents, figures. Each reader works on the folded key text (plans.search.search_key of
the read text, period phrases and task codes already taken out) and returns what it found with the
spans it used, so that what is left is the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans import indicators as K

Span = tuple[int, int]

# ---------------------------------------------------------------- status and timeliness

_W = r"(?:viec|nhiem vu|cong viec|noi dung)"
STATUS_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("done_or_in_progress", re.compile(r"\bda (?:va )?dang (?:thuc hien|lam|trien khai)\b|\bda va dang\b")),
    ("no_report", re.compile(r"\bchua (?:co |gui |nop )?bao cao(?: ket qua)?\b|\bchua bao cao\b")),
    ("overdue", re.compile(
        r"\b(?:qua han|tre han|tre hen|het han|cham tien do|cham tre|bi cham|lo han|tre)\b"
        rf"|\b{_W} (?:nao |gi )?(?:bi )?cham\b(?! nhat)")),
    ("not_done", re.compile(
        r"\bchua (?:thuc hien|lam|trien khai|xong|hoan thanh|bat dau|dong|lm)\b(?! (?:chua|khong))"
        r"|\bcon (?:viec |nhiem vu )?(?:gi|nao) chua\b")),
    ("in_progress", re.compile(
        r"\b(?:dang|con dang) (?:lam|thuc hien|trien khai|tien hanh|xu ly)(?: do)?\b|\blam do\b|\bdo dang\b")),
    ("done", re.compile(
        r"\bda (?:xong|hoan thanh|thuc hien|lam xong|hoan tat|lam)\b(?! (?:chua|khong))"
        r"|\bxong (?:roi|het)\b|\bxong\b(?! chua| khong| nhung| nhieu)|\bdut diem\b|\bhoan thanh roi\b"
        rf"|\bhoan thanh(?: duoc)?(?= (?:bao nhieu|may) {_W})")),
]  # fmt: skip


def statuses(key: str) -> list[tuple[str, Span]]:
    """The statuses named, in the order written (a span is read once)."""
    found: list[tuple[str, Span]] = []
    taken: list[Span] = []
    for status, pattern in STATUS_WORDS:
        for m in pattern.finditer(key):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            found.append((status, m.span()))
    return sorted(found, key=lambda item: item[1][0])


# ---------------------------------------------------------------- what is asked

OFFTOPIC_TEXT = re.compile(r"(?:^|\s)(?:viet|soan|lam) (?:giup|ho|cho)\b|\bbai phat bieu\b")
CHART = re.compile(r"\b(?:bieu do|do thi|ve bieu|chart)\b")
# A file format named beside "báo cáo" asks for the document ("báo cáo quý 1 bằng excel").
REPORT = re.compile(
    r"\b(?:xuat|tao|lap|gui|in|soan|tai|lam)\b(?:\s+\S+){0,3}\s+(?:bao cao|phu luc)\b"
    r"|\b(?:bao cao|phu luc)\b.*\b(?:excel|xlsx|docx|word|pdf)\b"
    r"|\b(?:file|tep|ban) (?:excel|xlsx|word|docx|pdf)\b.*\b(?:bao cao|phu luc)\b"
)
DOC_NOUN = (
    r"(?:van ban|ke hoach|quyet dinh|thong bao|bao cao|cong van|nghi dinh|thong tu|chi thi|quy che|"
    r"phu luc|to trinh|huong dan)"
)
DOC_TYPES = {
    "ke hoach": "Kế hoạch", "quyet dinh": "Quyết định", "thong bao": "Thông báo", "bao cao": "Báo cáo",
    "cong van": "Công văn", "nghi dinh": "Nghị định", "thong tu": "Thông tư", "chi thi": "Chỉ thị",
    "to trinh": "Tờ trình", "huong dan": "Hướng dẫn",
}  # fmt: skip
DOC_ASK = re.compile(
    rf"\bso (?:may|bao nhieu|gi|nao|hieu)\b|\b(?:la|theo|bang) (?:{DOC_NOUN} )?nao\b"
    rf"|\b(?:nhung|cac) {DOC_NOUN} nao\b|\b{DOC_NOUN} nao\b|\bgom (?:nhung|co) (?:gi|van ban nao)\b"
    rf"|\bban hanh (?:nhung |cac )?{DOC_NOUN}\b.*\b(?:nao|gi)\b|\bda co chua\b|\bla (?:{DOC_NOUN} )?gi\b"
    r"|\bla (?:cho )?(?:viec|nhiem vu) nao\b|\bnam o (?:viec|nhiem vu) nao\b|\bcua (?:viec|nhiem vu) nao\b"
    rf"|\b(?:bao nhieu|may) {DOC_NOUN}\b|\b(?:dung |la )?(?:cho|ve) (?:viec|nhiem vu) (?:gi|nao)\b"
)
DOC_NOUNS = re.compile(rf"\b{DOC_NOUN}\b")
BARE_NUMBER = re.compile(r"\b(?:van ban|so)\s+(\d{1,4})\b")
COMPARE = re.compile(
    r"\bso sanh\b|\bso voi\b|^so\b(?! (?:hoa|lieu|luong|may|ho so|nhiem vu|viec))(?=.*\bvoi\b)"
    r"|\b(?:ben|muc|don vi|cai|phong|bo phan|quy|thang) nao (?:lam )?(?:nhieu|it|cao|thap|tot|kem|nhanh|cham) hon\b"
    r"|\bhay\b.*\bhon\b|\bvoi\b.*\b(?:hon|ben nao)\b"
)
# "thống kê theo đơn vị", "tỷ lệ của từng phòng": a table of every member, worst first
BY_MEMBER = re.compile(
    r"\b(?:theo|tung|moi|giua cac)\s+(?:tung\s+)?(?:don vi|co quan|phong|bo phan|muc|noi dung)\b"
    r"|\bcac (?:don vi|phong|co quan|bo phan)\b"
)
RANK = re.compile(r"\b(?:nao|gi)\b.*\bnhat\b|\bxep hang\b|\bnhat\b.*\bla (?:don vi|muc|noi dung) nao\b")
UPCOMING = re.compile(
    r"\b(?:den han|sap den han|sap het han|toi han|han chot|se den han)\b"
    r"|\b(?:phai|can) (?:xong|hoan thanh|nop|lam xong)\b"
)
FIELD = [
    ("deadline", re.compile(r"\bhan (?:khi nao|bao gio|ngay nao|la khi nao)\b|\bthoi han\b|\bbao gio (?:phai )?xong\b")),
    ("lead", re.compile(r"\b(?:ai|don vi nao|co quan nao|phong nao) (?:chu tri|phu trach|lam)\b")),
]  # fmt: skip
COUNT = re.compile(
    rf"\b(?:bao nhieu|may|so luong|tong so|tong cong)\s+(?:{_W}|muc)\b|\b{_W}\b.*\bbao nhieu\b(?! phan tram)"
)
LIST = re.compile(
    rf"\b(?:nhung|cac)\s+{_W}\b|\b{_W}\s+(?:nao|gi)\b|\bdanh sach\b|\bliet ke\b|\bnhung gi\b|\bchi tiet\b"
    rf"|^cu the\b|\bco {_W} (?:gi|nao)\b|\bcon (?:gi|viec gi)\b|\bgom nhung\b|\bnhung {_W}\b"
)
RATE = re.compile(
    r"\bty le\b|\bphan tram\b|\bdat (?:duoc )?(?:bao nhieu|may)\b|\bhoan thanh (?:duoc )?bao nhieu\b|\btien do\b"
    r"|\bthong ke\b|\btinh hinh\b|\bket qua thuc hien\b|\b(?:the nao|ra sao|den dau|the nao roi)\b"
)
STATEMENT = re.compile(r"^(?:toi |em |minh )?(?:da|vua) (?:hoan thanh|xong|thuc hien|lam xong)\b")
ASKING = re.compile(r"\b(?:bao nhieu|nao|chua|the nao|ra sao|gi|may|khong|hay|hon|so voi)\b")
FOLLOWUP = re.compile(
    r"^(?:the )?con\b|\bthi sao\b|^the\b|\bthoi\b\s*$|^(?:chi tiet|liet ke|cu the)\b|^con\b"
)
SINGLE = re.compile(rf"^(?:{_W})\s")  # "việc ban hành kế hoạch …": one task named by its content

# ---------------------------------------------------------------- figures (KPI)

FIGURE = re.compile(
    r"\b(?:ty le|phan tram|bao nhieu|may|dat|chi tieu|so lieu|tong cong|tong so|nao khong|co khong"
    r"|con bao nhieu|bao nhieu phan tram|(?:ho so|thu tuc|phan anh(?: kien nghi)?)\s+nao)\b"
)
RATE_FAMILY = re.compile(r"\b(?:ty le|phan tram|dat chi tieu|dat chua|chua dat|dat (?:bao nhieu|may))\b")
COUNT_FAMILY = re.compile(
    r"\b(?:bao nhieu|may|so)\s+(?:ho so|thu tuc|phan anh|giao dich)\b|\b(?:ho so|thu tuc|phan anh)\b.*\bnao\b"
    r"|\bnhieu (?:ho so|thu tuc)?\s*hon\b|\bnhieu nhat\b|\btong cong\b|\bcon bao nhieu\b"
)
GOALS = re.compile(r"\b(?:chi tieu|chi so|kpi|muc tieu)\b")
UNMET = re.compile(r"\b(?:chua|khong) (?:dat|hoan thanh|du)\b|\bcon thieu\b")
THRESHOLD = re.compile(r"\b(\d{1,3}(?:[.,]\d+)?)\s*phan tram\b")
TASK_NOUN = re.compile(rf"\b{_W}\b")


@dataclass(frozen=True)
class Figures:
    metrics: tuple[str, ...]
    family: str | None


def figure_family(key: str) -> str | None:
    if RATE_FAMILY.search(key):
        return K.RATE
    if COUNT_FAMILY.search(key):
        return K.COUNT
    return None


def figures(parts: list[str], family: str | None, *, sides: bool = False) -> Figures:
    """The indicators named, one per clause ("đang giải quyết bao nhiêu, quá hạn mấy" → two); with
    `sides`, one per side of a comparison ("trực tuyến với trực tiếp")."""
    clauses = [
        c for part in parts for c in (re.split(r"\s+(?:so voi|voi|hay|va)\s+", part) if sides else [part])
    ]
    metrics: list[str] = []
    for clause in [c for c in clauses if c.strip()]:
        found = K.kinds_in(clause, family)
        if not found and family is not None:
            found = K.kinds_in(clause, None)
        if found and found[0].key not in metrics:
            metrics.append(found[0].key)
    return Figures(tuple(metrics), family)


# ---------------------------------------------------------------- comparisons and rankings

DIMENSIONS: list[tuple[str, re.Pattern[str]]] = [
    ("agency", re.compile(r"\b(?:don vi|co quan|phong|bo phan|ban)\s+(?:nao|gi)\b|\b(?:cac|tung|theo) (?:don vi|phong|co quan|bo phan)\b")),
    ("section", re.compile(r"\bmuc\s+nao\b|\b(?:cac|tung|theo) (?:tung )?muc\b")),
    ("item", re.compile(r"\bnoi dung\s+nao\b|\b(?:cac|tung|theo) (?:tung )?noi dung\b")),
    ("indicator", re.compile(r"\b(?:chi tieu|chi so|hinh thuc|ben)\s+nao\b")),
]  # fmt: skip
WORST = re.compile(r"\b(?:cham|kem|thap|yeu|te|it)\s+nhat\b|\bcuoi\b|\bxep hang\b")
BEST = re.compile(r"\b(?:tot|cao|nhanh|gioi)\s+nhat\b")
MOST = re.compile(r"\bnhieu\b(?:\s+\S+){0,4}\s+nhat\b")
LEAST = re.compile(r"\bit\b(?:\s+\S+){0,4}\s+nhat\b")


def dimension(key: str) -> str | None:
    for name, pattern in DIMENSIONS:
        if pattern.search(key):
            return name
    return None


def rank_order(key: str) -> tuple[str, str]:
    """(order, measure): worst/best by rate, most/least by count; "tỷ lệ … cao nhất" by rate."""
    if re.search(r"\bty le\b", key):
        return ("best" if BEST.search(key) or MOST.search(key) else "worst"), "rate"
    if MOST.search(key):
        return "most", "count"
    if LEAST.search(key):
        return "least", "count"
    if BEST.search(key):
        return "best", "rate"
    return "worst", "rate"
