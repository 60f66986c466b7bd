"""Issue 17: a `planbot run --all-bots` process starts a bot registered while it runs and stops one
removed, polling and webhook, without a restart; a token Telegram refuses is logged once, masked."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import CLOCK_KEY
from bot.commands.fleet import Fleet, serve_bots
from bot.commands.run import default_secret, webhook_path
from bot.commands.run_all import BotSpec, build_bots, deployment_bots
from bot.dashboard.runtime import OTHER_BOTS_KEY, OTHER_TOKENS_KEY
from bot.offline.fake import FakeTelegram
from bot.offline.harness import harness_settings
from bot.settings import Settings
from handlers.other_bot import TOLD_KEY, USERNAMES_KEY
from plans.bots import add_bot, remove_bot
from storage.db import Database
from tests.bot.test_many_bots import AN, BINH, TOKEN_B, arrange
from tests.bot.test_many_bots_run import message_update
from tests.support.commune import MORNING
from tests.support.webhook import free_port, post

UNSERVED = "7099999999:AAFz0000000000000000000000000000000"  # a token the fake refuses (401)


def prepared(settings: Settings) -> Any:
    def prepare(application: Any) -> None:
        application.bot_data["reminders_disabled"] = True  # the tests send updates, not digests
        application.bot_data[CLOCK_KEY] = settings.clock().set_to(MORNING)

    return prepare


def deployment(settings: Settings, db: Database) -> tuple[list[BotSpec], list[Any], Any]:
    """The bots the database registers now, built and prepared: (specs, applications, prepare)."""
    prepare = prepared(settings)
    specs = deployment_bots(settings, db)
    apps = build_bots(settings, specs, db)
    for app in apps:
        prepare(app)
    return specs, apps, prepare


@pytest.fixture
async def default_only(db: Database) -> AsyncIterator[tuple[FakeTelegram, FakeTelegram, Fleet]]:
    """The default bot serving alone; the fake also answers for "lamdong", not yet registered."""
    arrange(db)
    db.call(remove_bot, name="lamdong")  # Lâm Viên goes back to the default bot
    async with FakeTelegram() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        settings = harness_settings(tg, str(db.url))
        specs, apps, prepare = deployment(settings, db)
        fleet = Fleet(settings, db, polling=True, poll_timeout=1, prepare=prepare)
        await fleet.start(specs, apps)
        try:
            yield tg, tg_b, fleet
        finally:
            await fleet.stop()


async def test_a_bot_registered_while_serving_is_started_and_one_removed_is_stopped(
    db: Database, default_only: tuple[FakeTelegram, FakeTelegram, Fleet]
) -> None:
    tg, tg_b, fleet = default_only
    assert await fleet.refresh() == ([], [])  # nothing registered since the start
    assert not tg_b.calls_to("getUpdates")

    db.call(add_bot, name="lamdong", token=TOKEN_B, organizations=["Lâm Viên"])
    started, stopped = await fleet.refresh()
    assert [s.name for s in started] == ["lamdong"] and stopped == []
    assert [s.name for s in fleet.specs] == ["", "lamdong"]
    first, added = fleet.applications
    # The new bot polls with its own token and answers its organization's officials.
    tg_b.add_message(tg_b.user(BINH, "Bình", "Trần Thị"), "/viec")
    assert await tg_b.wait_until(lambda: len(tg_b.messages_to(BINH)) == 1)
    assert "Số hóa hồ sơ tại phường" in (tg_b.messages_to(BINH)[0].text or "")
    # Every bot knows it: the dashboard accepts its Mini App and downloads its files, the default
    # bot names it to officials whose organization it serves.
    assert first.bot_data[OTHER_TOKENS_KEY] == (TOKEN_B,) and first.bot_data[OTHER_BOTS_KEY] == (added.bot,)
    usernames = first.bot_data["services"].extra[USERNAMES_KEY]
    assert sorted(usernames.values()) == ["lamdong_planbot", "planbot_test_bot"]
    assert added.bot_data["services"].bot_username == "lamdong_planbot"
    assert await fleet.refresh() == ([], [])  # started once
    # The update is done once its last handler (the other-bot hint, after the answer) has read the
    # bindings: removing the bot before that would rightly earn Bình a hint.
    assert await tg_b.wait_until(lambda: BINH in added.bot_data.get(TOLD_KEY, set()))
    await asyncio.sleep(0.3)

    db.call(remove_bot, name="lamdong")
    started, stopped = await fleet.refresh()
    assert started == [] and [s.name for s in stopped] == ["lamdong"]
    assert not added.running and fleet.applications == [first]
    assert first.bot_data[OTHER_TOKENS_KEY] == () and first.bot_data[OTHER_BOTS_KEY] == ()
    answered = len(tg_b.messages_to(BINH))
    tg_b.add_message(tg_b.user(BINH, "Bình", "Trần Thị"), "/viec")
    assert not await tg_b.wait_until(lambda: len(tg_b.messages_to(BINH)) > answered, timeout=1.5), [
        m.text for m in tg_b.messages_to(BINH)
    ]
    # Lâm Viên is the default bot's again: Bình's /viec there is answered.
    tg.add_message(tg.user(BINH, "Bình", "Trần Thị"), "/viec")
    assert await tg.wait_until(lambda: len(tg.messages_to(BINH)) >= 1)


async def test_a_refused_token_is_logged_once_masked_and_started_once_telegram_accepts_it(
    db: Database, default_only: tuple[FakeTelegram, FakeTelegram, Fleet], caplog: pytest.LogCaptureFixture
) -> None:
    tg, _tg_b, fleet = default_only
    db.call(add_bot, name="hanoi", token=UNSERVED, organizations=[])
    with caplog.at_level(logging.INFO, logger="bot.commands.fleet"):
        assert await fleet.refresh() == ([], [])
        assert await fleet.refresh() == ([], [])
    refusals = [r for r in caplog.records if "not started" in r.getMessage()]
    assert len(refusals) == 1 and "hanoi (7099999999:••••0000)" in refusals[0].getMessage()
    assert UNSERVED.split(":")[1] not in caplog.text
    assert [s.name for s in fleet.specs] == [""]

    tg.add_bot(UNSERVED, bot_username="hanoi_planbot")  # the operator fixed the token at Telegram
    started, _ = await fleet.refresh()
    assert [s.name for s in started] == ["hanoi"] and len(fleet.applications) == 2


async def test_webhooks_of_a_bot_registered_while_serving_are_set_and_routed(db: Database) -> None:
    arrange(db)
    db.call(remove_bot, name="lamdong")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with FakeTelegram() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        binh = tg_b.user(BINH, "Bình", "Trần Thị")
        tg.user(AN, "An", "Nguyễn Văn")
        settings = harness_settings(tg, str(db.url))
        specs, apps, prepare = deployment(settings, db)
        stop = asyncio.Event()
        serving = asyncio.create_task(
            serve_bots(
                apps,
                specs,
                settings=settings,
                database=db,
                webhook=("127.0.0.1", port, base),
                stop=stop,
                refresh_interval=0.2,
                prepare=prepare,
            )
        )
        path_b, secret_b = webhook_path(TOKEN_B), default_secret(TOKEN_B)
        try:
            assert await tg.wait_until(lambda: bool(tg.calls_to("setWebhook")))
            # Not served yet: its path is unknown here.
            assert (
                await asyncio.to_thread(post, base + path_b, message_update(binh, "/viec"), secret_b) == 404
            )

            db.call(add_bot, name="lamdong", token=TOKEN_B, organizations=["Lâm Viên"])
            assert await tg_b.wait_until(lambda: bool(tg_b.calls_to("setWebhook")))
            [hook] = tg_b.calls_to("setWebhook")
            assert hook.params["url"] == base + path_b and hook.params["secret_token"] == secret_b
            assert (
                await asyncio.to_thread(post, base + path_b, message_update(binh, "/viec"), secret_b) == 200
            )
            assert await tg_b.wait_until(lambda: len(tg_b.messages_to(BINH)) == 1)
            assert "Số hóa hồ sơ tại phường" in (tg_b.messages_to(BINH)[0].text or "")
            assert not tg_b.calls_to("getUpdates")

            db.call(remove_bot, name="lamdong")

            async def refused() -> bool:
                status = await asyncio.to_thread(post, base + path_b, message_update(binh, "/viec"), secret_b)
                return status == 404

            for _ in range(50):
                if await refused():
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the removed bot's webhook path was still served")
            # The default bot's path is still served.
            path_a, secret_a = webhook_path(tg.token), default_secret(tg.token)
            an = tg.user(AN, "An", "Nguyễn Văn")
            assert await asyncio.to_thread(post, base + path_a, message_update(an, "/viec"), secret_a) == 200
            assert await tg.wait_until(lambda: len(tg.messages_to(AN)) == 1)
        finally:
            stop.set()
            await asyncio.wait_for(serving, 30)
    assert not tg_b.calls_to("deleteWebhook")  # other processes may still serve it


async def test_the_dashboards_bot_removed_while_serving_runs_on_until_a_restart(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """Without TELEGRAM_BOT_TOKEN the first registered bot serves the process's dashboard and warmed
    its caches: removing it from the database is warned about once, and it keeps answering."""
    arrange(db)
    async with FakeTelegram() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        settings = harness_settings(tg, str(db.url), TELEGRAM_BOT_TOKEN="")
        specs, apps, prepare = deployment(settings, db)
        assert [s.name for s in specs] == ["lamdong"]
        fleet = Fleet(settings, db, polling=True, poll_timeout=1, prepare=prepare)
        await fleet.start(specs, apps)
        try:
            db.call(remove_bot, name="lamdong")
            with caplog.at_level(logging.WARNING, logger="bot.commands.fleet"):
                assert await fleet.refresh() == ([], [])
                assert await fleet.refresh() == ([], [])
            [warning] = [r for r in caplog.records if "serves this process's dashboard" in r.getMessage()]
            assert "lamdong (7012345678:••••XcVb)" in warning.getMessage()
            assert fleet.applications == apps and apps[0].running
            tg_b.add_message(tg_b.user(BINH, "Bình", "Trần Thị"), "/viec")
            # Answered, then told that Lâm Viên's reminders are another bot's business now.
            assert await tg_b.wait_until(lambda: len(tg_b.messages_to(BINH)) == 2)
            answer, hint = tg_b.messages_to(BINH)
            assert "Số hóa hồ sơ tại phường" in (answer.text or "")
            assert (hint.text or "").startswith("ℹ️ Nhắc việc hằng ngày của UBND phường Lâm Viên")
        finally:
            await fleet.stop()
