"""Import of the Quyết Thắng 2026 appendix as .docx and .xlsx (the .md seed's table laid out as Word
would: section rows spanning the row, a repeated header row before every row split over two pages,
identical lead / deadline cells of consecutive rows merged) gives exactly what the .md seed gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plans.parsing.importer import parse_file
from plans.parsing.types import ParsedNode, ParsedPlan
from storage.text import squash
from tests.support.documents.builders import build_docx, build_xlsx
from tests.support.documents.model import M
from tests.support.documents.quyet_thang import QT_SEED, quyet_thang_doc

FORMATS = ("docx", "xlsx")


@pytest.fixture(scope="module")
def quyet_thang() -> dict[str, ParsedPlan]:
    if not QT_SEED.exists():  # pragma: no cover - the seeds live next to the repository
        pytest.skip("seed quyet-thang-2026-plan.md not available")
    return {"md": parse_file(QT_SEED, filename=QT_SEED.name)}


@pytest.fixture(scope="module")
def qt_plans(
    quyet_thang: dict[str, ParsedPlan], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, ParsedPlan]:
    out = tmp_path_factory.mktemp("quyet-thang")
    doc = quyet_thang_doc()
    plans = dict(quyet_thang)
    for fmt, build in (("docx", build_docx), ("xlsx", build_xlsx)):
        path: Path = build(doc, out / f"{doc.name}.{fmt}")
        plans[fmt] = parse_file(path, filename=path.name)
    return plans


def _task(plan: ParsedPlan, code: str) -> ParsedNode:
    return next(n for n in plan.tasks if n.code == code)


def test_the_word_layout_has_merges_and_repeated_headers() -> None:
    if not QT_SEED.exists():  # pragma: no cover - the seeds live next to the repository
        pytest.skip("seed quyet-thang-2026-plan.md not available")
    doc = quyet_thang_doc()
    rows = doc.rows
    assert sum(1 for r in rows if isinstance(r, dict) and "section" in r) == 5
    assert sum(1 for r in rows if isinstance(r, dict) and r.get("header")) >= 4
    assert sum(1 for r in rows if isinstance(r, list) and M in r) >= 8


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_counts_and_codes_as_the_markdown_seed(qt_plans: dict[str, ParsedPlan], fmt: str) -> None:
    md, plan = qt_plans["md"], qt_plans[fmt]
    assert (len(plan.sections), len(plan.items), len(plan.tasks)) == (5, 20, 29)
    assert [t.code for t in plan.tasks] == [t.code for t in md.tasks]
    assert [n.code for n in plan.nodes if n.kind == "group"] == ["II.2", "II.3"]
    assert [squash(t.content) for t in plan.tasks] == [squash(t.content) for t in md.tasks]
    assert plan.organization == "UBND xã Quyết Thắng" and plan.year == 2026
    assert plan.result_period is None and all(t.result is None for t in plan.tasks)


@pytest.mark.parametrize("fmt", FORMATS)
def test_agencies_deadlines_targets_match_the_seed(qt_plans: dict[str, ParsedPlan], fmt: str) -> None:
    md, plan = qt_plans["md"], qt_plans[fmt]
    for mine, theirs in zip(plan.tasks, md.tasks, strict=True):
        assert (mine.lead, mine.coordinating) == (theirs.lead, theirs.coordinating), mine.code
        assert mine.deadline is not None and theirs.deadline is not None
        assert (mine.deadline.kind, mine.deadline.due, mine.deadline.start) == (
            theirs.deadline.kind,
            theirs.deadline.due,
            theirs.deadline.start,
        ), mine.code
        assert [t.min_percent for t in mine.targets] == [t.min_percent for t in theirs.targets], mine.code
    d = _task(plan, "II.2.3").deadline
    assert d is not None and (d.kind, d.due) == ("date", date(2026, 9, 9))
    assert _task(plan, "II.2.5").deadline.kind == "on_demand"  # type: ignore[union-attr]
    start = _task(plan, "II.2.6").deadline
    assert start is not None and (start.kind, start.start) == ("range", date(2026, 3, 15))
    # merged "Thường xuyên" cells are inherited by every row they span
    for code in ("III.3", "III.4", "III.5", "IV.2", "IV.3"):
        deadline = _task(plan, code).deadline
        assert deadline is not None and deadline.text == "Thường xuyên"
    assert _task(plan, "IV.3").lead == ["Trung tâm Phục vụ hành chính công"]
    # rows split over two pages (after a repeated header row) stay one task
    ii31 = _task(plan, "II.3.1")
    assert squash(ii31.product or "") == "TTHC được thực hiện tại Trung tâm Phục vụ hành chính công."
    assert "- Nhiệm vụ khác được giao." in _task(plan, "II.1").content
    assert squash(_task(plan, "V.2").content).endswith("xã trong trường hợp bị gây khó khăn.")
    assert [t.min_percent for t in _task(plan, "III.3").targets][:1] == [80.0]
