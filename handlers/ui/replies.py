"""Replies that respect Telegram's limits: escaping, splitting long texts, inline buttons."""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from handlers.ui.callbacks import Callback
from storage.text import nfc

MAX_TEXT = 4096
MAX_CAPTION = 1024

Held = list[tuple[Update, str, InlineKeyboardMarkup | None]]
# While a draft's step runs, its replies wait here until its state is stored (handlers/ui/draft_store.py).
_HELD: ContextVar[Held | None] = ContextVar("planbot_held_replies", default=None)


@contextmanager
def held_replies() -> Iterator[Held]:
    """Replies made inside are collected (in order), not sent; the caller sends them afterwards."""
    outbox: Held = []
    token = _HELD.set(outbox)
    try:
        yield outbox
    finally:
        _HELD.reset(token)


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


def tg_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


_PIECE = re.compile(r"<[^>]*>|&[#\w]+;|.", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-z\-]+)[^>]*>", re.IGNORECASE)


def _hard_cut(line: str, limit: int) -> list[str]:
    """Cut one over-long HTML line into parts of at most `limit` UTF-16 units, never inside a tag or
    an entity ("&amp;" cut in two is "Can't parse entities"), closing the tags still open at each
    cut and opening them again in the next part."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    open_tags: list[tuple[str, str]] = []  # (name, the opening tag as written)
    for piece in _PIECE.findall(line):
        tag = _TAG.fullmatch(piece)
        closing = "".join(f"</{name}>" for name, _ in reversed(open_tags))
        if size + tg_len(piece) + tg_len(closing) > limit and current:
            parts.append("".join(current) + closing)
            current = [opening for _, opening in open_tags]
            size = sum(tg_len(opening) for opening in current)
        current.append(piece)
        size += tg_len(piece)
        if tag is not None:
            name = tag.group(2).lower()
            if tag.group(1):
                if open_tags and open_tags[-1][0] == name:
                    open_tags.pop()
            else:
                open_tags.append((name, piece))
    if current:
        parts.append("".join(current))
    return parts


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split a long HTML reply on line boundaries so every part stays under Telegram's limit
    (counted in UTF-16 units on the HTML itself, which is never shorter than what Telegram shows)."""
    if tg_len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        if tg_len(line) > limit:  # a single monstrous line: cut it where HTML allows
            if current:
                parts.append(current)
                current = ""
            *whole, line = _hard_cut(line, limit)
            parts.extend(whole)
        candidate = f"{current}\n{line}" if current else line
        if tg_len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def clip(text: str, limit: int) -> str:
    """The start of an HTML text that fits `limit` UTF-16 units (a caption: 1,024), cut safely, with
    "…" when something was left out."""
    if tg_len(text) <= limit:
        return text
    return _hard_cut(text, limit - 1)[0] + "…"


async def reply(
    update: Update, text: str, *, reply_markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send text (already HTML-safe) to the chat of the update; buttons go on the last part."""
    chat = update.effective_chat
    if chat is None:
        return None
    held = _HELD.get()
    if held is not None:
        held.append((update, text, reply_markup))
        return None
    parts = split_text(text)
    sent: Message | None = None
    for index, part in enumerate(parts):
        markup = reply_markup if index == len(parts) - 1 else None
        sent = await chat.send_message(part, reply_markup=markup)
    return sent


@contextlib.asynccontextmanager
async def answering(query: CallbackQuery) -> AsyncIterator[None]:
    """Answer a press (the button's spinner stops) while the body reads and shows what it asked for:
    the two Bot API calls overlap the database's work instead of following each other. For a press
    whose answer does not depend on what the body finds (an alert for a stale button would)."""
    answered = asyncio.ensure_future(query.answer())
    try:
        yield
    except BaseException:
        answered.cancel()
        with contextlib.suppress(BaseException):
            await answered
        raise
    await answered


async def show_text(
    query: CallbackQuery, update: Update, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Edit the pressed message in place; a card too long for one message is sent as new messages."""
    if tg_len(text) > MAX_TEXT:
        await reply(update, text, reply_markup=markup)
        return
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" when the same page is pressed again
        if "not modified" not in str(exc).lower():
            raise
