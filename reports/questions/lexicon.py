"""The words of the question grammar (folded: no diacritics, đ→d, lower case), in one place.

Every list here is how people write in the communes' chats: with or without diacritics, in
shorthand ("bn", "ko", "j", "lm", "dc"), in the plans' abbreviations, and a little English. The
grammar (reports/questions/asks.py, periods.py) reads the text these rewrite rules produce.
"""

from __future__ import annotations

import re

# Chat shorthand → words (whole tokens only, before typo correction).
SHORT_FORMS: dict[str, str] = {
    "bn": "bao nhieu", "bnhieu": "bao nhieu", "bnh": "bao nhieu", "ko": "khong", "k": "khong",
    "kg": "khong", "khg": "khong", "hok": "khong", "hong": "khong", "j": "gi", "ji": "gi", "lm": "lam",
    "dc": "duoc", "dk": "duoc", "ds": "danh sach", "ti": "ty", "tỉ": "ty", "qui": "quy", "nv": "nhiem vu",
    "tl": "ty le", "tyle": "ty le", "kh": "ke hoach", "dv": "don vi", "tg": "thoi gian", "sl": "so luong",
    "hs": "ho so", "vb": "van ban", "ntn": "nhu the nao", "r": "roi", "vs": "voi", "ns": "noi", "cv": "cong viec",
    "pct": "pho chu tich", "ct": "chu tich", "cc": "cong chuc", "vp": "van phong", "ksthc": "kiem soat tthc",
    "kstthc": "kiem soat tthc", "ks": "kiem soat", "qd": "quyet dinh", "tb": "thong bao", "bc": "bao cao",
    "q": "quy", "tgian": "thoi gian", "mk": "minh", "ae": "anh em", "thi": "thi", "ok": "ok",
}  # fmt: skip

# English phrases → the Vietnamese the grammar reads (applied only to text that reads as English).
ENGLISH: list[tuple[str, str]] = [
    (r"(?:still )?in progress|ongoing|under way", "dang thuc hien"),
    (r"completion rate", "ty le hoan thanh"), (r"completion", "hoan thanh"), (r"progress", "tien do"),
    (r"this quarter", "quy nay"), (r"(?:last|previous|past) quarter", "quy truoc"),
    (r"next quarter", "quy sau"), (r"this month", "thang nay"), (r"(?:last|previous|past) month", "thang truoc"),
    (r"next month", "thang sau"), (r"this year", "nam nay"), (r"last year", "nam ngoai"),
    (r"this week", "tuan nay"), (r"next week", "tuan sau"), (r"first half(?: of the year)?", "6 thang dau nam"),
    (r"second half(?: of the year)?", "6 thang cuoi nam"), (r"\bq([1-4])\b", r"quy \1"),
    (r"quarter ([1-4])", r"quy \1"),
    (r"which tasks?|what tasks?|tasks? which", "nhung viec nao"), (r"how many", "bao nhieu"),
    (r"not (?:yet )?done(?: yet)?|unfinished|not (?:yet )?(?:started|completed)", "chua thuc hien"),
    (r"(?:are |is )?(?:done|completed|finished)", "da xong"), (r"overdue|late|behind schedule", "qua han"),
    (r"(?:what is |what's )?due", "den han"), (r"not reported", "chua bao cao"),
    (r"online applications?|online files?", "ho so truc tuyen"), (r"online payments?", "thanh toan truc tuyen"),
    (r"applications?|files", "ho so"), (r"digiti[sz]ation|digiti[sz]ed", "so hoa"),
    (r"on target|meet(?:s|ing)? (?:the )?target", "dat chi tieu chua"), (r"targets?|kpis?", "chi tieu"),
    (r"satisfaction", "hai long"), (r"rate|percentage|percent", "ty le"),
    (r"public service cent(?:re|er)", "trung tam phuc vu hanh chinh cong"), (r"plan", "ke hoach"),
    (r"tasks?", "viec"), (r"documents?", "van ban"), (r"reports?", "bao cao"), (r"compared? (?:to|with)", "so voi"),
    (r"compare", "so sanh"), (r"list|show me|show", "liet ke"), (r"slowest|worst", "cham nhat"), (r"best", "tot nhat"),
    (r"agenc(?:y|ies)|departments?|units?", "don vi"), (r"office", "van phong"), (r"section", "muc"),
    (r"who leads", "ai chu tri"), (r"deadline", "han"),
] + [
    (rf"(?:in )?{m}", f"thang {i}")
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), start=1)
]  # fmt: skip
ENGLISH_MARKERS = frozenset(
    [
        "what",
        "which",
        "how",
        "many",
        "is",
        "are",
        "the",
        "of",
        "this",
        "last",
        "next",
        "rate",
        "tasks",
        "task",
        "done",
        "overdue",
        "due",
        "online",
        "payment",
        "digitisation",
        "digitization",
        "completion",
        "quarter",
        "month",
        "year",
        "weather",
        "applications",
        "target",
        "progress",
        "does",
        "have",
        "still",
        "yet",
        "tomorrow",
        "today",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
ENGLISH_STOP = frozenset(
    [
        "what",
        "whats",
        "s",
        "is",
        "are",
        "was",
        "were",
        "the",
        "a",
        "an",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "does",
        "do",
        "did",
        "have",
        "has",
        "yet",
        "still",
        "there",
        "any",
        "please",
        "me",
        "show",
        "tell",
        "our",
        "my",
        "it",
    ]
)

# Off-topic domains: figures a commune has that the plan never tracks. A question about them is
# told what planbot tracks instead of getting the plan's figures.
OFFTOPIC = re.compile(
    r"\b(?:ho ngheo|ngheo|dan so|ngan sach|thu chi|thu ngan|gia (?:lua|dat|vang|xang|ca|thit|rau|nha)|"
    r"gia ca|thoi tiet|weather|xo so|tiem chung|bao hiem y te|bhyt|cat dien|mat dien|lich cat|"
    r"trung cu|bau duoc|phieu bau|ket qua bau|bai phat bieu|phat bieu|viet giup|soan giup|"
    r"lam tho|bong da|tin tuc|gdp|grdp|thu nhap binh quan|lai suat)\b"
)
# What a ranking may rank: anything else ("thôn nào đông cử tri nhất") is not in the plan.
RANK_DIMENSIONS = re.compile(
    r"\b(?:don vi|co quan|phong|bo phan|ban|muc|noi dung|chi tieu|chi so|hinh thuc|ben|nhiem vu|viec)\b"
)
UNKNOWN_DIMENSIONS = re.compile(r"\b(?:thon|xom|ap|to dan pho|khu dan cu|ho|nguoi|ai|dan|cu tri)\s+nao\b")

# Phrases that carry no topic: politeness, question particles, the words of the grammar itself
# (removed from the text before what is left is read as the topic of the question).
FILLERS = re.compile(
    r"\b(?:xin chao|chao|cam on|hello|hi|alo|vang|oke|ok|thanks|thank you|"
    r"uy ban nhan dan|hoi dong nhan dan|xa|phuong|thi tran|cho (?:minh|toi|em|anh|chi) hoi|cho hoi|xin hoi|vui long|giup (?:minh|toi|em)|anh chi oi|"
    r"bao nhieu|the nao|nhu the nao|ra sao|den dau(?: roi)?|the nao roi|xong chua|lam chua|da lam chua|"
    r"da co chua|co khong|duoc khong|hay khong|khong|chua|roi|vay|nhi|nhe|nha|a|oi|ha|the|thi sao|"
    r"thi|sao|gi|nao|may|la|co|cua|va|voi|cac|nhung|moi|tung|cho|ve|theo|o|tai|trong|tren|duoc|bi|"
    r"da|dang|se|con|hien|nay|viec|nhiem vu|cong viec|noi dung|tinh hinh|tien do|ket qua|thuc hien|"
    r"trien khai|lam|hoan thanh|ty le|phan tram|dat|so lieu|thong ke|liet ke|danh sach|chi tiet|"
    r"xem|biet|muon|can|hoi|toi|minh|em|anh|ai|dau|khi|nhat|hon|ben|cai|gom|thoi|nua|ha|nhe)\b"
)
