"""BotHarness: the real Application, polling a FakeTelegram over HTTP, driven like a user would.

    async with BotHarness(tmp_path, admin_ids=[1]) as h:
        admin = h.tg.user(1, "Lan", "Nguyễn")
        replies = await h.send(admin, "/start")
        assert "Xin chào" in replies[0].text
        replies = await h.press(admin, replies[-1], "Báo cáo tiến độ")

`send`/`press` return once the bot has finished handling that very update (the Application's
process_update is wrapped to signal completion), with the bot's new messages and edits in that chat.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from telegram import Update

from bot.offline.fake import BotMessage, FakeGroup, FakeTelegram, FakeUser
from bot.settings import Settings, load_settings
from storage.db import Database

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0


def harness_settings(
    tg: FakeTelegram, database_url: str, *, admin_ids: Sequence[int] = (), **overrides: Any
) -> Settings:
    """Settings pointing at the fake; overrides by field name ("timezone") or variable ("PLANBOT_TIMEZONE")."""
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "TELEGRAM_API_FILE_URL": tg.file_url,
        "DATABASE_URL": database_url,
        "PLANBOT_ADMIN_IDS": list(admin_ids),
        # The dashboard's HTTP server stays off in tests unless asked (dashboard=True, dashboard_port=0).
        "PLANBOT_DASHBOARD": False,
    }
    for key, value in overrides.items():
        field = Settings.model_fields.get(key)
        values[(field.alias if field is not None and field.alias else key)] = value
    return load_settings(**values)


class BotHarness:
    """Starts FakeTelegram + the real Application; `send`, `press`, `restart`; stops both on exit."""

    def __init__(
        self,
        tmp_path: Path | str | None = None,
        *,
        database_url: str | None = None,
        admin_ids: Sequence[int] = (),
        tg: FakeTelegram | None = None,
        db: Database | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        setup: Callable[[Any], None] | None = None,
        scheduled_reminders: bool = False,
        warm_caches: bool = False,
        clock_at: datetime | date | None = None,
        **settings_overrides: Any,
    ) -> None:
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        if database_url is None and db is not None:
            database_url = db.url
        if database_url is None:
            if tmp_path is None:
                self._tempdir = tempfile.TemporaryDirectory(prefix="planbot-")
                tmp_path = self._tempdir.name
            database_url = f"sqlite:///{Path(tmp_path) / 'planbot.db'}"
        self.database_url = database_url
        self.admin_ids = list(admin_ids)
        self.timeout = timeout
        self.settings_overrides = settings_overrides
        self.setup = setup  # called with each freshly built Application (tests add handlers here)
        # Scheduled reminder runs would send digests into unrelated tests; reminder tests call
        # reminders.dispatch.run_reminders themselves or pass scheduled_reminders=True.
        self.scheduled_reminders = scheduled_reminders
        # Preloading every organization's snapshot at start (reports/warmup.py): off, tests stay small.
        self.warm_caches = warm_caches
        # The moment the bot's clock starts at (it runs on from there); None = the real time.
        self.clock_at = clock_at
        self._own_tg = tg is None
        self.tg: FakeTelegram = tg or FakeTelegram()
        self._db: Database | None = db
        self._own_db = db is None
        self.application: Any = None
        self.settings: Settings | None = None
        self.errors: list[BaseException] = []  # every error the Application's error handling saw
        self._done: set[int] = set()
        self._done_event = asyncio.Event()
        self.last_update_id: int | None = None

    # ------------------------------------------------------------------ lifecycle
    @property
    def db(self) -> Database:
        """A Database on the bot's URL (migrated) for arranging data and checking results."""
        if self._db is None:
            self._db = Database(self.database_url)
        return self._db

    async def __aenter__(self) -> BotHarness:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        if self._own_tg and self.tg.port is None:
            await self.tg.start()
        _ = self.db  # migrations before the bot starts
        await self._start_application()

    async def close(self) -> None:
        try:
            await self._stop_application()
        finally:
            if self._own_tg:
                await self.tg.stop()
            if self._db is not None and self._own_db:
                self._db.dispose()
            if self._tempdir is not None:
                self._tempdir.cleanup()

    async def restart(self) -> None:
        """Stop the Application (flushing persistence) and start a fresh one on the same DB and fake."""
        await self._stop_application()
        await self._start_application()

    async def _start_application(self) -> None:
        from bot.app import build_application

        self.settings = harness_settings(
            self.tg, self.database_url, admin_ids=self.admin_ids, **self.settings_overrides
        )
        clock = self.settings.clock()
        application = build_application(
            self.settings, clock=clock.set_to(self.clock_at) if self.clock_at is not None else None
        )
        application.bot_data["reminders_disabled"] = not self.scheduled_reminders
        application.bot_data["warmup_disabled"] = not self.warm_caches
        if self.setup is not None:
            self.setup(application)
        self._wrap(application)
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False
        )
        self.application = application

    async def _stop_application(self) -> None:
        application = self.application
        if application is None:
            return
        self.application = None
        # The order of Application.run_polling's own shutdown.
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)

    def _wrap(self, application: Any) -> None:
        process_update: Callable[[object], Awaitable[None]] = application.process_update
        process_error: Callable[..., Awaitable[bool]] = application.process_error

        async def tracked_update(update: object) -> None:
            try:
                await process_update(update)
                # Handlers with block=False run as tasks: the update is done when they are.
                # (Not the tasks processing other updates concurrently, this one included.)
                pending = [
                    task
                    for task in getattr(application, "_Application__create_task_tasks", ())
                    if not task.get_name().endswith(":process_concurrent_update")
                ]
                if pending:
                    await asyncio.gather(*pending, return_exceptions=True)
            finally:
                if isinstance(update, Update):
                    self._done.add(update.update_id)
                    self._done_event.set()

        async def tracked_error(update: object, error: Exception, *args: Any, **kwargs: Any) -> bool:
            self.errors.append(error)
            return await process_error(update, error, *args, **kwargs)

        application.process_update = tracked_update
        application.process_error = tracked_error

    # ------------------------------------------------------------------ driving
    def user(
        self, user_id: int, first_name: str, last_name: str | None = None, username: str | None = None
    ) -> FakeUser:
        return self.tg.user(user_id, first_name, last_name, username)

    def group(self, chat_id: int, title: str) -> FakeGroup:
        return self.tg.group(chat_id, title)

    async def send_group(
        self, group: FakeGroup, user: FakeUser, text: str, *, reply_to: int | None = None
    ) -> list[BotMessage]:
        """`user` writes in `group`; the bot's messages in the group since then."""
        return await self._offer(
            group.id,
            lambda: self.tg.add_group_message(group, user, text, reply_to=reply_to),
            f"the group message {text!r}",
        )

    async def add_to_group(self, group: FakeGroup, by: FakeUser) -> list[BotMessage]:
        """`by` adds the bot to `group`; the bot's messages in the group since then."""
        return await self._offer(group.id, lambda: self.tg.add_bot_to_group(group, by), "the bot's joining")

    def messages(self, user: FakeUser | int) -> list[BotMessage]:
        return self.tg.messages_to(user)

    async def wait_processed(
        self, update_id: int, *, what: str = "update", timeout: float | None = None
    ) -> None:
        limit = self.timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while update_id not in self._done:
            remaining = deadline - loop.time()
            if remaining <= 0:
                errors = "; ".join(repr(e) for e in self.errors[-3:]) or "none"
                raise AssertionError(
                    f"the bot did not finish handling {what} (update {update_id}) within {limit:g} s "
                    f"(is the Application running? recent errors: {errors})"
                )
            self._done_event.clear()
            try:
                await asyncio.wait_for(self._done_event.wait(), min(remaining, 0.5))
            except TimeoutError:
                continue

    async def _offer(self, chat_id: int, offer: Callable[[], int], what: str) -> list[BotMessage]:
        if self.application is None:
            raise AssertionError("the harness is not started (use `async with BotHarness(...)`)")
        before = len(self.tg.events)
        update_id = offer()
        self.last_update_id = update_id
        await self.wait_processed(update_id, what=what)
        return self.new_messages(chat_id, since=before)

    def new_messages(self, chat_id: int, *, since: int) -> list[BotMessage]:
        """Messages of the chat sent or edited after event number `since`, in order, as they are now."""
        seen: list[int] = []
        for event_chat, message_id in self.tg.events[since:]:
            if event_chat == chat_id and message_id not in seen:
                seen.append(message_id)
        messages = [self.tg.message(chat_id, message_id) for message_id in seen]
        return [m for m in messages if not m.deleted]

    async def send(self, user: FakeUser, text: str) -> list[BotMessage]:
        return await self._offer(user.id, lambda: self.tg.add_message(user, text), f"the message {text!r}")

    async def send_document(
        self,
        user: FakeUser,
        file_name: str,
        content: bytes,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        *,
        file_size: int | None = None,
    ) -> list[BotMessage]:
        return await self._offer(
            user.id,
            lambda: self.tg.add_document(
                user,
                file_name=file_name,
                content=content,
                mime_type=mime_type,
                caption=caption,
                file_size=file_size,
            ),
            f"the document {file_name!r}",
        )

    async def send_photo(
        self, user: FakeUser, content: bytes, caption: str | None = None
    ) -> list[BotMessage]:
        return await self._offer(user.id, lambda: self.tg.add_photo(user, content, caption), "a photo")

    async def send_sticker(self, user: FakeUser) -> list[BotMessage]:
        return await self._offer(user.id, lambda: self.tg.add_sticker(user), "a sticker")

    async def press(self, user: FakeUser, message: BotMessage, button_text: str) -> list[BotMessage]:
        """Press the button with this text (exact, else substring) on a message the bot sent."""
        current = self.tg.message(message.chat_id, message.message_id)
        button = current.button(button_text)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} is a link ({button.url}), not a callback button")
        return await self.press_data(user, current.message_id, button.callback_data)

    async def press_data(self, user: FakeUser, message_id: int, data: str) -> list[BotMessage]:
        """Offer a callback query with any data (also forged) on one of the bot's messages."""
        return await self._offer(
            user.id,
            lambda: self.tg.add_callback(user, message_id=message_id, data=data),
            f"the button {data!r}",
        )

    @property
    def last_answer(self) -> dict[str, Any] | None:
        """answerCallbackQuery parameters for the last press (e.g. {"text": "Không có quyền", ...})."""
        if self.last_update_id is None:
            return None
        return self.tg.callback_answer(self.last_update_id)
