"""Claims on Telegram update ids, so that an update delivered twice is handled once (bot/dedupe.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from storage.models import Official, ProcessedUpdate, utcnow
from storage.queries.officials import ensure_config_admin, official_by_telegram_id


def _claim_statement(dialect: str) -> Any:
    table = ProcessedUpdate.__table__  # type: ignore[attr-defined]
    insert: Any
    if dialect == "postgresql":
        insert = postgresql.insert
    elif dialect == "sqlite":
        insert = sqlite.insert
    else:  # pragma: no cover - the two supported databases are above
        raise NotImplementedError(dialect)
    # RETURNING, not rowcount: psycopg reports -1 for INSERT … ON CONFLICT through SQLAlchemy.
    return (
        insert(table)
        .values(update_id=bindparam("update_id"), digest=bindparam("digest"), processed_at=bindparam("at"))
        .on_conflict_do_nothing()
        .returning(table.c.update_id)
    )


# Built once per dialect: this runs for every update, and building it cost more than running it.
_CLAIMS = {dialect: _claim_statement(dialect) for dialect in ("sqlite", "postgresql")}


def _insert_claim(session: Session, update_id: int, digest: str, at: datetime) -> bool:
    """One INSERT … ON CONFLICT DO NOTHING: no savepoint, no ORM flush (it runs on every update)."""
    stmt = _CLAIMS[session.get_bind().dialect.name]
    return session.execute(stmt, {"update_id": update_id, "digest": digest, "at": at}).first() is not None


def claim_update(*, session: Session, update_id: int, digest: str = "", now: datetime | None = None) -> bool:
    """Record the update as taken; False if this very update (same id and digest) was taken before."""
    at = now or utcnow()
    if _insert_claim(session, update_id, digest, at):
        return True
    existing = session.get(ProcessedUpdate, update_id)
    if existing is None:  # pruned in between: take it
        return _insert_claim(session, update_id, digest, at)
    if not digest or existing.digest == digest:
        return False
    # The same id for other content: Telegram reuses ids after a quiet week. A new update.
    existing.digest, existing.processed_at = digest, at
    session.add(existing)
    return True


@dataclass(frozen=True)
class UpdateStart:
    fresh: bool  # False: a copy of an update already handled
    official: Official | None  # the sender's record (any state), None for a stranger


def begin_update(
    *,
    session: Session,
    update_id: int,
    digest: str,
    telegram_user_id: int | None,
    config_admin: bool = False,
    full_name: str = "",
    username: str | None = None,
    chat_id: int | None = None,
) -> UpdateStart:
    """What every update needs first, in one transaction: the claim and who is writing.

    Handlers read the official from here instead of querying again (bot/dedupe.py)."""
    if not claim_update(session=session, update_id=update_id, digest=digest):
        return UpdateStart(fresh=False, official=None)
    if telegram_user_id is None:
        return UpdateStart(fresh=True, official=None)
    official: Official | None
    if config_admin:
        official = ensure_config_admin(
            session=session,
            telegram_user_id=telegram_user_id,
            full_name=full_name,
            username=username,
            chat_id=chat_id,
        )
    else:
        official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    if official is not None and not official.reachable and chat_id == telegram_user_id:
        # Writing to the bot in private means the bot is no longer blocked (a 403 had marked them):
        # tomorrow's digest goes out again. In a group someone may still block the bot privately.
        official.reachable = True
        official.chat_id = chat_id
        session.add(official)
    return UpdateStart(fresh=True, official=official)


def prune_processed_updates(*, session: Session, before: datetime) -> int:
    """Forget claims older than `before` (redeliveries come within minutes, not days)."""
    result = session.execute(delete(ProcessedUpdate).where(col(ProcessedUpdate.processed_at) < before))
    return int(getattr(result, "rowcount", 0) or 0)
