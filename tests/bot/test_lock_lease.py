"""The user's state lock is leased (bot/runtime/shared_state.py): an update that outlasts a third of
the lease renews it, so another process cannot take the user while it runs; a quick update never
starts the renewing at all, and the lock is gone once the update is done."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlmodel import select
from telegram.ext import CommandHandler

from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import KeyValue, utcnow
from storage.queries.keyvalue import LOCKS, claim_lock

LEASE = timedelta(seconds=0.6)


def _lock_rows(db: Database) -> list[tuple[str, Any]]:
    with db.session() as session:
        rows = session.exec(select(KeyValue).where(KeyValue.namespace == LOCKS)).all()
        return [(row.key, row.updated_at) for row in rows]


async def test_a_long_update_renews_its_lease_and_keeps_other_processes_out(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    started, finish = asyncio.Event(), asyncio.Event()

    async def slow(update: Any, _context: Any) -> None:
        started.set()
        await finish.wait()
        await update.effective_message.reply_text("xong")

    def setup(application: Any) -> None:
        application.update_processor.shared.lease = LEASE
        application.add_handler(CommandHandler("cham", slow), group=-3)

    async with harness_factory(setup=setup) as h:
        user = h.user(4242, "Lan")
        update_id = h.tg.add_message(user, "/cham")
        await asyncio.wait_for(started.wait(), 10)
        [(key, first)] = await asyncio.to_thread(_lock_rows, db)
        await asyncio.sleep(LEASE.total_seconds() * 1.5)  # past the lease: renewed meanwhile
        [(_, later)] = await asyncio.to_thread(_lock_rows, db)
        assert later > first
        now = utcnow()
        taken = await asyncio.to_thread(
            db.call, claim_lock, key=key, now=now, stale_before=now - LEASE
        )  # another process trying to take the user
        assert taken is False
        finish.set()
        await h.wait_processed(update_id)
        await h.application.update_processor.shared.settle()
        assert await asyncio.to_thread(_lock_rows, db) == []


async def test_a_quick_update_starts_no_renewing(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        shared = h.application.update_processor.shared
        created: list[str] = []
        original = shared._start_renewing

        def spy(held: Any) -> None:
            created.append(held.lock_key)
            original(held)

        shared._start_renewing = spy
        await h.send(h.user(4243, "Minh"), "/help")
        await asyncio.sleep(0.05)
        assert created == []
        await shared.settle()
        assert await asyncio.to_thread(_lock_rows, db) == []
