"""After a start every organization's snapshot and search index are loaded before anyone asks."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from bot.app import WARMUP_TASK
from bot.offline.harness import BotHarness
from bot.runtime.warmup import warm_caches, warm_organization
from plans import search
from plans import snapshot as cache
from storage.db import Database
from tests.support.commune import build_world


def refuse_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, loading a snapshot or building an index fails the test."""

    def refuse(**_kwargs: Any) -> Any:
        raise AssertionError("loaded again: the warm-up did not keep it")

    monkeypatch.setattr(cache, "organization_task_facts", refuse)
    monkeypatch.setattr(search, "search_key", lambda _text: refuse())


async def test_warm_caches_loads_every_organization(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    world = build_world(db)
    assert await warm_caches(db) == 2  # Thanh Xá and the other commune
    refuse_loading(monkeypatch)
    for org in (world.org_id, world.other_org_id):
        assert db.call(warm_organization, organization_id=org) >= 1  # served from what was loaded


async def test_the_holidays_of_this_year_and_the_next_are_loaded_first(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import holidays

    from reminders.calendar import public_holiday

    build_world(db)
    await warm_caches(db, today=date(2031, 6, 1))  # years no other test asks for

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("loaded again: the warm-up did not keep it")

    monkeypatch.setattr(holidays, "country_holidays", refuse)
    assert public_holiday(date(2031, 9, 2)) is not None  # Quốc khánh, from what was loaded
    assert public_holiday(date(2032, 1, 1)) is not None
    assert public_holiday(date(2031, 6, 3)) is None


async def test_the_warmed_snapshots_are_out_of_reach_of_later_full_collections(db: Database) -> None:
    """A full collection walks every tracked object; the snapshots, alive as long as the process,
    would make each one a pause of hundreds of milliseconds (BENCHMARKS.md)."""
    world = build_world(db)
    await warm_caches(db)
    facts = db.call(cache.org_facts, organization_id=world.org_id)
    assert gc.get_freeze_count() > 0
    tracked = {id(o) for o in gc.get_objects()}  # the generations a collection walks
    assert id(facts.tasks) not in tracked and id(facts) not in tracked


async def test_a_broken_organization_does_not_stop_the_others(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build_world(db)
    original = cache.organization_task_facts

    def flaky(*, session: Any, organization_id: int) -> Any:
        if organization_id == world.org_id:
            from sqlalchemy.exc import OperationalError

            raise OperationalError("SELECT", {}, Exception("database is locked"))
        return original(session=session, organization_id=organization_id)

    monkeypatch.setattr(cache, "organization_task_facts", flaky)
    assert await warm_caches(db) == 1


async def test_the_bot_warms_up_after_start_and_stops_cleanly_meanwhile(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    build_world(db)
    async with harness_factory(warm_caches=True) as h:
        task: asyncio.Task[int] = h.application.bot_data[WARMUP_TASK]
        assert await asyncio.wait_for(task, 30) == 2
    async with harness_factory(warm_caches=True) as h:  # stopped at once: the warm-up is cancelled
        task = h.application.bot_data[WARMUP_TASK]
    assert task.done()
    assert not h.errors
