"""`planbot run --all-bots`: every bot of the deployment in one process and one event loop.

The bots are TELEGRAM_BOT_TOKEN's (the default bot, serving every organization not bound to another)
and those registered with `planbot bots add`. Each gets an Application of its own, so its own
AIORateLimiter (Telegram's 30 messages/s are per bot), its own update stream (polling: its own
getUpdates; webhook: one aiohttp server with one path and one secret per bot) and its own reminder
jobs, which write only to the officials of the organizations bound to it (bot/runtime/jobs.py).
They share one Database (one pool of database threads). The first bot serves the dashboard and warms
the caches for all. bot/commands/fleet.py serves them, starting and stopping bots registered or
removed while the process runs. SIGINT/SIGTERM stop every bot: polling or listening stops, the updates
already received are answered, then everything shuts down.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot.commands.run import (
    _check_webhook_args,
    default_secret,
)
from bot.settings import Settings
from plans.bots import mask
from storage.db import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotSpec:
    """One bot of the deployment: name "" and account None for TELEGRAM_BOT_TOKEN's bot."""

    name: str
    token: str
    account_id: int | None

    @property
    def label(self) -> str:
        return f"{self.name or 'default'} ({mask(self.token)})"


def deployment_bots(settings: Settings, db: Database) -> list[BotSpec]:
    """The default bot (when TELEGRAM_BOT_TOKEN is set), then the registered ones by name."""
    from storage.queries.bots import bot_accounts

    specs = [BotSpec("", settings.telegram_bot_token, None)] if settings.telegram_bot_token else []
    for bot, _organizations in db.call(bot_accounts):
        if bot.id is not None and bot.token != settings.telegram_bot_token:
            specs.append(BotSpec(bot.name, bot.token, bot.id))
    return specs


def build_bots(
    settings: Settings, specs: Sequence[BotSpec], database: Database, *, dashboard: bool = True
) -> list[Any]:
    """One Application per bot, sharing `database`; the first serves the dashboard and the warm-up
    (none does with dashboard=False: a bot added to a running process, whose first bot serves them)."""
    from bot.app import build_application
    from bot.dashboard.runtime import DISABLED_KEY, OTHER_TOKENS_KEY
    from bot.runtime.jobs import BOT_ID_KEY
    from handlers.other_bot import register as register_hint

    applications: list[Any] = []
    for index, spec in enumerate(specs):
        # Each bot keeps its users' conversations apart (the same person may talk to two bots).
        application = build_application(settings, token=spec.token, scope=spec.name, database=database)
        if spec.account_id is not None:
            application.bot_data[BOT_ID_KEY] = spec.account_id
        if index == 0 and dashboard:  # its dashboard signs in leaders from every bot's Mini App button
            application.bot_data[OTHER_TOKENS_KEY] = tuple(other.token for other in specs[1:])
        else:
            application.bot_data[DISABLED_KEY] = True  # one dashboard server per process
            application.bot_data["warmup_disabled"] = True  # the caches are the process's, warmed once
        register_hint(application)
        applications.append(application)
    return applications


def share_directory(applications: Sequence[Any], specs: Sequence[BotSpec]) -> None:
    """After post_init: every bot learns the others' usernames (to tell an official which bot sends
    their reminders), its own account id, its own username for invite links and group commands, and
    the dashboard address the first bot serves (login links, and the Mini App button: that dashboard
    accepts initData signed by any of the process's bots)."""
    from bot.dashboard.runtime import OTHER_BOTS_KEY, OTHER_TOKENS_KEY, URL_KEY, WEBAPP_KEY
    from handlers.other_bot import ACCOUNT_KEY, USERNAMES_KEY

    # The dashboard downloads a file with the bot that received it, and signs in a leader from any
    # bot's Mini App.
    applications[0].bot_data[OTHER_BOTS_KEY] = tuple(application.bot for application in applications[1:])
    applications[0].bot_data[OTHER_TOKENS_KEY] = tuple(spec.token for spec in specs[1:])

    usernames = {spec.account_id: app.bot.username for spec, app in zip(specs, applications, strict=True)}
    first = applications[0].bot_data["services"]
    for spec, application in zip(specs, applications, strict=True):
        services = application.bot_data["services"]
        services.extra[USERNAMES_KEY] = usernames
        services.extra[ACCOUNT_KEY] = spec.account_id
        if spec.account_id is not None:
            services.bot_username = application.bot.username
        if services is not first:
            for key in (URL_KEY, WEBAPP_KEY):
                if key in first.extra:
                    services.extra[key] = first.extra[key]


async def _each(what: str, calls: Sequence[Awaitable[Any]]) -> None:
    """Run one step for every bot at once; a bot's failure is logged, the others still do it."""
    for outcome in await asyncio.gather(*calls, return_exceptions=True):
        if isinstance(outcome, BaseException):
            logger.error("Stopping the bots: %s failed", what, exc_info=outcome)


async def start_bots(
    applications: Sequence[Any],
    specs: Sequence[BotSpec],
    *,
    polling: bool,
    poll_timeout: float = 10.0,
    serving: tuple[Sequence[Any], Sequence[BotSpec]] = ((), ()),
) -> None:
    """initialize → post_init → start (→ start_polling) for each bot; on a failure the bots already
    started are stopped again and the error is raised. `serving`: the process's bots already running
    (applications, specs), which these join: the directory is shared over all of them before the new
    ones take their first update."""
    ready: list[Any] = []
    try:
        for application in applications:
            await application.initialize()
            ready.append(application)
            if application.post_init:
                await application.post_init(application)
        share_directory([*serving[0], *applications], [*serving[1], *specs])
        for application in applications:
            await application.start()
            if polling:
                await application.updater.start_polling(
                    poll_interval=0.0,
                    timeout=poll_timeout,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                    error_callback=_poll_error,
                )
    except BaseException:
        await stop_bots(ready)
        raise


def _poll_error(exc: TelegramError) -> None:
    logger.warning("Polling failed, retrying: %s", exc)


async def stop_bots(applications: Sequence[Any]) -> None:
    """Stop every bot: updates stop coming in, those received are answered, then shutdown."""
    await _each(
        "stopping the polling",
        [a.updater.stop() for a in applications if a.updater is not None and a.updater.running],
    )
    await _each("stopping a bot", [_stop(a) for a in applications if a.running])
    await _each("shutting a bot down", [_shutdown(a) for a in applications])


async def _stop(application: Any) -> None:
    await application.stop()  # handles every queued update, stops the jobs, flushes persistence
    if application.post_stop:
        await application.post_stop(application)


async def _shutdown(application: Any) -> None:
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)


def run_all(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.db import open_database
    from bot.commands.fleet import serve_bots
    from bot.logging_setup import redact, setup_logging

    if getattr(args, "bot", None):
        print("planbot run: --all-bots already serves every bot; leave out --bot", file=sys.stderr)
        return 2
    if args.webhook and args.secret_token:
        print(
            "planbot run: --all-bots gives each bot its own secret (derived from its token); "
            "leave out --secret-token",
            file=sys.stderr,
        )
        return 2
    setup_logging(settings.log_level, secrets=[t for t in [settings.telegram_bot_token] if t])
    if args.webhook:
        # The secrets are each bot's own, derived from its token (always valid): check the rest.
        problem = _check_webhook_args(args, default_secret("check"))
        if problem:
            print(f"planbot run: {problem}", file=sys.stderr)
            return 2
    db = open_database(settings)  # migrates, or fails with one clear line
    if db is None:
        return 1
    try:
        specs = deployment_bots(settings, db)
        if not specs:
            print(
                "planbot run: --all-bots: no bot to serve (set TELEGRAM_BOT_TOKEN or `planbot bots add`)",
                file=sys.stderr,
            )
            return 2
        tokens = [s.token for s in specs]
        setup_logging(settings.log_level, secrets=tokens + [default_secret(t) for t in tokens])
        if not settings.telegram_bot_token:
            logger.warning("TELEGRAM_BOT_TOKEN is not set: organizations bound to no bot get no reminders")
        applications = build_bots(settings, specs, db)
        webhook = (args.listen, args.port, args.url) if args.webhook else None
        logger.info("planbot starting %s bots (Bot API %s)", len(specs), settings.telegram_api_base_url)
        try:
            asyncio.run(serve_bots(applications, specs, settings=settings, database=db, webhook=webhook))
        except TelegramError as exc:  # a refused token or webhook URL, Telegram unreachable
            print(f"planbot run: Telegram refused the start-up: {redact(str(exc), tokens)}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(
                f"planbot run: cannot listen on {args.listen}:{args.port}: {exc.strerror or exc}",
                file=sys.stderr,
            )
            return 1
    finally:
        db.dispose()
    logger.info("planbot stopped")
    return 0
