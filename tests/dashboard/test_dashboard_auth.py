"""Signing in without a browser: initData checked as Telegram documents it, the session cookie,
CSRF tokens, single-use login links, and the dashboard's settings and bot command."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

import pytest
from sqlmodel import select

from bot.dashboard import auth
from bot.offline.harness import BotHarness
from bot.settings import SettingsError, load_settings
from plans.dashboard_login import LOGIN_TTL, issue_login, redeem_login
from storage.db import Database
from storage.models_people import DashboardLogin
from tests.dashboard.conftest import DAY, LEADER, STRANGER, Dashboard, signed_init_data
from tests.support.builders import add_official, add_organization
from tests.support.thanh_xa import seed_thanh_xa

TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"


def test_init_data_is_checked_as_telegram_documents() -> None:
    data = signed_init_data(TOKEN, 42, first_name="Lan")
    fields = dict(parse_qsl(data))
    # Written out as Telegram's page states it, independently of auth.init_data_hash.
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "hash")
    assert fields["hash"] == hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    user = auth.validate_init_data(data, TOKEN)
    assert user is not None and user.telegram_user_id == 42 and user.full_name == "Lan"


def test_forged_stale_and_malformed_init_data_are_refused() -> None:
    good = signed_init_data(TOKEN, 42)
    assert auth.validate_init_data(good, "654321:another-bot") is None  # another bot's signature
    assert auth.validate_init_data(good.replace("%22id%22%3A42", "%22id%22%3A43"), TOKEN) is None
    stale = signed_init_data(TOKEN, 42, auth_date=time.time() - auth.INIT_DATA_MAX_AGE - 5)
    assert auth.validate_init_data(stale, TOKEN) is None
    future = signed_init_data(TOKEN, 42, auth_date=time.time() + 600)
    assert auth.validate_init_data(future, TOKEN) is None
    assert auth.validate_init_data(good + "&hash=00", TOKEN) is None  # a repeated key
    assert auth.validate_init_data("", TOKEN) is None
    assert auth.validate_init_data("user=%7B%7D", TOKEN) is None
    fields = {"auth_date": str(int(time.time())), "user": "not json"}
    fields["hash"] = auth.init_data_hash(fields, TOKEN)
    assert auth.validate_init_data("&".join(f"{k}={v}" for k, v in fields.items()), TOKEN) is None


def test_session_cookie_is_signed_and_expires() -> None:
    key = auth.session_key(TOKEN)
    value, data = auth.make_session(key, 7)
    assert auth.read_session(key, value) == data
    assert auth.read_session(auth.session_key("other:token"), value) is None
    _official, expires, csrf, signature = value.split(".")
    assert auth.read_session(key, f"8.{expires}.{csrf}.{signature}") is None  # another official
    assert auth.read_session(key, value, now=data.expires + 1) is None
    assert auth.read_session(key, None) is None and auth.read_session(key, "garbage") is None
    assert auth.csrf_ok(data, data.csrf) and not auth.csrf_ok(data, "") and not auth.csrf_ok(data, "x")
    assert auth.session_key(TOKEN, "own secret") != key


def _leader(session: object) -> None:
    org = add_organization(session, "UBND xã Thanh Xá")  # type: ignore[arg-type]
    add_official(session, LEADER, "Lê Văn Bình", organization_id=org, agency_id=None, role="leader")  # type: ignore[arg-type]


def test_login_link_works_once_before_it_expires(db: Database) -> None:
    db.call(_leader)
    now = datetime.now(UTC)
    assert db.call(issue_login, telegram_user_id=STRANGER, now=now) is None
    token = db.call(issue_login, telegram_user_id=LEADER, now=now)
    assert token is not None
    stored = db.call(lambda session: list(session.exec(select(DashboardLogin)).all()))
    assert [row.token_hash for row in stored] == [
        hashlib.sha256(token.encode()).hexdigest()
    ]  # never the token
    official = db.call(redeem_login, token=token, now=now + timedelta(minutes=1))
    assert official is not None and official.telegram_user_id == LEADER
    assert db.call(redeem_login, token=token, now=now + timedelta(minutes=2)) is None  # used up
    late = db.call(issue_login, telegram_user_id=LEADER, now=now)
    assert late is not None
    assert db.call(redeem_login, token=late, now=now + LOGIN_TTL + timedelta(seconds=1)) is None
    assert db.call(redeem_login, token="made-up", now=now) is None


def test_dashboard_settings() -> None:
    settings = load_settings(PLANBOT_DASHBOARD_PUBLIC_URL="https://bot.example.vn/")
    assert settings.dashboard_public_url == "https://bot.example.vn"
    assert (settings.dashboard, settings.dashboard_host, settings.dashboard_port) == (True, "127.0.0.1", 8081)
    with pytest.raises(SettingsError, match="PLANBOT_DASHBOARD_PUBLIC_URL"):
        load_settings(PLANBOT_DASHBOARD_PUBLIC_URL="bot.example.vn")
    with pytest.raises(SettingsError, match="PLANBOT_DASHBOARD_PORT"):
        load_settings(PLANBOT_DASHBOARD_PORT="70000")


async def test_dashboard_command_only_in_private_chat(dashboard: Dashboard) -> None:
    h = dashboard.harness
    stranger = h.user(STRANGER, "Người", "Lạ")
    refused = await h.send(stranger, "/dashboard")
    assert "login?t=" not in (refused[-1].text or "")
    leader = h.user(LEADER, "Bình", "Lê Văn")
    replies = await h.send(leader, "/dashboard")
    assert f"{dashboard.url}login?t=" in (replies[-1].text or "")
    assert replies[-1].button_texts == []  # no Web App button without an https public URL
    assert h.errors == []


async def test_web_app_button_with_an_https_address(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    ids = db.call(seed_thanh_xa)
    db.call(lambda session: add_official(session, LEADER, "Lê Văn Bình", organization_id=ids["org"], agency_id=None,
                                         role="leader"))  # fmt: skip
    async with harness_factory(dashboard=True, dashboard_port=0, dashboard_public_url="https://bot.example.vn",
                               clock_at=DAY) as h:  # fmt: skip
        leader = h.user(LEADER, "Bình", "Lê Văn")
        replies = await h.send(leader, "/dashboard")
        assert "https://bot.example.vn/app/login?t=" in (replies[-1].text or "")
        assert replies[-1].button_texts == ["📊 Bảng điều khiển"]
        button = replies[-1].all_buttons[0]
        assert button.web_app_url == "https://bot.example.vn/app/"
        tyle = await h.send(leader, "/tyle quý 1 năm 2023")
        assert "73,3%" in (tyle[0].text or "")
        assert tyle[-1].all_buttons[-1].web_app_url == "https://bot.example.vn/app/"
        assert h.errors == []


async def test_a_mini_app_opened_from_another_bot_of_the_process_signs_in(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    """`planbot run --all-bots`: one dashboard for every bot. A leader whose organization another bot
    serves opens the Mini App there, and Telegram signs the initData with that bot's token."""
    import aiohttp

    from bot.dashboard.runtime import OTHER_TOKENS_KEY

    other_token, unknown_token = "7012345678:AAHn3xQv_9kYtR2mZpLwE8sDfGhJkLzXcVb", "7999999999:AAx_unknown"
    ids = db.call(seed_thanh_xa)
    db.call(lambda session: add_official(session, LEADER, "Lê Văn Bình", organization_id=ids["org"], agency_id=None,
                                         role="leader"))  # fmt: skip

    def setup(application: object) -> None:
        application.bot_data[OTHER_TOKENS_KEY] = (other_token,)  # type: ignore[attr-defined]

    async with harness_factory(dashboard=True, dashboard_port=0, clock_at=DAY, setup=setup) as h:
        url = h.application.bot_data["dashboard_server"].url + "auth/telegram"
        async with aiohttp.ClientSession() as client:
            statuses = {}
            for name, token in (("own", h.tg.token), ("other", other_token), ("unknown", unknown_token)):
                async with client.post(url, data={"initData": signed_init_data(token, LEADER)}) as response:
                    statuses[name] = (response.status, "Set-Cookie" in response.headers)
    assert statuses == {"own": (200, True), "other": (200, True), "unknown": (401, False)}
