"""One escalation pass: the notices due now (reminders/escalation.py), claimed in the database, sent
through the injected Sender, recorded. Running it twice, from two processes, or after a crash sends
each notice once (the exactly-once pattern of the digests, reminders/dispatch.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from reminders.digest import Digest
from reminders.dispatch import organization_snapshots
from reminders.escalation import Notice, plan_escalations, render_notice
from reminders.leases import renewing
from reminders.policy import ReminderConfig
from reminders.sending import Outcome, Pacer, Sender, SendStats, send_with_retries
from storage.db import Database
from storage.queries.escalations import (
    claim_escalations,
    mark_escalations_failed,
    mark_escalations_sent,
    renew_escalation_leases,
    settled_escalations,
)
from storage.queries.reminders import load_recipients

logger = logging.getLogger(__name__)


@dataclass
class EscalationReport:
    day: date
    planned: int = 0  # due now and not yet sent
    claimed: int = 0
    sent: int = 0
    skipped: int = 0  # claimed elsewhere
    failed: int = 0
    blocked: int = 0
    previews: list[Digest] = field(default_factory=list)


async def run_escalations(
    *,
    db: Database,
    sender: Sender | None,
    config: ReminderConfig,
    now: datetime,
    dry_run: bool = False,
    stale_after: timedelta = timedelta(minutes=10),
    backoff_base: float = 0.5,
    pacer: Pacer | None = None,
    serves: Callable[[int | None], bool] | None = None,
) -> EscalationReport:
    """One pass for the moment `now`; notices go out with the morning digests (after the reminder time).
    With `serves`, only to the leaders of the organizations it accepts (one bot of several)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=config.clock.tz)
    today = config.clock.local_day(now)
    report = EscalationReport(day=today)
    if config.escalate_after_days is None or now.astimezone(config.clock.tz).time() < config.reminder_time:
        return report
    snap = await db.run(load_recipients, day=today)
    if serves is not None:
        snap = replace(snap, officials=[o for o in snap.officials if serves(o.organization_id)])
    org_ids = {o.organization_id for o in snap.officials if o.organization_id is not None}
    orgs = await db.run(organization_snapshots, organization_ids=org_ids)
    notices = await asyncio.to_thread(plan_escalations, snap.officials, orgs, today, config)
    settled = await db.run(settled_escalations, organization_ids=org_ids) if notices else set()
    todo = [n for n in notices if n.key not in settled]
    report.planned = len(todo)

    def rendered(notice: Notice, escalation_id: int) -> Digest:
        facts = orgs[notice.due.organization_id]
        return render_notice(
            notice, escalation_id, organization=facts.context.name, names=facts.context.agency_names
        )

    if dry_run or not todo:
        report.previews = [rendered(n, 0) for n in todo]
        return report
    if sender is None:
        raise ValueError("a sender is needed to send escalations (or use dry_run)")
    claimed_at = datetime.now(UTC)
    try:
        mine = await db.run(
            claim_escalations,
            rows=[n.row() for n in todo],
            now=claimed_at,
            stale_before=claimed_at - stale_after,
            lease_until=claimed_at + config.claim_lease,
        )
    except Exception:
        logger.exception("Could not claim %s escalations; the next pass retries them", len(todo))
        report.failed = len(todo)
        return report
    report.claimed, report.skipped = len(mine), len(todo) - len(mine)
    pacer, stats = pacer or Pacer(), SendStats()
    jobs = [(mine[n.key], n) for n in todo if n.key in mine]

    async def one(escalation_id: int, notice: Notice) -> tuple[int, Outcome]:
        digest = rendered(notice, escalation_id)
        try:
            return escalation_id, await send_with_retries(
                sender, digest, pacer, stats, backoff_base=backoff_base
            )
        except Exception as exc:  # one failure never stops the pass
            logger.exception("Sending escalation %s failed", escalation_id)
            return escalation_id, Outcome(digest.official_id, "failed", error=repr(exc))

    ids = [eid for eid, _n in jobs]

    async def renew() -> None:
        await db.run(renew_escalation_leases, ids=ids, until=datetime.now(UTC) + config.claim_lease)

    outcomes = await renewing(asyncio.gather(*(one(eid, n) for eid, n in jobs)), renew, config.claim_lease)
    sent = [(eid, o.message_id) for eid, o in outcomes if o.status == "sent"]
    failed = [(eid, o.official_id, o.error) for eid, o in outcomes if o.status == "failed"]
    blocked = [(eid, o.official_id, o.error) for eid, o in outcomes if o.status == "blocked"]
    report.sent, report.failed, report.blocked = len(sent), len(failed), len(blocked)
    try:
        await db.run(_record, sent=sent, failed=failed, blocked=blocked, now=datetime.now(UTC))
    except Exception:  # the claims stay "claimed": once their lease runs out the next pass resends them
        logger.exception("Could not record the outcome of %s escalations", len(outcomes))
    logger.info(
        "Escalations %s: %s sent, %s skipped, %s failed", today, report.sent, report.skipped, report.failed
    )
    return report


def _record(
    *,
    session: Any,
    sent: list[tuple[int, int | None]],
    failed: list[tuple[int, int, str]],
    blocked: list[tuple[int, int, str]],
    now: datetime,
) -> None:
    mark_escalations_sent(session=session, sent=sent, now=now)
    mark_escalations_failed(session=session, failed=failed)
    mark_escalations_failed(session=session, failed=blocked, blocked=True)
