"""Folding and typo correction of typed questions against a small Vietnamese vocabulary (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from storage.text import fold, nfc

_VOCAB_TEXT = """
ty le hoan thanh quy nay truoc sau toi thang nam ngoai tuan dau cuoi tien do ke hoach bao nhieu
phan tram dat chua don vi nao cham nhat thong theo viec qua han nhiem vu den phai xong nhung gi chi
tieu muc ho so truc tuyen cac bieu thi phong van hoa xa hoi trung tam phuc hanh chinh cong duoc the
thuc hien dang da con lai sap hien tai xuat lap tao phu luc ket tinh hinh cua co quan tung tong
khong hai long ban cho xem hom ngay mai tre kem thap yeu danh sach liet nhu ra sao vua kiem soat
thu tuc dich toan cap bo phan mot hai ba bon tam bay chin muoi lam gui file word excel chua dat
duoc roi minh chung ung dung nghe tuyen truyen so sanh het nop can may chuyen mon
"""
VOCAB: list[str] = sorted(set(_VOCAB_TEXT.split()))
_VOCAB_SET = set(VOCAB)
# Short forms people type in chat, mapped before the fuzzy correction.
SHORT_FORMS = {
    "ti": "ty",
    "qui": "quy",
    "ko": "khong",
    "k": "khong",
    "dc": "duoc",
    "bn": "bao nhieu",
    "bnhieu": "bao nhieu",
    "nv": "nhiem vu",
    "tl": "ty le",
    "tyle": "ty le",
    "kh": "ke hoach",
    "dv": "don vi",
    "tg": "thoi gian",
    "nao?": "nao",
}


def normalize(text: str) -> str:
    """Folded text with punctuation turned into spaces ("/" kept as its own token)."""
    f = fold(nfc(text)).replace("%", " phan tram ")
    f = re.sub(r"[^0-9a-z/]+", " ", f)
    f = f.replace("/", " / ")
    return re.sub(r"\s+", " ", f).strip()


def correct(tokens: Sequence[str]) -> list[str]:
    """Replace short forms and correct typos of words longer than three letters."""
    out: list[str] = []
    for token in tokens:
        if token in SHORT_FORMS:
            out.extend(SHORT_FORMS[token].split())
            continue
        if token in _VOCAB_SET or not token.isalpha() or len(token) < 4:
            out.append(token)
            continue
        best = process.extractOne(token, VOCAB, scorer=fuzz.ratio, score_cutoff=75)
        out.append(best[0] if best else token)
    return out
