"""`planbot remind [--at ISO_DATETIME] [--dry-run]`: one reminder pass, for operators and tests."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any, TypeVar

from bot.settings import Settings

logger = logging.getLogger(__name__)

T = TypeVar("T")


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


def _bots(db: Any, settings: Settings) -> list[tuple[str, Callable[[int | None], bool] | None]]:
    """Each bot of the deployment (`planbot run --all-bots`'s list) with the organizations it serves,
    by the rule the running bots' reminder jobs follow (plans.bots.served_by)."""
    from bot.commands.run_all import deployment_bots
    from plans.bots import served_by
    from storage.queries.bots import organization_bots

    settings.require_token()  # the default bot is needed, as before several bots existed
    bindings = db.call(organization_bots)
    return [(spec.token, served_by(bindings, spec.account_id)) for spec in deployment_bots(settings, db)]


def _total(reports: list[T]) -> T:
    """One pass's report for several bots' passes: their counts added up."""
    first = reports[0]
    names = [f.name for f in fields(first)]  # type: ignore[arg-type]
    counted = [n for n in names if type(getattr(first, n)) is int]  # not the day, working_day, previews
    return replace(first, **{n: sum(getattr(r, n) for r in reports) for n in counted})  # type: ignore[type-var]


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.common import clock_at
    from bot.runtime.sender import TelegramSender, build_bot
    from reminders.dispatch import run_reminders
    from reminders.escalation_dispatch import run_escalations
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
            notices = asyncio.run(
                run_escalations(db=db, sender=None, config=config, now=moment, dry_run=True)
            )
            if not report.working_day:
                print(f"{report.day:%d/%m/%Y}: không phải ngày làm việc, không gửi nhắc việc.")
            for digest in report.previews:
                print(f"--- official {digest.official_id} · chat {digest.chat_id} · {digest.kind}")
                print(_plain(digest.text))
            for digest in notices.previews:
                print(f"--- official {digest.official_id} · chat {digest.chat_id} · escalation")
                print(_plain(digest.text))
            print(f"{len(report.previews)} tin nhắn sẽ được gửi ({report.day:%d/%m/%Y}).")
            if notices.previews:
                print(f"{len(notices.previews)} thông báo cho lãnh đạo sẽ được gửi.")
            return 0

        async def send_as(token: str, serves: Any) -> tuple[Any, Any]:
            bot = build_bot(token, settings.telegram_api_base_url, settings.telegram_api_file_url)
            async with bot:
                sender = TelegramSender(bot)
                sent = await run_reminders(db=db, sender=sender, config=config, now=moment, serves=serves)
                told = await run_escalations(db=db, sender=sender, config=config, now=moment, serves=serves)
                return sent, told

        async def send() -> tuple[Any, Any]:
            # Each bot of the deployment writes to its own organizations' officials (a bot they never
            # started could not reach them, and a 403 would wrongly mark them unreachable).
            passes = [send_as(token, serves) for token, serves in _bots(db, settings)]
            done = await asyncio.gather(*passes)
            return _total([sent for sent, _ in done]), _total([told for _, told in done])

        report, notices = asyncio.run(send())
        print(
            f"{report.day:%d/%m/%Y}: {report.sent} đã gửi, {report.skipped} đã gửi/đang gửi ở nơi khác, "
            f"{report.failed} lỗi, {report.blocked} bị chặn, {report.rate_limited} lần 429."
        )
        if notices.planned:
            print(
                f"Thông báo lãnh đạo: {notices.sent} đã gửi, {notices.skipped} đã gửi ở nơi khác, {notices.failed} lỗi."
            )
        return 0 if report.failed == 0 and notices.failed == 0 else 1
    finally:
        db.dispose()
