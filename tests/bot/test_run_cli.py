"""`planbot run` as a real process against the fake Bot API (served from a background thread)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.offline.fake import FakeTelegram
from storage.db import Database

ADMIN_ID = 8801


def test_planbot_run_polls_answers_start_and_stops_cleanly_on_sigint(tmp_path: Path, db: Database) -> None:
    with FakeTelegram.run_in_thread() as tg:
        tg.user(ADMIN_ID, "Hùng", "Đỗ Mạnh")
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("PLANBOT_", "TELEGRAM_"))}
        environment.update(
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.base_url,
            TELEGRAM_API_FILE_URL=tg.file_url,
            DATABASE_URL=db.url,  # PostgreSQL too when PLANBOT_TEST_DATABASE_URL is set
            PLANBOT_ADMIN_IDS=str(ADMIN_ID),
            PLANBOT_LOG_LEVEL="DEBUG",
        )
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "planbot"), "run"],
            env=environment,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert tg.wait_for(lambda: bool(tg.calls_to("getUpdates")), timeout=30), "the bot never polled"
            assert [c.method for c in tg.calls[:3]] == ["getMe", "setMyCommands", "deleteWebhook"]
            tg.add_message(tg.users[ADMIN_ID], "/start")
            assert tg.wait_for(lambda: len(tg.messages_to(ADMIN_ID)) >= 1, timeout=30), "no answer to /start"
            [welcome] = tg.messages_to(ADMIN_ID)
            assert welcome.text is not None and welcome.text.startswith("Xin chào Hùng Đỗ Mạnh!")
            # The update is confirmed on the next poll: it is never handled twice.
            assert tg.wait_for(lambda: not tg.pending_updates(), timeout=10)
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert tg.token not in stderr
    assert tg.token.split(":")[1] not in stderr
    assert "planbot starting" in stderr


def test_planbot_run_bot_serves_one_of_the_deployments_other_bots(tmp_path: Path, db: Database) -> None:
    """Issue 17: `planbot run --bot NAME` takes that bot's token from the database (none in the env)."""
    from plans.bots import add_bot

    token = "7012345678:AAHn3xQv_9kYtR2mZpLwE8sDfGhJkLzXcVb"
    db.call(add_bot, name="lamdong", token=token, organizations=[])
    with FakeTelegram.run_in_thread(token=token) as tg:
        tg.user(ADMIN_ID, "Hùng", "Đỗ Mạnh")
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("PLANBOT_", "TELEGRAM_"))}
        environment.update(
            TELEGRAM_API_BASE_URL=tg.base_url,
            TELEGRAM_API_FILE_URL=tg.file_url,
            DATABASE_URL=db.url,
            PLANBOT_ADMIN_IDS=str(ADMIN_ID),
            PLANBOT_LOG_LEVEL="DEBUG",
            PLANBOT_DASHBOARD="false",
        )
        planbot = str(Path(sys.executable).parent / "planbot")
        unknown = subprocess.run(
            [planbot, "run", "--bot", "khong-co"],
            env=environment,
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert unknown.returncode == 2 and "no bot named 'khong-co'" in unknown.stderr
        process = subprocess.Popen(
            [planbot, "run", "--bot", "lamdong"],
            env=environment,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            if not tg.wait_for(lambda: bool(tg.calls_to("getUpdates")), timeout=30):
                process.kill()
                raise AssertionError(f"the bot never polled: {process.communicate()[1][-2000:]}")
            tg.add_message(tg.users[ADMIN_ID], "/start")
            assert tg.wait_for(lambda: len(tg.messages_to(ADMIN_ID)) >= 1, timeout=30), "no answer to /start"
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 0, stderr
    assert token.split(":")[1] not in stderr
