"""Shared fixtures: a migrated database and the offline bot harness.

Set PLANBOT_TEST_DATABASE_URL (e.g. postgresql+psycopg://user:pw@localhost/planbot_test) to run the
suite on another database; every table is emptied before each test that uses it, and the tests that
never open a database are left out (they already ran on SQLite; PLANBOT_TEST_ALL=1 keeps them).
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import storage.models  # noqa: F401  (registers the tables)
from bot.offline.harness import BotHarness
from storage.db import Database
from tests.support.commune import MORNING
from tests.support.database import TEST_DATABASE_ENV, empty_all_tables

# The fixtures that open the test database. On the PostgreSQL pass (PLANBOT_TEST_DATABASE_URL set) only
# the tests using one run: the others (parsers, the corpus, pure rules, fuzzing) never open a database,
# already ran on SQLite and cannot answer differently. PLANBOT_TEST_ALL=1 runs everything anyway.
DATABASE_FIXTURES = frozenset({"database_url", "commune_db"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not os.environ.get(TEST_DATABASE_ENV) or os.environ.get("PLANBOT_TEST_ALL"):
        return
    kept = [i for i in items if DATABASE_FIXTURES & set(getattr(i, "fixturenames", ()))]
    dropped = [i for i in items if not DATABASE_FIXTURES & set(getattr(i, "fixturenames", ()))]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Tests that run `bot.cli.main` in-process install a handler on the (captured) stderr: undo it."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = {
        name: logging.getLogger(name).level for name in ("httpx", "httpcore", "apscheduler", "aiohttp.access")
    }
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, saved in quiet.items():
        logging.getLogger(name).setLevel(saved)


@pytest.fixture(autouse=True)
def _unfreeze_heap() -> Iterator[None]:
    """A bot's warm-up freezes the heap (bot/runtime/warmup.py settle_heap): right for a process
    that lives on, a leak for a test run making and dropping Applications."""
    yield
    gc.unfreeze()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The URL the test's database lives at: a fresh SQLite file, or PLANBOT_TEST_DATABASE_URL."""
    return os.environ.get(TEST_DATABASE_ENV) or f"sqlite:///{tmp_path / 'planbot.db'}"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated, empty Database."""
    database = Database(database_url)
    if os.environ.get(TEST_DATABASE_ENV):
        empty_all_tables(database)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def harness_factory(tmp_path: Path, db: Database) -> Callable[..., BotHarness]:
    """Build (not start) a BotHarness on the test database: `async with harness_factory(admin_ids=[1]) as h:`."""

    def make(**kwargs: Any) -> BotHarness:
        kwargs.setdefault("db", db)
        kwargs.setdefault("clock_at", MORNING)  # the commune's test day (tests/support/commune.py)
        return BotHarness(tmp_path, **kwargs)

    return make


@pytest.fixture
async def harness(harness_factory: Callable[..., BotHarness]) -> AsyncIterator[BotHarness]:
    """A started BotHarness (no configured admins) on the `db` fixture's database."""
    async with harness_factory() as started:
        yield started
