"""`planbot calendar list|add|remove`: a commune's working calendar (public holidays from the
`holidays` package, plus its own days off and make-up working days), as /lichnghi shows it."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from bot.commands.common import organization_or_complain
from bot.settings import Settings
from reminders.calendar_admin import calendar_view, remove_day, set_day
from storage.db import Database
from storage.text import date_vi


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected an ISO date such as 2026-05-02, got {text!r}") from exc


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("calendar", help="the working calendar reminders follow")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="days off and make-up working days ahead")
    listing.add_argument("--org", default=None)
    listing.add_argument("--from", dest="start", type=_day, default=None, help="first day (default: today)")
    listing.add_argument("--days", type=int, default=120)
    listing.set_defaults(func=run_list)
    add = actions.add_parser("add", help="record the commune's day off, or a weekend day worked")
    add.add_argument("day", type=_day)
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--off", action="store_true", help="an extra day off: no digest that day")
    kind.add_argument("--work", action="store_true", help="a weekend day worked: digests go out")
    add.add_argument("--note", default="", help='why, e.g. "Nghỉ bù"')
    add.add_argument("--org", default=None)
    add.set_defaults(func=run_add)
    remove = actions.add_parser("remove", help="undo the commune's change on a day")
    remove.add_argument("day", type=_day)
    remove.add_argument("--org", default=None)
    remove.set_defaults(func=run_remove)


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "calendar list")
        if org is None:
            return 2
        start = args.start or settings.clock().today()
        view = db.call(
            calendar_view, organization_id=org[0], base=settings.calendar(), start=start, days=args.days
        )
        print(f"# {org[1]}: {date_vi(view.start)}–{date_vi(view.end)}")
        for d in view.days_off:
            print(f"{d.day.isoformat()}\toff\t{d.reason}{'  (commune)' if d.own else ''}")
        for day, note in view.working_days:
            print(f"{day.isoformat()}\twork\t{note}")
        return 0
    finally:
        db.dispose()


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "calendar add")
        if org is None:
            return 2
        note = args.note or ("Làm bù" if args.work else "Ngày nghỉ của xã")
        db.call(
            set_day, organization_id=org[0], day=args.day, working=args.work, note=note, actor_user_id=None
        )
        print(f"{args.day.isoformat()}\t{'work' if args.work else 'off'}\t{note}")
        return 0
    finally:
        db.dispose()


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "calendar remove")
        if org is None:
            return 2
        if not db.call(remove_day, organization_id=org[0], day=args.day, actor_user_id=None):
            print(
                f"planbot calendar remove: no change of {org[1]} on {args.day.isoformat()}", file=sys.stderr
            )
            return 2
        print(f"removed {args.day.isoformat()}")
        return 0
    finally:
        db.dispose()
