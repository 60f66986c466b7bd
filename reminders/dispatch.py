"""One reminder pass: compute the digests due at a moment, claim them, send them, record the result.

The database is the source of truth: a pass asks "what is due today and not yet sent", so running it
twice, from two processes, or after a crash never sends a digest twice, and a claim whose sender
died is taken over once it is older than `stale_after`. The only module below handlers/ that
imports telegram.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from reminders.digest import Digest, render_daily, render_weekly
from reminders.due import Recipient, WorkCalendar, due_by_official, local_day, weekly_summary
from storage.db import Database
from storage.models import Official, Role
from storage.queries.reminders import ReminderSnapshot, claim_digests, load_snapshot, mark_failed, mark_sent

logger = logging.getLogger(__name__)

OVERALL_RATE = 29.0  # a little under Telegram's ~30 messages/second, so the limit is rarely hit
PER_CHAT_INTERVAL = 1.0  # seconds between two messages to the same chat
DONE_STATUSES = frozenset({"sent", "blocked"})


@dataclass
class RunReport:
    day: date
    working_day: bool = True
    planned: int = 0  # digests due now and not yet sent
    claimed: int = 0
    sent: int = 0
    skipped: int = 0  # claimed elsewhere (another process, or a send in progress)
    failed: int = 0
    blocked: int = 0
    rate_limited: int = 0  # 429 answers
    retried: int = 0  # network / 5xx retries
    previews: list[Digest] = field(default_factory=list)


def to_recipient(o: Official) -> Recipient:
    assert o.id is not None
    return Recipient(
        official_id=o.id,
        chat_id=o.chat_id if o.chat_id is not None else o.telegram_user_id,
        full_name=o.full_name,
        role=o.role,
        organization_id=o.organization_id,
        agency_id=o.agency_id,
        active=o.active,
        reachable=o.reachable,
        reminders_enabled=o.reminders_enabled,
        remind_coordinating=o.remind_coordinating,
        reminder_time=o.reminder_time,
    )


def _clock(text: str | None, default: time) -> time:
    if not text:
        return default
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return default


def plan_digests(snap: ReminderSnapshot, *, now: datetime, settings: Any) -> tuple[date, bool, list[Digest]]:
    """Pure: the digests due at `now` (officials whose reminder time has passed) not yet sent."""
    today = local_day(now, settings.tz)
    cal = WorkCalendar.from_settings(settings)
    if not cal.is_working_day(today):
        return today, False, []
    local_now = now.astimezone(settings.tz).time()
    recipients = [
        r
        for r in map(to_recipient, snap.officials)
        if r.can_receive and _clock(r.reminder_time, settings.reminder_clock) <= local_now
    ]
    daily_todo = [r for r in recipients if snap.digests.get((r.official_id, "daily")) not in DONE_STATUSES]
    due = due_by_official(
        snap.tasks,
        snap.reports,
        daily_todo,
        today,
        cal,
        settings.reminder_offsets,
        mode=settings.period_mode,
        agency_groups=snap.agency_groups,
    )
    digests: list[Digest] = []
    for r in daily_todo:
        assert r.chat_id is not None
        unreachable = _unreachable_for(r, snap) if r.role == Role.admin else []
        digest = render_daily(
            due.get(r.official_id),
            today,
            official_id=r.official_id,
            chat_id=r.chat_id,
            unreachable=unreachable,
        )
        if digest is not None:
            digests.append(digest)
    if cal.first_working_day_of_week(today) == today:
        summaries: dict[int, Any] = {}
        for r in recipients:
            if r.role not in (Role.leader, Role.admin) or r.organization_id is None:
                continue
            if snap.digests.get((r.official_id, "weekly")) in DONE_STATUSES:
                continue
            org = r.organization_id
            if org not in summaries:
                summaries[org] = weekly_summary(
                    org, snap.tasks, snap.reports, today, mode=settings.period_mode
                )
            assert r.chat_id is not None
            digests.append(
                render_weekly(
                    summaries[org],
                    today,
                    official_id=r.official_id,
                    chat_id=r.chat_id,
                    organization_name=snap.organization_names.get(org, ""),
                    agency_names=snap.agency_names,
                    unreachable=_unreachable_for(r, snap) if r.role == Role.admin else [],
                )
            )
    return today, True, digests


def _unreachable_for(r: Recipient, snap: ReminderSnapshot) -> list[str]:
    return [name for org, name in snap.blocked if r.organization_id is None or org == r.organization_id]


class Pacer:
    """At most `rate` sends per second overall and one per chat per PER_CHAT_INTERVAL; a 429 pauses all."""

    def __init__(self, rate: float = OVERALL_RATE) -> None:
        self.interval = 1.0 / rate
        self.next_slot = 0.0
        self.chat_next: dict[int, float] = {}
        self.lock = asyncio.Lock()

    async def wait(self, chat_id: int) -> None:
        loop = asyncio.get_running_loop()
        async with self.lock:
            now = loop.time()
            slot = max(now, self.next_slot, self.chat_next.get(chat_id, 0.0))
            self.next_slot = max(self.next_slot, slot) + self.interval
            self.chat_next[chat_id] = slot + PER_CHAT_INTERVAL
        if slot > now:
            await asyncio.sleep(slot - now)

    def pause(self, seconds: float) -> None:
        until = asyncio.get_running_loop().time() + seconds
        self.next_slot = max(self.next_slot, until)


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _markup(digest: Digest) -> InlineKeyboardMarkup | None:
    if not digest.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.callback_data) for b in row] for row in digest.buttons]
    )


@dataclass
class _Outcome:
    official_id: int
    status: str  # sent | failed | blocked
    message_id: int | None = None
    error: str = ""


async def send_digest(
    bot: telegram.Bot,
    digest: Digest,
    pacer: Pacer,
    report: RunReport,
    *,
    max_attempts: int = 4,
    max_rate_limited: int = 8,
    backoff_base: float = 0.5,
) -> _Outcome:
    """Send one digest; 429 waits retry_after, 403 means blocked, network errors/5xx back off."""
    attempts = limited = 0
    error = ""
    while attempts < max_attempts and limited <= max_rate_limited:
        await pacer.wait(digest.chat_id)
        try:
            message = await bot.send_message(
                digest.chat_id,
                digest.text,
                parse_mode=ParseMode.HTML,
                reply_markup=_markup(digest),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
            return _Outcome(digest.official_id, "sent", message.message_id)
        except RetryAfter as exc:
            limited += 1
            report.rate_limited += 1
            with warnings.catch_warnings():  # PTB 22 warns that retry_after will become a timedelta
                warnings.simplefilter("ignore")
                wait = _seconds(exc.retry_after)
            logger.warning("Telegram flood control: waiting %.1f s", wait)
            pacer.pause(wait)
            error = str(exc)
        except Forbidden as exc:
            return _Outcome(digest.official_id, "blocked", error=str(exc))
        except BadRequest as exc:  # permanent (chat not found, bad markup): retrying will not help
            return _Outcome(digest.official_id, "failed", error=str(exc))
        except NetworkError as exc:  # includes TimedOut and 5xx answers
            attempts += 1
            error = str(exc)
            if attempts < max_attempts:
                report.retried += 1
                await asyncio.sleep(min(30.0, backoff_base * 2 ** (attempts - 1)))
        except TelegramError as exc:
            return _Outcome(digest.official_id, "failed", error=str(exc))
    return _Outcome(digest.official_id, "failed", error=error or "too many retries")


async def run_reminders(
    *,
    db: Database,
    bot: telegram.Bot | None,
    settings: Any,
    now: datetime,
    dry_run: bool = False,
    concurrency: int = 30,
    chunk_size: int = 300,
    stale_after: timedelta = timedelta(minutes=10),
    backoff_base: float = 0.5,
    pacer: Pacer | None = None,
) -> RunReport:
    """One pass for the moment `now` (aware; converted to PLANBOT_TIMEZONE for the local day)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=settings.tz)
    today = local_day(now, settings.tz)
    # admins hear of officials who blocked the bot since the previous working day
    blocked_since = WorkCalendar.from_settings(settings).on_or_before(today - timedelta(days=1))
    snap = await db.run(load_snapshot, day=today, blocked_since=blocked_since)
    today, working, digests = await asyncio.to_thread(plan_digests, snap, now=now, settings=settings)
    report = RunReport(day=today, working_day=working, planned=len(digests))
    if dry_run or not digests:
        report.previews = digests
        return report
    if bot is None:
        raise ValueError("a bot is needed to send reminders (or use dry_run)")
    pacer = pacer or Pacer()
    semaphore = asyncio.Semaphore(max(1, concurrency))

    async def one(digest: Digest) -> _Outcome:
        async with semaphore:
            try:
                return await send_digest(bot, digest, pacer, report, backoff_base=backoff_base)
            except Exception as exc:  # one failure never stops the run
                logger.exception("Sending the digest of official %s failed", digest.official_id)
                return _Outcome(digest.official_id, "failed", error=repr(exc))

    for kind in ("daily", "weekly"):
        of_kind = [d for d in digests if d.kind == kind]
        for start in range(0, len(of_kind), chunk_size):
            await _run_chunk(db, of_kind[start : start + chunk_size], kind, today, stale_after, report, one)
    logger.info(
        "Reminders %s: %s sent, %s skipped, %s failed, %s blocked, %s×429",
        today,
        report.sent,
        report.skipped,
        report.failed,
        report.blocked,
        report.rate_limited,
    )
    return report


async def _run_chunk(
    db: Database,
    chunk: Sequence[Digest],
    kind: str,
    today: date,
    stale_after: timedelta,
    report: RunReport,
    one: Any,
) -> None:
    """Claim a chunk (one transaction), send it concurrently, record the outcomes (bulk)."""
    claimed_at = datetime.now(UTC)
    items = [
        {
            "official_id": d.official_id,
            "task_id": i.task.id,
            "occurrence": i.occurrence,
            "offset_days": i.offset_days,
        }
        for d in chunk
        for i in d.items
    ]
    try:
        mine = set(
            await db.run(
                claim_digests,
                day=today,
                kind=kind,
                official_ids=[d.official_id for d in chunk],
                now=claimed_at,
                stale_before=claimed_at - stale_after,
                items=items,
            )
        )
    except Exception:
        logger.exception("Could not claim %s reminder digests; the next run retries them", len(chunk))
        report.failed += len(chunk)
        return
    report.claimed += len(mine)
    report.skipped += len(chunk) - len(mine)
    outcomes: list[_Outcome] = await asyncio.gather(*(one(d) for d in chunk if d.official_id in mine))
    sent = [(o.official_id, o.message_id) for o in outcomes if o.status == "sent"]
    failed = [(o.official_id, o.error) for o in outcomes if o.status == "failed"]
    blocked = [(o.official_id, o.error) for o in outcomes if o.status == "blocked"]
    report.sent += len(sent)
    report.failed += len(failed)
    report.blocked += len(blocked)
    done_at = datetime.now(UTC)
    try:
        await db.run(_record, day=today, kind=kind, sent=sent, failed=failed, blocked=blocked, now=done_at)
    except Exception:  # the claims stay "claimed": after stale_after the next run resends them
        logger.exception("Could not record the outcome of %s reminder digests", len(outcomes))


def _record(
    *,
    session: Any,
    day: date,
    kind: str,
    sent: list[tuple[int, int | None]],
    failed: list[tuple[int, str]],
    blocked: list[tuple[int, str]],
    now: datetime,
) -> None:
    mark_sent(session=session, day=day, kind=kind, sent=sent, now=now)
    mark_failed(session=session, day=day, kind=kind, failed=failed)
    mark_failed(session=session, day=day, kind=kind, failed=blocked, blocked=True)


def build_bot(token: str, base_url: str, base_file_url: str, *, pool_size: int = 32) -> telegram.Bot:
    """A plain Bot for the CLI and tests, with a connection pool big enough for concurrent sends."""
    request = HTTPXRequest(connection_pool_size=pool_size, read_timeout=10.0, pool_timeout=30.0)
    return telegram.Bot(token, base_url=base_url, base_file_url=base_file_url, request=request)
