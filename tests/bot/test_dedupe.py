"""The same update delivered twice is handled once: in one process, after a restart, on any database."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.offline.harness import BotHarness
from bot.runtime import dedupe
from storage.db import Database
from storage.models import ProcessedUpdate
from storage.queries.updates import claim_update, prune_processed_updates
from tests.support.commune import TTPVHCC, World, build_world

PROFILE = "Thông tin của tôi"


@pytest.fixture
def lan_world(db: Database) -> World:
    world = build_world(db)
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    return world


def served(h: BotHarness, update_id: int) -> int:
    """How many times the fake handed this update to the bot."""
    return sum(
        1
        for call in h.tg.calls_to("getUpdates")
        for update in (call.result or [])
        if update["update_id"] == update_id
    )


def profiles(h: BotHarness, user_id: int) -> int:
    return sum(PROFILE in m.text for m in h.tg.messages_to(user_id))


async def test_redelivered_update_is_not_answered_again(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        [profile] = await h.send(lan, "/toi")
        assert PROFILE in profile.text
        handled = h.last_update_id
        assert handled is not None
        h.tg.redeliver(handled)
        await h.send(lan, "/help")  # updates run in order: the copy has been handled by now
        assert served(h, handled) == 2  # the bot did get the copy …
        assert profiles(h, 101) == 1  # … and did not answer it
        assert not h.errors


async def test_redelivered_after_a_restart_is_not_answered_again(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        await h.send(lan, "/toi")
        handled = h.last_update_id
        assert handled is not None
        await h.restart()  # a new process: nothing of the first one's memory survives but the database
        h.tg.redeliver(handled)
        [help_reply] = await h.send(lan, "/help")
        assert "/viec" in help_reply.text
        assert served(h, handled) >= 2  # (the restart itself may deliver it again: offset unconfirmed)
        assert profiles(h, 101) == 1
        assert not h.errors


async def test_different_updates_are_all_answered(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        for _ in range(3):
            [reply] = await h.send(lan, "/toi")  # the same text, a new update each time
            assert PROFILE in reply.text
        assert profiles(h, 101) == 3


async def test_database_down_while_claiming_lets_the_update_through(
    lan_world: World,
    harness_factory: Callable[..., BotHarness],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def unreachable(**kwargs: Any) -> Any:
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))

    unreachable.__name__ = "begin_update"
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        monkeypatch.setattr(dedupe, "begin_update", unreachable)
        with caplog.at_level(logging.WARNING, logger="bot.runtime.dedupe"):
            [reply] = await h.send(lan, "/toi")
        assert PROFILE in reply.text  # better handled (maybe twice) than dropped
        assert any("handling it anyway" in r.getMessage() for r in caplog.records)
        monkeypatch.undo()
        [reply] = await h.send(lan, "/toi")
        assert PROFILE in reply.text
        assert not h.errors


# ---------------------------------------------------------------- the claim itself


def test_claim_is_taken_once_and_a_reused_id_with_new_content_is_new(db: Database) -> None:
    assert db.call(claim_update, update_id=7_000_000_001, digest="a" * 32) is True
    assert db.call(claim_update, update_id=7_000_000_001, digest="a" * 32) is False
    # Telegram picks ids at random again after a quiet week: other content under an old id is new.
    assert db.call(claim_update, update_id=7_000_000_001, digest="b" * 32) is True
    assert db.call(claim_update, update_id=7_000_000_001, digest="b" * 32) is False
    with db.session() as session:
        [row] = session.exec(select(ProcessedUpdate)).all()
        assert row.update_id == 7_000_000_001 and row.digest == "b" * 32


def test_a_duplicate_leaves_the_transaction_usable(db: Database) -> None:
    """The savepoint: after a duplicate key PostgreSQL would otherwise refuse every later statement."""
    with db.session() as session:
        assert claim_update(session=session, update_id=1, digest="x") is True
        assert claim_update(session=session, update_id=1, digest="x") is False
        assert claim_update(session=session, update_id=2, digest="y") is True
    with db.session() as session:
        assert sorted(r.update_id for r in session.exec(select(ProcessedUpdate))) == [1, 2]


def test_prune_forgets_old_claims_only(db: Database) -> None:
    now = datetime.now(UTC)
    db.call(claim_update, update_id=1, digest="old", now=now - timedelta(days=3))
    db.call(claim_update, update_id=2, digest="new", now=now - timedelta(hours=1))
    assert db.call(prune_processed_updates, before=now - dedupe.KEEP_FOR) == 1
    with db.session() as session:
        assert [r.update_id for r in session.exec(select(ProcessedUpdate))] == [2]


async def test_the_handler_prunes_at_its_first_claim(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        old = datetime.now(UTC) - timedelta(days=3)
        h.db.call(claim_update, update_id=9_999_999, digest="stale", now=old)
        await h.send(lan, "/toi")  # the first claim after a start prunes
        with h.db.session() as session:
            ids = [r.update_id for r in session.exec(select(ProcessedUpdate))]
        assert 9_999_999 not in ids and h.last_update_id in ids
