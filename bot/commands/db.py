"""`planbot db upgrade`: apply the migrations."""

from __future__ import annotations

import argparse
from typing import Any

from bot.settings import Settings
from storage.db import Database


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("db", help="database maintenance")
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = sub.add_parser("upgrade", help="apply all migrations")
    upgrade.set_defaults(func=db_upgrade)


def db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    db.dispose()
    print("Database is up to date.")
    return 0
