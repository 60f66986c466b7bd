"""`planbot run`: long polling, or `--webhook` behind a public HTTPS URL; SIGINT/SIGTERM stop cleanly.

Webhook mode serves Telegram's POSTs with aiohttp (PTB's own webhook server needs tornado, which we do
not ship). Several processes may serve the same bot behind a load balancer on one database: the URL
path and the default secret are derived from the token, so every process agrees on them, and
reminder runs are claimed in the database so each digest is sent by one process only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import signal
import sys
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError

from bot.settings import Settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("run", help="run the bot (long polling, or --webhook)")
    parser.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook instead of polling"
    )
    parser.add_argument(
        "--listen", default="127.0.0.1", help="webhook: address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8080, help="webhook: port to listen on (default 8080)")
    parser.add_argument(
        "--url",
        metavar="PUBLIC_URL",
        help="webhook: the public HTTPS base URL Telegram posts to, e.g. https://bot.example.vn",
    )
    parser.add_argument(
        "--secret-token",
        metavar="S",
        help="webhook: the X-Telegram-Bot-Api-Secret-Token value (1-256 of A-Z a-z 0-9 _ -); "
        "default: derived from the bot token, the same in every process",
    )
    parser.add_argument(
        "--bot",
        metavar="NAME",
        help="serve one of the deployment's other bots (`planbot bots list`) instead of TELEGRAM_BOT_TOKEN",
    )
    parser.add_argument(
        "--all-bots",
        action="store_true",
        help="serve every bot of the deployment in this one process: TELEGRAM_BOT_TOKEN's and "
        "those of `planbot bots list`",
    )
    parser.set_defaults(func=run)


def _derive(token: str, purpose: str, length: int) -> str:
    return hmac.new(token.encode(), purpose.encode(), hashlib.sha256).hexdigest()[:length]


def webhook_path(token: str) -> str:
    """A path that does not reveal the token but is the same for every process of one bot."""
    return "/telegram/" + _derive(token, "planbot-webhook-path", 32)


def default_secret(token: str) -> str:
    return _derive(token, "planbot-webhook-secret", 48)


def _valid_secret(secret: str) -> bool:
    return 1 <= len(secret) <= 256 and all((c.isalnum() and c.isascii()) or c in "_-" for c in secret)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import build_application
    from bot.commands.db import open_database
    from bot.logging_setup import redact, setup_logging

    if getattr(args, "all_bots", False):
        from bot.commands.run_all import run_all

        return run_all(args, settings)
    bot_account: tuple[int, str] | None = None
    if getattr(args, "bot", None):
        bot_account = _bot_account(settings, args.bot)
        if bot_account is None:
            print(f"planbot run: --bot: no bot named {args.bot!r} (see `planbot bots list`)", file=sys.stderr)
            return 2
    token = bot_account[1] if bot_account else settings.require_token()
    secret = args.secret_token or default_secret(token)
    setup_logging(settings.log_level, secrets=[token, secret])
    if args.webhook:
        problem = _check_webhook_args(args, secret)
        if problem:
            print(f"planbot run: {problem}", file=sys.stderr)
            return 2
    # Migrate (and fail with one clear line) before Telegram is contacted.
    db = open_database(settings)
    if db is None:
        return 1
    db.dispose()
    # Another bot's users keep their conversations apart from this one's (the same person talks to each).
    application = build_application(
        settings, token=token, scope=args.bot.strip().lower() if bot_account else ""
    )
    if bot_account is not None:
        from bot.runtime.jobs import BOT_ID_KEY

        # Its reminder passes write only to the organizations bound to it (plans/bots.py).
        application.bot_data[BOT_ID_KEY] = bot_account[0]
    if not args.webhook:
        from bot.app import SOLE_POLLER_KEY

        # Telegram hands a bot's updates to one getUpdates caller: this process holds all its locks.
        application.bot_data[SOLE_POLLER_KEY] = True
        logger.info("planbot starting (Bot API %s)", settings.telegram_api_base_url)
        # run_polling handles the signals: stops polling, flushes persistence, runs post_shutdown.
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
        logger.info("planbot stopped")
        return 0
    path = webhook_path(token)
    webhook_url = args.url.rstrip("/") + path
    logger.info(
        "planbot starting (webhook on %s:%s, Bot API %s)",
        args.listen,
        args.port,
        settings.telegram_api_base_url,
    )
    try:
        asyncio.run(
            serve_webhook(
                application, listen=args.listen, port=args.port, path=path, url=webhook_url, secret=secret
            )
        )
    except TelegramError as exc:  # e.g. Telegram refuses the URL (not HTTPS, bad port) or is unreachable
        print(
            f"planbot run: Telegram refused the webhook set-up: {redact(str(exc), [token])}", file=sys.stderr
        )
        return 1
    except OSError as exc:  # the port is taken, the address does not exist…
        print(
            f"planbot run: cannot listen on {args.listen}:{args.port}: {exc.strerror or exc}", file=sys.stderr
        )
        return 1
    logger.info("planbot stopped")
    return 0


def _bot_account(settings: Settings, name: str) -> tuple[int, str] | None:
    from storage.db import Database
    from storage.queries.bots import bot_by_name

    db = Database(settings.database_url)
    try:
        bot = db.call(bot_by_name, name=name.strip().lower())
    finally:
        db.dispose()
    return (bot.id, bot.token) if bot is not None and bot.id is not None else None


def _check_webhook_args(args: argparse.Namespace, secret: str) -> str | None:
    if not args.url:
        return "--webhook needs --url PUBLIC_URL (the HTTPS address Telegram posts to)"
    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"--url: expected an http(s) URL such as https://bot.example.vn, got {args.url!r}"
    if not 0 < args.port < 65536:
        return f"--port: expected 1-65535, got {args.port}"
    if not _valid_secret(secret):
        return "--secret-token: expected 1-256 characters from A-Z, a-z, 0-9, _ and -"
    return None


def make_webhook_app(application: Any, *, path: str, secret: str) -> web.Application:
    """One POST route: check the secret header, decode the update, hand it to the Application's queue."""
    app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    app.router.add_post(path, webhook_receiver(application, secret))
    return app


def webhook_receiver(application: Any, secret: str) -> Any:
    """The aiohttp handler of one bot's webhook path (several bots of one process: one path each)."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            logger.warning("Webhook request with a missing or wrong secret token from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, application.bot)
        except Exception:  # malformed JSON or not an Update: Telegram never sends these
            logger.warning("Webhook request with an invalid update body", exc_info=True)
            return web.Response(status=400, text="bad update")
        if update is None:
            return web.Response(status=400, text="bad update")
        await application.update_queue.put(update)
        return web.Response(text="ok")

    return receive


async def serve_webhook(
    application: Any, *, listen: str, port: int, path: str, url: str, secret: str
) -> None:
    """initialize → post_init → start → listen → setWebhook; on a signal: stop listening, drain, shut down."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = web.AppRunner(
        make_webhook_app(application, path=path, secret=secret), handle_signals=False, access_log=None
    )
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            await runner.setup()
            await web.TCPSite(runner, listen, port).start()
            await application.bot.set_webhook(url=url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            logger.info("Webhook set; listening on %s:%s", listen, port)
            await stop.wait()
            logger.info("Stop signal received; finishing the updates already received")
        finally:
            # The webhook stays set: other processes behind the load balancer keep serving it.
            await runner.cleanup()
            await application.stop()  # handles every queued update, stops the jobs, flushes persistence
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
