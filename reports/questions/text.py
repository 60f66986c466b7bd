"""Reading the typed text (pure): NFC, folding, tokens, chat shorthand, English, typo correction.

Correction only fixes a typo towards a word the engine knows (its own grammar words and the words
of the organization's plans). A token that is a well-formed Vietnamese syllable ("nguoi", "khai",
"thac") is a real word and is never changed into another one; only malformed tokens ("thnah") are
corrected, and a well-formed syllable is completed only inside one of the grammar's own two-word
phrases ("hoàn thàn" → "hoàn thành"). Corrections are recorded, never shown as the user's words.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from plans.search import ABBREVIATIONS
from reports.questions.lexicon import ENGLISH, ENGLISH_MARKERS, ENGLISH_STOP, SHORT_FORMS
from storage.text import fold, nfc

# The grammar's own words (what correction may correct towards, besides the plans' words).
_ENGINE_TEXT = """
ty le hoan thanh quy nay truoc sau toi thang nam ngoai tuan dau cuoi tien do ke hoach bao nhieu
phan tram dat chua don vi nao cham nhat thong theo viec qua han nhiem vu den phai xong nhung gi chi
tieu muc ho so truc tuyen cac bieu do thi phong van hoa xa hoi trung tam phuc vu hanh chinh cong duoc
thuc hien dang da con lai sap hien tai xuat lap tao phu luc ket qua tinh hinh cua co quan tung tong
khong hai long ban cho xem hom ngay mai tre kem thap yeu danh sach liet ke nhu ra sao vua kiem soat
thu tuc dich toan cap bo phan mot ba bon tam bay chin muoi lam gui chua roi minh chung ung dung
tuyen truyen so sanh het nop can may chuyen mon bao cao quyet dinh thong tin giai quyet tiep nhan
truc tiep phoi hop chu tri noi dung lien thong buu chinh huong dan trien khai chi so tot nhieu
nhanh cao thap ban hanh van ban phan anh kien nghi thanh toan so hoa khai thac su dung
"""
ENGINE_WORDS: frozenset[str] = frozenset(_ENGINE_TEXT.split())
ENGINE_PHRASES: tuple[str, ...] = (
    "hoan thanh", "ty le", "tien do", "qua han", "den han", "thuc hien", "bao nhieu", "phan tram",
    "ke hoach", "nhiem vu", "chi tieu", "don vi", "so sanh", "danh sach", "tre han", "thanh toan",
    "truc tuyen", "so hoa", "ho so", "bao cao", "van ban", "quyet dinh", "thong bao",
)  # fmt: skip

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x"
_VOWELS = (
    "uye|uya|uyu|uoi|uou|ieu|yeu|oai|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|"
    "uy|ya|ye|a|e|i|o|u|y"
)
_SYLLABLE = re.compile(rf"^(?:{_ONSET})?(?:{_VOWELS})(?:ch|ng|nh|c|m|n|p|t)?$")
_ROMAN = re.compile(r"^[ivx]+$")
# A task code ("II.3.2-2"), a document number ("23/BC-UBND"), a date, a percentage: one token each.
_CODE = re.compile(r"\b[ivx]{1,4}(?:\.\d{1,2})+(?:-\d)?\b")
_DOC = re.compile(r"\b\d{1,4}(?:/\d{4})?/[a-z]{1,8}(?:-[a-z0-9]{1,10}){0,3}\b")
_SLASHED_NUMBERS = re.compile(r"(?<=\d)/(?=\d)")


def is_syllable(token: str) -> bool:
    """Whether a folded token is a well-formed Vietnamese syllable (a real word, or could be)."""
    return bool(_SYLLABLE.match(token))


def normalize(text: str) -> str:
    """Folded text with punctuation turned into spaces; task codes and document numbers stay one
    token, "/" between numbers becomes its own token ("quý 1/2023" → "quy 1 / 2023")."""
    f = fold(nfc(text)).replace("%", " phan tram ")
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f" \x01{len(kept) - 1}\x01 "

    f = _CODE.sub(keep, f)
    f = _DOC.sub(keep, f)
    f = _SLASHED_NUMBERS.sub(" / ", f)
    f = re.sub(r"[^0-9a-z/\x01]+", " ", f)
    f = re.sub(r"/(?![0-9 ])|(?<![0-9 ])/", " ", f)
    f = re.sub(r"\x01(\d+)\x01", lambda m: kept[int(m.group(1))], f)
    return re.sub(r"\s+", " ", f).strip()


def looks_english(tokens: Sequence[str]) -> bool:
    hits = sum(1 for t in tokens if t in ENGLISH_MARKERS)
    return hits >= 2 or (hits == 1 and len(tokens) <= 3 and not all(is_syllable(t) for t in tokens))


def translate(text: str) -> str:
    """English phrases → the Vietnamese the grammar reads; English filler words dropped."""
    out = f" {text} "
    for pattern, repl in ENGLISH:
        # "~" marks the words put in: later patterns and the filler list leave them alone
        marked = " ".join(w if w.startswith("\\") else f"~{w}" for w in repl.split())
        out = re.sub(rf"(?<=\s)(?:{pattern})(?=\s)", marked, out)
    words = [w.lstrip("~") for w in out.split() if w.startswith("~") or w not in ENGLISH_STOP]
    return " ".join(words)


@dataclass(frozen=True)
class Reading:
    original: str  # NFC, as typed
    folded: str  # normalized, before any rewriting
    text: str  # shorthand expanded, English translated, typos corrected: what the grammar reads
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, read as)
    english: bool = False


def _expand(tokens: Sequence[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        quarter = re.fullmatch(r"q([1-4])", token)
        out.extend(["quy", quarter.group(1)] if quarter else SHORT_FORMS.get(token, token).split())
    return out


def correct(tokens: Sequence[str], known: Collection[str] = ENGINE_WORDS) -> list[str]:
    """Short forms replaced, malformed tokens corrected towards known words (see module doc)."""
    fixed, _ = _correct(_expand(tokens), known)
    return fixed


def _correct(tokens: Sequence[str], known: Collection[str]) -> tuple[list[str], list[tuple[str, str]]]:
    words = sorted(set(known) | ENGINE_WORDS)
    out: list[str] = []
    changes: list[tuple[str, str]] = []
    for token in tokens:
        plain = token.isalpha() and not _ROMAN.match(token) and bool(re.search(r"[aeiouy]", token))
        if (
            not plain
            or len(token) < 4
            or token in ENGINE_WORDS
            or token in known
            or token in ABBREVIATIONS  # "tthc", "ubnd", "pvhcc": the plans' own abbreviations
            or is_syllable(token)
        ):
            out.append(token)
            continue
        best = process.extractOne(token, words, scorer=fuzz.ratio, score_cutoff=75)
        if best is None:
            out.append(token)
            continue
        out.append(best[0])
        changes.append((token, best[0]))
    for i in range(1, len(out)):  # a real syllable cut short inside one of the grammar's phrases
        pair = f"{out[i - 1]} {out[i]}"
        if pair in ENGINE_PHRASES or out[i] in ENGINE_WORDS:
            continue
        for phrase in ENGINE_PHRASES:
            first, second = phrase.split()
            if out[i - 1] == first and second.startswith(out[i]) and len(second) - len(out[i]) == 1:
                changes.append((out[i], second))
                out[i] = second
                break
    return out, changes


def clauses(text: str) -> list[str]:
    """The clauses of a question ("đang giải quyết bao nhiêu, quá hạn mấy"), each read like the whole."""
    parts = [" ".join(_expand(normalize(part).split())) for part in re.split(r"[,;]", nfc(text))]
    return [p for p in parts if p]


def read(text: str, known: Collection[str] = ()) -> Reading:
    """The text as the grammar reads it (see module doc)."""
    original = nfc(text).strip()
    folded = normalize(original)
    tokens = folded.split()
    english = looks_english(tokens)
    if english:
        tokens = translate(folded).split()
    tokens, changes = _correct(_expand(tokens), known)
    return Reading(original, folded, " ".join(tokens), tuple(changes), english)
