"""Writing benchmark figures into BENCHMARKS.md: each benchmark owns one marked section, replaced on
every run, and the machine block at the top is refreshed with it."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"
MACHINE_START, MACHINE_END = "<!-- machine -->", "<!-- /machine -->"
ORDER = ["stats_answer", "import_search", "reminder_fanout", "conversation"]

INTRO = """# Benchmarks

Benchmarks, not tests: nothing here is asserted in `tests/` and pytest never collects `benchmarks/`
(`testpaths = ["tests"]`). Each script runs with one command and rewrites its own section below
(between its `<!-- bench:NAME -->` markers); the machine block is refreshed by the last run.
"""


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summarize_ms(seconds: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "n": float(len(ms)),
        "p50": statistics.median(ms),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms),
    }


def _run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_block() -> str:
    lscpu = "\n".join(_run(["lscpu"]).splitlines()[:10])
    return "\n".join(
        [
            MACHINE_START,
            "## Machine",
            "",
            f"- Last updated: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- `nproc`: {_run(['nproc']) or os.cpu_count()}",
            f"- Python {platform.python_version()} ({sys.implementation.name}), {platform.platform()}",
            "- Database: SQLite (file, WAL), the project's `storage.db.Database`",
            "",
            "`lscpu | head`:",
            "",
            "```",
            lscpu,
            "```",
            MACHINE_END,
        ]
    )


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def write_section(name: str, body: str, path: Path = BENCHMARKS_MD) -> None:
    """Replace (or add, in ORDER) the section of one benchmark and refresh the machine block."""
    text = path.read_text(encoding="utf-8") if path.exists() else INTRO
    if MACHINE_START in text and MACHINE_END in text:
        head, rest = text.split(MACHINE_START, 1)
        text = head + machine_block() + rest.split(MACHINE_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + machine_block() + "\n"
    start, end = _markers(name)
    block = f"{start}\n{body.strip()}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        # Insert before the first section that comes later in ORDER, else at the end.
        later = [n for n in ORDER[ORDER.index(name) + 1 :] if _markers(n)[0] in text] if name in ORDER else []
        if later:
            marker = _markers(later[0])[0]
            head, rest = text.split(marker, 1)
            text = head + block + "\n\n" + marker + rest
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def verdict(ok: bool) -> str:
    return "✅ pass" if ok else "❌ fail"
