"""Configuration: each variable's default, and one clear line naming the variable when it is malformed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings, SettingsError, load_settings

VARIABLES = [
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "TELEGRAM_API_FILE_URL",
    "DATABASE_URL",
    "PLANBOT_TIMEZONE",
    "PLANBOT_REMINDER_TIME",
    "PLANBOT_ADMIN_IDS",
    "PLANBOT_BOT_USERNAME",
    "PLANBOT_REMINDER_OFFSETS",
    "PLANBOT_WORK_ON_SATURDAY",
    "PLANBOT_HOLIDAYS",
    "PLANBOT_PERIOD_MODE",
    "PLANBOT_LOG_LEVEL",
]
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No variable from the developer's shell or a .env file leaks into these tests."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.telegram_api_file_url == "https://api.telegram.org/file/bot"
    assert settings.database_url == "sqlite:///planbot.db"
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert str(settings.tz) == "Asia/Ho_Chi_Minh"
    assert settings.reminder_time == "07:30"
    assert settings.reminder_clock == time(7, 30)
    assert settings.admin_ids == []
    assert settings.reminder_offsets == [7, 3, 1, 0]
    assert settings.work_on_saturday is False
    assert settings.holidays == []
    assert settings.period_mode == "calendar"


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:ABC-DEF")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("DATABASE_URL", "postgresql://planbot:secret@db/planbot")
    monkeypatch.setenv("PLANBOT_TIMEZONE", "Asia/Bangkok")
    monkeypatch.setenv("PLANBOT_REMINDER_TIME", "8:05")
    monkeypatch.setenv("PLANBOT_ADMIN_IDS", " 111, 222 ,")
    monkeypatch.setenv("PLANBOT_REMINDER_OFFSETS", "1,7,3")
    monkeypatch.setenv("PLANBOT_HOLIDAYS", "2026-04-30,2026-05-01")
    monkeypatch.setenv("PLANBOT_PERIOD_MODE", "nd09")
    settings = load_settings()
    assert settings.require_token() == "123456:ABC-DEF"
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.database_url == "postgresql://planbot:secret@db/planbot"
    assert settings.reminder_clock == time(8, 5)
    assert settings.admin_ids == [111, 222]
    assert settings.reminder_offsets == [7, 3, 1]
    assert settings.holidays == [date(2026, 4, 30), date(2026, 5, 1)]
    assert settings.period_mode == "nd09"


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("PLANBOT_ADMIN_IDS=42\nPLANBOT_REMINDER_TIME=06:45\n", encoding="utf-8")
    settings = load_settings()
    assert settings.admin_ids == [42]
    assert settings.reminder_time == "06:45"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("PLANBOT_TIMEZONE", "Asia/Hanoi_City", "IANA time zone"),
        ("PLANBOT_REMINDER_TIME", "7h30", "HH:MM"),
        ("PLANBOT_REMINDER_TIME", "24:00", "HH:MM"),
        ("PLANBOT_ADMIN_IDS", "12,abc", "comma-separated Telegram user ids"),
        ("DATABASE_URL", "planbot.db", "SQLAlchemy URL"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org/bot", "http(s) URL"),
        ("TELEGRAM_API_FILE_URL", "ftp://x/file/bot", "http(s) URL"),
        ("PLANBOT_REMINDER_OFFSETS", "7,-1", "whole numbers of days"),
        ("PLANBOT_HOLIDAYS", "30/04/2026", "ISO dates"),
        ("PLANBOT_PERIOD_MODE", "monthly", ""),
        ("PLANBOT_WORK_ON_SATURDAY", "sometimes", ""),
    ],
)
def test_malformed_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    message = str(error.value)
    assert message.startswith(f"{variable}: ")
    assert expected in message
    assert "\n" not in message


def test_missing_token_is_a_clear_error() -> None:
    with pytest.raises(SettingsError, match=r"^TELEGRAM_BOT_TOKEN is not set: expected the bot token"):
        Settings().require_token()


def test_cli_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLANBOT_REMINDER_TIME", "25:99")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == "planbot: configuration error: PLANBOT_REMINDER_TIME: expected a time of day as HH:MM, e.g. 07:30\n"
    )


def test_cli_run_without_token_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("planbot: configuration error: TELEGRAM_BOT_TOKEN is not set")


def test_planbot_run_subprocess_one_line_exit_2(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    environment.update({"PLANBOT_ADMIN_IDS": "một,hai", "TELEGRAM_BOT_TOKEN": "123456:ABC"})
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'x.db'}"
    result = subprocess.run(
        [str(VENV_BIN / "planbot"), "run"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0] == (
        "planbot: configuration error: PLANBOT_ADMIN_IDS: expected comma-separated Telegram user ids, e.g. 12345,67890"
    )
    assert "Traceback" not in result.stderr


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("run", "db", "chat"):
        assert command in out
