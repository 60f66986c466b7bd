"""`planbot import FILE [--org NAME] [--dry-run] [--json]`: parse a plan document, print its summary,
and (unless --dry-run) store it in one transaction. A narrative report (no task table, figures in
prose) is imported as its period's indicator values instead (bot/commands/narrative.py); a report with a
task table whose prose also gives figures stores both (--no-figures: the tasks only)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from bot.commands.import_columns import columns_arg, unmapped_hint
from bot.commands.narrative import figures_beside, run_narrative_import
from bot.settings import Settings
from plans.importing import ImportResult, preview_import, store_plan
from plans.parsing.importer import PlanImportError, parse_file
from plans.parsing.summary import summary_text, to_json
from storage.db import Database

logger = logging.getLogger(__name__)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="import a plan (.docx, .xlsx, .pdf, .txt, .md) or a narrative report's figures"
    )
    parser.add_argument("file", type=Path, help="the plan document")
    parser.add_argument("--org", default=None, help='organization name, e.g. "UBND xã Thanh Xá"')
    parser.add_argument("--dry-run", action="store_true", help="parse and show the summary, store nothing")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    parser.add_argument(
        "--columns",
        type=columns_arg,
        default=None,
        help='columns of a header planbot cannot map, from 1: "stt=1,noidung=2,chutri=3,phoihop=4,thoihan=5"',
    )
    parser.add_argument(
        "--no-figures",
        action="store_true",
        help="a report with a task table: do not store the figures its prose gives",
    )
    parser.set_defaults(func=run_import)


def _changes(result_added: int, result_changed: int, result_removed: int) -> str:
    return f"thêm {result_added}, sửa {result_changed}, bỏ {result_removed} nhiệm vụ"


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    try:
        parsed = parse_file(args.file, filename=args.file.name, columns=getattr(args, "columns", None))
    except PlanImportError as exc:
        # a file with no task table may be a narrative report: its figures are imported instead
        narrative = run_narrative_import(args, settings) if exc.reason == "no_table" else None
        if narrative is not None:
            return narrative
        print(str(exc), file=sys.stderr)
        if exc.reason == "unmapped_header" and exc.header_texts:
            print(unmapped_hint(exc), file=sys.stderr)
        return 1
    db = Database(settings.database_url)
    try:
        resolutions, diff = db.call(preview_import, parsed=parsed, organization_name=args.org)
        result: ImportResult | None = None
        if not args.dry_run:
            with db.session() as session:
                result = store_plan(session=session, parsed=parsed, organization_name=args.org)
    except PlanImportError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        db.dispose()
    if args.org:
        parsed.organization = args.org
    organization = result.organization if result is not None else args.org or parsed.organization
    beside = figures_beside(args, settings, organization)  # the prose figures of a report, if any
    if args.json:
        document = to_json(parsed, {r.written: r.name for r in resolutions})
        if beside is not None:
            document["narrative"] = beside.document
        print(json.dumps(document, ensure_ascii=False))
        return 0
    print(summary_text(parsed, resolutions))
    if diff.is_update:
        print(f"Kế hoạch đã có: {_changes(len(diff.added), len(diff.changed), len(diff.removed))}.")
        for label, items in (("Thêm", diff.added), ("Sửa", diff.changed), ("Bỏ", diff.removed)):
            for item in items[:20]:
                print(f"  {label} {item.code}: {item.content[:80]}")
        for label, items in (
            ("Giữ chỉnh sửa", diff.kept_corrections),
            ("Theo văn bản mới, thay chỉnh sửa", diff.contradicted_corrections),
        ):
            for item in items[:20]:
                print(f"  {label} {item.code} ({', '.join(item.fields)}): {item.content[:80]}")
    if args.dry_run:
        print("Chạy thử (--dry-run): chưa lưu gì.")
    elif result is not None:
        print(
            f"Đã lưu kế hoạch #{result.plan_id} ({result.organization}); {result.reports_added} kết quả đã nhập."
        )
    if beside is not None:
        print("\n".join(beside.lines))
    return 0
