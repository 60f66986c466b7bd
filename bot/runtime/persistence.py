"""Conversation states and per-user drafts stored in the database (shared by every bot process).

Every update of a user runs while this process holds that user's lock (bot/runtime/shared_state.py),
which reads the user's states and data from the database first and writes what changed after. Only
writes made under that lock reach the database: PTB's periodic flush and a conversation timer fire
outside any update, with this process's copy, which another process may have overtaken meanwhile.
"""

from __future__ import annotations

import contextvars
import copy
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlmodel import Session, col, delete
from telegram.ext import DictPersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from storage.db import Database
from storage.models import KeyValue
from storage.queries.keyvalue import put_value

logger = logging.getLogger(__name__)

T = TypeVar("T")

CONVERSATIONS = "conversation:"
USER_DATA = "user_data"

# The Telegram user whose lock the running update holds (None outside an update).
_HOLDER: contextvars.ContextVar[int | None] = contextvars.ContextVar("planbot_state_holder", default=None)


@contextmanager
def holding(user_id: int) -> Iterator[None]:
    """Mark the code inside (and the tasks it starts) as running under user_id's lock."""
    token = _HOLDER.set(user_id)
    try:
        yield
    finally:
        _HOLDER.reset(token)


def json_copy(data: Any) -> Any:
    """What the database will hold for data (and give back): JSON types only."""
    return json.loads(json.dumps(data, default=str))


def _store(session: Session, namespace: str, key: str, value: Any) -> None:
    put_value(session=session, namespace=namespace, key=key, value=value)


class DatabasePersistence(DictPersistence):
    """DictPersistence whose writes go to the KeyValue table, for the user whose lock is held.

    Only conversation states and user_data are kept (bot_data holds live services). user_data must
    stay JSON-serialisable: handlers keep drafts as plain dicts of ids and strings. `scope` keeps
    the rows of the deployment's other bots apart (a user talks to each bot separately); the main
    bot's scope is "" and its rows keep their names from before scopes.
    """

    def __init__(
        self,
        database_url: str,
        *,
        scope: str = "",
        update_interval: float = 1.0,
        database: Database | None = None,
    ) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self._url = database_url
        # Given: shared with the other bots of one process (bot/runtime/many_bots.py).
        self._database: Database | None = database
        self.scope = scope
        prefix = f"{scope}/" if scope else ""
        self.conversations_prefix = prefix + CONVERSATIONS
        self.user_data_namespace = prefix + USER_DATA

    @property
    def database(self) -> Database:
        # Created on first use (Application.initialize), never at import or build time.
        if self._database is None:
            self._database = Database(self._url)
        return self._database

    async def _run(self, fn: Any, *args: Any) -> Any:
        def work() -> Any:
            with self.database.session() as session:
                return fn(session, *args)

        return await self.database.run_in_thread(work)

    # Nothing is loaded at start: each update reads its user's rows (shared_state.py), so a process
    # never holds a copy older than the last update another process handled.
    async def get_conversations(self, name: str) -> ConversationDict:
        if self._conversations is None:
            self._conversations = {}
        self._conversations.setdefault(name, {})
        return {}

    async def get_user_data(self) -> dict[int, dict[object, object]]:
        self._user_data = {}
        return {}

    def known_state(self, name: str, key: ConversationKey) -> object | None:
        """The state of key as last read from or written to the database by this process."""
        return (self._conversations or {}).get(name, {}).get(key)

    def known_user_data(self, user_id: int) -> Any:
        return (self._user_data or {}).get(user_id)

    def remember_state(self, name: str, key: ConversationKey, state: object | None) -> None:
        conversations = self._conversations if self._conversations is not None else {}
        self._conversations = conversations
        if state is None:
            conversations.setdefault(name, {}).pop(key, None)
        else:
            conversations.setdefault(name, {})[key] = state

    def remember_user_data(self, user_id: int, data: Any) -> None:
        if self._user_data is None:
            self._user_data = {}
        if data is None:
            self._user_data.pop(user_id, None)
        else:
            self._user_data[user_id] = copy.deepcopy(data)

    def conversation_namespace(self, name: str) -> str:
        return self.conversations_prefix + name

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        if _HOLDER.get() != key[-1]:
            return  # outside this user's update: this copy may be stale (see the module's docstring)
        if self.known_state(name, key) == new_state:
            return
        await self._run(_store, self.conversation_namespace(name), json.dumps(list(key)), new_state)
        self.remember_state(name, key, new_state)

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        if _HOLDER.get() != user_id:
            return
        try:
            value = json_copy(data)
        except (TypeError, ValueError):  # pragma: no cover - handlers keep drafts JSON-friendly
            logger.warning("user_data of %s is not JSON-serialisable; not persisted", user_id)
            return
        if self.known_user_data(user_id) == value:
            return
        await self._run(_store, self.user_data_namespace, str(user_id), value)
        self.remember_user_data(user_id, value)

    async def update_step(
        self,
        user_id: int,
        data: dict[Any, Any],
        *,
        conversation: str | None,
        key: ConversationKey,
        state: object | None,
    ) -> None:
        """A conversation step's new state and the user's data in one database call, or none when
        neither changed since this process last read or wrote them (handlers/ui/draft_store.py)."""
        if _HOLDER.get() != user_id:
            return
        try:
            value = json_copy(data) if data else None
        except (TypeError, ValueError):  # pragma: no cover - handlers keep drafts JSON-friendly
            logger.warning("user_data of %s is not JSON-serialisable; not persisted", user_id)
            return
        writes: list[tuple[str, str, Any]] = []
        if conversation is not None and self.known_state(conversation, key) != state:
            writes.append((self.conversation_namespace(conversation), json.dumps(list(key)), state))
        if self.known_user_data(user_id) != value:
            writes.append((self.user_data_namespace, str(user_id), value))
        if not writes:
            return

        def work(session: Session) -> None:
            for namespace, row_key, row_value in writes:
                _store(session, namespace, row_key, row_value)

        await self._run(work)
        if conversation is not None:
            self.remember_state(conversation, key, state)
        self.remember_user_data(user_id, value)

    async def drop_user_data(self, user_id: int) -> None:
        if _HOLDER.get() != user_id:
            return
        await self._run(_store, self.user_data_namespace, str(user_id), None)
        self.remember_user_data(user_id, None)

    async def run_with_state(
        self,
        fn: Callable[..., T],
        kwargs: dict[str, Any],
        *,
        user_id: int,
        conversation: str | None,
        key: ConversationKey,
        state: object | None,
        data: dict[Any, Any],
    ) -> T:
        """fn(session=…, **kwargs), and in its transaction the conversation's new state and the user's
        data: a use case that ends a conversation (a report stored) and the end of that conversation
        commit together, so no kill between them leaves a stored report with its draft still open."""
        held = _HOLDER.get() == user_id
        value = json_copy(data) or None
        row_key = json.dumps(list(key))

        def work(*, session: Session) -> T:
            result = fn(session=session, **kwargs)
            if held:
                if conversation is not None:
                    put_value(
                        session=session,
                        namespace=self.conversation_namespace(conversation),
                        key=row_key,
                        value=state,
                    )
                put_value(session=session, namespace=self.user_data_namespace, key=str(user_id), value=value)
            return result

        work.__name__ = getattr(fn, "__name__", "work")  # logs and fault tests see the use case's name
        result = await self.database.run_step(work)
        if held:
            if conversation is not None:
                self.remember_state(conversation, key, state)
            self.remember_user_data(user_id, value)
        return result

    async def flush(self) -> None:
        return None

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


def clear_all(*, session: Session) -> None:
    """Forget every stored conversation state, user draft and lock (used by tests and `db reset`)."""
    for pattern in ("conversation:%", "%/conversation:%", "user_data", "%/user_data", "user_lock"):
        session.exec(delete(KeyValue).where(col(KeyValue.namespace).like(pattern)))  # type: ignore[call-overload]
