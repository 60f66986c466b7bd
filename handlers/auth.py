"""Who is writing: the registered official behind an update, and the refusal for anyone else."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update

from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT, STRANGER_TEXT
from plans.officials import official_for_user
from storage.models import Official, Role
from storage.text import nfc


async def current_official(update: Update, context: PlanbotContext) -> Official | None:
    """The registered, active official behind this update (admins from the config are created)."""
    user = update.effective_user
    if user is None:
        return None
    known, official = context.remembered_official(user.id)
    if known:  # read with the update's claim (bot/dedupe.py)
        return official if official is not None and official.active else None
    chat = update.effective_chat
    return await context.db.run(
        official_for_user,
        telegram_user_id=user.id,
        config_admin=user.id in context.services.admin_ids,
        full_name=nfc(user.full_name),
        username=user.username,
        # The writer is effective_user; only a private chat is theirs to be written to (a group's
        # id must never become where their digests go).
        chat_id=chat.id if chat is not None and chat.type == "private" else None,
    )


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
