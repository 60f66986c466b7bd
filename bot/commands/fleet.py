"""The bots a `planbot run --all-bots` process serves, kept in step with the database while it runs:
a bot added with `planbot bots add` is started within a refresh interval (a minute), one removed with
`planbot bots remove` is stopped. Each keeps what run_all.py gives a bot: its own Application, rate
limiter, update stream (polling, or its own webhook path and secret on the process's one server) and
reminder jobs; every bot learns the others again (usernames, the dashboard's address, the tokens
whose Mini App initData the dashboard accepts, the bots that may download a file).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Sequence
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError

from bot.commands.run import MAX_UPDATE_BYTES, default_secret, webhook_path, webhook_receiver
from bot.commands.run_all import BotSpec, build_bots, deployment_bots, share_directory, start_bots, stop_bots
from bot.logging_setup import add_secrets, redact
from bot.settings import Settings
from storage.db import Database

logger = logging.getLogger(__name__)

REFRESH_INTERVAL = 60.0  # seconds between two looks at the registered bots


class Fleet:
    """The process's bots. The first one started serves the dashboard and warmed the caches, so it is
    kept until the process stops even when it is removed from the database (a warning says so)."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        *,
        polling: bool,
        public_url: str | None = None,
        poll_timeout: float = 10.0,
        prepare: Callable[[Any], None] | None = None,
    ) -> None:
        self.settings = settings
        self.database = database
        self.polling = polling
        self.public_url = public_url  # webhook mode: Telegram posts to public_url + the bot's path
        self.poll_timeout = poll_timeout
        self.prepare = prepare  # applied to every Application built here (tests: clock, no passes)
        self.specs: list[BotSpec] = []
        self.applications: list[Any] = []
        self._receivers: dict[str, Any] = {}  # webhook path → that bot's receiver
        self._refused: set[str] = set()  # tokens Telegram refused: logged once, tried at every refresh
        self._kept: set[str] = set()  # removed but kept (the dashboard's bot): warned once
        self._refreshing: asyncio.Future[Any] | None = None

    async def start(self, specs: Sequence[BotSpec], applications: Sequence[Any]) -> None:
        await start_bots(applications, specs, polling=self.polling, poll_timeout=self.poll_timeout)
        self.specs, self.applications = list(specs), list(applications)
        for spec, application in zip(specs, applications, strict=True):
            await self._listen(spec, application)

    def webhook_app(self) -> web.Application:
        """The process's one webhook server: a bot's path reaches that bot, as long as it is served."""
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post("/telegram/{key}", self._dispatch)
        return app

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        receiver = self._receivers.get(request.path)
        if receiver is None:
            return web.Response(status=404, text="not found")
        response: web.StreamResponse = await receiver(request)
        return response

    async def _listen(self, spec: BotSpec, application: Any) -> None:
        if self.polling:
            return  # start_bots started its getUpdates
        path, secret = webhook_path(spec.token), default_secret(spec.token)
        add_secrets([secret])
        self._receivers[path] = webhook_receiver(application, secret)
        assert self.public_url is not None
        await application.bot.set_webhook(
            url=self.public_url.rstrip("/") + path, secret_token=secret, allowed_updates=Update.ALL_TYPES
        )
        logger.info("Webhook set for bot %s", spec.name or "default")

    async def refresh(self) -> tuple[list[BotSpec], list[BotSpec]]:
        """Start the bots registered since the last look and stop those removed: (started, stopped)."""
        wanted = await asyncio.to_thread(deployment_bots, self.settings, self.database)
        serving = {spec.token for spec in self.specs}
        tokens = {spec.token for spec in wanted}
        started = [spec for spec in wanted if spec.token not in serving and await self._add(spec)]
        stopped: list[BotSpec] = []
        for index, spec in reversed(list(enumerate(self.specs))):
            if spec.token in tokens:
                continue
            if index == 0:
                if spec.token not in self._kept:
                    self._kept.add(spec.token)
                    logger.warning(
                        "Bot %s was removed but serves this process's dashboard: it stops at the next restart",
                        spec.label,
                    )
                continue
            await self._remove(index)
            stopped.append(spec)
        if started or stopped:
            share_directory(self.applications, self.specs)
            logger.info(
                "Now serving %s bots: %s", len(self.specs), ", ".join(spec.label for spec in self.specs)
            )
        return started, stopped

    async def _add(self, spec: BotSpec) -> bool:
        add_secrets([spec.token])
        [application] = build_bots(self.settings, [spec], self.database, dashboard=False)
        if self.prepare is not None:
            self.prepare(application)
        try:
            await start_bots(
                [application],
                [spec],
                polling=self.polling,
                poll_timeout=self.poll_timeout,
                serving=(self.applications, self.specs),
            )
        except (TelegramError, OSError) as exc:  # start_bots has stopped it again
            self._refuse(spec, exc)
            return False
        try:
            await self._listen(spec, application)
        except (TelegramError, OSError) as exc:  # setWebhook refused: started, so stopped here
            self._refuse(spec, exc)
            await stop_bots([application])
            return False
        self._refused.discard(spec.token)
        self.specs.append(spec)
        self.applications.append(application)
        logger.info("Started bot %s, registered while the process runs", spec.label)
        return True

    def _refuse(self, spec: BotSpec, exc: Exception) -> None:
        if spec.token in self._refused:
            return
        self._refused.add(spec.token)
        # PTB's InvalidToken quotes the token: the message is redacted here, not only in the log.
        logger.error(
            "Bot %s not started (tried again at every refresh): %s",
            spec.label,
            redact(str(exc), [spec.token]),
        )

    async def _remove(self, index: int) -> None:
        spec, application = self.specs.pop(index), self.applications.pop(index)
        self._receivers.pop(webhook_path(spec.token), None)  # its webhook stays set for other processes
        await stop_bots([application])
        logger.info("Stopped bot %s, removed from the database", spec.label)

    async def watch(self, interval: float = REFRESH_INTERVAL) -> None:
        """Refresh every `interval` seconds until cancelled; a failed look is logged and retried."""
        while True:
            await asyncio.sleep(interval)
            # Shielded: stopping the watch never leaves a bot half started; stop() waits for it.
            self._refreshing = asyncio.ensure_future(self.refresh())
            try:
                await asyncio.shield(self._refreshing)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Looking for added or removed bots failed; trying again later")

    async def stop(self) -> None:
        if self._refreshing is not None and not self._refreshing.done():
            with contextlib.suppress(Exception):
                await self._refreshing
        await stop_bots(self.applications)


async def serve_bots(
    applications: Sequence[Any],
    specs: Sequence[BotSpec],
    *,
    settings: Settings,
    database: Database,
    webhook: tuple[str, int, str] | None = None,
    stop: asyncio.Event | None = None,
    refresh_interval: float = REFRESH_INTERVAL,
    prepare: Callable[[Any], None] | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM (or `stop`): polling, or webhooks on (listen, port, public URL);
    bots registered or removed meanwhile are started or stopped at the next refresh."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    fleet = Fleet(
        settings,
        database,
        polling=webhook is None,
        public_url=webhook[2] if webhook else None,
        prepare=prepare,
    )
    runner: web.AppRunner | None = None
    watcher: asyncio.Task[None] | None = None
    try:
        try:
            if webhook is not None:  # listening before setWebhook: Telegram may post at once
                runner = web.AppRunner(fleet.webhook_app(), handle_signals=False, access_log=None)
                await runner.setup()
                await web.TCPSite(runner, webhook[0], webhook[1]).start()
            await fleet.start(specs, applications)
            logger.info("Serving %s bots: %s", len(specs), ", ".join(s.label for s in specs))
            watcher = asyncio.create_task(fleet.watch(refresh_interval))
            await stop.wait()
            logger.info("Stop signal received; finishing the updates already received")
        finally:
            if watcher is not None:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher
            if runner is not None:  # the webhooks stay set: other processes may serve them
                await runner.cleanup()
            await fleet.stop()  # the bots started (start_bots stops its own on a failed start)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
