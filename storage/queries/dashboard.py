"""Dashboard login links (DashboardLogin): only a token's hash is stored; they never commit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from storage.models_people import DashboardLogin


def add_login(*, session: Session, token_hash: str, official_id: int, expires_at: datetime) -> None:
    session.add(DashboardLogin(token_hash=token_hash, official_id=official_id, expires_at=expires_at))
    session.flush()


def claim_login(*, session: Session, token_hash: str, now: datetime) -> int | None:
    """Mark the link used and return its official, or None when it is unknown, used or expired.

    The row is locked (FOR UPDATE on PostgreSQL) so two requests with one link log in once."""
    query = select(DashboardLogin).where(col(DashboardLogin.token_hash) == token_hash).with_for_update()
    login = session.exec(query).first()
    if login is None or login.used_at is not None:
        return None
    expires = login.expires_at
    if expires.tzinfo is None:  # SQLite gives back the stored UTC moment without its zone
        expires = expires.replace(tzinfo=UTC)
    if expires <= now:
        return None
    login.used_at = now
    session.add(login)
    session.flush()
    return login.official_id


def drop_expired_logins(*, session: Session, now: datetime) -> int:
    """Forget the links that can no longer be used (expired ones); returns how many."""
    old = session.exec(select(DashboardLogin).where(col(DashboardLogin.expires_at) < now)).all()
    for login in old:
        session.delete(login)
    session.flush()
    return len(old)
