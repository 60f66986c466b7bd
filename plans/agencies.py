"""Agencies of plan appendices: a folded comparison key, group names, and matching to an
organization's agencies with an alias table plus rapidfuzz. Splitting a cell into the names it
lists ("- Trung tâm Phục vụ hành chính công; - Các phòng chuyên môn.") is
plans.parsing.agency_split.split_agencies, re-exported here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from plans.parsing.agency_split import clean_name as _clean_name
from plans.parsing.agency_split import split_agencies
from storage.text import fold, nfc

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_ALIASES",
    "AgencyMatch",
    "AgencyMatcher",
    "agency_key",
    "is_group_agency",
    "split_agencies",
]

# canonical name → aliases (abbreviations and the spellings seen in the seeds)
DEFAULT_ALIASES: dict[str, list[str]] = {
    "Trung tâm Phục vụ hành chính công": [
        "Trung tâm PVHCC",
        "TTPVHCC",
        "PVHCC",
        "TT PVHCC",
        "Trung tâm phục vụ HCC",
        "TT Phục vụ hành chính công",
        "Trung tâm HCC",
        "TTHCC",
        "Bộ phận Một cửa",
        "Bộ phận tiếp nhận và trả kết quả",
    ],
    "Văn phòng HĐND và UBND xã": [
        "VP HĐND-UBND",
        "VP HĐND và UBND",
        "Văn phòng HĐND - UBND",
        "Văn phòng HĐND-UBND",
        "HĐND-UBND",
        "Văn phòng HĐND UBND",
        "Văn phòng UBND",
        "VP UBND",
        "Văn phòng",
    ],
    "Phòng Văn hóa - Xã hội": [
        "VH-XH",
        "Phòng VH-XH",
        "Phòng VHXH",
        "VHXH",
        "Phòng Văn hóa xã hội",
        "Văn hóa - Xã hội",
        "Văn hóa xã hội",
        "Phòng VH - XH",
    ],
    "Phòng Kinh tế": ["Phòng KT", "Kinh tế"],
    "Phòng Kinh tế, Hạ tầng và Đô thị": [
        "Phòng KT-HT-ĐT",
        "Phòng KTHTĐT",
        "Phòng Kinh tế - Hạ tầng - Đô thị",
        "KT-HT-ĐT",
        "Phòng Kinh tế, Hạ tầng, Đô thị",
    ],
    "Công an xã": ["CA xã", "Công an"],
    "Ban Chỉ huy Quân sự xã": ["BCH Quân sự", "BCHQS", "Ban CHQS", "Ban Chỉ huy Quân sự", "Quân sự"],
    "Trung tâm Dịch vụ sự nghiệp công xã": [
        "Trung tâm Sự nghiệp công",
        "Trung tâm DVSNC",
        "TT DVSNC",
        "Trung tâm dịch vụ sự nghiệp công",
    ],
    "Cổng thông tin điện tử xã": [
        "Cổng TTĐT",
        "Trang TTĐT",
        "Trang thông tin điện tử",
        "Cổng thông tin điện tử",
        "Trang TTĐT xã",
    ],
    "Đài truyền thanh xã": ["Đài truyền thanh", "Đài TT"],
    "Bảo hiểm xã hội": ["BHXH"],
    "Các phòng chuyên môn": [
        "Các phòng, ban chuyên môn",
        "Các phòng ban chuyên môn",
        "Các phòng chuyên môn thuộc UBND",
    ],
    "Các cơ quan chuyên môn thuộc UBND xã": ["Các cơ quan chuyên môn"],
    "Các công chức chuyên môn thuộc UBND xã": ["Các công chức chuyên môn", "Các công chức chuyên môn xã"],
    "Các cơ quan, đơn vị liên quan": [
        "Các cơ quan, đơn vị có liên quan",
        "Các cơ quan, đơn vị, liên quan",
        "Các đơn vị liên quan",
        "Các cơ quan đơn vị liên quan",
    ],
}

# --- keys and groups -------------------------------------------------------------------------

_REPLACEMENTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), repl)
    for pattern, repl in [
        (r"\buy ban nhan dan\b", "ubnd"),
        (r"\bhoi dong nhan dan\b", "hdnd"),
        (r"\bvan phong\b", "vp"),
        (r"\btrung tam\b", "tt"),
        (r"\bttpvhcc\b", "tt pvhcc"),
        (r"\btthcc\b", "tt pvhcc"),
        (r"\b(?:phuc vu hanh chinh cong|phuc vu hanh chinh|phuc vu hcc|pv hcc)\b", "pvhcc"),
        (r"\btt hcc\b", "tt pvhcc"),
        (r"\b(?:van hoa va xa hoi|van hoa xa hoi|vh xh)\b", "vhxh"),
        (r"\b(?:ban chi huy quan su|ban chqs|bch quan su|bch qs|chqs)\b", "bchqs"),
        (r"\bbao hiem xa hoi\b", "bhxh"),
        (r"\b(?:dich vu su nghiep cong|su nghiep cong|dv snc)\b", "dvsnc"),
        (r"\b(?:cong thong tin dien tu|trang thong tin dien tu|cong ttdt|trang ttdt)\b", "ttdt"),
        (r"\b(?:kinh te ha tang do thi|kt ht dt)\b", "kthtdt"),
        (r"\bva\b", " "),
    ]
]
_SUFFIX = re.compile(r"(?:\s+(?:thuoc ubnd|thuoc|cap|xa|phuong|thi tran))+$")


def _plain_key(name: str) -> str:
    """Folded words without abbreviation rewriting (what fuzzy matching of typos works on)."""
    folded = fold(nfc(name or ""))
    folded = re.sub(r"\([^)]*\)?", " ", folded)  # "(VH-XH)" explanations
    folded = re.sub(r"[^0-9a-z&]+", " ", folded)
    folded = re.sub(r"\bva\b", " ", folded)
    return _SUFFIX.sub("", re.sub(r"\s+", " ", folded).strip()).strip()


def agency_key(name: str) -> str:
    """Folded comparison key: "Văn phòng HĐND và UBND xã" = "VP HĐND-UBND xã" = "Văn phòng HĐND- UBND"."""
    folded = fold(nfc(name or ""))
    folded = re.sub(r"\([^)]*\)?", " ", folded)  # "(VH-XH)" explanations
    folded = re.sub(r"[^0-9a-z&]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    for pattern, repl in _REPLACEMENTS:
        folded = pattern.sub(repl, folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    folded = _SUFFIX.sub("", folded).strip()
    return folded


_GROUP_HINTS = re.compile(
    r"^(?:cac|nhung|toan the|moi)\b|\b(?:lien quan|nganh doc|cac nganh|cac don vi|cac co quan|"
    r"cac phong|cac thon|don vi du kien)\b"
)


def is_group_agency(name: str) -> bool:
    """Group names: "Các phòng chuyên môn", "Các cơ quan, đơn vị liên quan", "ngành dọc tại xã" …"""
    return bool(_GROUP_HINTS.search(fold(nfc(name or "")).strip(" -.;,")))


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyMatch:
    agency_id: int | None
    name: str  # canonical name, or the cleaned input when new
    score: float
    how: str  # exact | alias | fuzzy | new


_DEFAULT_KEYS: dict[str, str] = {}
for _canonical, _aliases in DEFAULT_ALIASES.items():
    for _alias in [_canonical, *_aliases]:
        _DEFAULT_KEYS.setdefault(agency_key(_alias), _canonical)


class AgencyMatcher:
    """Match agency names as written to an organization's agencies.

    ``known`` = (agency id, canonical name, aliases). Order: the exact key of a known name, then
    its aliases (given or from DEFAULT_ALIASES), then rapidfuzz token_sort_ratio on the keys
    (token order and "và"/"-" do not matter, but unlike WRatio a short name does not match
    every longer name containing it: "Các phòng chuyên môn" ≠ "Các công chức chuyên môn").
    """

    def __init__(self, known: Iterable[tuple[int, str, Sequence[str]]], *, threshold: float = 85) -> None:
        self.threshold = threshold
        self._names: dict[int, str] = {}
        self._exact: dict[str, int] = {}
        self._alias: dict[str, int] = {}
        self._choices: list[str] = []
        self._choice_ids: list[int] = []
        self._cache: dict[str, AgencyMatch] = {}
        for agency_id, name, aliases in known:
            self.add(agency_id, name, aliases)

    def add(self, agency_id: int, name: str, aliases: Sequence[str] = ()) -> None:
        """Register one more agency (e.g. one just created during an import)."""
        self._names[agency_id] = name
        key = agency_key(name)
        if key:
            self._exact.setdefault(key, agency_id)
        alias_keys = {agency_key(a) for a in aliases}
        default = _DEFAULT_KEYS.get(key)
        if default is not None:
            alias_keys |= {agency_key(a) for a in [default, *DEFAULT_ALIASES[default]]}
        alias_keys.discard("")
        for alias in alias_keys:
            self._alias.setdefault(alias, agency_id)
        plain = {_plain_key(name), *(_plain_key(a) for a in aliases)}
        for choice in sorted({key, *alias_keys, *plain}):
            if choice:
                self._choices.append(choice)
                self._choice_ids.append(agency_id)
        self._cache.clear()

    def match(self, name: str) -> AgencyMatch:
        cleaned = _clean_name(nfc(name or ""))
        key = agency_key(cleaned)
        cached = self._cache.get(key)
        if cached is not None and (cached.how != "new" or cached.name == cleaned):
            return cached
        result = self._match_key(cleaned, key)
        self._cache[key] = result
        return result

    def _match_key(self, cleaned: str, key: str) -> AgencyMatch:
        if not key:
            return AgencyMatch(None, cleaned, 0.0, "new")
        if key in self._exact:
            agency_id = self._exact[key]
            return AgencyMatch(agency_id, self._names[agency_id], 100.0, "exact")
        if key in self._alias:
            agency_id = self._alias[key]
            return AgencyMatch(agency_id, self._names[agency_id], 100.0, "alias")
        if self._choices:
            best = None
            for query in {key, _plain_key(cleaned)}:
                found = process.extractOne(
                    query,
                    self._choices,
                    scorer=fuzz.token_sort_ratio,
                    processor=None,
                    score_cutoff=self.threshold,
                )
                if found is not None and (best is None or found[1] > best[1]):
                    best = found
            if best is not None:
                agency_id = self._choice_ids[best[2]]
                logger.debug(
                    "agency %r matched fuzzily to %r (%.0f)", cleaned, self._names[agency_id], best[1]
                )
                return AgencyMatch(agency_id, self._names[agency_id], float(best[1]), "fuzzy")
        return AgencyMatch(None, _default_name(cleaned, key), 0.0, "new")

    def search(self, text: str, limit: int = 5) -> list[AgencyMatch]:
        """Agencies a free-text question may mean ("phòng văn hóa xã hội", "vh xh"), best first."""
        key = agency_key(text)
        if not key or not self._choices:
            return []
        scores: dict[int, float] = {}
        direct = self._exact.get(key, self._alias.get(key))
        if direct is not None:
            scores[direct] = 100.0
        for query in {key, _plain_key(text)}:
            for choice, score, index in process.extract(
                query, self._choices, scorer=fuzz.WRatio, processor=None, limit=limit * 4, score_cutoff=60
            ):
                agency_id = self._choice_ids[index]
                # prefer whole-name similarity; WRatio alone rates any substring 90
                combined = max(fuzz.token_sort_ratio(query, choice), score * 0.9)
                scores[agency_id] = max(scores.get(agency_id, 0.0), combined)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self._names[item[0]]))
        return [
            AgencyMatch(
                agency_id, self._names[agency_id], round(score, 1), "exact" if score >= 100 else "fuzzy"
            )
            for agency_id, score in ranked[:limit]
            if score >= 60
        ]


def _default_name(cleaned: str, key: str) -> str:
    """A new agency written as an abbreviation gets its full default name ("TTPVHCC" → …)."""
    canonical = _DEFAULT_KEYS.get(key)
    if canonical is None:
        return cleaned
    if fold(cleaned).endswith("phuong") and canonical.endswith(" xã"):
        return canonical[: -len("xã")] + "phường"
    return canonical
