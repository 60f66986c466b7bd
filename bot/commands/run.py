"""`planbot run`: long polling against the configured Bot API; Ctrl-C (SIGINT) or SIGTERM stops cleanly."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from telegram import Update

from bot.settings import Settings

logger = logging.getLogger(__name__)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("run", help="run the bot (long polling)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import build_application
    from bot.commands.db import open_database
    from bot.logging_setup import setup_logging

    token = settings.require_token()
    setup_logging(settings.log_level, secrets=[token])
    # Migrate (and fail with one clear line) before Telegram is contacted.
    db = open_database(settings)
    if db is None:
        return 1
    db.dispose()
    application = build_application(settings, token=token)
    logger.info("planbot starting (Bot API %s)", settings.telegram_api_base_url)
    # run_polling handles the signals: stops polling, flushes persistence, runs post_shutdown.
    application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    logger.info("planbot stopped")
    return 0
