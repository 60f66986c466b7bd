"""Vietnamese text helpers shared by every layer: NFC normalisation and diacritic folding."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Normalise user or document text to NFC and strip NUL bytes (PostgreSQL refuses them)."""
    return unicodedata.normalize("NFC", text.replace("\x00", ""))


# Memoized: the same agency names, officials and task texts are folded for question after question
# (one non-question free text folded about fifty names).
@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case, drop diacritics (đ→d included) and collapse whitespace.

    "Số hóa hồ sơ" and "so hoa ho so" fold to the same key; "hoá"/"hóa" too.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def squash(text: str) -> str:
    """Collapse runs of whitespace (PDF/Word line breaks inside cells) into single spaces."""
    return _SPACES.sub(" ", text).strip()


def fold_processor(text: str) -> str:
    """rapidfuzz processor: fold and keep only letters, digits and spaces."""
    return _SPACES.sub(" ", re.sub(r"[^0-9a-z ]+", " ", fold(text))).strip()


def percent(value: float, digits: int = 1) -> str:
    """73.333 → "73,3%" (Vietnamese decimal comma)."""
    text = f"{value:.{digits}f}".replace(".", ",")
    return f"{text}%"


def number_vi(value: float, digits: int = 2) -> str:
    """99.84 → "99,84", 60.0 → "60"."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def date_vi(day: object) -> str:
    """A date as dd/mm/yyyy."""
    from datetime import date

    if not isinstance(day, date):
        return ""
    return day.strftime("%d/%m/%Y")


def shorten(text: str, limit: int = 60) -> str:
    """One-line short form of a long task content for lists."""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.- ") + "…"
