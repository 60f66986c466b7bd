"""`planbot agency members [GROUP] [--add NAME]… [--remove NAME]… [--org NAME]`: the members of
group agencies ("Các công chức chuyên môn"), as /nhom shows and sets them."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.commands.common import organization_or_complain
from bot.settings import Settings
from plans.groups import AgencyRef, GroupView, group_views, set_member
from storage.db import Database
from storage.text import fold


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("agency", help="agencies: members of group agencies")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    members = actions.add_parser("members", help="list a group agency's members, or add and remove them")
    members.add_argument(
        "group", nargs="?", default=None, help="the group agency (part of its name); all when left out"
    )
    members.add_argument(
        "--add", action="append", default=[], metavar="NAME", help="agency to add (repeatable)"
    )
    members.add_argument("--remove", action="append", default=[], metavar="NAME", help="agency to remove")
    members.add_argument("--org", default=None)
    members.set_defaults(func=run_members)


def _match(name: str, refs: tuple[AgencyRef, ...] | list[AgencyRef]) -> list[AgencyRef]:
    key = fold(name)
    exact = [r for r in refs if fold(r.name) == key]
    return exact or [r for r in refs if key in fold(r.name)]


def _print(view: GroupView) -> None:
    print(
        f"{view.group.name}: {'; '.join(m.name for m in view.members) or '(no members: nobody responsible)'}"
    )


def run_members(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "agency members")
        if org is None:
            return 2
        views = db.call(group_views, organization_id=org[0])
        if args.group is None:
            if args.add or args.remove:
                print("planbot agency members: name the group to change", file=sys.stderr)
                return 2
            for view in views:
                _print(view)
            return 0
        found = [v for v in views if v.group in _match(args.group, [v.group for v in views])]
        if len(found) != 1:
            names = ", ".join(v.group.name for v in found) or "none"
            print(f"planbot agency members: group {args.group!r} matches {names}", file=sys.stderr)
            return 2
        view = found[0]
        for names, member in ((args.add, True), (args.remove, False)):
            for name in names:
                hits = _match(name, view.candidates)
                if len(hits) != 1:
                    listed = ", ".join(h.name for h in hits) or "none"
                    print(f"planbot agency members: agency {name!r} matches {listed}", file=sys.stderr)
                    return 2
                changed = db.call(
                    set_member,
                    organization_id=org[0],
                    group_id=view.group.id,
                    member_id=hits[0].id,
                    member=member,
                    actor_user_id=None,
                )
                assert changed is not None
                view = changed
        _print(view)
        return 0
    finally:
        db.dispose()
