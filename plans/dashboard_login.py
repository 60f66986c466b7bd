"""Who the dashboard's visitor is: single-use login links (/dashboard in the bot) and the official
behind a Telegram Web App login or a session cookie.

A link's token is shown once, in the bot's message; the database keeps only its SHA-256, so a copy of
the database logs nobody in. A link expires after LOGIN_TTL and works once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from storage.models import Official
from storage.queries.dashboard import add_login, claim_login, drop_expired_logins
from storage.queries.officials import ensure_config_admin, official_by_id, official_by_telegram_id

LOGIN_TTL = timedelta(minutes=10)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def dashboard_official(
    *, session: Session, telegram_user_id: int, admin_ids: Collection[int] = (), full_name: str = ""
) -> Official | None:
    """The active official behind a Telegram account; an admin named in the settings is one from the
    start (as in the bot). None for a stranger or a deactivated account."""
    if telegram_user_id in admin_ids:
        return ensure_config_admin(
            session=session,
            telegram_user_id=telegram_user_id,
            full_name=full_name or str(telegram_user_id),
            username=None,
            chat_id=None,
        )
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    return official if official is not None and official.active else None


def _utc(now: datetime | None) -> datetime:
    """Links expire on the real clock (a security limit), never on a simulated business day
    (`planbot demo --at`, the tests' clock); stored in UTC."""
    return (now or datetime.now(UTC)).astimezone(UTC)


def issue_login(
    *, session: Session, telegram_user_id: int, admin_ids: Collection[int] = (), now: datetime | None = None
) -> str | None:
    """A fresh single-use token for the official, or None for a stranger."""
    now = _utc(now)
    official = dashboard_official(session=session, telegram_user_id=telegram_user_id, admin_ids=admin_ids)
    if official is None or official.id is None:
        return None
    drop_expired_logins(session=session, now=now)
    token = secrets.token_urlsafe(24)
    add_login(
        session=session, token_hash=token_hash(token), official_id=official.id, expires_at=now + LOGIN_TTL
    )
    return token


def redeem_login(*, session: Session, token: str, now: datetime | None = None) -> Official | None:
    """The official a link logs in (and the link is used up), or None."""
    now = _utc(now)
    if not token or len(token) > 100:
        return None
    official_id = claim_login(session=session, token_hash=token_hash(token), now=now)
    if official_id is None:
        return None
    official = official_by_id(session=session, official_id=official_id)
    return official if official is not None and official.active else None


def session_official(*, session: Session, official_id: int) -> Official | None:
    """The official of a session cookie, re-read on every request: a deactivated account is out at once."""
    official = official_by_id(session=session, official_id=official_id)
    return official if official is not None and official.active else None
