"""`planbot import REPORT` of a narrative report (a file with no task table whose prose gives the
period's figures): print the period, the figures with their units and the cited documents, and
(unless --dry-run) store them as the period's indicator values, like a plan import stores its tasks
without asking. `planbot import` (bot/commands/importing.py) hands such a file over here, and asks
``figures_beside`` about a report imported for its task table whose prose also gives figures."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from typing import Any

from bot.settings import Settings
from plans.narrative_import import NarrativePreview, read_narrative, save_narrative
from plans.parsing.importer import PlanImportError
from reports.answers.words import value_text
from storage.db import Database

logger = logging.getLogger(__name__)


def preview_lines(preview: NarrativePreview, organization: str | None) -> list[str]:
    lines = [f"Báo cáo số liệu: {preview.title or preview.source}", f"Kỳ báo cáo: {preview.period_label}"]
    lines.append(f"Nguồn: {preview.source}")
    if organization or preview.organization:
        lines.append(f"Nhập vào: {organization or preview.organization}")
    lines.append(f"Số liệu ({len(preview.figures)}):")
    lines += [f"  {f.label[:1].upper()}{f.label[1:]}: {value_text(f.value, f.unit)}" for f in preview.figures]
    if preview.documents:
        lines.append(f"Văn bản được dẫn ({len(preview.documents)}):")
        lines += [f"  {d}" for d in preview.documents]
    return lines


def run_narrative_import(args: argparse.Namespace, settings: Settings) -> int | None:
    """The exit code of importing args.file as a narrative report; None when it is not one."""
    try:
        data = args.file.read_bytes()
    except OSError:
        return None
    preview = read_narrative(data, args.file.name)
    if preview is None:
        return None
    organization = args.org or preview.organization
    if not organization:
        print(
            'Không xác định được xã/phường của báo cáo; hãy nêu tên, ví dụ --org "UBND xã Khúc Thừa Dụ".',
            file=sys.stderr,
        )
        return 1
    stored = None
    if not args.dry_run:
        db = Database(settings.database_url)
        try:
            with db.session() as session:
                stored = save_narrative(
                    session=session, data=data, filename=args.file.name, organization_name=organization
                )
        except PlanImportError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        finally:
            db.dispose()
    if args.json:
        document = preview.to_json()
        document["organization"] = organization
        document["stored_values"] = stored.values if stored is not None else None
        print(json.dumps(document, ensure_ascii=False))
        return 0
    print("\n".join(preview_lines(preview, organization)))
    if args.dry_run:
        print("Chạy thử (--dry-run): chưa lưu gì.")
    elif stored is not None:
        print(f"Đã lưu số liệu {preview.period_label} của {organization} (nguồn: {stored.source}).")
    return 0


@dataclass(frozen=True)
class Beside:
    """The prose figures of a file imported for its task table: what to print and the JSON part."""

    lines: list[str]
    document: dict[str, Any]


def figures_beside(args: argparse.Namespace, settings: Settings, organization: str | None) -> Beside | None:
    """Store (unless --dry-run or --no-figures) the figures a report with a task table also gives in
    its prose, into the organization the plan went to; None when the file has no such figures."""
    try:
        data = args.file.read_bytes()
    except OSError:
        return None
    preview = read_narrative(data, args.file.name)
    if preview is None:
        return None
    target = organization or preview.organization
    head = f"Tệp này cũng có {len(preview.figures)} chỉ số của kỳ {preview.period_label} (nguồn: {preview.source}):"
    lines = [head] + [
        f"  {f.label[:1].upper()}{f.label[1:]}: {value_text(f.value, f.unit)}" for f in preview.figures
    ]
    stored = None
    if getattr(args, "no_figures", False):
        lines.append("Không lưu các chỉ số (--no-figures).")
    elif args.dry_run:
        lines.append("Chạy thử (--dry-run): chưa lưu các chỉ số.")
    elif not target:
        lines.append("Không lưu các chỉ số: không xác định được xã/phường (--org).")
    else:
        db = Database(settings.database_url)
        try:
            with db.session() as session:
                stored = save_narrative(
                    session=session, data=data, filename=args.file.name, organization_name=target
                )
        finally:
            db.dispose()
        if stored is not None:
            lines.append(f"Đã lưu các chỉ số {preview.period_label} của {target} (nguồn: {stored.source}).")
    document = preview.to_json()
    document["organization"] = target
    document["stored_values"] = stored.values if stored is not None else None
    return Beside(lines, document)
