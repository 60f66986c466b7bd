"""Issue 17: several bots in one process (`planbot run --all-bots`), through the fake Bot API serving
two tokens: each bot answers its own users, sends its own organizations' digests only, and an
official writing to the other bot is answered and told which bot sends their reminders."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

from bot.app import CLOCK_KEY
from bot.commands.run_all import BotSpec, build_bots, deployment_bots, start_bots, stop_bots
from bot.offline.fake import DEFAULT_TOKEN, BotMessage, FakeTelegram
from bot.offline.harness import harness_settings
from bot.runtime.jobs import reminder_job
from bot.settings import load_settings
from plans.bots import add_bot
from storage.db import Database
from storage.models import DeadlineKind
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task
from tests.support.commune import MORNING, TODAY

TOKEN_B = "7012345678:AAHn3xQv_9kYtR2mZpLwE8sDfGhJkLzXcVb"
AN, BINH = 5001, 5002  # An works in Thanh Xá (default bot), Bình in Lâm Viên (bot "lamdong")


def arrange(db: Database) -> list[int]:
    """Thanh Xá (the default bot's) and Lâm Viên (bound to "lamdong"): their organization ids."""
    organizations: list[int] = []
    with db.session() as session:
        for user, name, org_name, agency_name, task in [
            (AN, "Nguyễn Văn An", "UBND xã Thanh Xá", "Văn phòng HĐND và UBND xã", "Niêm yết TTHC tại xã"),
            (
                BINH,
                "Trần Thị Bình",
                "UBND phường Lâm Viên - Đà Lạt",
                "Văn phòng HĐND và UBND phường",
                "Số hóa hồ sơ tại phường",
            ),
        ]:
            org = add_organization(session, org_name)
            organizations.append(org)
            agency = add_agency(session, org, agency_name)
            plan = add_plan(session, org, "Kế hoạch kiểm soát TTHC năm 2025", year=2025)
            add_task(
                session,
                plan,
                "II.1",
                task,
                lead=[agency],
                deadline_kind=DeadlineKind.date,
                deadline_due=TODAY,
                deadline_text=f"{TODAY:%d/%m/%Y}",
            )
            add_official(session, user, name, organization_id=org, agency_id=agency)
    db.call(add_bot, name="lamdong", token=TOKEN_B, organizations=["Lâm Viên"])
    return organizations


@dataclass
class Deployment:
    tg: FakeTelegram  # the default bot (TELEGRAM_BOT_TOKEN)
    tg_b: FakeTelegram  # bot "lamdong", served on the same fake address
    specs: list[BotSpec]
    apps: list[Any]


@pytest.fixture
async def deployment(db: Database) -> AsyncIterator[Deployment]:
    arrange(db)
    async with FakeTelegram() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        settings = harness_settings(tg, str(db.url))
        specs = deployment_bots(settings, db)
        apps = build_bots(settings, specs, db)
        for app in apps:
            app.bot_data["reminders_disabled"] = True  # the test runs the passes itself
            app.bot_data[CLOCK_KEY] = settings.clock().set_to(MORNING)
        await start_bots(apps, specs, polling=True, poll_timeout=1)
        try:
            yield Deployment(tg, tg_b, specs, apps)
        finally:
            await stop_bots(apps)


async def answers(tg: FakeTelegram, user_id: int, count: int) -> list[BotMessage]:
    assert await tg.wait_until(lambda: len(tg.messages_to(user_id)) >= count), tg.messages_to(user_id)
    return tg.messages_to(user_id)


def texts(messages: list[BotMessage]) -> list[str]:
    return [m.text or "" for m in messages]


async def test_each_bot_answers_its_own_users_from_the_shared_database(deployment: Deployment) -> None:
    tg, tg_b = deployment.tg, deployment.tg_b
    assert [s.name for s in deployment.specs] == ["", "lamdong"]
    tg.add_message(tg.user(AN, "An", "Nguyễn Văn"), "/viec")
    tg_b.add_message(tg_b.user(BINH, "Bình", "Trần Thị"), "/viec")
    [an_tasks] = await answers(tg, AN, 1)
    [binh_tasks] = await answers(tg_b, BINH, 1)
    assert "Niêm yết TTHC tại xã" in (an_tasks.text or "")
    assert "Số hóa hồ sơ tại phường" in (binh_tasks.text or "")
    assert "Niêm yết" not in (binh_tasks.text or "")
    assert tg.messages_to(BINH) == [] and tg_b.messages_to(AN) == []
    # Each bot polls with its own token; invite links and group commands use each bot's own name.
    assert tg.calls_to("getUpdates") and tg_b.calls_to("getUpdates")
    assert deployment.apps[1].bot_data["services"].bot_username == "lamdong_planbot"


async def test_each_organizations_digest_is_sent_by_its_own_bot_only_and_once(deployment: Deployment) -> None:
    tg, tg_b = deployment.tg, deployment.tg_b
    tg.user(AN, "An", "Nguyễn Văn")
    tg_b.user(BINH, "Bình", "Trần Thị")
    for app in deployment.apps:
        app.bot_data["reminders_disabled"] = False
    for _ in range(2):  # a second pass (a tick, a restart) sends nothing again
        for app in deployment.apps:
            await reminder_job(SimpleNamespace(application=app, bot=app.bot))
    [an_digest] = tg.messages_to(AN)
    [binh_digest] = tg_b.messages_to(BINH)
    assert "Niêm yết TTHC tại xã" in (an_digest.text or "")
    assert "Số hóa hồ sơ tại phường" in (binh_digest.text or "")
    assert tg_b.messages_to(AN) == [] and tg.messages_to(BINH) == []
    assert not [c for c in tg.calls_to("sendMessage") if int(c.params["chat_id"]) == BINH]


async def test_an_official_writing_to_the_other_bot_is_answered_and_told_once_which_bot_reminds(
    deployment: Deployment,
) -> None:
    tg = deployment.tg
    binh = tg.user(BINH, "Bình", "Trần Thị")  # Lâm Viên is served by lamdong, Bình writes to the default
    tg.add_message(binh, "/viec")
    first, hint = await answers(tg, BINH, 2)
    assert "Số hóa hồ sơ tại phường" in (first.text or "")  # served normally, from her own commune
    assert hint.text == (
        "ℹ️ Nhắc việc hằng ngày của UBND phường Lâm Viên - Đà Lạt do bot @lamdong_planbot gửi. "
        "Hãy mở @lamdong_planbot và bấm «Bắt đầu» để nhận nhắc việc; anh/chị vẫn dùng được bot này như thường."
    )
    tg.add_message(binh, "/viec")
    await answers(tg, BINH, 3)
    assert not await tg.wait_until(lambda: len(tg.messages_to(BINH)) > 3, timeout=1.0)
    # An, whose commune this bot serves, is never told anything of the kind.
    tg.add_message(tg.user(AN, "An", "Nguyễn Văn"), "/viec")
    await answers(tg, AN, 1)
    assert not await tg.wait_until(lambda: len(tg.messages_to(AN)) > 1, timeout=1.0)
    assert all("Nhắc việc hằng ngày của" not in t for t in texts(tg.messages_to(AN)))


async def test_the_same_update_id_and_text_at_two_bots_is_handled_by_each(deployment: Deployment) -> None:
    """Both bots number their updates from 1: An's first "/start" to each is, byte for byte, the same
    update apart from the bot receiving it; neither is dropped as the other's redelivery."""
    tg, tg_b = deployment.tg, deployment.tg_b
    first_a = tg.add_message(tg.user(AN, "An", "Nguyễn Văn"), "/start")
    first_b = tg_b.add_message(tg_b.user(AN, "An", "Nguyễn Văn"), "/start")
    assert first_a == first_b
    [welcome_a] = await answers(tg, AN, 1)
    # Thanh Xá is the default bot's: at lamdong, An is welcomed, then told where his reminders come from.
    welcome_b, hint = await answers(tg_b, AN, 2)
    assert welcome_a.text == welcome_b.text and (welcome_a.text or "").startswith("Xin chào")
    assert (hint.text or "").startswith(
        "ℹ️ Nhắc việc hằng ngày của UBND xã Thanh Xá do bot @planbot_test_bot gửi."
    )


def test_deployment_bots_lists_the_default_bot_then_the_registered_ones(db: Database) -> None:
    arrange(db)
    settings = load_settings(DATABASE_URL=str(db.url), TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN)
    specs = deployment_bots(settings, db)
    assert [(s.name, s.account_id is None) for s in specs] == [("", True), ("lamdong", False)]
    assert specs[1].label == "lamdong (7012345678:••••XcVb)" and TOKEN_B not in specs[1].label
    without_default = load_settings(DATABASE_URL=str(db.url), TELEGRAM_BOT_TOKEN="")
    assert [s.name for s in deployment_bots(without_default, db)] == ["lamdong"]


async def test_each_bot_installs_the_menus_of_its_own_organizations_leaders(db: Database) -> None:
    thanh, lam = arrange(db)
    with db.session() as session:  # a leader in each commune
        add_official(session, 6001, "Lê Văn Cường", organization_id=thanh, agency_id=None, role="leader")
        add_official(session, 6002, "Phạm Thị Dung", organization_id=lam, agency_id=None, role="leader")
    async with FakeTelegram() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        for fake in (tg, tg_b):  # both leaders opened both bots: only the serving bot sets the menu
            fake.user(6001, "Cường", "Lê Văn")
            fake.user(6002, "Dung", "Phạm Thị")
        settings = harness_settings(tg, str(db.url))
        specs = deployment_bots(settings, db)
        apps = build_bots(settings, specs, db)
        for app in apps:
            app.bot_data["reminders_disabled"] = True
        await start_bots(apps, specs, polling=True, poll_timeout=1)
        await stop_bots(apps)
    assert "chat:6001" in tg.scoped_commands and "chat:6002" not in tg.scoped_commands
    assert "chat:6002" in tg_b.scoped_commands and "chat:6001" not in tg_b.scoped_commands


async def test_the_first_bot_serves_the_dashboard_for_every_bot(db: Database) -> None:
    """One dashboard per process: the first bot serves it and accepts the other bots' Mini App sign-ins."""
    from bot.dashboard.runtime import DISABLED_KEY, OTHER_TOKENS_KEY

    arrange(db)
    async with FakeTelegram() as tg:
        settings = harness_settings(tg, str(db.url))
        first, other = build_bots(settings, deployment_bots(settings, db), db)
    assert first.bot_data[OTHER_TOKENS_KEY] == (TOKEN_B,) and not first.bot_data.get(DISABLED_KEY)
    assert other.bot_data[DISABLED_KEY] is True and OTHER_TOKENS_KEY not in other.bot_data


async def test_the_dashboard_downloads_a_file_with_the_bot_that_received_it(deployment: Deployment) -> None:
    """A Telegram file id belongs to the bot that received it: a report sent through bot "lamdong"
    is still downloadable from the dashboard the first bot serves."""
    from telegram.error import BadRequest

    from bot.dashboard.runtime import _fetcher

    fetch = _fetcher(deployment.apps[0])
    own = deployment.tg._store_file(
        b"bien ban A", file_name="a.pdf", mime_type="application/pdf", folder="documents"
    )
    other = deployment.tg_b._store_file(
        b"bien ban B", file_name="b.pdf", mime_type="application/pdf", folder="documents"
    )
    assert await fetch(own.file_id) == b"bien ban A"
    assert await fetch(other.file_id) == b"bien ban B"
    with pytest.raises(BadRequest):
        await fetch("FILE999999-documents")  # nobody's: the last bot's refusal is raised
