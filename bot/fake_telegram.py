"""A fake Telegram Bot API server on 127.0.0.1 for tests and the offline `planbot chat`.

The real Application talks to it over HTTP (`TELEGRAM_API_BASE_URL=tg.base_url`): updates travel through
the real polling loop and replies through the real request code. It keeps Telegram's semantics where the
bot could get them wrong (getUpdates offsets, HTML validation, limits, errors) and records every call.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web

from bot.fake_telegram_html import HtmlError, plain_text
from bot.fake_telegram_types import (
    ApiCall,
    BotMessage,
    Button,
    FakeFile,
    FakeUser,
    Fault,
    Revision,
    TelegramError,
)

logger = logging.getLogger(__name__)

__all__ = [
    "ApiCall",
    "BotMessage",
    "Button",
    "FakeFile",
    "FakeTelegram",
    "FakeTelegramThread",
    "FakeUser",
    "Revision",
]

DEFAULT_TOKEN = "123456789:AAFakeTokenForPlanbotTests_abcdefghij"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_DOWNLOAD = 20 * 1024 * 1024
FaultKind = Literal["429", "500", "502", "timeout", "403", "reset"]

# Values PTB sends as raw strings: never JSON-decode them ("123" must stay text).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "file_id",
        "url",
        "inline_message_id",
        "document",
        "photo",
        "action",
        "language_code",
        "emoji",
        "secret_token",
        "query",
    }
)
_SEND_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "editmessagetext",
        "editmessagereplymarkup",
        "editmessagecaption",
    }
)


def _decode_param(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class FakeTelegram:
    """The fake Bot API. `async with FakeTelegram() as tg:` or `FakeTelegram.run_in_thread()`."""

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
        self.commands: list[dict[str, Any]] = []
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.files: dict[str, FakeFile] = {}
        self.events: list[tuple[int, int]] = []  # (chat_id, message_id) for each send/edit, in order
        self._messages: dict[int, dict[int, BotMessage]] = {}
        self._raw_messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._next_message_id: dict[int, int] = {}
        self._updates: list[dict[str, Any]] = []
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

    # ------------------------------------------------------------------ lifecycle
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._require_port()}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self._require_port()}/file/bot"

    def _require_port(self) -> int:
        if self.port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self.port

    async def start(self) -> FakeTelegram:
        self._loop = asyncio.get_running_loop()
        self._new_update = asyncio.Event()
        self._stopping = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        if self._stopping is not None:
            self._stopping.set()
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @classmethod
    def run_in_thread(cls, **kwargs: Any) -> FakeTelegramThread:
        """Start a fake on its own event loop in a daemon thread (for sync code and subprocess tests)."""
        return FakeTelegramThread(cls(**kwargs))

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

    # ------------------------------------------------------------------ users and updates
    def user(
        self, user_id: int, first_name: str, last_name: str | None = None, username: str | None = None
    ) -> FakeUser:
        with self._lock:
            user = FakeUser(user_id, first_name, last_name, username)
            self.users[user_id] = user
            return user

    def _offer(self, kind: str, payload: dict[str, Any]) -> int:
        with self._changed:
            update_id = next(self._update_ids)
            self._updates.append({"update_id": update_id, kind: payload})
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

    def pending_updates(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._updates)

    # ------------------------------------------------------------------ reading
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

    # ------------------------------------------------------------------ waiting (other threads)
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

    # ------------------------------------------------------------------ faults and limits
    def fail_next(self, method: str, *, error: FaultKind, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with the given failure."""
        if error not in ("429", "500", "502", "timeout", "403", "reset"):
            raise ValueError(f"unknown fault {error!r}")
        with self._lock:
            queue = self._faults.setdefault(method.lower(), deque())
            for _ in range(times):
                queue.append(Fault(error, retry_after))

    def _take_fault(self, method: str) -> Fault | None:
        with self._lock:
            queue = self._faults.get(method.lower())
            return queue.popleft() if queue else None

    def _check_limits(self, method: str, chat_id: Any) -> None:
        if not self.enforce_limits or method not in _SEND_METHODS:
            return
        now = time.monotonic()
        with self._lock:
            for window in [
                self._sent_global,
                *([self._sent_chat.setdefault(chat_id, deque())] if isinstance(chat_id, int) else []),
            ]:
                while window and now - window[0] >= 1.0:
                    window.popleft()
            if len(self._sent_global) >= self.global_rate:
                raise TelegramError(429, "Too Many Requests: retry after 1", retry_after=1)
            if isinstance(chat_id, int):
                chat_window = self._sent_chat[chat_id]
                if len(chat_window) >= self.per_chat_rate:
                    raise TelegramError(429, "Too Many Requests: retry after 1", retry_after=1)
                chat_window.append(now)
            self._sent_global.append(now)

    # ------------------------------------------------------------------ HTTP
    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        path = request.match_info["path"]
        with self._lock:
            stored = next((f for f in self.files.values() if f.file_path == path), None)
        if stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.content, content_type="application/octet-stream")

    async def _read_params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, FakeFile]]:
        params: dict[str, Any] = {}
        files: dict[str, FakeFile] = {}
        if request.method == "GET":
            for key, query_value in request.query.items():
                params[key] = _decode_param(key, query_value)
            return params, files
        if request.content_type == "application/json":
            body = await request.json()
            return (dict(body) if isinstance(body, dict) else {}), files
        form = await request.post()
        for key, item in form.items():
            value: Any = item
            if isinstance(value, web.FileField):
                content = value.file.read()
                files[key] = FakeFile(
                    file_id="",
                    file_unique_id="",
                    file_name=value.filename or key,
                    mime_type=value.content_type,
                    content=content,
                    file_size=len(content),
                )
            else:
                params[key] = _decode_param(key, str(value))
        return params, files

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params, files = await self._read_params(request)
        call = ApiCall(method=method, params=params, files=files, time=time.time())
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        if request.match_info["token"] != self.token:
            call.error = "Unauthorized"
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        fault = self._take_fault(method)
        if fault is not None:
            call.error = f"fault {fault.kind}"
            return await self._answer_fault(request, fault)
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            call.error = "Not Found"
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        try:
            self._check_limits(method.lower(), params.get("chat_id"))
            result = await handler(params, files)
        except TelegramError as exc:
            call.error = exc.description
            body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            return web.json_response(body, status=exc.code)
        call.result = result
        with self._changed:
            self._changed.notify_all()
        return web.json_response({"ok": True, "result": result})

    async def _answer_fault(self, request: web.Request, fault: Fault) -> web.StreamResponse:
        if fault.kind == "429":
            body = {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {fault.retry_after}",
                "parameters": {"retry_after": fault.retry_after},
            }
            return web.json_response(body, status=429)
        if fault.kind == "403":
            body = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
            return web.json_response(body, status=403)
        if fault.kind in ("500", "502"):
            code = int(fault.kind)
            text = "Internal Server Error" if code == 500 else "Bad Gateway"
            return web.json_response({"ok": False, "error_code": code, "description": text}, status=code)
        if fault.kind == "timeout":
            assert self._stopping is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.timeout_hold)
            return web.json_response(
                {"ok": False, "error_code": 504, "description": "Gateway Timeout"}, status=504
            )
        # "reset": drop the connection without an answer.
        if request.transport is not None:
            request.transport.abort()
        raise ConnectionResetError("fault injected: connection reset")

    # ------------------------------------------------------------------ helpers for API methods
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
            file_id=f"FILE{number:06d}-{folder}",
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
        if len(plain.strip()) > limit:
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
                if (
                    data is None
                    and url is None
                    and not any(k in raw for k in ("switch_inline_query", "copy_text"))
                ):
                    raise TelegramError(
                        400,
                        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
                    )
                buttons.append(Button(text=text, callback_data=data, url=url))
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

    # ------------------------------------------------------------------ API methods
    async def _api_getme(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _api_deletewebhook(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        if params.get("drop_pending_updates"):
            with self._lock:
                self._updates.clear()
        return True

    async def _api_setwebhook(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        return True

    async def _api_getwebhookinfo(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _api_setmycommands(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        commands = params.get("commands") or []
        for command in commands:
            name = str(command.get("command", ""))
            description = str(command.get("description", ""))
            if not (1 <= len(name) <= 32) or not all(c.islower() or c.isdigit() or c == "_" for c in name):
                raise TelegramError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not (1 <= len(description) <= 256):
                raise TelegramError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = list(commands)
        return True

    async def _api_getmycommands(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        return self.commands

    async def _api_getupdates(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if offset > 0:  # confirming: updates below the offset are gone for good
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = self._updates[:limit]
                event = self._new_update
            if ready or (self._stopping is not None and self._stopping.is_set()):
                return ready
            remaining = deadline - time.monotonic()
            if remaining <= 0 or event is None:
                return []
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def _api_sendmessage(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        user = self._chat(params)
        parse_mode = params.get("parse_mode")
        plain = self._text(params.get("text"), parse_mode, limit=MAX_TEXT, what="message", required=True)
        buttons = self._buttons(params.get("reply_markup"))
        with self._lock:
            message_id = self._new_message_id(user.id)
        message = BotMessage(
            message_id=message_id,
            chat_id=user.id,
            text=plain or "",
            html=str(params["text"]),
            parse_mode=parse_mode,
            buttons=buttons,
        )
        raw = self._raw(message, params, user)
        self._record(message, raw)
        return raw

    async def _send_file(self, params: dict[str, Any], files: dict[str, FakeFile], key: str) -> Any:
        user = self._chat(params)
        parse_mode = params.get("parse_mode")
        caption_plain = self._text(
            params.get("caption"), parse_mode, limit=MAX_CAPTION, what="message caption", required=False
        )
        buttons = self._buttons(params.get("reply_markup"))
        upload = files.get(key)
        value = params.get(key)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            stored = self._store_file(
                upload.content,
                file_name=upload.file_name,
                mime_type=upload.mime_type,
                folder="documents" if key == "document" else "photos",
            )
        elif isinstance(value, str) and value in self.files:
            stored = self.files[value]
        else:
            raise TelegramError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        if key == "document" and not stored.content and stored.file_size == 0:
            raise TelegramError(400, "Bad Request: file must be non-empty")
        with self._lock:
            message_id = self._new_message_id(user.id)
        message = BotMessage(
            message_id=message_id,
            chat_id=user.id,
            text="",
            html=None,
            caption=caption_plain or "",
            caption_html=params.get("caption"),
            parse_mode=parse_mode,
            buttons=buttons,
        )
        setattr(message, key, stored)
        raw = self._raw(message, params, user)
        self._record(message, raw)
        return raw

    async def _api_senddocument(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        return await self._send_file(params, files, "document")

    async def _api_sendphoto(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        return await self._send_file(params, files, "photo")

    async def _api_editmessagetext(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        user, message = self._find(params)
        if message.html is None:
            raise TelegramError(400, "Bad Request: there is no text in the message to edit")
        parse_mode = params.get("parse_mode")
        plain = self._text(params.get("text"), parse_mode, limit=MAX_TEXT, what="message", required=True)
        # Without reply_markup Telegram removes the inline keyboard.
        buttons = self._buttons(params.get("reply_markup"))
        if plain == message.text and buttons == message.buttons:
            raise TelegramError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
            )
        with self._lock:
            message.history.append(message.revision())
            message.text, message.html, message.parse_mode, message.buttons = (
                plain or "",
                str(params["text"]),
                parse_mode,
                buttons,
            )
        raw = self._raw(message, params, user)
        self._record(message, raw)
        return raw

    async def _api_editmessagecaption(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        user, message = self._find(params)
        parse_mode = params.get("parse_mode")
        plain = self._text(
            params.get("caption"), parse_mode, limit=MAX_CAPTION, what="message caption", required=False
        )
        buttons = self._buttons(params.get("reply_markup"))
        with self._lock:
            message.history.append(message.revision())
            message.caption, message.caption_html, message.buttons = (
                plain or "",
                params.get("caption"),
                buttons,
            )
        raw = self._raw(message, params, user)
        self._record(message, raw)
        return raw

    async def _api_editmessagereplymarkup(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        user, message = self._find(params)
        buttons = self._buttons(params.get("reply_markup"))
        if buttons == message.buttons:
            raise TelegramError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
            )
        with self._lock:
            message.history.append(message.revision())
            message.buttons = buttons
        raw = self._raw(message, params, user)
        self._record(message, raw)
        return raw

    async def _api_deletemessage(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        user = self._chat(params)
        with self._lock:
            message = self._messages.get(user.id, {}).get(int(params.get("message_id") or 0))
            if message is None or message.deleted:
                raise TelegramError(400, "Bad Request: message to delete not found")
            message.deleted = True
            self.events.append((message.chat_id, message.message_id))
        return True

    async def _api_answercallbackquery(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        query_id = str(params.get("callback_query_id") or "")
        with self._lock:
            known = query_id in self._issued_queries and query_id not in self.callback_answers
        if not known:
            raise TelegramError(
                400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise TelegramError(400, "Bad Request: MESSAGE_TOO_LONG")
        with self._changed:
            self.callback_answers[query_id] = dict(params)
            self._changed.notify_all()
        return True

    async def _api_sendchataction(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        self._chat(params)
        return True

    async def _api_getchat(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        return self._chat(params).chat_dict()

    async def _api_getfile(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        file_id = str(params.get("file_id") or "")
        with self._lock:
            stored = self.files.get(file_id)
        if stored is None:
            raise TelegramError(400, "Bad Request: invalid file_id")
        if stored.file_size > MAX_DOWNLOAD:
            raise TelegramError(400, "Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
            "file_path": stored.file_path,
        }


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
