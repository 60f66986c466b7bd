"""Replies that respect Telegram's limits: escaping, splitting long texts, inline buttons."""

from __future__ import annotations

import html
from collections.abc import Sequence

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from handlers.ui.callbacks import Callback
from storage.text import nfc

MAX_TEXT = 4096


def esc(text: object) -> str:
    """HTML-escape anything shown to the user (task content and user text alike)."""
    return html.escape(str(text), quote=False)


def user_text(update: Update) -> str:
    message = update.effective_message
    return nfc(message.text or message.caption or "") if message is not None else ""


def buttons(*rows: Sequence[tuple[str, Callback]]) -> InlineKeyboardMarkup:
    """An inline keyboard: each button a label and the typed callback it carries."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(text, callback_data=callback.data()) for text, callback in row]
            for row in rows
        ]
    )


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split a long HTML reply on line boundaries so every part stays under Telegram's limit."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single monstrous line: hard cut
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


async def reply(
    update: Update, text: str, *, reply_markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send text (already HTML-safe) to the chat of the update; buttons go on the last part."""
    chat = update.effective_chat
    if chat is None:
        return None
    parts = split_text(text)
    sent: Message | None = None
    for index, part in enumerate(parts):
        markup = reply_markup if index == len(parts) - 1 else None
        sent = await chat.send_message(part, reply_markup=markup)
    return sent


async def show_text(
    query: CallbackQuery, update: Update, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Edit the pressed message in place; a card too long for one message is sent as new messages."""
    if len(text) > MAX_TEXT:
        await reply(update, text, reply_markup=markup)
        return
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" when the same page is pressed again
        if "not modified" not in str(exc).lower():
            raise
