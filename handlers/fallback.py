"""Last handlers: unknown commands, stickers and anything else get a short hint, never silence."""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from handlers.ui.texts import STRANGER_TEXT

UNKNOWN_COMMAND_TEXT = "Tôi không hiểu lệnh này. Gõ /help để xem các lệnh, hoặc gõ vài từ để tìm nhiệm vụ."
OTHER_TEXT = "Tôi chỉ đọc được tin nhắn chữ. Gõ /viec để xem việc, /help để xem hướng dẫn."
NOTHING_TO_CANCEL = "Không có thao tác nào đang làm dở."
STALE_BUTTON = "Nút này không còn dùng được. Gõ lại lệnh để tiếp tục."


async def _hint(update: Update, context: PlanbotContext, text: str) -> None:
    if update.effective_chat is None or update.effective_chat.type != "private":
        return  # never chatter in groups
    if await current_official(update, context) is None:
        await reply(update, esc(STRANGER_TEXT))
        return
    await reply(update, esc(text))


async def cancel_nothing(update: Update, context: PlanbotContext) -> None:
    await _hint(update, context, NOTHING_TO_CANCEL)


async def unknown_command(update: Update, context: PlanbotContext) -> None:
    await _hint(update, context, UNKNOWN_COMMAND_TEXT)


async def other_message(update: Update, context: PlanbotContext) -> None:
    await _hint(update, context, OTHER_TEXT)


async def stale_button(update: Update, context: PlanbotContext) -> None:
    if update.callback_query is not None:
        # A redelivered or very late press: Telegram refuses to answer the query twice ("query is
        # too old"); that is no reason to apologise to the user.
        with contextlib.suppress(BadRequest):
            await update.callback_query.answer(STALE_BUTTON)


def register(application: Any) -> None:
    application.add_handler(CommandHandler("huy", cancel_nothing))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, other_message))
    application.add_handler(CallbackQueryHandler(stale_button))
