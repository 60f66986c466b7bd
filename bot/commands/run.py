"""`planbot run`: long polling against the configured Bot API."""

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

    token = settings.require_token()
    application = build_application(settings, token=token)
    logger.info("planbot starting (Bot API %s)", settings.telegram_api_base_url)
    # run_polling handles Ctrl-C / SIGTERM: stops polling, flushes persistence, runs post_shutdown.
    application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    return 0
