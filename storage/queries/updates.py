"""Claims on Telegram update ids, so that an update delivered twice is handled once (bot/dedupe.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from storage.models import ProcessedUpdate, utcnow


def claim_update(*, session: Session, update_id: int, digest: str = "", now: datetime | None = None) -> bool:
    """Record the update as taken; False if this very update (same id and digest) was taken before.

    The common case is one INSERT. The savepoint keeps the outer transaction usable after a
    duplicate key (PostgreSQL aborts the whole transaction otherwise)."""
    at = now or utcnow()
    try:
        with session.begin_nested():
            session.add(ProcessedUpdate(update_id=update_id, digest=digest, processed_at=at))
    except IntegrityError:
        pass
    else:
        return True
    existing = session.get(ProcessedUpdate, update_id)
    if existing is None:  # pruned in between: take it
        session.add(ProcessedUpdate(update_id=update_id, digest=digest, processed_at=at))
        return True
    if not digest or existing.digest == digest:
        return False
    # The same id for other content: Telegram reuses ids after a quiet week. A new update.
    existing.digest, existing.processed_at = digest, at
    session.add(existing)
    return True


def prune_processed_updates(*, session: Session, before: datetime) -> int:
    """Forget claims older than `before` (redeliveries come within minutes, not days)."""
    result = session.execute(delete(ProcessedUpdate).where(col(ProcessedUpdate.processed_at) < before))
    return int(getattr(result, "rowcount", 0) or 0)
