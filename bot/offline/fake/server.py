"""HTTP plumbing of the fake Telegram Bot API: lifecycle, request parsing, dispatch, faults, limits."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections import deque
from typing import Any, Self

from aiohttp import web

from bot.offline.fake.state import FakeTelegramState, FaultKind
from bot.offline.fake.types import ApiCall, FakeFile, Fault, TelegramError

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


class FakeTelegramServer(FakeTelegramState):
    """Serves the Bot API over aiohttp on 127.0.0.1; `_api_<method>` handlers come from a subclass."""

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

    def add_bot(self, token: str, *, bot_username: str, bot_name: str = "planbot") -> Self:
        """Another bot on this fake's port, as Telegram serves every bot at one address: requests
        are routed by the token in their path. It has users, chats, updates, calls and limits of
        its own (each bot's 30 messages/s and 1/s per chat), like a real second bot."""
        if token in self._bots:
            raise ValueError("that token is already served by this fake")
        other = type(self)(
            token=token,
            bot_username=bot_username,
            bot_name=bot_name,
            enforce_limits=self.enforce_limits,
            global_rate=self.global_rate,
            per_chat_rate=self.per_chat_rate,
            timeout_hold=self.timeout_hold,
        )
        with self._lock:
            self._bots[token] = other
        if self._loop is not None and self.port is not None:
            other._attach(self._loop, self.port)
        return other

    def _attach(self, loop: asyncio.AbstractEventLoop, port: int) -> None:
        self._loop = loop
        self._new_update = asyncio.Event()
        self._stopping = asyncio.Event()
        self.port = port

    def _served(self, token: str) -> FakeTelegramServer:
        """The bot a request's token names; an unknown token goes to this one, which answers 401."""
        with self._lock:
            found = self._bots.get(token, self)
        return found if isinstance(found, FakeTelegramServer) else self

    async def _route_api(self, request: web.Request) -> web.StreamResponse:
        return await self._served(request.match_info["token"])._handle_api(request)

    async def _route_file(self, request: web.Request) -> web.StreamResponse:
        return await self._served(request.match_info["token"])._handle_file(request)

    async def start(self) -> Self:
        loop = asyncio.get_running_loop()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._route_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._route_file)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        with self._lock:
            bots = list(self._bots.values())
        for bot in bots:
            if isinstance(bot, FakeTelegramServer):
                bot._attach(loop, port)
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        with self._lock:
            bots = list(self._bots.values())
        for bot in bots:
            if bot._stopping is not None:
                bot._stopping.set()
            bot._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def fail_next(self, method: str, *, error: FaultKind, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with the given failure ("download": file fetches)."""
        if error not in ("429", "500", "502", "timeout", "403", "reset"):
            raise ValueError(f"unknown fault {error!r}")
        with self._lock:
            queue = self._faults.setdefault(method.lower(), deque())
            for _ in range(times):
                queue.append(Fault(error, retry_after))

    def clear_faults(self) -> None:
        """Forget the failures still queued by fail_next."""
        with self._lock:
            self._faults.clear()

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

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        fault = self._take_fault("download")  # fail_next("download", ...): the file route itself
        if fault is not None:
            return await self._answer_fault(request, fault)
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
            # A string value is read as the same form field would be (PTB sends its JSON payload
            # with non-string values already JSON-encoded, as the Bot API server accepts).
            body = await request.json()
            if isinstance(body, dict):
                for key, json_value in body.items():
                    params[key] = (
                        _decode_param(key, json_value) if isinstance(json_value, str) else json_value
                    )
            return params, files
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
        call = ApiCall(
            method=method, params=params, files=files, time=time.time(), content_type=request.content_type
        )
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
