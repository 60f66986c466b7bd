"""`planbot bots add|list|remove|bind` (issue 17): the bots of a deployment serving several; tokens
only masked, never in the output or the log."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from sqlmodel import select

from bot.cli import main
from storage.db import Database
from storage.models import AuditLog
from storage.models_people import BotOrganization
from tests.support.builders import add_organization

TOKEN = "7012345678:AAHn3xQv_9kYtR2mZpLwE8sDfGhJkLzXcVb"
OTHER = "7098765432:AAFq1wErTyUiOpAsDfGhJkLzXcVbNm12345"


@pytest.fixture
def communes(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            "lam": add_organization(session, "UBND phường Lâm Viên - Đà Lạt"),
            "xuan": add_organization(session, "UBND phường Xuân Hương - Đà Lạt"),
            "thanh": add_organization(session, "UBND xã Thanh Xá"),
        }


def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str, *argv: str) -> int:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PLANBOT_LOG_LEVEL", "DEBUG")
    return main(list(argv))


def test_add_list_bind_remove(
    db: Database,
    communes: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    url = str(db.url)
    assert (
        cli(monkeypatch, tmp_path, url, "bots", "add", "lamdong", "--token", TOKEN, "--org", "lam vien") == 0
    )
    added = capsys.readouterr().out
    assert "(7012345678:••••XcVb): UBND phường Lâm Viên - Đà Lạt" in added
    monkeypatch.setattr("sys.stdin", io.StringIO(OTHER + "\n"))
    assert (
        cli(monkeypatch, tmp_path, url, "bots", "add", "thaibinh", "--token", "-", "--org", "Thanh Xá") == 0
    )
    capsys.readouterr()

    assert cli(monkeypatch, tmp_path, url, "bots", "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == [
        "lamdong\t7012345678:••••XcVb\tUBND phường Lâm Viên - Đà Lạt",
        "thaibinh\t7098765432:••••2345\tUBND xã Thanh Xá",
    ]
    assert cli(monkeypatch, tmp_path, url, "bots", "bind", "lamdong", "--org", "xuan huong") == 0
    assert "served by lamdong" in capsys.readouterr().out
    with db.session() as session:
        bound = {b.organization_id: b.bot_id for b in session.exec(select(BotOrganization)).all()}
    assert bound[communes["lam"]] == bound[communes["xuan"]] != bound[communes["thanh"]]

    assert cli(monkeypatch, tmp_path, url, "bots", "bind", "--default", "--org", "Xuân Hương") == 0
    capsys.readouterr()
    assert cli(monkeypatch, tmp_path, url, "bots", "remove", "lamdong") == 0
    assert "now served by the default bot: UBND phường Lâm Viên - Đà Lạt" in capsys.readouterr().out
    with db.session() as session:
        assert [b.organization_id for b in session.exec(select(BotOrganization)).all()] == [communes["thanh"]]
        actions = [a.action for a in session.exec(select(AuditLog)).all()]
    assert actions == ["bot.add", "bot.add", "bot.bind", "bot.bind", "bot.remove"]
    everything = capsys.readouterr()
    for secret in (TOKEN.split(":")[1], OTHER.split(":")[1]):
        assert secret not in everything.out + everything.err + caplog.text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add", "Lâm Đồng", "--token", TOKEN], "use lower-case letters"),
        (["add", "lamdong", "--token", "12345"], "does not look like a Telegram bot token"),
        (["add", "lamdong", "--token", TOKEN, "--org", "không có xã này"], "no single organization"),
        (["add", "lamdong", "--token", TOKEN, "--org", "Đà Lạt"], "no single organization"),  # two match
        (["remove", "khong-co"], "no bot named"),
        (["bind", "khong-co", "--org", "Thanh Xá"], "no bot named"),
    ],
)
def test_mistakes_are_one_clear_line(
    db: Database,
    communes: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert cli(monkeypatch, tmp_path, str(db.url), "bots", *argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    with db.session() as session:
        assert session.exec(select(BotOrganization)).all() == []


def test_a_token_registered_twice_or_the_default_one_is_refused(
    db: Database, communes: dict[str, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    url = str(db.url)
    assert cli(monkeypatch, tmp_path, url, "bots", "add", "lamdong", "--token", TOKEN) == 0
    assert cli(monkeypatch, tmp_path, url, "bots", "add", "lamdong2", "--token", TOKEN) == 2
    assert "already registered" in capsys.readouterr().err
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", OTHER)
    assert cli(monkeypatch, tmp_path, url, "bots", "add", "main", "--token", OTHER) == 2
    assert "default bot" in capsys.readouterr().err
