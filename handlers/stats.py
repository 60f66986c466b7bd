"""Placeholder: the leaders' statistics feature owns this module."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import PlanbotContext
from storage.models import Official


async def try_answer_question(update: Update, context: PlanbotContext, official: Official, text: str) -> bool:
    """Answer text that asks about progress; return False when it is not such a question."""
    return False


def register(application: Any) -> None:
    return None
