"""Conversation states and per-user drafts stored in the database (shared by every bot process)."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlmodel import Session, col, delete
from telegram.ext import DictPersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from storage.db import Database
from storage.models import KeyValue
from storage.queries.keyvalue import load_namespace, put_value

logger = logging.getLogger(__name__)

CONVERSATIONS = "conversation:"
USER_DATA = "user_data"


def _load(session: Session, namespace: str) -> dict[str, Any]:
    return load_namespace(session=session, namespace=namespace)


def _store(session: Session, namespace: str, key: str, value: Any) -> None:
    put_value(session=session, namespace=namespace, key=key, value=value)


class DatabasePersistence(DictPersistence):
    """DictPersistence whose writes also go to the KeyValue table.

    Only conversation states and user_data are kept (bot_data holds live services). user_data must
    stay JSON-serialisable: handlers keep drafts as plain dicts of ids and strings.
    """

    def __init__(self, database_url: str, *, update_interval: float = 1.0) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self._url = database_url
        self._database: Database | None = None

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

    async def get_conversations(self, name: str) -> ConversationDict:
        stored: dict[str, Any] = await self._run(_load, CONVERSATIONS + name)
        conversations: ConversationDict = {tuple(json.loads(key)): state for key, state in stored.items()}
        if self._conversations is None:
            self._conversations = {}
        self._conversations[name] = dict(conversations)
        return conversations

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        if self._conversations is not None and self._conversations.get(name, {}).get(key) == new_state:
            return
        await super().update_conversation(name, key, new_state)
        await self._run(_store, CONVERSATIONS + name, json.dumps(list(key)), new_state)

    async def get_user_data(self) -> dict[int, dict[object, object]]:
        stored: dict[str, Any] = await self._run(_load, USER_DATA)
        self._user_data = {int(key): dict(value or {}) for key, value in stored.items()}
        return {key: dict(value) for key, value in self._user_data.items()}

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        if self._user_data is not None and self._user_data.get(user_id) == data:
            return
        await super().update_user_data(user_id, data)
        try:
            value = json.loads(json.dumps(data, default=str))
        except (TypeError, ValueError):  # pragma: no cover - handlers keep drafts JSON-friendly
            logger.warning("user_data of %s is not JSON-serialisable; not persisted", user_id)
            return
        await self._run(_store, USER_DATA, str(user_id), value)

    async def drop_user_data(self, user_id: int) -> None:
        await super().drop_user_data(user_id)
        await self._run(_store, USER_DATA, str(user_id), None)

    async def flush(self) -> None:
        return None

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


def clear_all(*, session: Session) -> None:
    """Forget every stored conversation state and user draft (used by tests and `db reset`)."""
    session.exec(delete(KeyValue).where(col(KeyValue.namespace).like("conversation:%")))  # type: ignore[call-overload]
    session.exec(delete(KeyValue).where(col(KeyValue.namespace) == USER_DATA))  # type: ignore[call-overload]
