"""Helpers shared by handlers: who is writing, replies that respect Telegram's limits."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup, Message, Update

from handlers.context import PlanbotContext
from storage.models import Official, Role
from storage.queries.officials import ensure_config_admin, official_by_telegram_id
from storage.text import nfc

logger = logging.getLogger(__name__)

MAX_TEXT = 4096

STRANGER_TEXT = (
    "Xin chào! Bot này chỉ dành cho cán bộ, công chức đã được mời.\n"
    "Vui lòng liên hệ quản trị viên của xã/phường để nhận đường dẫn mời "
    "(dạng https://t.me/…?start=…), rồi mở đường dẫn đó để đăng ký."
)
NO_PERMISSION_TEXT = "Không có quyền thực hiện thao tác này."


def esc(text: object) -> str:
    """HTML-escape anything shown to the user (task content and user text alike)."""
    return html.escape(str(text), quote=False)


def user_text(update: Update) -> str:
    message = update.effective_message
    return nfc(message.text or message.caption or "") if message is not None else ""


async def current_official(update: Update, context: PlanbotContext) -> Official | None:
    """The registered, active official behind this update (admins from the config are created)."""
    user = update.effective_user
    if user is None:
        return None
    known, official = context.remembered_official(user.id)
    if known:  # read with the update's claim (bot/dedupe.py)
        return official if official is not None and official.active else None
    chat_id = update.effective_chat.id if update.effective_chat else None
    if user.id in context.services.admin_ids:
        return await context.db.run(
            ensure_config_admin,
            telegram_user_id=user.id,
            full_name=nfc(user.full_name),
            username=user.username,
            chat_id=chat_id,
        )
    official = await context.db.run(official_by_telegram_id, telegram_user_id=user.id)
    if official is None or not official.active:
        return None
    return official


async def require_official(
    update: Update, context: PlanbotContext, *, roles: Sequence[str] | None = None
) -> Official | None:
    """Return the official, or answer a stranger / an unauthorised user and return None."""
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(STRANGER_TEXT))
        return None
    if roles is not None and official.role not in roles and official.role != Role.admin:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return None
    return official


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
