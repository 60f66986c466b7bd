"""Escalation queries: which notices already went out, claims, marks, and the "Nhắc đơn vị" claim.

The same exactly-once pattern as the digests (storage/queries/reminders.py): the unique key of
Escalation and INSERT … ON CONFLICT DO NOTHING RETURNING give each notice to one process only; a
failed claim, or one whose sender died (older than stale_before), is taken over.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, and_, bindparam, or_, select, update
from sqlmodel import Session

from storage.models import Escalation
from storage.queries.reminders import MAX_ATTEMPTS, _insert, lapsed, mark_unreachable

ESCALATIONS: Table = Escalation.__table__  # type: ignore[attr-defined]
FINAL = ("sent", "blocked")

# (kind, subject id, period start, period end, official id): one notice
Key = tuple[str, int, date, date, int]


def _key(row: Any) -> Key:
    return (row.kind, row.subject_id, row.period_start, row.period_end, row.official_id)


def settled_escalations(*, session: Session, organization_ids: Iterable[int]) -> set[Key]:
    """Notices that need nothing more: sent, blocked, or given up after MAX_ATTEMPTS."""
    ids = list(organization_ids)
    if not ids:
        return set()
    table = ESCALATIONS
    rows = session.execute(
        select(
            table.c.kind, table.c.subject_id, table.c.period_start, table.c.period_end, table.c.official_id
        ).where(
            table.c.organization_id.in_(ids),
            or_(table.c.status.in_(FINAL), table.c.attempts >= MAX_ATTEMPTS),
        )
    )
    return {_key(row) for row in rows}


def claim_escalations(
    *,
    session: Session,
    rows: Sequence[dict[str, Any]],
    now: datetime,
    stale_before: datetime,
    lease_until: datetime | None = None,
) -> dict[Key, int]:
    """Claim these notices (dicts of Escalation columns); return the ones this call owns, key → id.
    A claim whose lease ran out (without a lease: older than stale_before) is taken over."""
    if not rows:
        return {}
    table = ESCALATIONS
    values = [
        {**r, "status": "claimed", "attempts": 1, "claimed_at": now, "lease_until": lease_until} for r in rows
    ]
    stmt = (
        _insert(session, table)
        .on_conflict_do_nothing(
            index_elements=["kind", "subject_id", "period_start", "period_end", "official_id"]
        )
        .returning(
            table.c.id,
            table.c.kind,
            table.c.subject_id,
            table.c.period_start,
            table.c.period_end,
            table.c.official_id,
        )
    )
    claimed = {_key(row): row.id for row in session.execute(stmt, values)}
    rest = [r for r in rows if _key_of(r) not in claimed]
    for r in rest:  # few: a failed or abandoned claim is retaken one by one
        retake = (
            update(table)
            .where(
                table.c.kind == r["kind"],
                table.c.subject_id == r["subject_id"],
                table.c.period_start == r["period_start"],
                table.c.period_end == r["period_end"],
                table.c.official_id == r["official_id"],
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
            .returning(table.c.id)
        )
        found = session.execute(retake).first()
        if found is not None:
            claimed[_key_of(r)] = found[0]
    return claimed


def renew_escalation_leases(*, session: Session, ids: Sequence[int], until: datetime) -> int:
    """Extend this pass's claims still being sent."""
    if not ids:
        return 0
    table = ESCALATIONS
    result = session.execute(
        update(table).where(table.c.id.in_(list(ids)), table.c.status == "claimed").values(lease_until=until)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _key_of(r: dict[str, Any]) -> Key:
    return (r["kind"], r["subject_id"], r["period_start"], r["period_end"], r["official_id"])


def mark_escalations_sent(*, session: Session, sent: Sequence[tuple[int, int | None]], now: datetime) -> None:
    """sent: (escalation id, message id)."""
    if sent:
        table = ESCALATIONS
        session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(status="sent", sent_at=now, message_id=bindparam("b_mid"), error=None),
            [{"b_id": eid, "b_mid": mid} for eid, mid in sent],
        )


def mark_escalations_failed(
    *, session: Session, failed: Sequence[tuple[int, int, str]], blocked: bool = False
) -> None:
    """failed: (escalation id, official id, error); blocked leaders are marked unreachable."""
    if not failed:
        return
    table = ESCALATIONS
    session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(status="blocked" if blocked else "failed", error=bindparam("b_err")),
        [{"b_id": eid, "b_err": err[:500]} for eid, _oid, err in failed],
    )
    if blocked:
        mark_unreachable(session=session, official_ids=[oid for _eid, oid, _err in failed])


def escalation_by_id(*, session: Session, escalation_id: int) -> Escalation | None:
    return session.get(Escalation, escalation_id)


def claim_reminder(*, session: Session, escalation_id: int, now: datetime) -> bool:
    """ "Nhắc đơn vị" is sent once per notice: True for the press that claims it."""
    table = ESCALATIONS
    found = session.execute(
        update(table)
        .where(table.c.id == escalation_id, table.c.reminded_at.is_(None))
        .values(reminded_at=now)
        .returning(table.c.id)
    ).first()
    return found is not None
