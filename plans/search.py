"""Task search: what officials type ("kiem tra", "so ho", "tuyen truyn", "II.3.1", "dvc") → tasks.

Ranking works on the words typed, on folded text (no diacritics, đ→d, lower case):
- every typed word counts: a whole word of the task counts most, a word the typed one starts
  ("tuyen tr" → "tuyên truyền"), then a close spelling (rapidfuzz, for typos);
- a task holding every typed word always ranks above one that misses some, however long it is
  (WRatio's length penalty hid "Tự tổ chức kiểm tra định kỳ…" from "kiem tra");
- then typed words standing side by side in the task, then document order.
Abbreviations the plans use (TTHC, DVC, CCHC, UBND …) match their words both ways, and syllables
typed without spaces ("sohoa") are split into the words the tasks hold.
A task code or printed number ("II.3", "2.1") finds that task first.

The index is built once per organization snapshot (plans/snapshot.py) and shared while it is fresh.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain, pairwise

from rapidfuzz import fuzz, process

from storage.facts import TaskFacts
from storage.text import fold_processor

_CODE = re.compile(r"^(?:[A-Z]|[IVXLC]+|\d+)(?:\.\d+)*\.?$", re.IGNORECASE)

# Abbreviations of the plans (folded) and the words they stand for.
ABBREVIATIONS: dict[str, str] = {
    "tthc": "thu tuc hanh chinh",
    "cchc": "cai cach hanh chinh",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "pvhcc": "phuc vu hanh chinh cong",
    "ttpvhcc": "trung tam phuc vu hanh chinh cong",
    "hcc": "hanh chinh cong",
    "cds": "chuyen doi so",
    "csdl": "co so du lieu",
    "cntt": "cong nghe thong tin",
    "pakn": "phan anh kien nghi",
    "vbqppl": "van ban quy pham phap luat",
    "qppl": "quy pham phap luat",
    "ttdt": "thong tin dien tu",
    "vh xh": "van hoa xa hoi",
    "vhxh": "van hoa xa hoi",
    "kt": "kinh te",
    "ca": "cong an",
    "bhxh": "bao hiem xa hoi",
}
_EXPAND = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")\b")

WHOLE, PREFIX, FUZZY_FLOOR = 1.0, 0.85, 78.0
MIN_PREFIX = 2  # "tr" may start "truyền"; one letter starts everything
MIN_FUZZY = 4  # short words have too many near neighbours to correct


def search_key(text: str) -> str:
    """Folded words with abbreviations spelled out: the form both tasks and queries are compared in."""
    return _EXPAND.sub(lambda m: ABBREVIATIONS[m.group(1)], fold_processor(text))


@dataclass(frozen=True)
class Hit:
    task_id: int
    score: float  # 0–1: the share of typed words found (weighted by how well)
    matched: int  # typed words found at all
    adjacent: int  # typed words standing right after the previous typed word in the task
    position: int  # document order


@dataclass
class SearchIndex:
    """Folded contents of an organization's counted tasks, in document order."""

    ids: list[int]
    keys: dict[int, str]  # task id → search_key(content)
    codes: dict[str, list[int]]  # upper-case code or printed number → task ids
    positions: dict[int, int]
    postings: dict[str, set[int]] = field(default_factory=dict)  # word → task ids
    vocabulary: list[str] = field(default_factory=list)  # sorted distinct words

    @classmethod
    def build(cls, tasks: Iterable[TaskFacts]) -> SearchIndex:
        ids: list[int] = []
        keys: dict[int, str] = {}
        codes: dict[str, list[int]] = defaultdict(list)
        positions: dict[int, int] = {}
        postings: dict[str, set[int]] = defaultdict(set)
        folded: dict[str, str] = {}  # many tasks share a wording
        for order, task in enumerate(tasks):
            key = folded.get(task.content)
            if key is None:
                key = folded[task.content] = search_key(task.content)
            ids.append(task.id)
            keys[task.id] = key
            positions[task.id] = order
            codes[task.code.upper()].append(task.id)
            if task.number:
                codes[task.number.rstrip(".").upper()].append(task.id)
            for word in key.split():
                postings[word].add(task.id)
        return cls(ids, keys, dict(codes), positions, dict(postings), sorted(postings))

    def _word_scores(self, word: str) -> dict[int, float]:
        """task id → how well the task holds one typed word (whole, prefix of a word, or close)."""
        found: dict[int, float] = {}
        for task_id in self.postings.get(word, ()):
            found[task_id] = WHOLE
        if len(word) >= MIN_PREFIX:
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start:]:
                if not candidate.startswith(word):
                    break
                if candidate != word:
                    for task_id in self.postings[candidate]:
                        found.setdefault(task_id, PREFIX)
        if len(word) >= MIN_FUZZY and not word.isdigit():
            near = process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, limit=8, score_cutoff=FUZZY_FLOOR
            )
            for candidate, score, _ in near:
                if candidate == word:
                    continue
                weight = 0.75 * score / 100.0
                for task_id in self.postings[candidate]:
                    if found.get(task_id, 0.0) < weight:
                        found[task_id] = weight
        return found

    def _split_run_together(self, words: Sequence[str]) -> list[str]:
        """Words typed without the space between syllables ("sohoa hoso") become the two words
        the tasks hold, when no task holds the run-together word itself."""
        out: list[str] = []
        for word in words:
            if word in self.postings or len(word) < 4:
                out.append(word)
                continue
            split = next(
                (
                    (word[:i], word[i:])
                    for i in range(2, len(word) - 1)
                    if word[:i] in self.postings and word[i:] in self.postings
                ),
                None,
            )
            out.extend(split or (word,))
        return out

    def search(self, query: str, allowed: AbstractSet[int] | None = None, limit: int = 5) -> list[Hit]:
        """The best tasks for a query, among `allowed` (None = every task)."""
        text = query.strip()
        hits: list[Hit] = []
        seen: set[int] = set()
        if _CODE.match(text):
            for task_id in self.codes.get(text.rstrip(".").upper(), ()):
                if allowed is None or task_id in allowed:
                    hits.append(Hit(task_id, 2.0, 99, 99, self.positions[task_id]))
                    seen.add(task_id)
        words = _distinct(self._split_run_together(search_key(text).split()))
        if not words:
            return hits[:limit]
        per_word = [self._word_scores(w) for w in words]
        # Set and Counter work runs in C: the common words of a plan match most of its tasks.
        found = [
            scores.keys() - seen if allowed is None else (scores.keys() & allowed) - seen
            for scores in per_word
        ]
        matched_of = Counter(chain.from_iterable(found))
        need = 1 if len(words) <= 2 else (len(words) + 1) // 2  # most of a long query must be there
        tiers: dict[int, list[int]] = defaultdict(list)
        for task_id, matched in matched_of.items():
            if matched >= need:
                tiers[matched].append(task_id)
        # Whole-query coverage decides, so only the best tiers are scored; adjacency is worked out
        # for the best candidates only.
        wanted = max(limit * 10, 50)
        ranked: list[tuple[int, float, int, int]] = []
        for matched in sorted(tiers, reverse=True):
            for task_id in tiers[matched]:
                score = sum(scores.get(task_id, 0.0) for scores in per_word)
                ranked.append((-matched, -score, self.positions[task_id], task_id))
            if len(ranked) >= wanted:
                break
        ranked = heapq.nsmallest(wanted, ranked)
        n = len(words)
        head = [
            Hit(task_id, -neg_score / n, -neg_matched, _adjacent(self.keys[task_id], words), position)
            for neg_matched, neg_score, position, task_id in ranked
        ]
        head.sort(key=lambda h: (-h.matched, -round(h.score, 2), -h.adjacent, h.position))
        return (hits + head)[:limit]


def _distinct(words: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(words))


def _adjacent(key: str, words: Sequence[str]) -> int:
    """How many typed words follow the previous typed word in the task (prefixes count)."""
    tokens = key.split()
    count = 0
    for first, second in pairwise(words):
        for a, b in pairwise(tokens):
            if a.startswith(first) and b.startswith(second):
                count += 1
                break
    return count
