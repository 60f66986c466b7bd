"""`planbot remind [--at ISO_DATETIME] [--dry-run]`: one reminder pass, for operators and tests."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
from typing import Any

from bot.settings import Settings

logger = logging.getLogger(__name__)


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "remind",
        help="run one reminder pass (daily digests, and the weekly digest on the first working day)",
    )
    parser.add_argument(
        "--at",
        metavar="ISO_DATETIME",
        help="the moment of the pass, e.g. 2025-11-18T07:30 (PLANBOT_TIMEZONE unless an offset is given); "
        "default: now",
    )
    parser.add_argument("--dry-run", action="store_true", help="print who would get what; send nothing")
    parser.set_defaults(func=run)


def _plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.common import clock_at
    from bot.runtime.sender import TelegramSender, build_bot
    from reminders.dispatch import run_reminders
    from storage.db import Database

    try:
        clock = clock_at(args.at, settings)
    except ValueError:
        print(f"planbot remind: --at: expected an ISO date-time such as 2025-11-18T07:30, got {args.at!r}")
        return 2
    moment, config = clock.now(), settings.reminder_config(clock)
    db = Database(settings.database_url)
    try:
        if args.dry_run:
            report = asyncio.run(run_reminders(db=db, sender=None, config=config, now=moment, dry_run=True))
            if not report.working_day:
                print(f"{report.day:%d/%m/%Y}: không phải ngày làm việc, không gửi nhắc việc.")
            for digest in report.previews:
                print(f"--- official {digest.official_id} · chat {digest.chat_id} · {digest.kind}")
                print(_plain(digest.text))
            print(f"{len(report.previews)} tin nhắn sẽ được gửi ({report.day:%d/%m/%Y}).")
            return 0

        async def send() -> Any:
            bot = build_bot(
                settings.require_token(), settings.telegram_api_base_url, settings.telegram_api_file_url
            )
            async with bot:
                return await run_reminders(db=db, sender=TelegramSender(bot), config=config, now=moment)

        report = asyncio.run(send())
        print(
            f"{report.day:%d/%m/%Y}: {report.sent} đã gửi, {report.skipped} đã gửi/đang gửi ở nơi khác, "
            f"{report.failed} lỗi, {report.blocked} bị chặn, {report.rate_limited} lần 429."
        )
        return 0 if report.failed == 0 else 1
    finally:
        db.dispose()
