"""The KeyValue store: bot persistence (conversation states, user drafts) and small claims.

A write is one INSERT … ON CONFLICT DO UPDATE. A read-then-insert lost the race when PTB's periodic
persistence job and a step's own save wrote the same user's draft at once (UNIQUE violation).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.models import KeyValue, utcnow

_TABLE: Any = KeyValue.__table__  # type: ignore[attr-defined]


def load_namespace(*, session: Session, namespace: str) -> dict[str, Any]:
    """Every key of the namespace with its value."""
    rows = session.execute(select(_TABLE.c.key, _TABLE.c.value).where(_TABLE.c.namespace == namespace)).all()
    return {key: value for key, value in rows}


def put_value(*, session: Session, namespace: str, key: str, value: Any) -> None:
    """Store value under (namespace, key), replacing what was there; None removes the key."""
    if value is None:
        session.execute(delete(_TABLE).where(_TABLE.c.namespace == namespace, _TABLE.c.key == key))
        return
    module: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    now = utcnow()
    stmt = module.insert(_TABLE).values(namespace=namespace, key=key, value=value, updated_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=[_TABLE.c.namespace, _TABLE.c.key],
        set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
    )
    session.execute(stmt)


# --- one user's state, shared by every bot process (bot/runtime/shared_state.py) ------------------

LOCKS = "user_lock"  # key "<scope>:<telegram user id>"; updated_at is the claim's time (its lease)


def claim_lock(*, session: Session, key: str, now: datetime, stale_before: datetime) -> bool:
    """Take the lock if nobody holds it or its holder's lease ran out (claimed before stale_before).

    One INSERT … ON CONFLICT DO UPDATE … WHERE: taken atomically on SQLite and PostgreSQL alike."""
    module: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = module.insert(_TABLE).values(namespace=LOCKS, key=key, value={}, updated_at=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=[_TABLE.c.namespace, _TABLE.c.key],
        set_={"updated_at": stmt.excluded.updated_at},
        where=_TABLE.c.updated_at < stale_before,
    ).returning(_TABLE.c.key)
    return session.execute(stmt).first() is not None


def renew_lock(*, session: Session, key: str, claimed_at: datetime, now: datetime) -> bool:
    """Move the lease of a lock still held by this claim; False if it was lost."""
    result = session.execute(
        update(_TABLE)
        .where(_TABLE.c.namespace == LOCKS, _TABLE.c.key == key, _TABLE.c.updated_at == claimed_at)
        .values(updated_at=now)
        .returning(_TABLE.c.key)
    )
    return result.first() is not None


def release_lock(*, session: Session, key: str, claimed_at: datetime) -> None:
    """Drop the lock if this claim still holds it (a lapsed lease may have passed to another)."""
    session.execute(
        delete(_TABLE).where(
            _TABLE.c.namespace == LOCKS, _TABLE.c.key == key, _TABLE.c.updated_at == claimed_at
        )
    )


def clear_locks(*, session: Session, scope: str) -> int:
    """Forget every lock of one bot's scope (its only polling process starts: nobody else holds them)."""
    result = session.execute(
        delete(_TABLE)
        .where(_TABLE.c.namespace == LOCKS, _TABLE.c.key.startswith(f"{scope}:", autoescape=True))
        .returning(_TABLE.c.key)
    )
    return len(result.all())


def load_keys(*, session: Session, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The stored values of several (namespace, key) pairs in one query; absent pairs are left out."""
    if not wanted:
        return {}
    rows = session.execute(
        select(_TABLE.c.namespace, _TABLE.c.key, _TABLE.c.value).where(
            tuple_(_TABLE.c.namespace, _TABLE.c.key).in_(wanted)
        )
    ).all()
    return {(namespace, key): value for namespace, key, value in rows}
