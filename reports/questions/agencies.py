"""Finding the agency a question names: the shared matcher, then distinctive words and abbreviations."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from storage.text import fold, nfc

logger = logging.getLogger(__name__)


# Abbreviations people write, mapped to words of the agency names they stand for.
ABBREVIATIONS = {
    "pvhcc": "phuc vu hanh chinh cong",
    "ttpvhcc": "phuc vu hanh chinh cong",
    "tt pvhcc": "phuc vu hanh chinh cong",
    "vhxh": "van hoa xa hoi",
    "vh xh": "van hoa xa hoi",
    "kt": "kinh te",
    "hdnd ubnd": "van phong hdnd",
    "vp hdnd": "van phong hdnd",
    "vp ubnd": "van phong",
}
# Words that do not tell agencies apart ("Phòng … xã", "… thuộc UBND xã").
_GENERIC = {"xa", "phuong", "ubnd", "thuoc", "cua", "va", "cac", "cap"}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^0-9a-z ]+", " ", fold(nfc(text)))).strip()


def _has_word(word: str, tokens: set[str]) -> bool:
    if word in tokens:
        return True
    if len(word) < 4:
        return False
    return process.extractOne(word, tokens, scorer=fuzz.ratio, score_cutoff=80) is not None


def _fallback_agency(text: str, agencies: Sequence[tuple[int, str, Sequence[str]]]) -> tuple[int, str] | None:
    """Agency named in the text: every distinctive word of its name or of an alias is there
    (typos allowed on longer words), or a known abbreviation of it; the most specific wins."""
    key = _key(text)
    tokens = set(key.split())
    padded = f" {key} "
    best: tuple[int, int, str] | None = None  # (words matched, id, name)
    for agency_id, name, aliases in agencies:
        for cand in [_key(name), *(_key(a) for a in aliases)]:
            words = [w for w in cand.split() if w not in _GENERIC]
            distinctive = bool(words) and (len(words) > 1 or len(words[0]) >= 3)
            if (
                distinctive
                and all(_has_word(w, tokens) for w in words)
                and (best is None or len(words) > best[0])
            ):
                best = (len(words), agency_id, name)
        name_key = _key(name)
        for abbr, expansion in ABBREVIATIONS.items():
            if f" {abbr} " in padded and expansion in name_key:
                weight = len(expansion.split())
                if best is None or weight > best[0]:
                    best = (weight, agency_id, name)
    return (best[1], best[2]) if best else None


def find_agency(text: str, agencies: Sequence[tuple[int, str, Sequence[str]]]) -> tuple[int, str] | None:
    if not agencies:
        return None
    try:
        from plans.agencies import AgencyMatcher

        for match in AgencyMatcher(agencies).search(nfc(text), limit=3):
            if match.agency_id is not None and match.score >= 85:
                return match.agency_id, match.name
    except Exception:  # the matcher is another module's: a failure must not lose the question
        logger.exception("agency matcher failed on %r", text)
    return _fallback_agency(text, agencies)
