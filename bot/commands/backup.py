"""`planbot backup FILE` and `planbot restore FILE [--force]`: portable gzip JSON-lines backups.

The format is the same for SQLite and PostgreSQL, so a backup also moves a bot from one to the other.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from bot.settings import Settings

logger = logging.getLogger(__name__)


def add_parser(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="write every table to FILE (gzip JSON lines)")
    backup.add_argument("file", metavar="FILE", type=Path, help="e.g. planbot-2025-11-18.jsonl.gz")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser("restore", help="load a backup FILE into the database (DATABASE_URL)")
    restore.add_argument("file", metavar="FILE", type=Path)
    restore.add_argument("--force", action="store_true", help="replace the contents of a non-empty database")
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.db import open_database, safe_url
    from storage.backup import backup_to_file

    db = open_database(settings)
    if db is None:
        return 1
    try:
        summary = backup_to_file(db, args.file)
    except OSError as exc:
        print(f"planbot backup: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(
        f"Backed up {summary.total} rows from {len(summary.rows)} tables of "
        f"{safe_url(settings.database_url)} to {args.file}."
    )
    return 0


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.commands.db import open_database, safe_url
    from storage.backup import BackupError, restore_from_file

    if not args.file.is_file():
        print(f"planbot restore: {args.file}: no such file", file=sys.stderr)
        return 1
    db = open_database(settings)
    if db is None:
        return 1
    try:
        summary = restore_from_file(db, args.file, force=args.force)
    except BackupError as exc:
        print(f"planbot restore: {args.file}: {exc}; nothing was changed", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(
            f"planbot restore: {args.file}: the database refused the data ({reason}); nothing was changed",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(f"planbot restore: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(
        f"Restored {summary.total} rows into {len([n for n in summary.rows if summary.rows[n]])} tables "
        f"of {safe_url(settings.database_url)}."
    )
    return 0
