"""The buttons of a leader's escalation notice: "Nhắc đơn vị" reminds the agency's officials,
"Yêu cầu giải trình" asks the agency for an explanation (its officials get a "Giải trình" button,
handlers/explanations/). Both are re-authorised by the use cases (reminders/escalation_actions.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import CallbackQueryHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import AskExplanation, RemindAgency, action_data
from handlers.ui.replies import reply
from handlers.ui.texts import STALE_BUTTON_TEXT, STRANGER_TEXT
from reminders.digest import Button
from reminders.escalation_actions import ActionResult, Outgoing, ask_explanation, remind_agency

logger = logging.getLogger(__name__)


def markup(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """Digest-style buttons (text, action, id) as an inline keyboard, through the callback registry."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=action_data(b.action, b.task_id)) for b in row]
            for row in rows
        ]
    )


async def deliver(context: PlanbotContext, messages: Sequence[Outgoing]) -> int:
    """Send each message; return how many arrived (a blocked or unknown chat is skipped)."""
    arrived = 0
    for message in messages:
        try:
            await context.bot.send_message(
                message.chat_id, message.text, reply_markup=markup(message.buttons)
            )
            arrived += 1
        except Forbidden:
            logger.info("official %s blocked the bot; not reminded", message.official_id)
        except TelegramError as exc:
            logger.warning("could not reach official %s: %s", message.official_id, exc)
    return arrived


async def _press(update: Update, context: PlanbotContext, action: Any) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await current_official(update, context)
    if official is None:
        await query.answer(STRANGER_TEXT[:190], show_alert=True)
        return
    pressed = RemindAgency.parse(query.data) or AskExplanation.parse(query.data)
    if pressed is None:
        await query.answer(STALE_BUTTON_TEXT)
        return
    result: ActionResult = await context.db.run(
        action, official=official, escalation_id=pressed.escalation_id, now=context.clock.now()
    )
    await query.answer()
    await deliver(context, result.messages)
    await reply(update, result.text)


async def on_remind(update: Update, context: PlanbotContext) -> None:
    await _press(update, context, remind_agency)


async def on_explain(update: Update, context: PlanbotContext) -> None:
    await _press(update, context, ask_explanation)


def register(application: Any) -> None:
    application.add_handler(CallbackQueryHandler(on_remind, pattern=RemindAgency.pattern()))
    application.add_handler(CallbackQueryHandler(on_explain, pattern=AskExplanation.pattern()))
