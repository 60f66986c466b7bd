"""Authorization of the dashboard (/dashboard's link, the pages, the correction table) over HTTP:
strangers and deactivated accounts get no link and see nothing; an official sees their agency's
tasks only; an admin of another commune sees none of this one; only the commune's admin corrects,
and a refused correction writes nothing."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from sqlmodel import Session, func, select

from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import AuditLog, Official
from storage.models_people import TaskEdit
from tests.support.builders import add_agency, add_official, add_organization
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import VHXH

APRIL = datetime(2023, 4, 17, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ADMIN, LEADER, HUNG, RETIRED, OUTSIDER, STRANGER = 500, 501, 601, 602, 900, 999
LINK = re.compile(r"http://\S+/app/login\?t=(\S+)")


@pytest.fixture
def cast(db: Database) -> dict[str, int]:
    def arrange(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        org = ids["org"]
        add_official(session, ADMIN, "Quản Trị", organization_id=org, agency_id=None, role="admin")
        add_official(session, LEADER, "Phạm Thị Mây", organization_id=org, agency_id=None, role="leader")
        ids["hung"] = add_official(session, HUNG, "Nguyễn Văn Hùng", organization_id=org, agency_id=ids[VHXH])
        add_official(
            session, RETIRED, "Hà Văn Nghỉ", organization_id=org, agency_id=None, role="admin", active=False
        )
        other = add_organization(session, "UBND xã Thanh Hà")
        add_official(session, OUTSIDER, "Quản trị Thanh Hà", organization_id=other,
                     agency_id=add_agency(session, other, "Văn phòng"), role="admin")  # fmt: skip
        return ids

    return db.call(arrange)


@pytest.fixture
async def bot(cast: dict[str, int], harness_factory: Callable[..., BotHarness]) -> AsyncIterator[BotHarness]:
    async with harness_factory(clock_at=APRIL, dashboard=True, dashboard_port=0) as h:
        yield h


def _written(db: Database) -> int:
    def count(session: Session) -> int:
        edits = session.exec(select(func.count()).select_from(TaskEdit)).one()
        audit = session.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "task_corrected")
        ).one()
        return int(edits) + int(audit)

    return db.call(count)


async def _signed_in(h: BotHarness, user_id: int) -> tuple[aiohttp.ClientSession, str]:
    """A browser session logged in with the user's /dashboard link, and the page's CSRF token."""
    [message] = await h.send(h.user(user_id, "Người dùng"), "/dashboard")
    found = LINK.search(message.text or "")
    assert found is not None, message.text
    client = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    base = found.group(0).split("login?")[0]
    async with client.post(base + "login", data={"t": found.group(1)}) as response:
        assert response.status == 200  # followed the redirect to the overview
        page = await response.text()
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    return client, token.group(1)


@pytest.mark.parametrize("user_id", [STRANGER, RETIRED])
async def test_no_link_for_strangers_and_deactivated_accounts(bot: BotHarness, user_id: int) -> None:
    replies = await bot.send(bot.user(user_id, "Khách"), "/dashboard")
    text = "\n".join(m.text or "" for m in replies)
    assert "login?t=" not in text and "Thanh Xá" not in text
    assert bot.errors == []


async def test_an_official_sees_their_agency_only(bot: BotHarness, cast: dict[str, int]) -> None:
    client, _csrf = await _signed_in(bot, HUNG)
    base = bot.application.bot_data["dashboard_server"].url
    async with client:
        async with client.get(base + "tasks") as response:
            page = await response.text()
        shown = re.findall(r'href="/app/tasks/(\d+)\?', page)
        assert shown and len(shown) < 30
        foreign = cast["IV.2"]  # led by the group of specialist officials, VHXH not in it
        assert str(foreign) not in shown
        async with client.get(f"{base}tasks/{foreign}") as response:
            assert response.status == 404
        async with client.get(base + "report.docx?period=2023-Q1") as response:
            assert response.status == 403  # leaders and admins only
        async with client.get(base + "corrections") as response:
            assert response.status == 404


async def test_an_admin_of_another_commune_sees_none_of_it(bot: BotHarness, cast: dict[str, int]) -> None:
    client, csrf = await _signed_in(bot, OUTSIDER)
    base = bot.application.bot_data["dashboard_server"].url
    task = cast["II.1.5"]
    async with client:
        for path in ("", "tasks", f"tasks/{task}", f"corrections?task={task}"):
            async with client.get(base + path) as response:
                assert "Thanh Xá" not in await response.text(), path
        async with client.post(
            f"{base}corrections/{task}", data={"csrf": csrf, "field": "content", "value": "x"}
        ) as r:
            assert r.status == 404
    assert _written(bot.db) == 0


async def test_only_the_communes_admin_corrects(bot: BotHarness, cast: dict[str, int]) -> None:
    task = cast["II.1.5"]
    base = bot.application.bot_data["dashboard_server"].url
    for user_id in (LEADER, HUNG):
        client, csrf = await _signed_in(bot, user_id)
        async with client:
            form = {"csrf": csrf, "field": "content", "value": "Nội dung sửa lén"}
            async with client.post(f"{base}corrections/{task}", data=form) as response:
                assert response.status == 404
    assert _written(bot.db) == 0
    client, csrf = await _signed_in(bot, ADMIN)
    async with client:
        async with client.post(
            f"{base}corrections/{task}", data={"field": "content", "value": "Không có mã"}
        ) as r:
            assert r.status == 403  # no CSRF token
        assert _written(bot.db) == 0
        form = {"csrf": csrf, "field": "content", "value": "Số hóa hồ sơ, kết quả giải quyết TTHC (đã sửa)"}
        async with client.post(f"{base}corrections/{task}", data=form) as response:
            assert response.status == 200 and "Đã sửa Nội dung" in await response.text()
    assert _written(bot.db) == 2  # the TaskEdit and its AuditLog row
    assert bot.errors == []


async def test_a_deactivated_session_is_out_at_once(bot: BotHarness, cast: dict[str, int]) -> None:
    client, _csrf = await _signed_in(bot, HUNG)
    base = bot.application.bot_data["dashboard_server"].url

    def deactivate(session: Session) -> None:
        official = session.get(Official, cast["hung"])
        assert official is not None
        official.active = False
        session.add(official)

    async with client:
        async with client.get(base) as response:
            assert response.status == 200
        bot.db.call(deactivate)
        async with client.get(base) as response:
            assert response.status == 401
            assert "Thanh Xá" not in await response.text()
