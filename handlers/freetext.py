"""Plain text that no conversation took: a question for the statistics engine, else a task search."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import MessageHandler, filters

from handlers.assign import is_my_tasks_text, send_my_tasks
from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.stats import answer_or_search_text
from handlers.tasks import send_search_results
from handlers.ui.replies import esc, reply, user_text
from handlers.ui.texts import STRANGER_TEXT

logger = logging.getLogger(__name__)


async def on_text(update: Update, context: PlanbotContext) -> None:
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(STRANGER_TEXT))
        return
    text = user_text(update).strip()  # NFC: text typed in NFD behaves the same
    if not text:  # only NUL bytes or spaces: still answer, never silence
        await reply(update, "Gõ vài từ để tìm nhiệm vụ, hoặc /help để xem hướng dẫn.")
        return
    if is_my_tasks_text(text):  # "việc của tôi": the tasks assigned to me, not my agency's figures
        await send_my_tasks(update, context, official)
        return
    lines = await answer_or_search_text(update, context, official, text)
    if lines is not None:  # not a question: the tasks it finds
        await send_search_results(update, context, official, text, lines)


def register(application: Any) -> None:
    # Private chats only: in a group the bot must not answer every message.
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, on_text)
    )
