"""The KeyValue store: bot persistence (conversation states, user drafts) and small claims.

A write is one INSERT … ON CONFLICT DO UPDATE. A read-then-insert lost the race when PTB's periodic
persistence job and a step's own save wrote the same user's draft at once (UNIQUE violation).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, tuple_, update
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
    upsert, remove = _put_statements(session)
    params = {"kv_namespace": namespace, "kv_key": key}
    if value is None:
        session.connection().execute(remove, params)
        return
    session.connection().execute(upsert, {**params, "kv_value": value, "kv_at": utcnow()})


# Built once per dialect, as the lock's below: a conversation's state is written after most steps.
_PUT_STATEMENTS: dict[str, tuple[Any, Any]] = {}


def _put_statements(session: Session) -> tuple[Any, Any]:
    dialect = session.get_bind().dialect.name
    built = _PUT_STATEMENTS.get(dialect)
    if built is None:
        module: Any = postgresql if dialect == "postgresql" else sqlite
        namespace: Any = bindparam("kv_namespace")
        key: Any = bindparam("kv_key")
        upsert = module.insert(_TABLE).values(
            namespace=namespace,
            key=key,
            value=bindparam("kv_value", type_=_TABLE.c.value.type),
            updated_at=bindparam("kv_at", type_=_TABLE.c.updated_at.type),
        )
        upsert = upsert.on_conflict_do_update(
            index_elements=[_TABLE.c.namespace, _TABLE.c.key],
            set_={"value": upsert.excluded.value, "updated_at": upsert.excluded.updated_at},
        )
        remove = delete(_TABLE).where(_TABLE.c.namespace == namespace, _TABLE.c.key == key)
        built = _PUT_STATEMENTS[dialect] = (upsert, remove)
    return built


# --- one user's state, shared by every bot process (bot/runtime/shared_state.py) ------------------

LOCKS = "user_lock"  # key "<scope>:<telegram user id>"; updated_at is the claim's time (its lease)


# The lock's statements run for every update of every user: built once per dialect, with bound
# parameters, and run on the session's connection (the ORM adds nothing to them).
_LOCK_STATEMENTS: dict[str, tuple[Any, Any, Any]] = {}


def _lock_statements(session: Session) -> tuple[Any, Any, Any]:
    dialect = session.get_bind().dialect.name
    built = _LOCK_STATEMENTS.get(dialect)
    if built is None:
        at: Any = _TABLE.c.updated_at.type
        module: Any = postgresql if dialect == "postgresql" else sqlite
        claim = module.insert(_TABLE).values(
            namespace=LOCKS, key=bindparam("lock_key"), value={}, updated_at=bindparam("at_now", type_=at)
        )
        claim = claim.on_conflict_do_update(
            index_elements=[_TABLE.c.namespace, _TABLE.c.key],
            set_={"updated_at": claim.excluded.updated_at},
            where=_TABLE.c.updated_at < bindparam("stale_before", type_=at),
        ).returning(_TABLE.c.key)
        held = (
            _TABLE.c.namespace == LOCKS,
            _TABLE.c.key == bindparam("lock_key"),
            _TABLE.c.updated_at == bindparam("held_since", type_=at),
        )
        renew = (
            update(_TABLE)
            .where(*held)
            .values(updated_at=bindparam("at_now", type_=at))
            .returning(_TABLE.c.key)
        )
        built = _LOCK_STATEMENTS[dialect] = (claim, renew, delete(_TABLE).where(*held))
    return built


def claim_lock(*, session: Session, key: str, now: datetime, stale_before: datetime) -> bool:
    """Take the lock if nobody holds it or its holder's lease ran out (claimed before stale_before).

    One INSERT … ON CONFLICT DO UPDATE … WHERE: taken atomically on SQLite and PostgreSQL alike."""
    claim = _lock_statements(session)[0]
    params = {"lock_key": key, "at_now": now, "stale_before": stale_before}
    return session.connection().execute(claim, params).first() is not None


def renew_lock(*, session: Session, key: str, claimed_at: datetime, now: datetime) -> bool:
    """Move the lease of a lock still held by this claim; False if it was lost."""
    renew = _lock_statements(session)[1]
    params = {"lock_key": key, "held_since": claimed_at, "at_now": now}
    return session.connection().execute(renew, params).first() is not None


def release_lock(*, session: Session, key: str, claimed_at: datetime) -> None:
    """Drop the lock if this claim still holds it (a lapsed lease may have passed to another)."""
    session.connection().execute(_lock_statements(session)[2], {"lock_key": key, "held_since": claimed_at})


def clear_locks(*, session: Session, scope: str) -> int:
    """Forget every lock of one bot's scope (its only polling process starts: nobody else holds them)."""
    result = session.execute(
        delete(_TABLE)
        .where(_TABLE.c.namespace == LOCKS, _TABLE.c.key.startswith(f"{scope}:", autoescape=True))
        .returning(_TABLE.c.key)
    )
    return len(result.all())


_LOAD_KEYS: Any = select(_TABLE.c.namespace, _TABLE.c.key, _TABLE.c.value).where(
    tuple_(_TABLE.c.namespace, _TABLE.c.key).in_(bindparam("pairs", expanding=True))
)


def load_keys(*, session: Session, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The stored values of several (namespace, key) pairs in one query; absent pairs are left out."""
    if not wanted:
        return {}
    rows = session.connection().execute(_LOAD_KEYS, {"pairs": wanted}).all()
    return {(namespace, key): value for namespace, key, value in rows}
