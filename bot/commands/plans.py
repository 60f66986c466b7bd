"""`planbot plans list|close|reopen|edit` (also `planbot plan …`): an organization's plans, closing
(lưu trữ) one, and correcting a task (bot/commands/plan_edit.py).

A closed plan's tasks leave lists, digests and overdue counts; questions and reports about its
periods still work. The same use cases serve /kehoach (plans/plan_admin.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.commands.common import organization_or_complain
from bot.commands.plan_edit import add_action as add_edit_action
from bot.settings import Settings
from handlers.plans_admin import plan_state_text
from plans.plan_admin import plan_summaries, set_archived
from storage.db import Database
from storage.text import date_vi


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plans", aliases=["plan"], help="list plans, close (archive) or reopen one, correct a task (edit)"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the organization's plans, current ones first")
    listing.add_argument("--org", default=None, help="organization name (when several)")
    listing.set_defaults(func=run_list)
    for name, text in (("close", "close (lưu trữ) a plan"), ("reopen", "reopen a closed plan")):
        action = actions.add_parser(name, help=text)
        action.add_argument("plan_id", type=int, help="the plan's id, as `planbot plans list` prints it")
        action.add_argument("--org", default=None, help="organization name (when several)")
        action.set_defaults(func=run_close if name == "close" else run_reopen)
    add_edit_action(actions)  # `planbot plan edit` (bot/commands/plan_edit.py)


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "plans list")
        if org is None:
            return 2
        plans = db.call(
            plan_summaries,
            organization_id=org[0],
            today=settings.clock().today(),
            policy=settings.period_policy(),
        )
        print(f"# {org[1]}: {len(plans)} plan(s)")
        for p in plans:
            span = f"{date_vi(p.start)}–{date_vi(p.end)}" if p.start and p.end else "thời kỳ chưa rõ"
            number = f" ({p.number})" if p.number else ""
            print(f"{p.id}\t{span}\t{p.tasks} nhiệm vụ\t{plan_state_text(p)}\t{p.title}{number}")
        return 0
    finally:
        db.dispose()


def _set(args: argparse.Namespace, settings: Settings, archived: bool) -> int:
    db = Database(settings.database_url)
    command = "plans close" if archived else "plans reopen"
    try:
        org = organization_or_complain(db, args.org, command)
        if org is None:
            return 2
        plan = db.call(
            set_archived, organization_id=org[0], plan_id=args.plan_id, archived=archived, actor_user_id=None
        )
        if plan is None:
            print(f"planbot {command}: {org[1]} has no plan {args.plan_id}", file=sys.stderr)
            return 2
        print(f"{'closed' if archived else 'reopened'}: {plan.id}\t{plan.title}")
        return 0
    finally:
        db.dispose()


def run_close(args: argparse.Namespace, settings: Settings) -> int:
    return _set(args, settings, True)


def run_reopen(args: argparse.Namespace, settings: Settings) -> int:
    return _set(args, settings, False)
