"""The search table (table.py): every expected task is in the first five for ≥ 95% of searches.

Run on the three communes' plans as the importer reads them; the index is the one the bot uses
(plans/search.py), and the known Thanh Xá cases also go through the bot's own search function.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from plans.importing import store_plan
from plans.search import SearchIndex
from plans.tasks import Today, search
from storage.db import Database
from storage.facts import TaskFacts
from storage.models import Official
from tests.plans.search_table.model import COMMUNES, TOP, parse_commune
from tests.plans.search_table.table import SEARCHES

PASS_SHARE = 0.95


def _facts(parsed: object) -> list[TaskFacts]:
    return [
        TaskFacts(
            id=i,
            plan_id=1,
            organization_id=1,
            code=node.code,
            content=node.content,
            section=node.section,
            deadline_text=None,
            deadline_kind="unknown",
            due=None,
            start=None,
            recurrence=None,
            number=node.number,
            position=i,
        )
        for i, node in enumerate(parsed.tasks, start=1)  # type: ignore[attr-defined]
    ]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[SearchIndex, dict[int, str]]]:
    tmp = tmp_path_factory.mktemp("search-table")
    built = {}
    for commune in COMMUNES:
        facts = _facts(parse_commune(commune, tmp))
        built[commune] = (SearchIndex.build(facts), {t.id: t.code for t in facts})
    return built


def test_search_table_passes(indexes: dict[str, tuple[SearchIndex, dict[int, str]]]) -> None:
    failures: list[str] = []
    per_kind: Counter[str] = Counter()
    for row in SEARCHES:
        index, codes = indexes[row.commune]
        found = [codes[hit.task_id] for hit in index.search(row.query, limit=TOP)]
        if not all(code in found for code in row.must):
            failures.append(f"{row.commune} {row.query!r}: wanted {row.must}, got {found}")
            per_kind.update(row.kinds)
    share = 1 - len(failures) / len(SEARCHES)
    assert share >= PASS_SHARE, f"{share:.1%} pass; failing ({dict(per_kind)}):\n" + "\n".join(failures)


def test_known_cases_through_the_bots_search(db: Database, tmp_path: Path) -> None:
    parsed = parse_commune("thanh-xa", tmp_path)
    with db.session() as session:
        result = store_plan(session=session, parsed=parsed, organization_name="UBND xã Thanh Xá")
    leader = Official(
        id=1, telegram_user_id=1, full_name="Lãnh đạo", organization_id=result.organization_id, role="leader"
    )
    with db.session() as session:
        for row in (r for r in SEARCHES if r.commune == "thanh-xa" and "known" in r.kinds):
            found = [
                line.code
                for line in search(
                    session=session, official=leader, query=row.query, today=Today(date(2023, 4, 14))
                )
            ]
            assert all(code in found for code in row.must), (row.query, found)
