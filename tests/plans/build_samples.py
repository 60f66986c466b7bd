"""Regenerate plans/samples/thanh-xa-2023-q1.docx from the transcribed Thanh Xá appendix.

Run from the repository root: `.venv/bin/python tests/plans/build_samples.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plans.samples import SAMPLE_PLAN  # noqa: E402
from tests.support.documents.builders import build_docx  # noqa: E402
from tests.support.documents.thanh_xa import THANH_XA  # noqa: E402


def main() -> int:
    build_docx(THANH_XA, SAMPLE_PLAN)
    print(SAMPLE_PLAN)
    return 0


if __name__ == "__main__":
    sys.exit(main())
