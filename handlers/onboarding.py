"""Placeholder: invites and onboarding are owned by the officials feature."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import PlanbotContext
from handlers.common import STRANGER_TEXT, esc, reply


async def redeem_invite(update: Update, context: PlanbotContext, code: str) -> None:
    await reply(update, esc(STRANGER_TEXT))


def register(application: Any) -> None:
    return None
