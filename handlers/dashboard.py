"""/dashboard: a single-use login link to the leaders' dashboard (10 minutes), and the Telegram Web
App button that opens it inside Telegram (under /tyle; the weekly digest has its own, bot/runtime).

The link is sent only in a private chat (a group would hand it to everyone in it). The dashboard's
addresses come from bot/dashboard/runtime.py through Services.extra: the Web App button only for an
https public URL, as Telegram requires.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, WebAppInfo
from telegram.ext import CommandHandler

from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from plans.dashboard_login import issue_login

logger = logging.getLogger(__name__)

URL_KEY = "dashboard_url"
WEBAPP_KEY = "dashboard_webapp_url"
OFF_TEXT = "Bảng điều khiển chưa được bật trên máy chủ này (PLANBOT_DASHBOARD)."
PRIVATE_ONLY = "Liên kết đăng nhập chỉ gửi trong tin nhắn riêng: hãy nhắn /dashboard cho bot."
BUTTON_TEXT = "📊 Bảng điều khiển"


def webapp_markup(context: PlanbotContext, chat_type: str | None) -> InlineKeyboardMarkup | None:
    """The Web App button, when the dashboard has an https address and the chat is private."""
    url = context.services.extra.get(WEBAPP_KEY)
    if not url or chat_type != "private":
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(BUTTON_TEXT, web_app=WebAppInfo(str(url)))]])


async def offer_dashboard(update: Update, context: PlanbotContext) -> None:
    """A short line with the Web App button under an answer (nothing when it cannot be opened)."""
    chat = update.effective_chat
    markup = webapp_markup(context, chat.type if chat is not None else None)
    if markup is not None:
        await reply(update, "Xem toàn bộ kế hoạch theo đơn vị, tình trạng, qua các kỳ:", reply_markup=markup)


async def dashboard_command(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        await reply(update, esc(PRIVATE_ONLY))
        return
    base = context.services.extra.get(URL_KEY)
    if not base:
        await reply(update, esc(OFF_TEXT))
        return
    token = await context.db.run(
        issue_login,
        telegram_user_id=official.telegram_user_id,
        admin_ids=context.services.admin_ids,
    )
    if token is None:
        return
    link = f"{base}login?t={token}"
    logger.info("Dashboard login link issued to official %s", official.id)
    await reply(
        update,
        "🔐 <b>Đăng nhập bảng điều khiển</b> trên máy tính: mở liên kết dưới đây rồi bấm «Đăng nhập».\n"
        f"{esc(link)}\n"  # written out (Telegram links it): a PC user may copy it into their browser
        "Liên kết dùng được <b>một lần</b> và hết hạn sau <b>10 phút</b>; đừng chuyển cho người khác.",
        reply_markup=webapp_markup(context, chat.type),
    )


def register(application: Any) -> None:
    application.add_handler(CommandHandler("dashboard", dashboard_command))
