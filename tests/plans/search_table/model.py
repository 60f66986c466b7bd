"""One row of the search table: an official's query over one commune's plan and the tasks it must find.

`must` holds planbot task codes (as the importer assigns them: "II.3.4", "IV.2") that must all be
among the first five results. `note` starts with the kinds of the search ("typo+deep: …", see KINDS)
and says in one line why those tasks are the ones wanted. Expectations were worked out by hand from
the documents' contents, not from planbot's output.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COMMUNES = ("thanh-xa", "chi-linh", "quyet-thang")
TOP = 5  # the must-codes must all be in this many first results

KINDS = {
    "known": "a case known to fail on Thanh Xá before this table",
    "code": "a task code as planbot assigns it or as the plan prints it",
    "word": "one common (two-syllable) word, typed folded",
    "phrase": "several words (two- and three-word phrases and longer), with or without diacritics",
    "partial": "the last word (or words) typed only in part",
    "typo": "one wrong, missing or doubled letter",
    "abbrev": "an abbreviation the plans use (TTHC, DVC, UBND, PVHCC …) typed for the full words, or back",
    "caps": "typed with capitals",
    "order": "words in another order than in the task",
    "deep": "the words stand only far inside a long content",
}


@dataclass(frozen=True)
class S:
    commune: str  # one of COMMUNES
    query: str  # exactly as the official types it
    must: tuple[str, ...]  # 1–3 task codes that must all be in the first TOP results
    note: str  # "kind[+kind]: why"

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.note.split(":", 1)[0].split("+"))


def _parse_file() -> Any:
    """planbot's importer entry point, wherever it lives now (plans.importer, later plans.parsing)."""
    for module in ("plans.importer", "plans.parsing"):
        try:
            return importlib.import_module(module).parse_file
        except (ImportError, AttributeError):
            continue
    raise ImportError("parse_file is in neither plans.importer nor plans.parsing")


def parse_commune(commune: str, tmp_dir: Path) -> Any:
    """The ParsedPlan of one commune's plan, built the way the table was worked out:
    Thanh Xá and Chí Linh from tests/support/documents as .docx, Quyết Thắng from the .md seed."""
    from tests.support.documents.builders import build_docx
    from tests.support.documents.chi_linh import CHI_LINH
    from tests.support.documents.quyet_thang import QT_SEED
    from tests.support.documents.thanh_xa import THANH_XA

    parse_file = _parse_file()
    if commune == "quyet-thang":
        return parse_file(QT_SEED, filename=QT_SEED.name)
    doc = {"thanh-xa": THANH_XA, "chi-linh": CHI_LINH}[commune]
    path = build_docx(doc, tmp_dir / f"{doc.name}.docx")
    return parse_file(path, filename=path.name)
