"""The KeyValue store: bot persistence (conversation states, user drafts) and small claims.

A write is one INSERT … ON CONFLICT DO UPDATE. A read-then-insert lost the race when PTB's periodic
persistence job and a step's own save wrote the same user's draft at once (UNIQUE violation).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
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
