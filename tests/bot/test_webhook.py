"""`planbot run --webhook` as real processes against the fake Bot API (served from a background thread).

Updates are POSTed to the processes the way Telegram (or a load balancer in front of several
processes) would; replies arrive at the fake through the real request code.
"""

from __future__ import annotations

import itertools
import signal
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.cli import main
from bot.offline.fake import FakeTelegram, FakeUser
from storage.db import Database
from tests.support.webhook import ADMIN_ID, environment, free_port, post, webhook_process

SECRET = "bi-mat_cua-xa-Thanh-Xa-2025"
_update_ids = itertools.count(1000)
_message_ids = itertools.count(1)


def message_update(user: FakeUser, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "from": user.to_dict(),
        "chat": user.chat_dict(),
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(_update_ids), "message": message}


def webhook_urls(tg: FakeTelegram) -> list[str]:
    return [str(call.params["url"]) for call in tg.calls_to("setWebhook")]


def test_webhook_sets_the_hook_checks_the_secret_answers_and_stops_on_sigint(tmp_path: Path) -> None:
    port = free_port()
    with FakeTelegram.run_in_thread() as tg:
        admin = tg.user(ADMIN_ID, "Hùng", "Đỗ Mạnh")
        database_url = f"sqlite:///{tmp_path / 'webhook.db'}"
        with webhook_process(tg, tmp_path, database_url, port, "--secret-token", SECRET) as process:
            assert tg.wait_for(lambda: bool(tg.calls_to("setWebhook")), timeout=30), "no setWebhook"
            [hook] = tg.calls_to("setWebhook")
            url = str(hook.params["url"])
            assert url.startswith(f"http://127.0.0.1:{port}/")
            assert tg.token not in url and tg.token.split(":")[1] not in url
            assert hook.params["secret_token"] == SECRET
            assert [c.method for c in tg.calls[:3]] == ["getMe", "setMyCommands", "setWebhook"]
            assert not tg.calls_to("getUpdates") and not tg.calls_to("deleteWebhook")

            # Without the secret, or with a wrong one: refused, nothing handled.
            assert post(url, message_update(admin, "/start"), None) == 403
            assert post(url, message_update(admin, "/start"), "doan-sai") == 403
            assert post(url.rsplit("/", 1)[0] + "/khac", message_update(admin, "/start"), SECRET) in (
                404,
                405,
            )

            assert post(url, message_update(admin, "/start"), SECRET) == 200
            assert tg.wait_for(lambda: len(tg.messages_to(ADMIN_ID)) >= 1, timeout=30), "no answer to /start"
            [welcome] = tg.messages_to(ADMIN_ID)
            assert welcome.text.startswith("Xin chào Hùng Đỗ Mạnh!")

            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=30)
        # The refused requests were never handled: one reply only.
        assert len(tg.messages_to(ADMIN_ID)) == 1
        # Stopping one process must not remove the hook the other processes serve.
        assert not tg.calls_to("deleteWebhook")
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert tg.token not in stderr and tg.token.split(":")[1] not in stderr
    assert SECRET not in stderr
    assert "planbot starting (webhook on 127.0.0.1" in stderr


def test_webhook_without_url_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456789:AAFakeTokenForPlanbotTests_abcdefghij")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert main(["run", "--webhook", "--port", "8443"]) == 2
    assert main(["run", "--webhook", "--url", "https://bot.example.vn", "--secret-token", "có dấu"]) == 2
    first, second = capsys.readouterr().err.strip().splitlines()
    assert first == "planbot run: --webhook needs --url PUBLIC_URL (the HTTPS address Telegram posts to)"
    assert second.startswith("planbot run: --secret-token: expected 1-256 characters")
    assert not (tmp_path / "x.db").exists()  # refused before touching the database


def test_two_webhook_processes_on_one_database_answer_each_update_once(
    tmp_path: Path, db: Database, database_url: str
) -> None:
    # `db` migrated the database once, as an operator does before scaling out (PostgreSQL when
    # PLANBOT_TEST_DATABASE_URL is set, else one SQLite file shared by both processes).
    ports = [free_port(), free_port()]
    with FakeTelegram.run_in_thread() as tg:
        users = [tg.user(9100 + i, f"Cán bộ {i}", "Nguyễn") for i in range(6)]
        with (
            webhook_process(tg, tmp_path, database_url, ports[0]) as first,
            webhook_process(tg, tmp_path, database_url, ports[1]) as second,
        ):
            assert tg.wait_for(lambda: len(tg.calls_to("setWebhook")) == 2, timeout=60), (
                "both must set the hook"
            )
            urls = webhook_urls(tg)
            # Both processes derive the same path and secret from the token: one hook for the load balancer.
            assert sorted(urlsplit(url).port or 0 for url in urls) == sorted(ports)
            [path] = {urlsplit(url).path for url in urls}
            assert len({call.params["secret_token"] for call in tg.calls_to("setWebhook")}) == 1
            secret = str(tg.calls_to("setWebhook")[0].params["secret_token"])
            targets = [f"http://127.0.0.1:{port}{path}" for port in ports]

            # Each user sends /start then /help; the balancer alternates between the processes.
            sent = 0
            for round_ in ("/start", "/help"):
                for user in users:
                    assert post(targets[sent % 2], message_update(user, round_), secret) == 200
                    sent += 1
            assert tg.wait_for(lambda: all(len(tg.messages_to(u)) >= 2 for u in users), timeout=60), (
                "some updates were not answered"
            )
            for process in (first, second):
                process.send_signal(signal.SIGINT)
            outputs = [process.communicate(timeout=30) for process in (first, second)]
        for user in users:
            replies = tg.messages_to(user)
            assert len(replies) == 2, [r.text for r in replies]
            stranger, help_text = (r.text for r in replies)
            assert stranger.startswith("Xin chào! Bot này chỉ dành cho cán bộ, công chức đã được mời.")
            assert "/viec" in help_text
    for process, (_, stderr) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr


def test_a_refused_set_webhook_is_one_clear_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeTelegram.run_in_thread() as tg:
        tg.fail_next("setWebhook", error="500")
        monkeypatch.chdir(tmp_path)
        for name, value in environment(tg, f"sqlite:///{tmp_path / 'refused.db'}").items():
            if name.startswith(("PLANBOT_", "TELEGRAM_", "DATABASE_")):
                monkeypatch.setenv(name, value)
        monkeypatch.setenv("PLANBOT_LOG_LEVEL", "CRITICAL")
        port = free_port()
        assert main(["run", "--webhook", "--port", str(port), "--url", f"http://127.0.0.1:{port}"]) == 1
        assert len(tg.calls_to("setWebhook")) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("planbot run: Telegram refused the webhook set-up: ")
    assert tg.token.split(":")[1] not in line
