"""The search table is well formed: every must-code is a task the importer gives that commune's plan,
1–3 codes a search, at least 20 searches a plan, every kind of search present. (It does not run the
search; the table's expectations were worked out by hand.)"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.plans.search_table.model import COMMUNES, KINDS, parse_commune
from tests.plans.search_table.table import SEARCHES
from tests.support.documents.quyet_thang import QT_SEED


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not QT_SEED.exists():  # pragma: no cover - the seeds live next to the repository
        pytest.skip("seed quyet-thang-2026-plan.md not available")
    out: Path = tmp_path_factory.mktemp("search-table")
    return {commune: parse_commune(commune, out) for commune in COMMUNES}


def test_every_must_code_is_a_task_of_that_plan(plans: dict[str, Any]) -> None:
    codes = {commune: {t.code for t in plan.tasks} for commune, plan in plans.items()}
    wrong = [(s.commune, s.query, c) for s in SEARCHES for c in s.must if c not in codes[s.commune]]
    assert wrong == []


def test_the_known_failing_cases_point_at_the_tasks_that_say_so(plans: dict[str, Any]) -> None:
    content = {t.code: t.content for t in plans["thanh-xa"].tasks}
    assert content["II.5"].startswith("Tự tổ chức kiểm tra định kỳ")
    assert content["IV.1"].startswith("Tuyên truyền")
    assert content["IV.2"].startswith("Báo cáo định kỳ")
    assert "ngành dọc" in content["II.3.4"]
    assert "phí, lệ phí" in content["II.3.5"] and "phí, lệ phí" in content["III.5"]


def test_shape() -> None:
    assert len(SEARCHES) >= 70
    assert len({(s.commune, s.query) for s in SEARCHES}) == len(SEARCHES)
    per_plan = Counter(s.commune for s in SEARCHES)
    assert set(per_plan) == set(COMMUNES) and min(per_plan.values()) >= 20
    for s in SEARCHES:
        assert 1 <= len(s.must) <= 3 and len(set(s.must)) == len(s.must), s
        assert s.query.strip() and "\n" not in s.note, s
        assert set(s.kinds) <= set(KINDS), s
    kinds = Counter(k for s in SEARCHES for k in s.kinds)
    assert set(kinds) == set(KINDS)
    assert kinds["deep"] >= 10
