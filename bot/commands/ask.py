"""`planbot ask "QUESTION" [--org NAME] [--at ISO_DATE_OR_DATETIME]`: print the bot's answer.

The text is exactly what the bot would send, with the HTML tags removed and entities unescaped
(so it reads well in a terminal). The question is asked as a leader of the organization.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from datetime import datetime
from typing import Any

from bot.commands.common import clock_at, organization_or_complain
from bot.settings import Settings
from reports.answers.core import answer_question
from storage.db import Database
from storage.models import Official, Role
from storage.text import nfc

NOT_A_QUESTION = "Câu này không phải câu hỏi về tiến độ/thống kê (bot sẽ chuyển sang tìm nhiệm vụ)."


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("ask", help="answer a progress question as the bot would")
    parser.add_argument("question", help='e.g. "tỷ lệ hoàn thành quý này?"')
    parser.add_argument("--org", help="organization name (optional when there is only one)")
    parser.add_argument("--at", help="answer as of this ISO date or datetime (default: now)")
    parser.set_defaults(func=run_ask)


def parse_at(value: str | None, settings: Settings) -> datetime:
    """Now, or the moment --at names (an ISO date or date-time, PLANBOT_TIMEZONE unless it has an offset)."""
    return clock_at(value, settings).now()


def plain(text: str) -> str:
    """Bot HTML → terminal text."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    try:
        now = parse_at(args.at, settings)
    except ValueError as exc:
        print(f"planbot ask: {exc}", file=sys.stderr)
        return 2
    db = Database(settings.database_url)
    try:
        org = organization_or_complain(db, args.org, "ask")
        if org is None:
            return 2
        viewer = Official(
            telegram_user_id=0, full_name="planbot ask", organization_id=org[0], role=Role.leader
        )
        answer = db.call(
            answer_question,
            text=nfc(args.question),
            viewer=viewer,
            today=settings.clock().local_day(now),
            periods=settings.period_policy(),
        )
    finally:
        db.dispose()
    print(plain(answer.text) if answer is not None else NOT_A_QUESTION)
    return 0
