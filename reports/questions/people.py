"""Questions about people (pure): "ai chưa báo cáo?", "cán bộ nào chưa báo cáo", "anh Hùng đã báo
cáo chưa", "tỷ lệ của chị Lan", "thống kê theo người".

A person is named by a title and their given name ("anh Hùng", "chị Lan", "đ/c Tuấn"), a title and
the last two words of their name ("anh Văn Hùng"), or their whole name ("Nguyễn Văn Hùng"), compared
folded; a given name alone is not a person ("lan" may be a word of a task). Two officials with the
same given name are both named: the answer gives each.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from plans.search import search_key

PersonRow = tuple[int, str]  # official id, full name

_TITLE = r"(?:anh|chi|ong|ba|co|chu|bac|em|dong chi|d c|dc|can bo|cong chuc)"
# "ai chưa báo cáo", "những ai đã nộp báo cáo", "cán bộ nào chưa báo cáo", "thống kê theo người"
PEOPLE = re.compile(
    r"\b(?:nhung )?ai\b(?:\s+\S+){0,3}?\s+(?:bao cao|nop bao cao|gui bao cao)\b"
    r"|\b(?:theo|tung|moi|cua tung|cua moi|cac)\s+(?:tung\s+)?(?:nguoi|can bo|cong chuc|ca nhan)\b"
    r"|\bthong ke (?:ca nhan|nguoi)\b"
)
# "cán bộ nào …", "người nào …": about people when it asks about reports or work ("người nào đông
# nhất" is not)
WHICH = re.compile(r"\b(?:can bo|cong chuc|nguoi|ca nhan|nhan vien)\s+nao\b")
ABOUT_WORK = re.compile(r"\b(?:bao cao|ty le|hoan thanh|thuc hien|tien do|nhiem vu|viec|qua han|cham)\b")


@dataclass(frozen=True)
class PersonMention:
    official_id: int
    name: str
    start: int
    end: int


@functools.lru_cache(maxsize=4096)
def _forms(full_name: str) -> tuple[str, tuple[str, ...]]:
    words = search_key(full_name).split()
    whole = " ".join(words)
    titled = tuple(dict.fromkeys(" ".join(words[-n:]) for n in (2, 1) if len(words) >= n))
    return whole, titled


def find_people(key: str, people: Sequence[PersonRow]) -> list[PersonMention]:
    """The people a question names, in the order written (a span is read once)."""
    found: list[PersonMention] = []
    taken: list[tuple[int, int]] = []
    for _length, pattern, official_id, name in _candidates(tuple(people)):
        for m in pattern.finditer(key):
            overlaps = [(a, b) for a, b in taken if a < m.end() and m.start() < b]
            if overlaps and (m.start(), m.end()) not in overlaps:
                continue
            if any(f.official_id == official_id for f in found):
                continue
            taken.append(m.span())
            found.append(PersonMention(official_id, name, m.start(), m.end()))
    return sorted(found, key=lambda f: (f.start, f.official_id))


@functools.lru_cache(maxsize=128)
def _candidates(people: tuple[PersonRow, ...]) -> list[tuple[int, re.Pattern[str], int, str]]:
    """Every form that names one of `people`, longest first: an organization's officials are the
    same for question after question, and compiling their patterns cost more than matching them."""
    candidates: list[tuple[int, re.Pattern[str], int, str]] = []
    for official_id, name in people:
        whole, titled = _forms(name)
        if len(whole.split()) >= 2:
            candidates.append(
                (len(whole), re.compile(rf"\b(?:{_TITLE}\s+)?{re.escape(whole)}\b"), official_id, name)
            )
        for form in titled:
            candidates.append(
                (len(form), re.compile(rf"\b{_TITLE}\s+{re.escape(form)}\b"), official_id, name)
            )
    # longer forms first: "anh văn hùng" before "anh hùng"; then every official a form fits
    return sorted(candidates, key=lambda c: -c[0])


def asks_about_people(key: str) -> bool:
    return bool(PEOPLE.search(key) or (WHICH.search(key) and ABOUT_WORK.search(key)))
