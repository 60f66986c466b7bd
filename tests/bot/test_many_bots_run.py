"""Issue 17: `planbot run --all-bots` as a real process (polling, SIGTERM) and its webhook server
with one path and one secret per bot, against the fake Bot API serving two tokens."""

from __future__ import annotations

import asyncio
import itertools
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.app import CLOCK_KEY
from bot.cli import main
from bot.commands.fleet import serve_bots
from bot.commands.run import default_secret, webhook_path
from bot.commands.run_all import build_bots, deployment_bots
from bot.offline.fake import FakeTelegram, FakeUser
from bot.offline.harness import harness_settings
from storage.db import Database
from tests.bot.test_many_bots import AN, BINH, TOKEN_B, arrange
from tests.support.commune import MORNING
from tests.support.webhook import environment, free_port, post

_update_ids = itertools.count(700)


def message_update(user: FakeUser, text: str) -> dict[str, Any]:
    message = {
        "message_id": next(_update_ids),
        "from": user.to_dict(),
        "chat": user.chat_dict(),
        "date": int(time.time()),
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
    }
    return {"update_id": next(_update_ids), "message": message}


async def test_webhooks_one_path_and_secret_per_bot_routed_to_that_bot(db: Database) -> None:
    arrange(db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with FakeTelegram() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        an, binh = tg.user(AN, "An", "Nguyễn Văn"), tg_b.user(BINH, "Bình", "Trần Thị")
        settings = harness_settings(tg, str(db.url))
        specs = deployment_bots(settings, db)
        apps = build_bots(settings, specs, db)
        for app in apps:
            app.bot_data["reminders_disabled"] = True
            app.bot_data[CLOCK_KEY] = settings.clock().set_to(MORNING)
        stop = asyncio.Event()
        serving = asyncio.create_task(
            serve_bots(
                apps, specs, settings=settings, database=db, webhook=("127.0.0.1", port, base), stop=stop
            )
        )
        try:
            assert await tg.wait_until(
                lambda: bool(tg.calls_to("setWebhook") and tg_b.calls_to("setWebhook"))
            )
            [hook_a], [hook_b] = tg.calls_to("setWebhook"), tg_b.calls_to("setWebhook")
            path_a, path_b = (
                urlsplit(str(hook_a.params["url"])).path,
                urlsplit(str(hook_b.params["url"])).path,
            )
            assert (path_a, path_b) == (webhook_path(tg.token), webhook_path(TOKEN_B)) and path_a != path_b
            secret_a, secret_b = str(hook_a.params["secret_token"]), str(hook_b.params["secret_token"])
            assert (secret_a, secret_b) == (default_secret(tg.token), default_secret(TOKEN_B))
            assert secret_a != secret_b
            for hook in (hook_a, hook_b):  # no token in a URL
                assert tg.token.split(":")[1] not in str(hook.params["url"])
                assert TOKEN_B.split(":")[1] not in str(hook.params["url"])
            assert not tg.calls_to("getUpdates") and not tg_b.calls_to("getUpdates")

            # The other bot's secret on a bot's path is refused: nothing handled.
            refused = await asyncio.to_thread(post, base + path_b, message_update(binh, "/viec"), secret_a)
            missing = await asyncio.to_thread(post, base + path_a, message_update(an, "/viec"), None)
            assert (refused, missing) == (403, 403)

            assert (
                await asyncio.to_thread(post, base + path_b, message_update(binh, "/viec"), secret_b) == 200
            )
            assert await asyncio.to_thread(post, base + path_a, message_update(an, "/viec"), secret_a) == 200
            assert await tg_b.wait_until(lambda: len(tg_b.messages_to(BINH)) == 1)
            assert await tg.wait_until(lambda: len(tg.messages_to(AN)) == 1)
            assert "Số hóa hồ sơ tại phường" in (tg_b.messages_to(BINH)[0].text or "")
            assert "Niêm yết TTHC tại xã" in (tg.messages_to(AN)[0].text or "")
            assert tg.messages_to(BINH) == [] and tg_b.messages_to(AN) == []
        finally:
            stop.set()
            await asyncio.wait_for(serving, 30)
    # Stopped cleanly: the webhooks stay set for other processes, nothing was deleted.
    assert not tg.calls_to("deleteWebhook") and not tg_b.calls_to("deleteWebhook")


def test_planbot_run_all_bots_polls_each_bot_and_stops_both_on_sigterm(tmp_path: Path, db: Database) -> None:
    arrange(db)
    with FakeTelegram.run_in_thread() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        an, binh = tg.user(AN, "An", "Nguyễn Văn"), tg_b.user(BINH, "Bình", "Trần Thị")
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "planbot"), "run", "--all-bots"],
            env=environment(tg, str(db.url)),
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            polled = tg.wait_for(lambda: bool(tg.calls_to("getUpdates")), timeout=30)
            polled = polled and tg_b.wait_for(lambda: bool(tg_b.calls_to("getUpdates")), timeout=30)
            if not polled:
                process.kill()
                raise AssertionError(f"the bots never polled: {process.communicate()[1][-3000:]}")
            tg.add_message(an, "/start")
            tg_b.add_message(binh, "/start")
            assert tg.wait_for(lambda: len(tg.messages_to(AN)) >= 1, timeout=30), "bot A never answered"
            assert tg_b.wait_for(lambda: len(tg_b.messages_to(BINH)) >= 1, timeout=30), "bot B never answered"
            assert tg.wait_for(lambda: not tg.pending_updates() and not tg_b.pending_updates(), timeout=10)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr
    assert "Serving 2 bots: default (" in stderr and "lamdong (7012345678:••••XcVb)" in stderr
    for token in (tg.token, TOKEN_B):
        assert token.split(":")[1] not in stderr
    assert "planbot stopped" in stderr
    # Stopping confirmed each bot's last offset: nothing is handed out again at the next start.
    assert tg.calls_to("getUpdates")[-1].params.get("offset") and tg_b.calls_to("getUpdates")[-1].params.get(
        "offset"
    )


def test_all_bots_refuses_a_single_bot_or_one_shared_secret(
    tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", str(db.url))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run", "--all-bots", "--bot", "lamdong"]) == 2
    assert "leave out --bot" in capsys.readouterr().err
    webhook = ["run", "--all-bots", "--webhook", "--url", "https://bot.example.vn", "--secret-token", "S1"]
    assert main(webhook) == 2
    assert "each bot its own secret" in capsys.readouterr().err
    assert main(["run", "--all-bots"]) == 2  # no default token, no registered bot: nothing to serve
    assert "no bot to serve" in capsys.readouterr().err


def test_planbot_remind_sends_each_organizations_digest_through_its_own_bot(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An operator's one-off pass: Bình's digest comes from "lamdong", the bot Bình started, never
    from the default bot (which Telegram would refuse with 403 and wrongly mark Bình unreachable)."""
    arrange(db)
    with FakeTelegram.run_in_thread() as tg:
        tg_b = tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        tg.user(AN, "An", "Nguyễn Văn")
        tg_b.user(BINH, "Bình", "Trần Thị")
        for key, value in environment(tg, str(db.url)).items():
            monkeypatch.setenv(key, value)
        assert main(["remind", "--at", MORNING.isoformat()]) == 0
        assert [m.text for m in tg.messages_to(BINH)] == [] and [m.text for m in tg_b.messages_to(AN)] == []
        [to_an], [to_binh] = tg.messages_to(AN), tg_b.messages_to(BINH)
        assert "Niêm yết TTHC tại xã" in (to_an.text or "")
        assert "Số hóa hồ sơ tại phường" in (to_binh.text or "")
    assert "2 đã gửi" in capsys.readouterr().out  # the two bots' passes, added up
