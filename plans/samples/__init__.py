"""Bundled demo sample: the Thanh Xá Q1/2023 appendix (with its result column) as a Word file.

Regenerate with `python tests/plans/build_samples.py`.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE_PLAN: Path = Path(__file__).resolve().parent / "thanh-xa-2023-q1.docx"
