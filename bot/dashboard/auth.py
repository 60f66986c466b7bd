"""Signing in to the dashboard: Telegram Web App initData, the signed session cookie and CSRF tokens.

initData is checked as Telegram documents it (core.telegram.org/bots/webapps, "Validating data
received via the Mini App"): secret_key = HMAC-SHA256(key="WebAppData", msg=bot_token); the
data-check-string is every received field but `hash`, as key=value sorted by key and joined with
"\n"; it is valid when hex(HMAC-SHA256(key=secret_key, msg=data_check_string)) equals `hash`, and
we also want `auth_date` at most INIT_DATA_MAX_AGE old (a copied initData stops working).

The session cookie is `official_id.expiry.csrf.signature` (HMAC-SHA256 with a key derived from the
bot token, or PLANBOT_DASHBOARD_SECRET), so every process of one bot accepts it; the official is
re-read on each request, so a deactivated account is out at once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

INIT_DATA_MAX_AGE = 3600  # seconds
SESSION_SECONDS = 12 * 3600
COOKIE_NAME = "planbot_dashboard"


@dataclass(frozen=True)
class WebAppUser:
    telegram_user_id: int
    full_name: str
    auth_date: int


def init_data_hash(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram puts in initData for these fields (also used by tests to sign their own)."""
    secret_key = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")
    return hmac.new(secret_key, check.encode(), hashlib.sha256).hexdigest()


def validate_init_data(init_data: str, bot_token: str, *, now: float | None = None) -> WebAppUser | None:
    """The Telegram user initData vouches for, or None when it is forged, stale or malformed."""
    if not init_data or len(init_data) > 8192:
        return None
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    fields = dict(pairs)
    if len(fields) != len(pairs):  # a repeated key: not what Telegram sends
        return None
    given = fields.get("hash", "")
    if not given or not hmac.compare_digest(init_data_hash(fields, bot_token), given):
        return None
    try:
        auth_date = int(fields.get("auth_date", ""))
        user = json.loads(fields.get("user", ""))
        user_id = int(user["id"])
    except (ValueError, TypeError, KeyError):
        return None
    moment = time.time() if now is None else now
    if not 0 <= moment - auth_date <= INIT_DATA_MAX_AGE:
        return None
    name = " ".join(str(user.get(k) or "") for k in ("first_name", "last_name")).strip()
    return WebAppUser(user_id, name, auth_date)


def session_key(bot_token: str, secret: str | None = None) -> bytes:
    source = secret or bot_token
    return hmac.new(source.encode(), b"planbot-dashboard-session", hashlib.sha256).digest()


@dataclass(frozen=True)
class SessionData:
    official_id: int
    expires: int
    csrf: str


def _sign(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def make_session(key: bytes, official_id: int, *, now: float | None = None) -> tuple[str, SessionData]:
    """A new cookie value (and what it holds): a fresh CSRF token with it."""
    expires = int((time.time() if now is None else now) + SESSION_SECONDS)
    data = SessionData(official_id, expires, secrets.token_urlsafe(18))
    body = f"{data.official_id}.{data.expires}.{data.csrf}"
    return f"{body}.{_sign(key, body)}", data


def read_session(key: bytes, value: str | None, *, now: float | None = None) -> SessionData | None:
    """The session a cookie holds, or None when it is missing, tampered with or expired."""
    if not value or len(value) > 300:
        return None
    body, _, signature = value.rpartition(".")
    if not body or not hmac.compare_digest(_sign(key, body), signature):
        return None
    parts = body.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    data = SessionData(int(parts[0]), int(parts[1]), parts[2])
    if data.expires <= (time.time() if now is None else now):
        return None
    return data


def csrf_ok(data: SessionData, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(data.csrf.encode(), str(given).encode())
