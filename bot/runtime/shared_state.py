"""One user's conversation state, shared by every process that serves the bot.

Behind a load balancer, a user's next update may reach any process; conversation states and drafts
therefore live in the database, not in a process's memory. For each update of a user the processor
(bot/runtime/update_processor.py) takes that user's lock in the database, reads their states and
user_data into this process's ConversationHandlers and user_data in the same transaction, runs the
handlers, then writes what changed and releases the lock (below: a release alone waits for a
transaction to ride in).

The take also claims the update's id and reads its sender's Official (what bot/runtime/dedupe.py
would otherwise do in a transaction of its own) and stashes that in `started` for the dedupe
handler. A release, when the update changed nothing else, is not a transaction of its own: it waits
(at most RELEASE_DELAY) to ride in the next transaction this process opens for any user's lock, a
take or a write-back, and is flushed alone when none comes. The update is done once its replies are
out; the user's next take here carries or waits for it, another process retries until it lands, and
shutdown flushes what is left.

The lock is a KeyValue row claimed with one upsert (storage/queries/keyvalue.claim_lock), the same on
SQLite and PostgreSQL. Its lease is renewed while a long update runs (an import); a process killed
while holding one delays that user's next update by at most the lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

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

T = TypeVar("T")

LEASE = timedelta(seconds=20)
FIRST_WAIT = 0.01  # seconds between two tries for a lock another process holds, doubling …
LONGEST_WAIT = 0.2  # … up to this
# A release waits this long for a transaction to ride in. In a busy process the next take comes within
# milliseconds (a transaction saved per update); another process wanting the user waits at most this.
RELEASE_DELAY = 0.02
RELEASE_RETRY = 1.0  # seconds before releases whose transaction failed are tried alone again

Release = tuple[str, datetime]  # a lock's key and the claim time it is held with


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
        self._pending: dict[int, Release] = {}  # user → their lock's release, not yet written
        self._in_flight: dict[int, asyncio.Future[None]] = {}  # user → the transaction carrying it
        self._flush_timer: asyncio.TimerHandle | None = None
        self._flushes: set[asyncio.Task[None]] = set()

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
        """Write the releases still waiting and wait for those under way (at shutdown)."""
        for _round in range(3):  # a failed flush puts its releases back: tried again, not forever
            if self._flush_timer is not None:
                self._flush_timer.cancel()
                self._flush_timer = None
            if self._pending:
                self._start_flush()
            waiting = [*self._flushes, *set(self._in_flight.values())]
            if not waiting:
                return
            await asyncio.gather(*waiting, return_exceptions=True)
        if self._pending:  # the database is failing: the leases let the users in later
            logger.warning("Left %s state locks to their leases", len(self._pending))
            self._pending.clear()

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
        carrying = self._in_flight.get(user_id)
        if carrying is not None:  # this process's last release of the user is being written
            await asyncio.shield(carrying)

        def take(*, session: Session, releases: list[Release]) -> Taken | None:
            _release_all(session, releases)  # this user's own last release first, if it waited
            now = utcnow()
            if not claim_lock(session=session, key=lock_key, now=now, stale_before=now - self.lease):
                return None
            rows = load_keys(session=session, wanted=wanted)
            return now, rows, begin_in(session, begin) if begin is not None else None

        wait = FIRST_WAIT
        while True:
            try:
                taken = await self._carrying_releases(take)
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
        if not changes:
            # Nothing of the user's waits on the release but their next update: it rides in this
            # process's next transaction (see the module's docstring).
            self._pending[held.user_id] = (held.lock_key, held.claimed_at)
            self._arm_flush(RELEASE_DELAY)
            return

        def give_back(*, session: Session, releases: list[Release]) -> None:
            for namespace, key, value in changes:
                put_value(session=session, namespace=namespace, key=key, value=value)
            _release_all(session, [(held.lock_key, held.claimed_at), *releases])

        try:  # the state is stored before the update counts as handled
            await self._carrying_releases(give_back)
        except BaseException:
            # Not stored; the lock at least is released later, not left to its lease.
            self._pending.setdefault(held.user_id, (held.lock_key, held.claimed_at))
            self._arm_flush(RELEASE_RETRY)
            raise

    async def _carrying_releases(self, work: Callable[..., T]) -> T:
        """work(session=…, releases=…) with every release waiting, in one transaction. A failed one
        puts them back (written twice is harmless: a release only deletes its own claim)."""
        releases = list(self._pending.items())
        self._pending.clear()
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        carried = asyncio.get_running_loop().create_future()
        for user_id, _release in releases:
            self._in_flight[user_id] = carried
        written = False
        try:
            result = await self.db.run_step(work, releases=[release for _user, release in releases])
            written = True
            return result
        finally:
            for user_id, release in releases:
                if self._in_flight.get(user_id) is carried:
                    del self._in_flight[user_id]
                if not written:
                    self._pending.setdefault(user_id, release)
            if not written and self._pending:
                self._arm_flush(RELEASE_RETRY)
            carried.set_result(None)

    def _arm_flush(self, delay: float) -> None:
        if self._flush_timer is None:
            self._flush_timer = asyncio.get_running_loop().call_later(delay, self._start_flush)

    def _start_flush(self) -> None:
        """No transaction came for the waiting releases: write them alone."""
        self._flush_timer = None
        if not self._pending:
            return
        task = asyncio.create_task(self._flush(), name="planbot:release-locks")
        self._flushes.add(task)
        task.add_done_callback(self._flushes.discard)

    async def _flush(self) -> None:
        def release(*, session: Session, releases: list[Release]) -> None:
            _release_all(session, releases)

        try:
            await self._carrying_releases(release)
        except Exception:  # put back and tried again; another process meanwhile waits for the lease
            logger.warning("Could not release %s state locks", len(self._pending), exc_info=True)

    def _start_renewing(self, held: _Held) -> None:
        held.renewer = asyncio.create_task(self._renew(held), name=f"planbot:lease:{held.user_id}")

    async def _renew(self, held: _Held) -> None:
        while True:
            now = utcnow()
            renewed = await self.db.run_step(
                renew_lock, key=held.lock_key, claimed_at=held.claimed_at, now=now
            )
            if not renewed:
                logger.warning("The state lock of user %s lapsed during a long update", held.user_id)
                return
            held.claimed_at = now
            await asyncio.sleep(self.lease.total_seconds() / 3)


def _release_all(session: Session, releases: list[Release]) -> None:
    for lock_key, claimed_at in releases:
        release_lock(session=session, key=lock_key, claimed_at=claimed_at)


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
