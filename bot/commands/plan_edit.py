"""`planbot plan edit`: the operator's correction of an imported task or agency (issue 14), with the
same use cases as the bot's "✏️ Sửa" (plans/corrections.py, plans/agency_corrections.py), source "cli".

    planbot plan edit --task CODE [--plan ID] --field content|lead|coordinating|deadline|product|targets --value TEXT
    planbot plan edit --task CODE [--plan ID] --remove
    planbot plan edit --add-to SECTION --plan ID --value CONTENT --lead NAME [--deadline TEXT]
    planbot plan edit --agency NAME --rename NEW | --map-to OTHER
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.commands.common import organization_or_complain
from bot.settings import Settings
from plans.agency_corrections import map_agency, rename_agency
from plans.correction_fields import FIELDS, CorrectionError
from plans.corrections import Editor, EditOutcome, add_task, edit_task, find_task, remove_task
from storage.db import Database
from storage.text import nfc

COMMAND = "plan edit"


def add_action(actions: Any) -> None:
    edit = actions.add_parser("edit", help="correct an imported task (a field, or remove it) or an agency")
    edit.add_argument("--org", default=None, help="organization name (when several)")
    edit.add_argument("--task", default=None, metavar="CODE", help="the task's code, e.g. II.3")
    edit.add_argument(
        "--plan", type=int, default=None, metavar="ID", help="the plan (when several have CODE)"
    )
    edit.add_argument("--field", choices=FIELDS, default=None, help="the field to change")
    edit.add_argument("--value", default=None, metavar="TEXT", help="the new value, as a plan writes it")
    edit.add_argument("--remove", action="store_true", help="remove the task (its reports are kept)")
    edit.add_argument(
        "--add-to", default=None, metavar="SECTION", help="add a task (--value) to a section, e.g. II"
    )
    edit.add_argument("--lead", default=None, metavar="NAME", help="the added task's lead agency")
    edit.add_argument("--deadline", default="", metavar="TEXT", help="the added task's deadline")
    edit.add_argument("--agency", default=None, metavar="NAME", help="an agency to rename or map")
    edit.add_argument("--rename", default=None, metavar="NEW", help="the agency's new display name")
    edit.add_argument("--map-to", default=None, metavar="OTHER", help="an existing agency to map it onto")
    edit.set_defaults(func=run_edit)


def _fail(text: str) -> int:
    print(f"planbot {COMMAND}: {text}", file=sys.stderr)
    return 2


def _usage_error(args: argparse.Namespace) -> str | None:
    if args.add_to is not None:
        if args.task is not None or args.agency is not None:
            return "--add-to goes without --task and --agency"
        if args.plan is None or args.value is None or args.lead is None:
            return "--add-to SECTION needs --plan ID, --value CONTENT and --lead NAME"
        return None
    if (args.task is None) == (args.agency is None):
        return "give either --task CODE or --agency NAME"
    if args.task is not None:
        if args.remove == (args.field is not None):
            return "with --task give either --field F --value TEXT or --remove"
        if args.field is not None and args.value is None:
            return "--field needs --value TEXT"
    elif (args.rename is None) == (args.map_to is None):
        return "with --agency give either --rename NEW or --map-to OTHER"
    return None


def _print_outcome(outcome: EditOutcome) -> None:
    if outcome.field == "removed":
        print(f"removed: {outcome.code}\t{outcome.old_shown} (its reports are kept)")
    elif not outcome.changed:
        print(f"unchanged: {outcome.code} {outcome.field}: {outcome.old_shown}")
    else:
        print(f"changed: {outcome.code} {outcome.field} ({outcome.field_name})")
        print(f"  old: {outcome.old_shown}")
        print(f"  new: {outcome.new_shown}")


def _edit_task(db: Database, args: argparse.Namespace, organization_id: int) -> int:
    found = db.call(find_task, organization_id=organization_id, code=args.task, plan_id=args.plan)
    if not found:
        return _fail(f"no task {args.task}" + (f" in plan {args.plan}" if args.plan else ""))
    if len(found) > 1:
        plans = ", ".join(str(t.plan_id) for t in found)
        return _fail(f"several plans have task {args.task} (plans {plans}): give --plan ID")
    task_id = found[0].id
    editor = Editor.operator()
    if args.remove:
        outcome = db.call(remove_task, editor=editor, task_id=task_id)
    else:
        outcome = db.call(edit_task, editor=editor, task_id=task_id, field=args.field, value=nfc(args.value))
    _print_outcome(outcome)
    return 0


def _add_task(db: Database, args: argparse.Namespace) -> int:
    outcome = db.call(
        add_task,
        editor=Editor.operator(),
        plan_id=args.plan,
        section=args.add_to,
        content=nfc(args.value),
        lead=nfc(args.lead),
        deadline=nfc(args.deadline or ""),
    )
    print(f"added: {outcome.code}\t{outcome.new_shown}")
    return 0


def _edit_agency(db: Database, args: argparse.Namespace, organization_id: int) -> int:
    editor = Editor.operator()
    if args.rename is not None:
        change = db.call(
            rename_agency,
            editor=editor,
            organization_id=organization_id,
            name=nfc(args.agency),
            new_name=nfc(args.rename),
        )
        print(
            f"renamed: {change.old_name} → {change.new_name} ({change.tasks} task(s); the old name stays an alias)"
        )
    else:
        change = db.call(
            map_agency,
            editor=editor,
            organization_id=organization_id,
            name=nfc(args.agency),
            target=nfc(args.map_to),
        )
        print(f"mapped: {change.old_name} → {change.new_name} ({change.tasks} task(s) moved)")
    return 0


def run_edit(args: argparse.Namespace, settings: Settings) -> int:
    problem = _usage_error(args)
    if problem is not None:
        return _fail(problem)
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, COMMAND)
        if org is None:
            return 2
        if args.add_to is not None:
            return _add_task(db, args)
        if args.task is not None:
            return _edit_task(db, args, org[0])
        return _edit_agency(db, args, org[0])
    except CorrectionError as error:
        return _fail(error.message)
    finally:
        db.dispose()
