"""A state lock's release rides in the process's next transaction (bot/runtime/shared_state.py):
the next take of any user carries it, a release that no transaction comes for is written alone
shortly after, and a failed transaction puts the releases it carried back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.offline.harness import BotHarness
from bot.runtime import shared_state
from storage.db import Database
from storage.models import KeyValue, utcnow
from storage.queries.keyvalue import LOCKS, claim_lock


def _locks(db: Database) -> list[str]:
    with db.session() as session:
        return [row.key for row in session.exec(select(KeyValue).where(KeyValue.namespace == LOCKS)).all()]


async def _until_no_locks(db: Database) -> None:
    for _ in range(200):  # generous: this checks that it happens, not how fast
        if not await asyncio.to_thread(_locks, db):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"locks still held: {_locks(db)}")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """(function name, keyword arguments) of every Database.call, in order."""
    seen: list[tuple[str, dict[str, Any]]] = []
    original = Database.call

    def call(self: Database, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        seen.append((getattr(fn, "__name__", ""), kwargs))
        return original(self, fn, **kwargs)

    monkeypatch.setattr(Database, "call", call)
    yield seen


async def test_the_next_take_carries_the_last_release(
    db: Database,
    harness_factory: Callable[..., BotHarness],
    calls: list[tuple[str, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shared_state, "RELEASE_DELAY", 30.0)  # no flush alone during the test
    async with harness_factory() as h:
        await h.send(h.user(5101, "Lan"), "/help")
        assert _locks(db) == [":5101"]  # released later, with the next transaction
        calls.clear()
        await h.send(h.user(5102, "Minh"), "/help")
        takes = [kwargs for name, kwargs in calls if name == "take"]
        assert [key for key, _at in takes[0]["releases"]] == [":5101"]
        assert not [name for name, _ in calls if name == "release"]  # no transaction of its own
        assert _locks(db) == [":5102"]
        await h.application.update_processor.shared.settle()  # shutdown writes what still waits
        assert _locks(db) == []


async def test_a_release_no_transaction_comes_for_is_written_alone(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        await h.send(h.user(5103, "Hoa"), "/help")
        await _until_no_locks(db)  # nothing else happens: the flush writes it
        now = utcnow()  # and another process may take the user at once, not after the lease
        assert db.call(claim_lock, key=":5103", now=now, stale_before=now - shared_state.LEASE)


async def test_the_same_users_next_update_releases_and_takes_in_one_transaction(
    db: Database,
    harness_factory: Callable[..., BotHarness],
    calls: list[tuple[str, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shared_state, "RELEASE_DELAY", 30.0)
    async with harness_factory() as h:
        lan = h.user(5104, "Lan")
        await h.send(lan, "/help")
        calls.clear()
        [reply] = await h.send(lan, "/help")  # not blocked by its own lock, still held
        assert reply.text
        assert [name for name, _ in calls].count("take") == 1  # no retry: the release came first
        assert not h.errors


async def test_a_failed_take_puts_the_releases_it_carried_back(
    db: Database, harness_factory: Callable[..., BotHarness], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_state, "RELEASE_DELAY", 30.0)
    async with harness_factory() as h:
        await h.send(h.user(5105, "Lan"), "/help")
        shared = h.application.update_processor.shared
        database = shared.db  # the bot's own Database (the harness has one of its own)
        original = database.run_step
        failed: list[list[Any]] = []

        async def flaky(fn: Callable[..., Any], /, **kwargs: Any) -> Any:
            if getattr(fn, "__name__", "") == "take" and not failed:
                failed.append(kwargs["releases"])
                raise OperationalError("take", {}, Exception("database is locked"))
            return await original(fn, **kwargs)

        monkeypatch.setattr(database, "run_step", flaky)
        await h.send(h.user(5106, "Minh"), "/help")  # its claim falls back to the dedupe handler
        assert [key for key, _at in failed[0]] == [":5105"]
        # The retried take carried the release again.
        assert ":5105" not in _locks(db)
        assert not shared._pending or list(shared._pending) == [5106]
        await shared.settle()
        assert _locks(db) == []
