"""One user's conversation state, shared by every process that serves the bot.

Behind a load balancer, a user's next update may reach any process; conversation states and drafts
therefore live in the database, not in a process's memory. For each update of a user the processor
(bot/runtime/update_processor.py) takes that user's lock in the database, reads their states and
user_data into this process's ConversationHandlers and user_data in the same transaction, runs the
handlers, then writes what changed and releases the lock in one more transaction.

The take also claims the update's id and reads its sender's Official (what bot/runtime/dedupe.py
would otherwise do in a transaction of its own) and stashes that in `started` for the dedupe
handler. The release, when the update changed nothing else, is not waited for: the update is done
once its replies are out; this process's next take for the user waits for it, and so does shutdown.

The lock is a KeyValue row claimed with one upsert (storage/queries/keyvalue.claim_lock), the same on
SQLite and PostgreSQL. Its lease is renewed while a long update runs (an import); a process killed
while holding one delays that user's next update by at most the lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from telegram import Update
from telegram.ext import Application

from bot.runtime.dedupe import begin_arguments, begin_in
from bot.runtime.persistence import DatabasePersistence, holding, json_copy
from storage.models import utcnow
from storage.queries.keyvalue import claim_lock, clear_locks, load_keys, put_value, release_lock, renew_lock
from storage.queries.updates import UpdateStart

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=20)
FIRST_WAIT = 0.01  # seconds between two tries for a lock another process holds, doubling …
LONGEST_WAIT = 0.2  # … up to this


# What a take read: the claim's time, the user's rows, the update's claim and sender (if claimed).
Taken = tuple[datetime, dict[tuple[str, str], Any], UpdateStart | None]


@dataclass
class _Held:
    """What one update read: the lock's claim time and the rows, to write back only the changes."""

    lock_key: str
    claimed_at: datetime
    user_id: int
    conversation_key: tuple[int, ...]
    # A long update's lease is renewed: a timer at a third of the lease (cheap to cancel, as nearly
    # every update ends long before it) starts the renewing task.
    renew_timer: asyncio.TimerHandle | None = None
    renewer: asyncio.Task[None] | None = None


def _tracking(application: Application[Any, Any, Any, Any, Any, Any]) -> dict[str, Any]:
    """The persistent ConversationHandlers' state dicts by name (nested ones included)."""
    return application._conversation_handler_conversations  # PTB keeps no public view of it


class SharedUserState:
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        persistence: DatabasePersistence,
        *,
        lease: timedelta = LEASE,
    ) -> None:
        self.application = application
        self.persistence = persistence
        self.lease = lease
        # Update id → its claim and sender, made with the lock; the dedupe handler pops it.
        self.started: dict[int, UpdateStart] = {}
        self._releasing: dict[int, asyncio.Task[None]] = {}  # user → their lock's release under way

    @property
    def db(self) -> Any:
        return self.persistence.database

    def _lock_key(self, user_id: int) -> str:
        return f"{self.persistence.scope}:{user_id}"

    async def forget_locks(self) -> int:
        """At the start of the only process that polls this bot: no other process holds its locks."""
        return int(await self.db.run(clear_locks, scope=self.persistence.scope))

    @contextlib.asynccontextmanager
    async def hold(self, update: object, *, claim: bool = False) -> AsyncIterator[None]:
        """Run the update's handlers with its user's state read from the database and written back.

        claim: also claim the update's id for the dedupe handler (the processor's updates; not a
        conversation timeout, which runs for an update handled before)."""
        user_id, key = _user_and_key(update)
        if user_id is None or key is None:
            yield
            return
        begin = self._begin(update) if claim and isinstance(update, Update) else None
        held = await self._take(user_id, key, begin)
        held.renew_timer = asyncio.get_running_loop().call_later(
            self.lease.total_seconds() / 3, self._start_renewing, held
        )
        try:
            with holding(user_id):
                yield
        finally:
            if begin is not None:
                self.started.pop(begin["update_id"], None)  # no handler ran (the application stopping)
            held.renew_timer.cancel()
            if held.renewer is not None:
                held.renewer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await held.renewer
            await self._give_back(held)

    async def settle(self) -> None:
        """Wait for the lock releases still under way (at shutdown)."""
        while self._releasing:
            await asyncio.gather(*self._releasing.values(), return_exceptions=True)

    def _begin(self, update: Update) -> dict[str, Any] | None:
        services = self.application.bot_data.get("services")
        admin_ids = getattr(services, "admin_ids", None)
        if not isinstance(admin_ids, frozenset):  # before post_init: the dedupe handler claims it
            return None
        return begin_arguments(update, admin_ids)

    # --- reading ---------------------------------------------------------------------------------

    async def _take(self, user_id: int, key: tuple[int, ...], begin: dict[str, Any] | None) -> _Held:
        names = list(_tracking(self.application))
        wanted = [(self.persistence.conversation_namespace(name), json.dumps(list(key))) for name in names]
        wanted.append((self.persistence.user_data_namespace, str(user_id)))
        lock_key = self._lock_key(user_id)
        releasing = self._releasing.get(user_id)
        if releasing is not None:  # this process's last update of the user: its release first
            await asyncio.gather(releasing, return_exceptions=True)

        def take(*, session: Session) -> Taken | None:
            now = utcnow()
            if not claim_lock(session=session, key=lock_key, now=now, stale_before=now - self.lease):
                return None
            rows = load_keys(session=session, wanted=wanted)
            return now, rows, begin_in(session, begin) if begin is not None else None

        wait = FIRST_WAIT
        while True:
            try:
                taken = await self.db.run(take)
            except SQLAlchemyError:
                if begin is None:
                    raise
                # The claim failed, not necessarily the lock: take without it, and let the dedupe
                # handler claim the update on its own (it lets the update through if it cannot).
                logger.warning("Could not claim update %s with the state lock", begin["update_id"])
                begin = None
                continue
            if taken is not None:
                break
            await asyncio.sleep(wait)
            wait = min(wait * 2, LONGEST_WAIT)
        claimed_at, rows, start = taken
        if begin is not None and start is not None:
            self.started[begin["update_id"]] = start
        self._apply(user_id, key, names, rows)
        return _Held(lock_key=lock_key, claimed_at=claimed_at, user_id=user_id, conversation_key=key)

    def _apply(
        self, user_id: int, key: tuple[int, ...], names: list[str], rows: dict[tuple[str, str], Any]
    ) -> None:
        tracking = _tracking(self.application)
        row_key = json.dumps(list(key))
        for name in names:
            state = rows.get((self.persistence.conversation_namespace(name), row_key))
            states = tracking[name]
            # Bypass the TrackingDict's write tracking: what was just read needs no flush.
            if state is None:
                states.data.pop(key, None)
            else:
                states.update_no_track({key: state})
            self.persistence.remember_state(name, key, state)
        stored = rows.get((self.persistence.user_data_namespace, str(user_id)))
        data = self.application.user_data[user_id]  # created empty on first use
        data.clear()
        if isinstance(stored, dict):
            data.update(json_copy(stored))
        self.persistence.remember_user_data(user_id, stored if isinstance(stored, dict) else None)

    # --- writing back ------------------------------------------------------------------------------

    def _changes(self, held: _Held) -> list[tuple[str, str, Any]]:
        changes: list[tuple[str, str, Any]] = []
        row_key = json.dumps(list(held.conversation_key))
        for name, states in _tracking(self.application).items():
            state = _resolved(states.get(held.conversation_key))
            if state == self.persistence.known_state(name, held.conversation_key):
                continue
            changes.append((self.persistence.conversation_namespace(name), row_key, state))
            self.persistence.remember_state(name, held.conversation_key, state)
        data = self.application.user_data.get(held.user_id)
        value = json_copy(data) if data else None
        if value != self.persistence.known_user_data(held.user_id):
            changes.append((self.persistence.user_data_namespace, str(held.user_id), value))
            self.persistence.remember_user_data(held.user_id, value)
        return changes

    async def _give_back(self, held: _Held) -> None:
        changes = self._changes(held)

        def give_back(*, session: Session) -> None:
            for namespace, key, value in changes:
                put_value(session=session, namespace=namespace, key=key, value=value)
            release_lock(session=session, key=held.lock_key, claimed_at=held.claimed_at)

        if changes:  # the state must be stored before the update counts as handled
            await self.db.run(give_back)
            return
        # Only the release: nothing of the user's waits on it but their next update (which, in this
        # process, waits for it in _take; in another, retries until it is gone).
        task = asyncio.create_task(self._release(held, give_back), name=f"planbot:release:{held.user_id}")
        self._releasing[held.user_id] = task

    async def _release(self, held: _Held, give_back: Any) -> None:
        try:
            await self.db.run(give_back)
        except Exception:  # the lease lets the next update in after at most LEASE
            logger.warning("Could not release the state lock of user %s", held.user_id, exc_info=True)
        finally:
            if self._releasing.get(held.user_id) is asyncio.current_task():
                del self._releasing[held.user_id]

    def _start_renewing(self, held: _Held) -> None:
        held.renewer = asyncio.create_task(self._renew(held), name=f"planbot:lease:{held.user_id}")

    async def _renew(self, held: _Held) -> None:
        while True:
            now = utcnow()
            renewed = await self.db.run(renew_lock, key=held.lock_key, claimed_at=held.claimed_at, now=now)
            if not renewed:
                logger.warning("The state lock of user %s lapsed during a long update", held.user_id)
                return
            held.claimed_at = now
            await asyncio.sleep(self.lease.total_seconds() / 3)


def _resolved(state: object) -> object | None:
    """A ConversationHandler state as stored: a pending (non-blocking) one by its old state."""
    from telegram.ext._handlers.conversationhandler import PendingState

    if isinstance(state, PendingState):
        return state.resolve() if state.done() else state.old_state
    if state is None or state == -1:  # ConversationHandler.END is stored as no row
        return None
    return state


def _user_and_key(update: object) -> tuple[int | None, tuple[int, ...] | None]:
    """The user whose state the update touches, and their ConversationHandler key (chat, user)."""
    if not isinstance(update, Update) or update.effective_user is None:
        return None, None
    user_id = update.effective_user.id
    chat_id = update.effective_chat.id if update.effective_chat is not None else user_id
    return user_id, (chat_id, user_id)
