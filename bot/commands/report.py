"""`planbot report --period 2025-Q3 [--org NAME] --format docx|xlsx|pdf -o FILE`: the written report.

docx: the Báo cáo and its Phụ lục in one file, from the organization's template (or the default);
xlsx: the Phụ lục, set up to print; pdf: the docx through LibreOffice, when it is installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.commands.common import organization_or_complain
from bot.settings import Settings
from plans.periods import parse_period_code
from reports.documents import organization_source, render_file
from reports.outputs.pdf import INSTALL_HINT, PdfFailed, PdfUnavailable
from reports.outputs.report_data import ReportError
from storage.db import Database


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report", help="write the report of a period (DOCX: Báo cáo and Phụ lục; XLSX; PDF)"
    )
    parser.add_argument(
        "--period", required=True, help="2025-Q3, 2025-11, 2025-H1, 2025 or 2025-01-01..2025-03-31"
    )
    parser.add_argument("--org", help="organization name (optional when there is only one)")
    parser.add_argument("--plan", type=int, help="plan id (default: the latest plan of the period's year)")
    parser.add_argument("--format", choices=["docx", "xlsx", "pdf"], default="docx")
    parser.add_argument("-o", "--output", required=True, help="file to write")
    parser.set_defaults(func=run_report)


def run_report(args: argparse.Namespace, settings: Settings) -> int:
    try:
        period = parse_period_code(args.period, settings.period_mode)
    except ValueError as exc:
        print(f"planbot report: {exc}", file=sys.stderr)
        return 2
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "report")
        if org is None:
            return 2
        try:
            source = db.call(
                organization_source,
                organization_id=org[0],
                period=period,
                today=settings.clock().today(),
                policy=settings.period_policy(),
                plan_id=args.plan,
            )
        except ReportError as exc:
            print(f"planbot report: {exc}", file=sys.stderr)
            return 1
    finally:
        db.dispose()
    try:
        made = render_file(source, args.format, settings.report_style(), soffice=settings.soffice)
    except PdfUnavailable:
        print(f"planbot report: PDF needs LibreOffice; install it with: {INSTALL_HINT}", file=sys.stderr)
        return 1
    except PdfFailed as exc:
        print(f"planbot report: LibreOffice did not write the PDF: {exc}", file=sys.stderr)
        return 1
    Path(args.output).write_bytes(made.content)
    data = source.data
    print(
        f"{args.output}: {data.result_header}, {data.total} nhiệm vụ, "
        f"{data.done_or_in_progress} đã và đang thực hiện, {data.rate_text}"
    )
    return 0
