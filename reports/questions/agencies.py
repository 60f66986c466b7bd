"""Finding the agencies a question names (pure), however the commune writes them.

Each agency is known by its name and aliases (storage: AgencyAlias), compared as folded words with
the plans' abbreviations spelled out (plans.search.search_key: "TTPVHCC", "VH-XH", "TTĐT"). The
words that do not tell agencies apart ("các", "xã", "thuộc UBND", "phòng") are dropped; what is
left is the agency's key ("van hoa xa hoi", "van phong hdnd ubnd", "trung tam phuc vu hanh chinh
cong"). A mention is the whole key, its first two words or more ("văn phòng", "phòng văn hoá",
"trung tâm"), any run of three or more of its words ("phó chủ tịch thường trực"), or its acronym
("cqcm", "cccm"), as long as only one agency has it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from plans.search import search_key

AgencyRow = tuple[int, str, Sequence[str]]  # id, name, aliases

_GENERIC = frozenset(
    "cac xa phuong thi tran thuoc uy ban nhan dan ubnd cua va cap phong tai d c nhung mot so".split()  # noqa: SIM905
)
_TAIL = _GENERIC | {"hoi", "dong", "chi"}  # "… HĐND và UBND xã": the words a name ends with
_TITLES = re.compile(r"\b(?:dong chi|cac dong chi|d c)\b")  # "Đồng chí …", "Các đ/c …": a person's title
SELF = re.compile(
    r"\b(?:viec|nhiem vu|ty le|so lieu|tien do)? ?(?:cua )?(?:toi|minh|em|chung toi|don vi (?:minh|toi|em))\b"
    r"|\bdon vi (?:minh|toi|em|nay)\b|\bcua don vi\b|\bphong (?:minh|toi)\b"
)


@dataclass(frozen=True)
class Mention:
    agency_id: int
    name: str
    start: int  # span in the text searched (search_key form)
    end: int


def _words(text: str) -> list[str]:
    words = _TITLES.sub(" ", search_key(text)).replace("van phong", "van_phong").split()
    return [w.replace("_", " ") for w in words if w not in _GENERIC]


def _forms(name: str, aliases: Sequence[str]) -> set[str]:
    forms: set[str] = set()
    for written in (name, *aliases):
        words = _words(written)
        if not words:
            continue
        whole = " ".join(words)
        if len(whole.split()) >= 2 or len(whole) >= 6:  # one short word ("văn") names nothing
            forms.add(whole)
        for n in range(1, len(words)):
            if len(" ".join(words[:n]).split()) >= 2:
                forms.add(" ".join(words[:n]))  # "van phong", "trung tam", "van hoa"
        for i in range(1, len(words)):
            for j in range(i + 3, len(words) + 1):
                forms.add(" ".join(words[i:j]))  # "pho chu tich thuong truc"
        letters = "".join(w[0] for part in words for w in part.split())
        if len(letters) >= 3:
            forms.add(letters)  # "cqcm", "cccm", "ttpvhcc"
    return forms


@lru_cache(maxsize=64)
def _index(
    agencies: tuple[tuple[int, str, tuple[str, ...]], ...],
) -> tuple[tuple[tuple[str, int, str], ...], dict[int, frozenset[str]]]:
    """(form, agency id, name) for every form only one agency has, longest first; and every word
    of each agency's names (a mention runs on over them: "văn phòng HĐND và UBND xã")."""
    owners: dict[str, set[int]] = {}
    names: dict[int, str] = {}
    words: dict[int, frozenset[str]] = {}
    for agency_id, name, aliases in agencies:
        names[agency_id] = name
        words[agency_id] = frozenset(w for written in (name, *aliases) for w in search_key(written).split())
        for form in _forms(name, aliases):
            owners.setdefault(form, set()).add(agency_id)
    unique = [(form, next(iter(ids))) for form, ids in owners.items() if len(ids) == 1 and len(form) >= 2]
    unique.sort(key=lambda item: (-len(item[0].split()), -len(item[0])))
    return tuple((form, agency_id, names[agency_id]) for form, agency_id in unique), words


def _frozen(agencies: Sequence[AgencyRow]) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    return tuple((a, n, tuple(al)) for a, n, al in agencies)


def mentions(text: str, agencies: Sequence[AgencyRow]) -> list[Mention]:
    """The agencies named in a read text, in the order written, without overlaps."""
    if not agencies:
        return []
    key = search_key(text)
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    forms, words = _index(_frozen(agencies))
    for form, agency_id, name in forms:
        if form not in key:  # nearly every form: no pattern to build or run
            continue
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", key):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            end = m.end()
            while (more := re.match(r"\s+([a-z0-9]+)", key[end:])) and more.group(1) in words[
                agency_id
            ] & _TAIL:
                end += more.end()
            taken.append((m.start(), end))
            found.append(Mention(agency_id, name, m.start(), end))
    found.sort(key=lambda mention: mention.start)
    distinct: list[Mention] = []
    for mention in found:
        if all(d.agency_id != mention.agency_id for d in distinct):
            distinct.append(mention)
    return distinct


def find_agency(text: str, agencies: Sequence[AgencyRow]) -> tuple[int, str] | None:
    """The first agency a text names (kept for callers of the previous engine)."""
    found = mentions(search_key(text), agencies)
    return (found[0].agency_id, found[0].name) if found else None
