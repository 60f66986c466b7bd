"""`planbot invite`: prints a deep link; the bot username from the setting or from getMe."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sqlmodel import select

from bot.commands.invite import run_invite
from bot.offline.fake import FakeTelegram
from bot.settings import load_settings
from plans.bots import add_bot
from storage.db import Database
from storage.models import Invite
from tests.support.commune import build_world


def args(agency: str, role: str = "official", org: str | None = None, days: int = 7) -> argparse.Namespace:
    return argparse.Namespace(agency=agency, role=role, org=org, days=days)


def test_invite_with_configured_username(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build_world(db)
    settings = load_settings(DATABASE_URL=db.url, PLANBOT_BOT_USERNAME="@xa_thanh_xa_bot")
    assert run_invite(args("phong van hoa xa hoi", "leader"), settings) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("https://t.me/xa_thanh_xa_bot?start=")
    with db.session() as session:
        [invite] = session.exec(select(Invite)).all()
    assert link.endswith(invite.code) and invite.role == "leader"


def test_unknown_and_ambiguous_agencies_are_clear_errors(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    build_world(db)
    settings = load_settings(DATABASE_URL=db.url, PLANBOT_BOT_USERNAME="xa_bot")
    assert run_invite(args("Phòng Tài nguyên và Môi trường"), settings) == 2
    assert "no agency matches" in capsys.readouterr().err
    # Both communes have a Trung tâm Phục vụ hành chính công.
    assert run_invite(args("Trung tâm Phục vụ hành chính công"), settings) == 2
    err = capsys.readouterr().err
    assert "ambiguous" in err and "UBND xã Thanh Hà" in err
    assert run_invite(args("Trung tâm Phục vụ hành chính công", org="Thanh Xá"), settings) == 0
    with db.session() as session:
        assert len(session.exec(select(Invite)).all()) == 1


def test_invite_asks_getme_for_the_username(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build_world(db)
    with FakeTelegram.run_in_thread(bot_username="thanhxa_planbot") as tg:
        settings = load_settings(
            DATABASE_URL=db.url,
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.base_url,
            TELEGRAM_API_FILE_URL=tg.file_url,
        )
        assert run_invite(args("Văn phòng HĐND và UBND xã", "admin"), settings) == 0
    assert capsys.readouterr().out.startswith("https://t.me/thanhxa_planbot?start=")


TOKEN_B = "7012345678:AAHn3xQv_9kYtR2mZpLwE8sDfGhJkLzXcVb"


def test_an_invite_opens_the_bot_serving_the_agencys_organization(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Thanh Hà is bound to bot "lamdong": its invites open that bot, Thanh Xá's the default one."""
    build_world(db)
    with db.session() as session:
        add_bot(session=session, name="lamdong", token=TOKEN_B, organizations=["UBND xã Thanh Hà"])
    with FakeTelegram.run_in_thread(bot_username="thanhxa_planbot") as tg:
        tg.add_bot(TOKEN_B, bot_username="lamdong_planbot")
        settings = load_settings(
            DATABASE_URL=db.url,
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.base_url,
            TELEGRAM_API_FILE_URL=tg.file_url,
            PLANBOT_BOT_USERNAME="thanhxa_planbot",  # the default bot's, not the other bot's
        )
        assert run_invite(args("Trung tâm Phục vụ hành chính công", org="Thanh Hà"), settings) == 0
        assert capsys.readouterr().out.startswith("https://t.me/lamdong_planbot?start=")
        assert run_invite(args("Trung tâm Phục vụ hành chính công", org="Thanh Xá"), settings) == 0
        assert capsys.readouterr().out.startswith("https://t.me/thanhxa_planbot?start=")
        rows = tmp_path / "ds.csv"
        rows.write_text(
            "Họ tên,Cơ quan,Vai trò\nAn,Trung tâm Phục vụ hành chính công,cán bộ\n", encoding="utf-8"
        )
        csv_args = argparse.Namespace(agency=None, role="official", org="Thanh Hà", days=7, csv=str(rows),
                                      out=None, no_approval=False)  # fmt: skip
        assert run_invite(csv_args, settings) == 0
        assert "https://t.me/lamdong_planbot?start=" in capsys.readouterr().out
