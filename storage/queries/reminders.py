"""Reminder queries: the recipients of a pass (bulk reads), claims, marks, preferences.

Claims rely on the unique keys of DigestLog/ReminderLog and on INSERT … ON CONFLICT DO NOTHING
RETURNING (SQLite ≥ 3.35 and PostgreSQL): the rows a statement returns are the ones this process
claimed, so two processes never both own a digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, and_, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.models import Agency, DigestLog, Official, ReminderLog
from storage.queries.assignments import assignments_by_official, due_dates_by_official
from storage.queries.calendar import calendar_overrides

DIGESTS: Table = DigestLog.__table__  # type: ignore[attr-defined]
REMINDERS: Table = ReminderLog.__table__  # type: ignore[attr-defined]
OFFICIALS: Table = Official.__table__  # type: ignore[attr-defined]

MAX_ATTEMPTS = 5  # per official, day and kind: a digest that keeps failing is given up


@dataclass
class RecipientSnapshot:
    """Who a reminder pass may write to, and what was already sent to them today. The tasks and
    reports come from each organization's snapshot (plans/snapshot.py), like every other output."""

    officials: list[Any] = field(default_factory=list)  # Official rows (attribute access)
    digests: dict[tuple[int, str], str] = field(default_factory=dict)  # (official, kind) → status
    # officials blocked since `blocked_since`, for the admins' digests: (organization, "name (agency)")
    blocked: list[tuple[int | None, str]] = field(default_factory=list)
    # each organization's own calendar changes: organization → (day, working, note)
    calendar: dict[int, list[tuple[date, bool, str]]] = field(default_factory=dict)
    # official → the tasks assigned to them in person (TaskAssignee): in their digest in any case
    assignments: dict[int, frozenset[int]] = field(default_factory=dict)
    # official → task → their personal due date (TaskAssignee.due_date), where one is set
    personal_due: dict[int, dict[int, date]] = field(default_factory=dict)


def load_recipients(*, session: Session, day: date, blocked_since: date | None = None) -> RecipientSnapshot:
    """Every active official, today's digest claims, the recently blocked and the tasks assigned to
    people (with their personal due dates), in five queries."""
    snap = RecipientSnapshot(
        calendar=calendar_overrides(session=session),
        assignments=assignments_by_official(session=session),
        personal_due=due_dates_by_official(session=session),
    )
    official, agency = OFFICIALS, Agency.__table__  # type: ignore[attr-defined]
    snap.officials = list(session.execute(select(official).where(official.c.active.is_(True))).all())
    snap.digests = {
        (oid, kind): status
        for oid, kind, status in session.execute(
            select(DIGESTS.c.official_id, DIGESTS.c.kind, DIGESTS.c.status).where(DIGESTS.c.day == day)
        )
    }
    since = blocked_since or day - timedelta(days=1)
    recently_blocked = select(DIGESTS.c.official_id).where(
        DIGESTS.c.status == "blocked", DIGESTS.c.day >= since
    )
    blocked = session.execute(
        select(official.c.organization_id, official.c.full_name, agency.c.name)
        .select_from(official.outerjoin(agency, agency.c.id == official.c.agency_id))
        .where(
            official.c.reachable.is_(False),
            official.c.active.is_(True),
            official.c.id.in_(recently_blocked),
        )
        .order_by(official.c.full_name)
    )
    for org_id, name, agency_name in blocked:
        snap.blocked.append((org_id, f"{name} ({agency_name})" if agency_name else name))
    return snap


def _insert(session: Session, table: Any) -> Any:
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table)


def lapsed(table: Table, now: datetime, stale_before: datetime) -> Any:
    """A claim whose holder is presumed dead: its lease ran out, or (a claim without a lease, as
    written before leases) it is older than stale_before."""
    return or_(
        and_(table.c.lease_until.is_not(None), table.c.lease_until < now),
        and_(table.c.lease_until.is_(None), table.c.claimed_at < stale_before),
    )


def renew_leases(
    *, session: Session, day: date, kind: str, official_ids: Sequence[int], until: datetime
) -> int:
    """Extend this pass's claims that are still being sent; returns how many were renewed."""
    if not official_ids:
        return 0
    result = session.execute(
        update(DIGESTS)
        .where(
            DIGESTS.c.official_id.in_(list(official_ids)),
            DIGESTS.c.day == day,
            DIGESTS.c.kind == kind,
            DIGESTS.c.status == "claimed",
        )
        .values(lease_until=until)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def claim_digests(
    *,
    session: Session,
    day: date,
    kind: str,
    official_ids: Sequence[int],
    now: datetime,
    stale_before: datetime,
    items: Sequence[dict[str, Any]] = (),
    lease_until: datetime | None = None,
) -> list[int]:
    """Claim the digests of these officials for the day; return the ids this call now owns.

    New rows are inserted; a failed row, or a claim whose lease ran out (its sender died; a claim
    without a lease: older than stale_before), is taken over. `items` (ReminderLog rows) are
    recorded for the officials claimed here.
    """
    if not official_ids:
        return []
    rows = [
        {
            "official_id": oid,
            "day": day,
            "kind": kind,
            "status": "claimed",
            "attempts": 1,
            "claimed_at": now,
            "lease_until": lease_until,
        }
        for oid in official_ids
    ]
    stmt = (
        _insert(session, DIGESTS)
        .on_conflict_do_nothing(index_elements=["official_id", "day", "kind"])
        .returning(DIGESTS.c.official_id)
    )
    claimed = {row[0] for row in session.execute(stmt, rows)}
    rest = [oid for oid in official_ids if oid not in claimed]
    if rest:
        table = DIGESTS
        retake = (
            update(table)
            .where(
                table.c.official_id.in_(rest),
                table.c.day == day,
                table.c.kind == kind,
                table.c.attempts < MAX_ATTEMPTS,
                or_(
                    table.c.status == "failed",
                    and_(table.c.status == "claimed", lapsed(table, now, stale_before)),
                ),
            )
            .values(
                status="claimed",
                claimed_at=now,
                lease_until=lease_until,
                attempts=table.c.attempts + 1,
                error=None,
            )
            .returning(table.c.official_id)
        )
        claimed.update(row[0] for row in session.execute(retake))
    mine = [r for r in items if r["official_id"] in claimed]
    if mine:
        log_rows = [{**r, "day": day, "status": "claimed", "claimed_at": now} for r in mine]
        session.execute(
            _insert(session, REMINDERS).on_conflict_do_nothing(
                index_elements=["official_id", "task_id", "occurrence", "offset_days", "day"]
            ),
            log_rows,
        )
    return [oid for oid in official_ids if oid in claimed]


def mark_sent(
    *, session: Session, day: date, kind: str, sent: Sequence[tuple[int, int | None]], now: datetime
) -> None:
    """sent: (official id, message id) pairs."""
    if not sent:
        return
    table = DIGESTS
    session.execute(
        update(table)
        .where(table.c.official_id == bindparam("b_oid"), table.c.day == day, table.c.kind == kind)
        .values(status="sent", sent_at=now, message_id=bindparam("b_mid"), error=None),
        [{"b_oid": oid, "b_mid": mid} for oid, mid in sent],
    )
    log = REMINDERS
    session.execute(
        update(log)
        .where(log.c.official_id.in_([oid for oid, _ in sent]), log.c.day == day, log.c.status != "sent")
        .values(status="sent", sent_at=now)
    )


def mark_failed(
    *, session: Session, day: date, kind: str, failed: Sequence[tuple[int, str]], blocked: bool = False
) -> None:
    """failed: (official id, error). Blocked officials are also marked unreachable."""
    if not failed:
        return
    table = DIGESTS
    session.execute(
        update(table)
        .where(table.c.official_id == bindparam("b_oid"), table.c.day == day, table.c.kind == kind)
        .values(status="blocked" if blocked else "failed", error=bindparam("b_err")),
        [{"b_oid": oid, "b_err": err[:500]} for oid, err in failed],
    )
    ids = [oid for oid, _ in failed]
    log = REMINDERS
    session.execute(
        update(log)
        .where(log.c.official_id.in_(ids), log.c.day == day, log.c.status == "claimed")
        .values(status="failed")
    )
    if blocked:
        mark_unreachable(session=session, official_ids=ids)


def mark_unreachable(*, session: Session, official_ids: Sequence[int]) -> None:
    if official_ids:
        table = OFFICIALS
        session.execute(update(table).where(table.c.id.in_(list(official_ids))).values(reachable=False))


def reminder_prefs(*, session: Session, official_id: int) -> Official | None:
    return session.get(Official, official_id)


def set_reminder_prefs(
    *,
    session: Session,
    official_id: int,
    enabled: bool | None = None,
    reminder_time: str | None = None,
    use_default_time: bool = False,
    coordinating: bool | None = None,
) -> Official | None:
    """Change an official's reminder preferences; writing to the bot proves they are reachable."""
    official = session.get(Official, official_id)
    if official is None:
        return None
    if enabled is not None:
        official.reminders_enabled = enabled
    if use_default_time:
        official.reminder_time = None
    elif reminder_time is not None:
        official.reminder_time = reminder_time
    if coordinating is not None:
        official.remind_coordinating = coordinating
    official.reachable = True
    session.add(official)
    session.flush()
    return official
