"""`planbot db upgrade` (apply the migrations) and `planbot db forget-conversations`."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.settings import Settings
from storage.db import Database, normalize_url

logger = logging.getLogger(__name__)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("db", help="database maintenance")
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = sub.add_parser("upgrade", help="apply all migrations (also done by every command)")
    upgrade.set_defaults(func=db_upgrade)
    forget = sub.add_parser("forget-conversations", help="drop every stored conversation state and draft")
    forget.set_defaults(func=db_forget_conversations)


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(normalize_url(url)).render_as_string(hide_password=True)
    except Exception:  # a URL SQLAlchemy cannot parse: say nothing more than its scheme
        return url.split("://", 1)[0] + "://…"


def open_database(settings: Settings) -> Database | None:
    """Open (and migrate) the database, or print one line naming DATABASE_URL and return None."""
    try:
        return Database(settings.database_url)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(
            f"planbot: cannot open the database at DATABASE_URL={safe_url(settings.database_url)}: {reason}",
            file=sys.stderr,
        )
        return None


def db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    db = open_database(settings)
    if db is None:
        return 1
    db.dispose()
    print(f"Database is up to date ({safe_url(settings.database_url)}).")
    return 0


def db_forget_conversations(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime.persistence import clear_all

    db = open_database(settings)
    if db is None:
        return 1
    try:
        db.call(clear_all)
    finally:
        db.dispose()
    print("Stored conversations and drafts were forgotten.")
    return 0
