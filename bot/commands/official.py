"""`planbot official head [--agency NAME] [--set NAME | --clear NAME] [--org NAME]`: the heads of
agency, who assign their agency's tasks to its officials (plans/heads.py), as /truongdonvi sets them.

Without --agency: every agency's heads. With --agency: that agency's officials, heads marked ★.
--set / --clear name an active official of the agency (full name or part of it, diacritics optional)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.commands.common import organization_or_complain
from bot.settings import Settings
from plans.heads import HeadRoster, Member, rosters_named, set_head
from storage.db import Database
from storage.text import fold, nfc


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("official", help="officials: heads of agency")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    head = actions.add_parser("head", help="list, set or clear the heads of agency (who assign tasks)")
    head.add_argument(
        "--agency", default=None, help="the agency, as the plan writes it (part of it is enough)"
    )
    which = head.add_mutually_exclusive_group()
    which.add_argument(
        "--set", dest="set_name", default=None, metavar="NAME", help="make this official a head"
    )
    which.add_argument("--clear", dest="clear_name", default=None, metavar="NAME", help="no longer a head")
    head.add_argument("--org", default=None)
    head.set_defaults(func=run_head)


def _print(roster: HeadRoster) -> None:
    print(f"{roster.agency_name}:")
    if not roster.members:
        print("  (no registered officials)")
    for m in roster.members:
        print(f"  {'★' if m.is_head else ' '} {m.full_name}")


def _member(roster: HeadRoster, name: str) -> list[Member]:
    key = fold(nfc(name)).lower().strip()
    exact = [m for m in roster.members if fold(m.full_name).lower() == key]
    return exact or [m for m in roster.members if key in fold(m.full_name).lower()]


def run_head(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "official head")
        if org is None:
            return 2
        name = args.set_name or args.clear_name
        if name is not None and args.agency is None:
            print("planbot official head: --set/--clear need --agency", file=sys.stderr)
            return 2
        rosters = db.call(rosters_named, organization_id=org[0], agency=args.agency)
        if args.agency is None:
            for roster in rosters:
                heads = ", ".join(m.full_name for m in roster.heads) or "(no head)"
                print(f"{roster.agency_name}: {heads}")
            return 0
        if len(rosters) != 1:
            found = ", ".join(r.agency_name for r in rosters) or "none"
            print(f"planbot official head: agency {args.agency!r} matches {found}", file=sys.stderr)
            return 2
        roster = rosters[0]
        if name is None:
            _print(roster)
            return 0
        hits = _member(roster, name)
        if len(hits) != 1:
            found = ", ".join(m.full_name for m in hits) or "none"
            print(f"planbot official head: official {name!r} matches {found}", file=sys.stderr)
            return 2
        change = db.call(
            set_head,
            official_id=hits[0].official_id,
            is_head=args.set_name is not None,
            actor_user_id=None,
            by=None,
            source="cli",
        )
        assert change is not None  # an active official of the roster just read
        state = "is now a head" if change.is_head else "is no longer a head"
        print(
            f"{change.full_name} {state} of {roster.agency_name}" + ("" if change.changed else " (unchanged)")
        )
        _print(change.roster)
        return 0
    finally:
        db.dispose()
