"""Messages a finished action could not deliver: "✅ Đã ghi nhận báo cáo…" failing with a 500 after
the report was stored would leave the user with no word that it was saved. The text is kept in the
user's data (persisted) and sent before whatever the user sends or presses next."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import TypeHandler

from handlers.context import PlanbotContext

logger = logging.getLogger(__name__)

NOTICE_KEY = "undelivered"
NOTICE_GROUP = -1  # after the update's claim (bot/runtime/dedupe.py, group -2), before every handler
KEPT = 3  # the latest few: the user needs to know what was saved, not a backlog
HEADER = "ℹ️ Tin nhắn trước của bot chưa gửi tới anh/chị được:"


def keep_notice(user_data: dict[Any, Any], text: str) -> None:
    notices = user_data.get(NOTICE_KEY)
    kept = [n for n in notices if isinstance(n, str)] if isinstance(notices, list) else []
    user_data[NOTICE_KEY] = [*kept, text][-KEPT:]


async def deliver_notices(update: Update, context: PlanbotContext) -> None:
    data = context.user_data
    chat = update.effective_chat
    if not data or not data.get(NOTICE_KEY) or chat is None or chat.type != "private":
        return
    notices = [n for n in data.get(NOTICE_KEY) or [] if isinstance(n, str)]
    for text in notices:
        try:
            await chat.send_message(f"{HEADER}\n{text}")
        except TelegramError:  # still failing: keep it for the next update
            logger.warning("Could not deliver a kept notice to chat %s", chat.id, exc_info=True)
            return
        notices = notices[1:]
        data[NOTICE_KEY] = notices
    data.pop(NOTICE_KEY, None)


def register(application: Any) -> None:
    application.add_handler(TypeHandler(Update, deliver_notices), group=NOTICE_GROUP)  # type: ignore[arg-type]
