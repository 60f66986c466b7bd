"""Score the importer on the corpus with the checks of test_corpus.py, document by document.

Not a pytest module. Run from the repository root:
`.venv/bin/python tests/plans/corpus/score.py [-v] [slug ...]` — prints the checks passed and the tasks fully
right per document and in all, and with -v every failed check.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.plans.corpus.test_corpus import EXPECTED, evaluate


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    slugs = [a for a in argv if not a.startswith("-")]
    paths = [p for p in EXPECTED if not slugs or p.stem in slugs]
    passed = total = right_all = listed_all = 0
    for path in paths:
        ck, right, listed = evaluate(path)
        passed += ck.passed
        total += ck.total
        right_all += right
        listed_all += listed
        print(f"{ck.slug}: {ck.passed}/{ck.total} checks, tasks fully right {right}/{listed}")
        if verbose:
            for failure in ck.failures:
                print("   ", failure)
    share = passed / total if total else 0.0
    print(
        f"all ({len(paths)} documents): {passed}/{total} checks ({share:.0%}), "
        f"tasks fully right {right_all}/{listed_all}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
