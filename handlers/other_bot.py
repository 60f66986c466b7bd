"""In a deployment of several bots (one per province, say), an official may write to a bot that is
not the one serving their commune. They are answered all the same (they chose to talk to this bot,
and every bot reads the same database), but the morning reminders come from their commune's bot,
and a bot cannot write first to someone who never opened it: so the first time, after the answer,
they are told which bot sends their reminders and to press «Bắt đầu» there.

Registered by the runner of several bots (bot/runtime/many_bots.py) only; Services.extra carries
this bot's account id (None: the default bot) and every bot's username."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import TypeHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc
from plans.bots import served_elsewhere_once

logger = logging.getLogger(__name__)

ACCOUNT_KEY = "bot_account"  # Services.extra: this bot's BotAccount id, None for the default bot
USERNAMES_KEY = "bot_usernames"  # Services.extra: BotAccount id (None: default) → bot username
HINT_GROUP = 90  # after every handler: the answer first, then the hint
TOLD_KEY = "bot_hint_told"  # bot_data: users already told (or checked) by this process


def hint_text(organization: str, username: str | None) -> str:
    if username is None:
        return f"ℹ️ Nhắc việc hằng ngày của {esc(organization)} do một bot khác của hệ thống gửi."
    return (
        f"ℹ️ Nhắc việc hằng ngày của {esc(organization)} do bot @{esc(username)} gửi. "
        f"Hãy mở @{esc(username)} và bấm «Bắt đầu» để nhận nhắc việc; "
        "anh/chị vẫn dùng được bot này như thường."
    )


async def hint_other_bot(update: Update, context: PlanbotContext) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != "private" or update.message is None:
        return
    usernames: dict[int | None, str] | None = context.services.extra.get(USERNAMES_KEY)
    told: set[int] = context.application.bot_data.setdefault(TOLD_KEY, set())
    if not usernames or user.id in told:
        return
    official = await current_official(update, context)
    if official is None:
        return
    told.add(user.id)  # one check per user and process; the database keeps "told" across them
    here = context.services.extra.get(ACCOUNT_KEY)
    elsewhere = await context.db.run(
        served_elsewhere_once,
        organization_id=official.organization_id,
        bot_id=here,
        telegram_user_id=user.id,
    )
    if elsewhere is None:
        return
    try:
        await chat.send_message(hint_text(elsewhere.organization, usernames.get(elsewhere.bot_id)))
    except TelegramError:
        logger.warning("Could not tell chat %s which bot sends its reminders", chat.id, exc_info=True)


def register(application: Any) -> None:
    application.add_handler(TypeHandler(Update, hint_other_bot), group=HINT_GROUP)  # type: ignore[arg-type]
