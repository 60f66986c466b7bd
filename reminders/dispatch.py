"""One reminder pass: compute the digests due at a moment, claim them, send them, record the result.

The database is the source of truth: a pass asks "what is due today and not yet sent", so running it
twice, from two processes, or after a crash never sends a digest twice, and a claim whose sender
died is taken over once its lease has run out (the pass renews its leases while it sends, so a
pass kept waiting by a 429 keeps them). Sending goes through an injected Sender
(bot/runtime/sender.py for Telegram): nothing here knows Telegram.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from plans.snapshot import OrgFacts, org_facts
from reminders.digest import Digest
from reminders.leases import renewing
from reminders.planning import organizations_of, plan_digests
from reminders.policy import ReminderConfig
from reminders.sending import Outcome, Pacer, Sender, SendStats, send_with_retries
from storage.db import Database
from storage.queries.reminders import claim_digests, load_recipients, mark_failed, mark_sent, renew_leases

logger = logging.getLogger(__name__)


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


def organization_snapshots(*, session: Any, organization_ids: set[int]) -> dict[int, OrgFacts]:
    return {org: org_facts(session=session, organization_id=org) for org in sorted(organization_ids)}


async def run_reminders(
    *,
    db: Database,
    sender: Sender | None,
    config: ReminderConfig,
    now: datetime,
    dry_run: bool = False,
    concurrency: int = 30,
    chunk_size: int = 300,
    stale_after: timedelta = timedelta(minutes=10),
    backoff_base: float = 0.5,
    pacer: Pacer | None = None,
    serves: Callable[[int | None], bool] | None = None,
) -> RunReport:
    """One pass for the moment `now` (aware; the clock's time zone gives the local day). With
    `serves`, only the officials of the organizations it accepts (a deployment of several bots: each
    bot writes to its own organizations, plans/bots.py)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=config.clock.tz)
    today = config.clock.local_day(now)
    # admins hear of officials who blocked the bot since the previous working day
    blocked_since = config.calendar.on_or_before(today - timedelta(days=1))
    snap = await db.run(load_recipients, day=today, blocked_since=blocked_since)
    if serves is not None:
        snap = replace(
            snap,
            officials=[o for o in snap.officials if serves(o.organization_id)],
            blocked=[b for b in snap.blocked if serves(b[0])],
        )
    orgs = await db.run(organization_snapshots, organization_ids=organizations_of(snap))
    today, working, digests = await asyncio.to_thread(plan_digests, snap, orgs, now=now, config=config)
    report = RunReport(day=today, working_day=working, planned=len(digests))
    if dry_run or not digests:
        report.previews = digests
        return report
    if sender is None:
        raise ValueError("a sender is needed to send reminders (or use dry_run)")
    pacer = pacer or Pacer()
    semaphore = asyncio.Semaphore(max(1, concurrency))
    stats = SendStats()

    async def one(digest: Digest) -> Outcome:
        async with semaphore:
            try:
                return await send_with_retries(sender, digest, pacer, stats, backoff_base=backoff_base)
            except Exception as exc:  # one failure never stops the run
                logger.exception("Sending the digest of official %s failed", digest.official_id)
                return Outcome(digest.official_id, "failed", error=repr(exc))

    for kind in ("daily", "weekly"):
        of_kind = [d for d in digests if d.kind == kind]
        for start in range(0, len(of_kind), chunk_size):
            chunk = of_kind[start : start + chunk_size]
            await _run_chunk(db, chunk, kind, today, stale_after, config.claim_lease, report, one)
    report.rate_limited, report.retried = stats.rate_limited, stats.retried
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
    lease: timedelta,
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
                lease_until=claimed_at + lease,
            )
        )
    except Exception:
        logger.exception("Could not claim %s reminder digests; the next run retries them", len(chunk))
        report.failed += len(chunk)
        return
    report.claimed += len(mine)
    report.skipped += len(chunk) - len(mine)
    sending = asyncio.gather(*(one(d) for d in chunk if d.official_id in mine))
    ids = sorted(mine)

    async def renew() -> None:
        until = datetime.now(UTC) + lease
        await db.run(renew_leases, day=today, kind=kind, official_ids=ids, until=until)

    outcomes: list[Outcome] = await renewing(sending, renew, lease)
    sent = [(o.official_id, o.message_id) for o in outcomes if o.status == "sent"]
    failed = [(o.official_id, o.error) for o in outcomes if o.status == "failed"]
    blocked = [(o.official_id, o.error) for o in outcomes if o.status == "blocked"]
    report.sent += len(sent)
    report.failed += len(failed)
    report.blocked += len(blocked)
    done_at = datetime.now(UTC)
    try:
        await db.run(_record, day=today, kind=kind, sent=sent, failed=failed, blocked=blocked, now=done_at)
    except Exception:  # the claims stay "claimed": once their lease runs out the next run resends them
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
