"""Updates of different users are handled concurrently, the updates of one user in order.

python-telegram-bot's ConversationHandler needs each conversation's updates one by one (it keys
conversations by chat and user), and a user expects their messages answered in the order sent.
Nothing requires two different users to wait for each other: one user's slow database work (a
statistics snapshot, an import) would otherwise hold up every other chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.runtime.shared_state import SharedUserState

MAX_RUNNING = 16  # updates being handled at once
MAX_PENDING = 1024  # updates taken from the queue: running, or waiting for their user's turn


def ordering_key(update: object) -> int | None:
    """The user (else the chat) whose updates must stay in order; None for anything else."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """At most `running` updates handled at once; one at a time for each user, in arrival order.

    An update first waits for its user's turn, then for a running slot: a user who sends many
    messages at once queues behind themself without taking the slots other users need.
    asyncio.Lock wakes its waiters first come, first served, and the Application starts the
    processing tasks in the order the updates arrived, so a user's updates keep their order."""

    def __init__(self, running: int = MAX_RUNNING, pending: int = MAX_PENDING) -> None:
        super().__init__(pending)
        self._running = asyncio.Semaphore(running)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}  # key → updates running or waiting (to drop idle locks)
        # Set once the Application exists (bot/app.py): the user's state read and written per update.
        self.shared: SharedUserState | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            async with self._running:
                await coroutine
            return
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock, self._running:
                if self.shared is None:
                    await coroutine
                else:
                    async with self.shared.hold(update, claim=True):
                        await coroutine
        finally:
            self._holders[key] -= 1
            if self._holders[key] == 0:  # nobody else is queued for this user
                del self._holders[key]
                del self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        if self.shared is not None:  # lock releases still under way (shared_state.py)
            await self.shared.settle()
