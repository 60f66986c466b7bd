"""After a start every organization's snapshot and search index are loaded before anyone asks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
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
