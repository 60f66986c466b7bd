"""`planbot` command line: a thin entry that loads settings and dispatches to bot/commands/*."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import import_module

from bot.logging_setup import setup_logging
from bot.settings import SettingsError, load_settings

logger = logging.getLogger(__name__)

# Each module exposes add_parser(subparsers); the parser's `func(args, settings) -> int` runs it.
COMMAND_MODULES = [
    "bot.commands.run",
    "bot.commands.chat",
    "bot.commands.db",
    "bot.commands.demo",
    "bot.commands.importing",
    "bot.commands.invite",
    "bot.commands.remind",
    "bot.commands.ask",
    "bot.commands.report",
    "bot.commands.backup",
    "bot.commands.plans",
    "bot.commands.calendar",
    "bot.commands.agency",
    "bot.commands.official",
    "bot.commands.bots",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planbot",
        description="planbot — Telegram bot for commune plans, progress reports and deadlines.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"planbot: configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level)
    try:
        return int(args.func(args, settings) or 0)
    except SettingsError as exc:
        print(f"planbot: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
