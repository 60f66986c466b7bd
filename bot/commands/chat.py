"""`planbot chat`: the real bot in the terminal, against the in-process fake Bot API (no Telegram)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from bot.settings import Settings


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("chat", help="chat with the bot in the terminal, offline")
    parser.add_argument(
        "--as",
        dest="role",
        choices=["official", "leader", "admin"],
        help="first make the simulated user an official with this role",
    )
    parser.add_argument("--agency", help="agency of the simulated official (name or abbreviation, fuzzy)")
    parser.add_argument("--user-id", type=int, default=10001, help="Telegram user id of the simulated user")
    parser.add_argument("--name", help="full name of the simulated user")
    parser.add_argument("--no-color", action="store_true", help="print bold text without ANSI colours")
    parser.add_argument(
        "--at",
        metavar="ISO_DATE",
        help="run the bot's clock from this moment, e.g. 2023-04-17 (default: now)",
    )
    parser.set_defaults(func=chat)


def chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.offline.chat import run_chat

    if settings.log_level.upper() == "INFO":
        logging.getLogger().setLevel(logging.WARNING)  # keep the conversation readable
    from bot.commands.common import clock_at

    try:
        clock = clock_at(args.at, settings)
    except ValueError as exc:
        print(f"planbot chat: {exc}", file=sys.stderr)
        return 2
    color = sys.stdout.isatty() and not args.no_color
    return run_chat(
        sys.stdin,
        sys.stdout,
        settings=settings,
        role=args.role,
        agency=args.agency,
        user_id=args.user_id,
        name=args.name,
        color=color,
        echo=not sys.stdin.isatty(),
        at=clock.at,
    )
