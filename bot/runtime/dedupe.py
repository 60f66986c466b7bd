"""Handle each Telegram update once, also across processes and restarts.

Telegram delivers an update again when the offset was not confirmed before a restart, and in webhook
mode a retried delivery may reach another process behind the load balancer. A TypeHandler in group -1
claims the update id in the database (one INSERT) before any other handler runs; a copy already
claimed stops there. The same transaction reads the sender's Official, which the handlers then use
(`handlers.common.current_official`): one database round trip per update instead of two.

For a user's update the claim is made earlier, in the transaction that takes the user's state lock
(bot/runtime/shared_state.py); that transaction stashes its `UpdateStart`, and the handler here only
acts on it: a copy already claimed still stops here, with no database call of its own.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session
from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from handlers.context import PlanbotContext
from storage.models import utcnow
from storage.queries.updates import UpdateStart, begin_update, prune_processed_updates
from storage.text import nfc

logger = logging.getLogger(__name__)

DEDUPE_GROUP = -2  # first of all; handlers/notices.py runs in -1
KEEP_FOR = timedelta(days=2)  # redeliveries come within minutes; Telegram keeps updates 24 hours
PRUNE_EVERY = 1000  # claims between two prunes (and once at the first claim after a start)


def update_digest(update: Update) -> str:
    """A fingerprint of the update's content: a redelivery is byte-for-byte the same update. The
    receiving bot's id is part of it: each bot of a deployment numbers its updates on its own, so the
    same id (even the same text from the same user) at two bots is two updates."""
    try:
        receiver = update.get_bot().token.partition(":")[0]
    except RuntimeError:  # an update built without a bot (some tests): content alone
        receiver = ""
    return hashlib.blake2b((receiver + _content(update)).encode("utf-8"), digest_size=16).hexdigest()


def _content(update: Update) -> str:
    """What tells one update from another. For the two kinds nearly every update is (a private
    message, a button press), the fields that identify it, read directly: serializing the whole update
    cost about 0.4 ms, a third of everything else done before the handlers. Anything else in full."""
    query = update.callback_query
    if query is not None:
        shown = query.message.message_id if query.message is not None else None
        return json.dumps(["callback", query.id, query.from_user.id, query.data, shown], ensure_ascii=False)
    message = update.message
    if message is not None:
        document = message.document.file_unique_id if message.document is not None else None
        photo = message.photo[-1].file_unique_id if message.photo else None
        sender = message.from_user.id if message.from_user is not None else None
        fields = [message.message_id, message.chat.id, sender, message.date.timestamp(), message.text]
        return json.dumps(["message", *fields, message.caption, document, photo], ensure_ascii=False)
    return json.dumps(update.to_dict(), sort_keys=True, ensure_ascii=False, default=str)


def begin_arguments(update: Update, admin_ids: frozenset[int]) -> dict[str, Any]:
    """The keyword arguments of `begin_update` for this update."""
    user = update.effective_user
    return {
        "update_id": update.update_id,
        "digest": update_digest(update),
        "telegram_user_id": user.id if user is not None else None,
        "config_admin": user is not None and user.id in admin_ids,
        "full_name": nfc(user.full_name) if user is not None else "",
        "username": user.username if user is not None else None,
        "chat_id": update.effective_chat.id if update.effective_chat is not None else None,
    }


def begin_in(session: Session, arguments: dict[str, Any]) -> UpdateStart:
    """begin_update inside another transaction (the state lock's take, shared_state.py)."""
    return begin_update(session=session, **arguments)


def _started_with_lock(context: PlanbotContext, update: Update) -> UpdateStart | None:
    """The claim made with the user's state lock (shared_state.py), if that transaction made it."""
    shared = getattr(context.application.update_processor, "shared", None)
    started: Any = getattr(shared, "started", None)
    if not isinstance(started, dict):
        return None
    start = started.pop(update.update_id, None)
    return start if isinstance(start, UpdateStart) else None


class UpdateDeduplicator:
    """The group -1 callback; counts its claims to prune old ones from time to time."""

    def __init__(self, *, prune_every: int = PRUNE_EVERY, keep_for: timedelta = KEEP_FOR) -> None:
        self.prune_every = prune_every
        self.keep_for = keep_for
        self.claims = 0

    async def __call__(self, update: Update, context: PlanbotContext) -> None:
        user = update.effective_user
        try:
            start = _started_with_lock(context, update)
            if start is None:
                start = await context.db.run_step(
                    begin_update, **begin_arguments(update, context.services.admin_ids)
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
