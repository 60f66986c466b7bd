"""`planbot ask "QUESTION" ["FOLLOW-UP" …] [--org NAME] [--at ISO_DATE_OR_DATETIME] [--agency NAME]`:
print the bot's answer.

The text is exactly what the bot would send, with the HTML tags removed and entities unescaped
(so it reads well in a terminal), and the labels of its buttons on a last line. Several questions
are asked in order in one chat, each a follow-up of the one before ("tỷ lệ hoàn thành quý trước"
"còn văn phòng thì sao?"). The question is asked as a leader of the organization, or with
--agency as an official of that agency (who sees only its tasks).
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
from reports.answers.result import Answer
from storage.db import Database
from storage.models import Official, Role
from storage.queries.facts import agencies_for_matching
from storage.text import nfc

NOT_A_QUESTION = "Câu này không phải câu hỏi về tiến độ/thống kê (bot sẽ chuyển sang tìm nhiệm vụ)."


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("ask", help="answer a progress question as the bot would")
    parser.add_argument("question", nargs="+", help='e.g. "tỷ lệ hoàn thành quý này?" (follow-ups after it)')
    parser.add_argument("--org", help="organization name (optional when there is only one)")
    parser.add_argument("--at", help="answer as of this ISO date or datetime (default: now)")
    parser.add_argument("--agency", help="ask as an official of this agency (default: as a leader)")
    parser.set_defaults(func=run_ask)


def parse_at(value: str | None, settings: Settings) -> datetime:
    """Now, or the moment --at names (an ISO date or date-time, PLANBOT_TIMEZONE unless it has an offset)."""
    return clock_at(value, settings).now()


def plain(text: str) -> str:
    """Bot HTML → terminal text."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def answer_lines(answer: Answer | None) -> list[str]:
    """What the bot sends for an answer: its text, and the labels of its buttons."""
    if answer is None:
        return [NOT_A_QUESTION]
    lines = [plain(answer.text)]
    labels = [button.label for row in answer.buttons for button in row]
    if answer.chart_request is not None and not answer.send_chart:
        labels.append("📊 Biểu đồ")
    if labels:
        lines.append(" ".join(f"[{label}]" for label in labels))
    return lines


def _viewer(db: Database, org: tuple[int, str], agency: str | None) -> Official | str:
    if not agency:
        return Official(telegram_user_id=0, full_name="planbot ask", organization_id=org[0], role=Role.leader)
    from plans.agencies import AgencyMatcher

    match = AgencyMatcher(db.call(agencies_for_matching, organization_id=org[0])).match(agency)
    if match.agency_id is None or match.how == "new":
        return f"planbot ask: no agency of {org[1]} matches --agency {agency!r}"
    return Official(telegram_user_id=0, full_name="planbot ask", organization_id=org[0], role=Role.official,
                    agency_id=match.agency_id)  # fmt: skip


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    try:
        now = parse_at(args.at, settings)
    except ValueError as exc:
        print(f"planbot ask: {exc}", file=sys.stderr)
        return 2
    db = Database(settings.database_url)
    out: list[str] = []
    try:
        org = organization_or_complain(db, args.org, "ask")
        if org is None:
            return 2
        viewer = _viewer(db, org, args.agency)
        if isinstance(viewer, str):
            print(viewer, file=sys.stderr)
            return 2
        memory = None
        for index, question in enumerate(args.question):
            answer = db.call(
                answer_question,
                text=nfc(question),
                viewer=viewer,
                today=settings.clock().local_day(now),
                periods=settings.period_policy(),
                memory=memory,
            )
            if len(args.question) > 1:
                out.append(f"{'' if index == 0 else chr(10)}> {question}")
            out += answer_lines(answer)
            if answer is not None and answer.remember is not None:
                memory = answer.remember.to_dict()
    finally:
        db.dispose()
    print("\n".join(out))
    return 0
