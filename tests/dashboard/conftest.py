"""Fixtures of the dashboard tests: the bot (fake Bot API) with its dashboard on a free port, the
Thanh Xá plan with a leader, an official of Văn hóa xã hội xã and a configured admin, signed
initData, and a real headless Chromium (Debian's, driven by Playwright) when it is installed."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from bot.dashboard.auth import init_data_hash
from bot.offline.harness import BotHarness
from storage.db import Database
from tests.support.builders import add_official
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import VHXH

CHROMIUM = os.environ.get("PLANBOT_CHROMIUM", "/usr/bin/chromium")
ADMIN, LEADER, OFFICIAL, STRANGER = 1001, 3001, 3002, 9999
# The Monday after Thanh Xá's Q1/2023 report: the dashboard's default period is Q1/2023.
DAY = datetime(2023, 4, 17, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ARTIFACTS = Path(
    os.environ.get(
        "PLANBOT_DASHBOARD_ARTIFACTS", Path(__file__).resolve().parents[2] / "artifacts" / "dashboard"
    )
)


def have_chromium() -> bool:
    return Path(CHROMIUM).is_file() or shutil.which("chromium") is not None


needs_chromium = pytest.mark.skipif(
    not have_chromium(), reason="Debian's chromium is not installed (apt-get install chromium)"
)


def signed_init_data(
    token: str, user_id: int, *, auth_date: float | None = None, first_name: str = "Mây"
) -> str:
    """initData as Telegram would sign it for this bot token."""
    fields = {
        "auth_date": str(int(time.time() if auth_date is None else auth_date)),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(
            {"id": user_id, "first_name": first_name, "language_code": "vi"}, separators=(",", ":")
        ),
    }
    fields["hash"] = init_data_hash(fields, token)
    return urlencode(fields, quote_via=quote)


@dataclass
class Dashboard:
    harness: BotHarness
    url: str  # http://127.0.0.1:PORT/app/
    ids: dict[str, int]

    @property
    def token(self) -> str:
        return str(self.harness.tg.token)

    def init_data(self, user_id: int, **kw: Any) -> str:
        return signed_init_data(self.token, user_id, **kw)

    def webapp_url(self, user_id: int, path: str = "", **kw: Any) -> str:
        """The address Telegram opens a Mini App at: initData in the fragment."""
        return f"{self.url}{path}#tgWebAppData={quote(self.init_data(user_id, **kw), safe='')}&tgWebAppVersion=8.0"


def _people(session: Session, ids: dict[str, int]) -> None:
    org = ids["org"]
    add_official(session, LEADER, "Lê Văn Bình", organization_id=org, agency_id=None, role="leader")
    add_official(session, OFFICIAL, "Trần Văn Nam", organization_id=org, agency_id=ids[VHXH])


@pytest.fixture
async def dashboard(harness_factory: Callable[..., BotHarness], db: Database) -> AsyncIterator[Dashboard]:
    ids = db.call(seed_thanh_xa)
    db.call(_people, ids=ids)
    async with harness_factory(admin_ids=[ADMIN], clock_at=DAY, dashboard=True, dashboard_port=0) as h:
        server = h.application.bot_data["dashboard_server"]
        yield Dashboard(h, server.url, ids)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if not have_chromium():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.async_api import async_playwright

    executable = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    async with async_playwright() as p:
        launched = await p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield launched
        finally:
            await launched.close()


async def screenshot(page: Any, name: str) -> list[Path]:
    """The page at 390 px (a phone) and 1280 px (an office PC), full length, in ARTIFACTS."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for width in (390, 1280):
        await page.set_viewport_size({"width": width, "height": 900})
        path = ARTIFACTS / f"{name}-{width}.png"
        await page.screenshot(path=str(path), full_page=True)
        saved.append(path)
    print(f"dashboard screenshots: {', '.join(str(p) for p in saved)}")
    return saved
