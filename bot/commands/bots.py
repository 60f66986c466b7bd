"""`planbot bots add|list|remove|bind`: the bots of a deployment that serves several (one per
province, say). Each organization is served by one bot; one without a bot of its own by the default
bot (TELEGRAM_BOT_TOKEN). Tokens are shown only masked and never logged; `--token -` reads the token
from standard input, so it stays out of the shell's history and the process list."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.settings import Settings
from plans.bots import BotError, add_bot, bind_organizations, list_bots, remove_bot
from storage.db import Database


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("bots", help="the bots of a deployment serving several (one per province)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a bot and the organizations it serves")
    add.add_argument("name", help="a short name, e.g. lamdong")
    add.add_argument(
        "--token", required=True, help="the bot's token from @BotFather; '-' reads it from stdin"
    )
    add.add_argument("--org", action="append", default=[], metavar="NAME", help="an organization it serves")
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", help="the bots, their masked tokens and organizations")
    listing.set_defaults(func=run_list)
    remove = actions.add_parser("remove", help="remove a bot; its organizations go back to the default bot")
    remove.add_argument("name")
    remove.set_defaults(func=run_remove)
    bind = actions.add_parser("bind", help="serve organizations by a bot (--default: by the default bot)")
    target = bind.add_mutually_exclusive_group(required=True)
    target.add_argument("name", nargs="?", default=None)
    target.add_argument("--default", action="store_true", help="the default bot (TELEGRAM_BOT_TOKEN)")
    bind.add_argument("--org", action="append", required=True, metavar="NAME")
    bind.set_defaults(func=run_bind)


def _fail(action: str, exc: BotError) -> int:
    print(f"planbot bots {action}: {exc}", file=sys.stderr)
    return 2


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    token = sys.stdin.readline().strip() if args.token == "-" else args.token
    db = Database(settings.database_url)
    try:
        view = db.call(
            add_bot,
            name=args.name,
            token=token,
            organizations=args.org,
            default_token=settings.telegram_bot_token,
        )
    except BotError as exc:
        return _fail("add", exc)
    finally:
        db.dispose()
    served = "; ".join(view.organizations) or "no organization yet (bind some with `planbot bots bind`)"
    print(f"Added bot {view.name} ({view.masked_token}): {served}")
    print("A running `planbot run --all-bots` starts it within a minute.")
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        views = db.call(list_bots)
    finally:
        db.dispose()
    if not views:
        print("No bots besides the default one (TELEGRAM_BOT_TOKEN).")
        return 0
    for view in views:
        print(f"{view.name}\t{view.masked_token}\t{'; '.join(view.organizations) or '-'}")
    return 0


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        orgs = db.call(remove_bot, name=args.name)
    except BotError as exc:
        return _fail("remove", exc)
    finally:
        db.dispose()
    moved = f"; now served by the default bot: {'; '.join(orgs)}" if orgs else ""
    print(f"Removed bot {args.name}{moved}")
    print("A running `planbot run --all-bots` stops it within a minute.")
    return 0


def run_bind(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        names = db.call(bind_organizations, name=None if args.default else args.name, organizations=args.org)
    except BotError as exc:
        return _fail("bind", exc)
    finally:
        db.dispose()
    print(f"{'; '.join(names)}: served by {'the default bot' if args.default else args.name}")
    return 0
