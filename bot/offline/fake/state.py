"""Shared state of the fake Telegram Bot API and the helpers its methods use to build messages."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections import deque
from typing import Any, Literal

from aiohttp import web

from bot.offline.fake.html import HtmlError, plain_text
from bot.offline.fake.types import ApiCall, BotMessage, Button, FakeFile, FakeUser, Fault, TelegramError

DEFAULT_TOKEN = "123456789:AAFakeTokenForPlanbotTests_abcdefghij"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_DOWNLOAD = 20 * 1024 * 1024
FaultKind = Literal["429", "500", "502", "timeout", "403", "reset"]


class FakeTelegramState:
    """Everything the fake knows (users, updates, messages, files, calls) and message helpers."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "planbot_test_bot",
        bot_name: str = "planbot",
        enforce_limits: bool = False,
        global_rate: int = 30,
        per_chat_rate: int = 1,
        timeout_hold: float = 30.0,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.enforce_limits = enforce_limits
        self.global_rate = global_rate
        self.per_chat_rate = per_chat_rate
        self.timeout_hold = timeout_hold  # how long a "timeout" fault holds the request open
        self.calls: list[ApiCall] = []
        self.users: dict[int, FakeUser] = {}
        self.commands: list[dict[str, Any]] = []  # the default scope's menu
        self.scoped_commands: dict[str, list[dict[str, Any]]] = {}  # scope key ("chat:42") -> menu
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.files: dict[str, FakeFile] = {}
        self.events: list[tuple[int, int]] = []  # (chat_id, message_id) for each send/edit, in order
        self._messages: dict[int, dict[int, BotMessage]] = {}
        self._raw_messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._next_message_id: dict[int, int] = {}
        self._updates: list[dict[str, Any]] = []
        self._offered: dict[int, dict[str, Any]] = {}  # every update ever offered, for redeliver()
        self._redelivered: list[dict[str, Any]] = []  # copies to hand out even below the offset
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._issued_queries: set[str] = set()
        self.callback_query_ids: dict[int, str] = {}  # update id -> callback query id
        self._faults: dict[str, deque[Fault]] = {}
        self._sent_global: deque[float] = deque()
        self._sent_chat: dict[int, deque[float]] = {}
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._stopping: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        # Every bot this fake's port serves, by token (add_bot): one Bot API server, several bots.
        self._bots: dict[str, FakeTelegramState] = {token: self}

    def _wake_pollers(self) -> None:
        def wake() -> None:
            if self._new_update is not None:
                self._new_update.set()
                self._new_update = asyncio.Event()

        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            wake()
        else:
            loop.call_soon_threadsafe(wake)

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _store_file(
        self, content: bytes, *, file_name: str | None, mime_type: str | None, folder: str
    ) -> FakeFile:
        number = next(self._file_ids)
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        stored = FakeFile(
            # Telegram's file ids belong to one bot: another bot of the same server is refused them.
            file_id=f"FILE{self.bot_id}-{number:06d}-{folder}",
            file_unique_id=f"U{number:06d}",
            file_name=file_name,
            mime_type=mime_type,
            content=content,
            file_size=len(content),
            file_path=f"{folder}/file_{number}{suffix}",
        )
        with self._lock:
            self.files[stored.file_id] = stored
        return stored

    def _chat(self, params: dict[str, Any]) -> FakeUser:
        chat_id = params.get("chat_id")
        if chat_id is None:
            raise TelegramError(400, "Bad Request: chat_id is empty")
        try:
            chat = int(chat_id)
        except (TypeError, ValueError):
            raise TelegramError(400, "Bad Request: chat not found") from None
        with self._lock:
            user = self.users.get(chat)
        if user is None:
            raise TelegramError(400, "Bad Request: chat not found")
        return user

    def _text(self, value: Any, parse_mode: Any, *, limit: int, what: str, required: bool) -> str | None:
        if value is None:
            if required:
                raise TelegramError(400, "Bad Request: message text is empty")
            return None
        text = str(value)
        try:
            plain = plain_text(text, parse_mode if isinstance(parse_mode, str) else None) or ""
        except HtmlError as exc:
            raise TelegramError(400, f"Bad Request: can't parse entities: {exc}") from None
        if required and not plain.strip():
            raise TelegramError(400, "Bad Request: message text is empty")
        # Telegram counts UTF-16 code units: an emoji is two.
        if len(plain.strip().encode("utf-16-le")) // 2 > limit:
            raise TelegramError(400, f"Bad Request: {what} is too long")
        return plain

    @staticmethod
    def _buttons(markup: Any) -> list[list[Button]]:
        if markup is None:
            return []
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
        if rows is None:
            return []  # reply keyboards are not used by planbot; accepted and not shown
        result: list[list[Button]] = []
        for row in rows:
            buttons: list[Button] = []
            for raw in row:
                text = str(raw.get("text", ""))
                if not text.strip():
                    raise TelegramError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
                data = raw.get("callback_data")
                url = raw.get("url")
                if data is not None:
                    size = len(str(data).encode("utf-8"))
                    if size < 1 or size > 64:
                        raise TelegramError(400, "Bad Request: BUTTON_DATA_INVALID")
                if url is not None and not str(url).startswith(("http://", "https://", "tg://")):
                    raise TelegramError(400, "Bad Request: BUTTON_URL_INVALID")
                web_app = raw.get("web_app")
                web_app_url = web_app.get("url") if isinstance(web_app, dict) else None
                if web_app is not None and not str(web_app_url or "").startswith("https://"):
                    raise TelegramError(400, "Bad Request: BUTTON_URL_INVALID")  # Web Apps need https
                if (
                    data is None
                    and url is None
                    and web_app_url is None
                    and not any(k in raw for k in ("switch_inline_query", "copy_text"))
                ):
                    raise TelegramError(
                        400,
                        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
                    )
                buttons.append(Button(text=text, callback_data=data, url=url, web_app_url=web_app_url))
            result.append(buttons)
        return result

    def _record(self, message: BotMessage, raw: dict[str, Any]) -> None:
        with self._changed:
            self._messages.setdefault(message.chat_id, {})[message.message_id] = message
            self._raw_messages[(message.chat_id, message.message_id)] = raw
            self.events.append((message.chat_id, message.message_id))
            self._changed.notify_all()

    def _raw(self, message: BotMessage, params: dict[str, Any], user: FakeUser) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "message_id": message.message_id,
            "from": {
                "id": self.bot_id,
                "is_bot": True,
                "first_name": self.bot_name,
                "username": self.bot_username,
            },
            "chat": user.chat_dict(),
            "date": int(message.date),
        }
        if message.html is not None:
            raw["text"] = message.text
        if message.caption_html is not None:
            raw["caption"] = message.caption
        if message.buttons:
            raw["reply_markup"] = {"inline_keyboard": [[b.to_dict() for b in row] for row in message.buttons]}
        for key in ("document", "photo"):
            stored: FakeFile | None = getattr(message, key)
            if stored is None:
                continue
            info = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": stored.file_size,
            }
            if key == "document":
                raw["document"] = {**info, "file_name": stored.file_name, "mime_type": stored.mime_type}
            else:
                raw["photo"] = [{**info, "width": 800, "height": 600}]
        if message.history:
            raw["edit_date"] = int(time.time())
        return raw

    def _find(self, params: dict[str, Any]) -> tuple[FakeUser, BotMessage]:
        if "inline_message_id" in params:
            raise TelegramError(400, "Bad Request: MESSAGE_ID_INVALID")
        user = self._chat(params)
        with self._lock:
            message = self._messages.get(user.id, {}).get(int(params.get("message_id") or 0))
        if message is None or message.deleted:
            raise TelegramError(400, "Bad Request: message to edit not found")
        return user, message
