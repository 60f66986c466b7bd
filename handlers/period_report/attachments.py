"""The files attached to a task's reports, sent back from the card's "📎 …" buttons
(handlers/ui/views.attachment_buttons) to anyone who may see the task."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks_period import ReportAttachment
from handlers.ui.replies import esc
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.attachments import attachment_for

logger = logging.getLogger(__name__)


async def send_attachment(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    pressed = ReportAttachment.parse(query.data if query else None)
    if query is None or pressed is None:
        return
    official = await current_official(update, context)
    found = (
        await context.db.run(
            attachment_for, official=official, report_id=pressed.report_id, today=context.day
        )
        if official is not None
        else None
    )
    if found is None:  # re-authorised: the button proves nothing
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    await query.answer()
    chat = update.effective_chat
    if chat is None:
        return
    try:
        await context.bot.send_document(
            chat.id, document=found.file_id, caption=f"{esc(found.name)} — nhiệm vụ {esc(found.task_code)}"
        )
    except TelegramError as exc:
        logger.info("attachment of report %s not sent: %s", pressed.report_id, exc)
        await context.bot.send_message(chat.id, "Không gửi được tệp này (tệp không còn trên Telegram).")
