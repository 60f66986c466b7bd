"""A fake Telegram Bot API server on 127.0.0.1 for tests and the offline `planbot chat`.

The real Application talks to it over HTTP (`TELEGRAM_API_BASE_URL=tg.base_url`): updates travel through
the real polling loop and replies through the real request code. It keeps Telegram's semantics where the
bot could get them wrong (getUpdates offsets, HTML validation, limits, errors) and records every call.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.offline.fake.api import BotApiMethods
from bot.offline.fake.server import FakeTelegramServer
from bot.offline.fake.state import DEFAULT_TOKEN, MAX_CAPTION, MAX_DOWNLOAD, MAX_TEXT, FaultKind
from bot.offline.fake.types import (
    ApiCall,
    BotMessage,
    Button,
    FakeFile,
    FakeGroup,
    FakeUser,
    Fault,
    Revision,
    TelegramError,
)

logger = logging.getLogger(__name__)

# Re-exported: tests and tools import these from bot.offline.fake.
__all__ = [
    "DEFAULT_TOKEN",
    "MAX_CAPTION",
    "MAX_DOWNLOAD",
    "MAX_TEXT",
    "ApiCall",
    "BotMessage",
    "Button",
    "FakeFile",
    "FakeGroup",
    "FakeTelegram",
    "FakeTelegramThread",
    "FakeUser",
    "Fault",
    "FaultKind",
    "Revision",
    "TelegramError",
]


class FakeTelegram(FakeTelegramServer, BotApiMethods):
    """The fake Bot API. `async with FakeTelegram() as tg:` or `FakeTelegram.run_in_thread()`."""

    @classmethod
    def run_in_thread(cls, **kwargs: Any) -> FakeTelegramThread:
        """Start a fake on its own event loop in a daemon thread (for sync code and subprocess tests)."""
        return FakeTelegramThread(cls(**kwargs))

    def user(
        self, user_id: int, first_name: str, last_name: str | None = None, username: str | None = None
    ) -> FakeUser:
        with self._lock:
            user = FakeUser(user_id, first_name, last_name, username)
            self.users[user_id] = user
            return user

    def group(self, chat_id: int, title: str) -> FakeGroup:
        """A group chat the bot is a member of (chat_id negative)."""
        if chat_id >= 0:
            raise ValueError("a group chat's id is negative")
        with self._lock:
            group = FakeGroup(chat_id, title)
            self.users[chat_id] = group
            return group

    def add_group_message(
        self, group: FakeGroup, user: FakeUser, text: str, *, reply_to: int | None = None
    ) -> int:
        """`user` writes `text` in `group`; `reply_to` is a message id of the bot's in that group.
        Commands and @mentions carry their entities as Telegram sends them."""
        with self._lock:
            self.users.setdefault(user.id, user)
            message_id = self._new_message_id(group.id)
            replied = self._raw_messages.get((group.id, reply_to)) if reply_to is not None else None
            if reply_to is not None and replied is None:
                raise KeyError(f"the bot sent no message {reply_to} to group {group.id}")
        entities: list[dict[str, Any]] = []
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(command)})
        mention = f"@{self.bot_username}"
        at = text.lower().find(mention.lower())
        if at >= 0:
            entities.append(
                {"type": "mention", "offset": _utf16_len(text[:at]), "length": _utf16_len(mention)}
            )
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": user.to_dict(),
            "chat": group.chat_dict(),
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if replied is not None:
            message["reply_to_message"] = json.loads(json.dumps(replied))
        return self._offer("message", message)

    def add_bot_to_group(self, group: FakeGroup, by: FakeUser) -> int:
        """`by` adds the bot to `group`: the service message Telegram sends (new_chat_members)."""
        with self._lock:
            self.users.setdefault(by.id, by)
            message_id = self._new_message_id(group.id)
        me = {"id": self.bot_id, "is_bot": True, "first_name": self.bot_name, "username": self.bot_username}
        message = {
            "message_id": message_id,
            "from": by.to_dict(),
            "chat": group.chat_dict(),
            "date": int(time.time()),
            "new_chat_members": [me],
        }
        return self._offer("message", message)

    def _offer(self, kind: str, payload: dict[str, Any]) -> int:
        with self._changed:
            update_id = next(self._update_ids)
            update = {"update_id": update_id, kind: payload}
            self._updates.append(update)
            self._offered[update_id] = copy.deepcopy(update)
            self._changed.notify_all()
        self._wake_pollers()
        return update_id

    def _user_message(self, user: FakeUser, **content: Any) -> dict[str, Any]:
        with self._lock:
            self.users.setdefault(user.id, user)
            message_id = self._new_message_id(user.id)
        message = {
            "message_id": message_id,
            "from": user.to_dict(),
            "chat": user.chat_dict(),
            "date": int(time.time()),
            **content,
        }
        return message

    def add_message(self, user: FakeUser, text: str) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]
        return self._offer("message", self._user_message(user, **content))

    def add_document(
        self,
        user: FakeUser,
        *,
        file_name: str,
        content: bytes,
        mime_type: str,
        caption: str | None = None,
        file_size: int | None = None,
    ) -> int:
        """A file the user sends; `file_size` may claim more than `content` (to test size limits)."""
        stored = self._store_file(content, file_name=file_name, mime_type=mime_type, folder="documents")
        if file_size is not None:
            stored.file_size = file_size
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": stored.file_size,
        }
        extra: dict[str, Any] = {"document": document}
        if caption is not None:
            extra["caption"] = caption
        return self._offer("message", self._user_message(user, **extra))

    def add_photo(self, user: FakeUser, content: bytes, caption: str | None = None) -> int:
        stored = self._store_file(content, file_name="photo.jpg", mime_type="image/jpeg", folder="photos")
        sizes = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": 1280,
                "height": 960,
                "file_size": stored.file_size,
            }
        ]
        extra: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            extra["caption"] = caption
        return self._offer("message", self._user_message(user, **extra))

    def add_sticker(self, user: FakeUser) -> int:
        sticker = {
            "file_id": "sticker-1",
            "file_unique_id": "sticker-u1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return self._offer("message", self._user_message(user, sticker=sticker))

    def add_callback(self, user: FakeUser, *, message_id: int, data: str) -> int:
        """A button press on a message the bot sent to this user (the data may be forged)."""
        with self._lock:
            raw = self._raw_messages.get((user.id, message_id))
            if raw is None:
                raise KeyError(f"the bot sent no message {message_id} to chat {user.id}")
            query_id = str(next(self._callback_ids))
            self._issued_queries.add(query_id)
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": json.loads(json.dumps(raw)),
            "chat_instance": f"ci-{user.id}",
            "data": data,
        }
        update_id = self._offer("callback_query", query)
        with self._lock:
            self.callback_query_ids[update_id] = query_id
        return update_id

    def redeliver(self, update_id: int) -> None:
        """Offer an update already offered once more, with the same id and content: what Telegram does
        after a restart before the offset was confirmed, or a webhook retry reaching another process.
        The copy is handed out on the next getUpdates even if its id is below the confirmed offset."""
        with self._changed:
            original = self._offered.get(update_id)
            if original is None:
                raise KeyError(f"update {update_id} was never offered")
            duplicate = copy.deepcopy(original)
            self._updates.append(duplicate)
            self._redelivered.append(duplicate)
            self._changed.notify_all()
        self._wake_pollers()

    def pending_updates(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._updates)

    def messages_to(self, chat_id: int | FakeUser, *, include_deleted: bool = False) -> list[BotMessage]:
        chat = chat_id.id if isinstance(chat_id, FakeUser) else chat_id
        with self._lock:
            messages = sorted(self._messages.get(chat, {}).values(), key=lambda m: m.message_id)
            return [m for m in messages if include_deleted or not m.deleted]

    def message(self, chat_id: int, message_id: int) -> BotMessage:
        with self._lock:
            return self._messages[chat_id][message_id]

    def calls_to(self, method: str) -> list[ApiCall]:
        with self._lock:
            return [c for c in self.calls if c.method.lower() == method.lower()]

    def file_content(self, file_id: str) -> bytes:
        return self.files[file_id].content

    def callback_answer(self, update_id: int) -> dict[str, Any] | None:
        """The bot's answerCallbackQuery parameters for the press offered as `update_id`."""
        with self._lock:
            query_id = self.callback_query_ids.get(update_id)
            return self.callback_answers.get(query_id) if query_id else None

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Block until predicate() is true; only from a thread other than the fake's loop."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
            return True

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Await until predicate() is true (polls; for code on the fake's own loop)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FakeTelegramThread:
    """A FakeTelegram serving from its own event loop in a daemon thread; a context manager."""

    tg: FakeTelegram
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _thread: threading.Thread | None = None

    def __post_init__(self) -> None:
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self.tg.start())
            started.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self.tg.stop())
            self._loop.close()

        self._thread = threading.Thread(target=serve, name="fake-telegram", daemon=True)
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("FakeTelegram did not start")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tg, name)

    def stop(self) -> None:
        if self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> FakeTelegram:
        return self.tg

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def iter_messages(self, chat_id: int) -> Iterator[BotMessage]:
        yield from self.tg.messages_to(chat_id)
