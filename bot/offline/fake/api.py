"""The Bot API methods of the fake Telegram server (getUpdates, sendMessage, edits, files, ...)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from bot.offline.fake.state import MAX_CAPTION, MAX_DOWNLOAD, MAX_TEXT, FakeTelegramState
from bot.offline.fake.types import BotMessage, FakeFile, TelegramError


class BotApiMethods(FakeTelegramState):
    """`_api_<method>(params, files)` for each Bot API method planbot uses; found by name."""

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
        key = self._scope_key(params.get("scope"))
        with self._lock:
            if key == "default":
                self.commands = list(commands)
            else:
                self.scoped_commands[key] = list(commands)
        return True

    async def _api_getmycommands(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        key = self._scope_key(params.get("scope"))
        with self._lock:
            return self.commands if key == "default" else self.scoped_commands.get(key, [])

    async def _api_deletemycommands(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        key = self._scope_key(params.get("scope"))
        with self._lock:
            if key == "default":
                self.commands = []
            else:
                self.scoped_commands.pop(key, None)
        return True

    def _scope_key(self, scope: Any) -> str:
        """Telegram's BotCommandScope as a key: "default", "all_private_chats", "chat:42" …; a chat
        scope must name a chat the bot knows, as Telegram answers "chat not found" otherwise."""
        if not scope:
            return "default"
        if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
            raise TelegramError(400, "Bad Request: can't parse BotCommandScope")
        kind = scope["type"]
        if kind in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
            return kind
        if kind in ("chat", "chat_administrators", "chat_member"):
            self._chat(scope)  # raises "chat not found" for an unknown chat
            key = f"{kind}:{int(scope['chat_id'])}"
            return key + (f":{int(scope['user_id'])}" if kind == "chat_member" else "")
        raise TelegramError(400, "Bad Request: wrong BotCommandScope type")

    async def _api_getupdates(self, params: dict[str, Any], files: dict[str, FakeFile]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if offset > 0:  # confirming: updates below the offset are gone for good
                    self._updates = [
                        u
                        for u in self._updates
                        if u["update_id"] >= offset or any(u is r for r in self._redelivered)
                    ]
                ready = self._updates[:limit]
                # A redelivered copy is handed out once; the next confirmation drops it.
                self._redelivered = [r for r in self._redelivered if not any(r is u for u in ready)]
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
