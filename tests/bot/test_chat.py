"""`planbot chat` driven by a script: typed lines in, the bot's replies and numbered buttons out."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlmodel import select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.offline.chat import render_html, run_chat
from bot.settings import load_settings
from handlers.context import PlanbotContext
from storage.db import Database
from storage.models import Agency, Official, Organization, Role
from storage.text import fold


def _settings(database_url: str) -> Any:
    return load_settings(DATABASE_URL=database_url, PLANBOT_ADMIN_IDS=[])


def _arrange_commune(db: Database) -> None:
    with db.session() as session:
        org = Organization(name="UBND xã Thanh Xá", name_key=fold("UBND xã Thanh Xá"))
        session.add(org)
        session.flush()
        assert org.id is not None
        for name in (
            "Văn phòng HĐND và UBND xã",
            "Trung tâm Phục vụ hành chính công",
            "Phòng Văn hóa - Xã hội",
        ):
            session.add(Agency(organization_id=org.id, name=name, name_key=fold(name)))


async def _card(update: Update, context: PlanbotContext) -> None:
    assert update.effective_chat is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Báo cáo tiến độ", callback_data="x:report"),
                InlineKeyboardButton("Quay lại", callback_data="x:back"),
            ]
        ]
    )
    await update.effective_chat.send_message(
        "<b>II.3</b> Số hóa hồ sơ &amp; kết quả giải quyết TTHC", reply_markup=keyboard
    )


async def _pressed(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer("Đã nhận")
    await query.edit_message_text(f"Bạn đã chọn: {query.data}")


def _setup(application: Any) -> None:
    application.add_handler(CommandHandler("the", _card))
    application.add_handler(CallbackQueryHandler(_pressed, pattern=r"^x:"))
    group = application.handlers[0]
    group.insert(0, group.pop())
    group.insert(0, group.pop())


def test_render_html_is_readable() -> None:
    html = '<b>Tỷ lệ</b> 73,3% &lt;mục tiêu&gt; <a href="https://t.me/planbot_test_bot?start=abc">mở</a>'
    assert render_html(html) == "Tỷ lệ 73,3% <mục tiêu> mở (https://t.me/planbot_test_bot?start=abc)"
    assert render_html("<b>đậm</b>", color=True) == "\033[1mđậm\033[0m"


def test_scripted_chat_prints_replies_and_presses_numbered_buttons(db: Database) -> None:
    out = io.StringIO()
    code = run_chat(
        ["/the", "2", "/quit", "never sent"],
        out,
        settings=_settings(db.url),
        user_id=4242,
        name="Phạm Thu",
        setup=_setup,
    )
    text = out.getvalue()
    assert code == 0
    assert "bot> II.3 Số hóa hồ sơ & kết quả giải quyết TTHC" in text
    assert "[1] Báo cáo tiến độ  [2] Quay lại" in text
    assert "ⓘ Đã nhận" in text
    assert "bot (sửa)> Bạn đã chọn: x:back" in text
    assert "never sent" not in text


def test_chat_as_official_of_an_agency_by_abbreviation(db: Database) -> None:
    _arrange_commune(db)
    out = io.StringIO()
    code = run_chat(
        ["/start"], out, settings=_settings(db.url), role="official", agency="TTPVHCC", user_id=555
    )
    assert code == 0
    with db.session() as session:
        official = session.exec(select(Official).where(Official.telegram_user_id == 555)).one()
        agency = session.get(Agency, official.agency_id)
    assert official.role == Role.official
    assert official.full_name == "Nguyễn Văn An"
    assert agency is not None and agency.name == "Trung tâm Phục vụ hành chính công"
    text = out.getvalue()
    assert "Bạn là Nguyễn Văn An (official, Trung tâm Phục vụ hành chính công — UBND xã Thanh Xá)" in text
    assert "bot> " in text
    assert "Xin chào" in text


def test_unknown_agency_is_refused_with_the_list(db: Database) -> None:
    _arrange_commune(db)
    out = io.StringIO()
    code = run_chat([], out, settings=_settings(db.url), role="leader", agency="Công an xã")
    assert code == 2
    assert "Không tìm thấy đơn vị «Công an xã»" in out.getvalue()
    assert "Phòng Văn hóa - Xã hội" in out.getvalue()


def test_planbot_chat_subprocess_from_stdin(tmp_path: Path, db: Database) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PLANBOT_", "TELEGRAM_"))}
    environment["DATABASE_URL"] = db.url  # PostgreSQL too when PLANBOT_TEST_DATABASE_URL is set
    result = subprocess.run(
        [str(Path(sys.executable).parent / "planbot"), "chat", "--as", "admin", "--name", "Lê Hoa"],
        input="/start\n/help\n",
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "bot> Xin chào Lê Hoa!" in result.stdout
    assert "/xong — báo cáo đã xong một nhiệm vụ" in result.stdout
    assert "Traceback" not in result.stderr
