"""Handle each Telegram update once, also across processes and restarts.

Telegram delivers an update again when the offset was not confirmed before a restart, and in webhook
mode a retried delivery may reach another process behind the load balancer. A TypeHandler in group -1
claims the update id in the database (one INSERT) before any other handler runs; a copy already
claimed stops there. The same transaction reads the sender's Official, which the handlers then use
(`handlers.common.current_official`): one database round trip per update instead of two.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import OperationalError, SQLAlchemyError
from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from handlers.context import PlanbotContext
from storage.models import utcnow
from storage.queries.updates import begin_update, prune_processed_updates
from storage.text import nfc

logger = logging.getLogger(__name__)

DEDUPE_GROUP = -2  # first of all; handlers/notices.py runs in -1
KEEP_FOR = timedelta(days=2)  # redeliveries come within minutes; Telegram keeps updates 24 hours
PRUNE_EVERY = 1000  # claims between two prunes (and once at the first claim after a start)


def update_digest(update: Update) -> str:
    """A fingerprint of the update's content: a redelivery is byte-for-byte the same update."""
    raw = json.dumps(update.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()


class UpdateDeduplicator:
    """The group -1 callback; counts its claims to prune old ones from time to time."""

    def __init__(self, *, prune_every: int = PRUNE_EVERY, keep_for: timedelta = KEEP_FOR) -> None:
        self.prune_every = prune_every
        self.keep_for = keep_for
        self.claims = 0

    async def __call__(self, update: Update, context: PlanbotContext) -> None:
        user = update.effective_user
        try:
            start = await context.db.run(
                begin_update,
                update_id=update.update_id,
                digest=update_digest(update),
                telegram_user_id=user.id if user is not None else None,
                config_admin=user is not None and user.id in context.services.admin_ids,
                full_name=nfc(user.full_name) if user is not None else "",
                username=user.username if user is not None else None,
                chat_id=update.effective_chat.id if update.effective_chat is not None else None,
            )
        except OperationalError:
            # Database down or locked: better to handle the update (maybe twice) than to drop it.
            logger.warning(
                "Could not record update %s as handled (database unavailable); handling it anyway",
                update.update_id,
            )
            return
        if not start.fresh:
            logger.info("Update %s was already handled; ignoring the copy", update.update_id)
            raise ApplicationHandlerStop
        if user is not None:
            context.remember_official(user.id, start.official)
        if self.claims % self.prune_every == 0:
            await self._prune(context)
        self.claims += 1

    async def _prune(self, context: PlanbotContext) -> None:
        try:
            removed = await context.db.run(prune_processed_updates, before=utcnow() - self.keep_for)
        except SQLAlchemyError:  # a prune can wait for the next round
            logger.warning("Could not prune the handled-update ids", exc_info=True)
            return
        logger.debug("Pruned %s handled-update ids", removed)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> UpdateDeduplicator:
    """Add the claim handler before every other handler (group -1)."""
    deduplicator = UpdateDeduplicator()
    application.add_handler(TypeHandler(Update, deduplicator), group=DEDUPE_GROUP)  # type: ignore[arg-type]
    return deduplicator
