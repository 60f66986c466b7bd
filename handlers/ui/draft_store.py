"""One store for the drafts that conversations keep in user_data (/xong, giải trình, the period
report), written to the database at every step.

PTB's persistence writes user_data and conversation states only every `update_interval` and at a
clean stop: a `kill -9` between a step's reply and that flush used to lose the step, and the next
message then fell through to the free-text search. Here each step's draft and its conversation
state are handed to the persistence *before* the step's replies go out (the replies are held
while the step runs, then sent), so whatever the user saw answered is already stored.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, TypeHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.notices import keep_notice
from handlers.ui.replies import answering, esc, held_replies, reply
from storage.models import Official

logger = logging.getLogger(__name__)

END = ConversationHandler.END
STRANGER_SHORT = "Bạn chưa được đăng ký sử dụng bot. Vui lòng liên hệ quản trị viên để nhận lời mời."


class Storable(Protocol):
    touched: str

    def to_dict(self) -> dict[str, Any]: ...


D = TypeVar("D", bound=Storable)
T = TypeVar("T")
Handler = Callable[[Update, PlanbotContext], Coroutine[Any, Any, object]]


def user_data(context: PlanbotContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


async def ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


def acking(update: Update) -> contextlib.AbstractAsyncContextManager[None]:
    """A press answered while the step runs (handlers/ui/replies.answering); nothing for a message."""
    query = update.callback_query
    return answering(query) if query is not None else contextlib.nullcontext()


async def persist_now(
    update: Update, context: PlanbotContext, *, conversation: str | None = None, state: object = None
) -> None:
    """Hand the user's data (and the conversation's new state) to the persistence at once."""
    persistence = context.application.persistence
    user = update.effective_user
    if persistence is None or user is None:
        return
    chat = update.effective_chat
    key = (chat.id if chat is not None else user.id, user.id)
    stored = None if state == END else state
    if isinstance(persistence, StepWriter):  # both in one database call, none if nothing changed
        await persistence.update_step(
            user.id, user_data(context), conversation=conversation, key=key, state=stored
        )
        return
    if conversation is not None:
        await persistence.update_conversation(conversation, key, stored)
    await persistence.update_user_data(user.id, copy.deepcopy(user_data(context)))


@runtime_checkable
class StepWriter(Protocol):
    """A persistence that writes a step's state and user data together (bot/runtime/persistence.py)."""

    async def update_step(
        self,
        user_id: int,
        data: dict[Any, Any],
        *,
        conversation: str | None,
        key: tuple[int, int],
        state: object | None,
    ) -> None: ...


@runtime_checkable
class StateInTransaction(Protocol):
    """A persistence that writes a conversation's state in the same transaction as a use case
    (bot/runtime/persistence.py)."""

    async def run_with_state(
        self,
        fn: Callable[..., T],
        kwargs: dict[str, Any],
        *,
        user_id: int,
        conversation: str | None,
        key: tuple[int, int],
        state: object | None,
        data: dict[Any, Any],
    ) -> T: ...


async def _run_with_state(
    update: Update,
    context: PlanbotContext,
    fn: Callable[..., T],
    *,
    conversation: str | None,
    kwargs: dict[str, Any],
) -> T:
    persistence = context.application.persistence
    user = update.effective_user
    if not isinstance(persistence, StateInTransaction) or user is None:
        return await context.db.run_step(fn, **kwargs)
    chat = update.effective_chat
    return await persistence.run_with_state(
        fn,
        kwargs,
        user_id=user.id,
        conversation=conversation,
        key=(chat.id if chat is not None else user.id, user.id),
        state=None,
        data=user_data(context),
    )


@dataclass(frozen=True)
class DraftStore(Generic[D]):
    """Where one kind of draft lives: its user_data key, how it is read back, its idle limit, the
    ConversationHandler whose state is written with it, and what the user is told when it is gone."""

    key: str
    read: Callable[[dict[str, Any]], D]
    idle: timedelta | None
    gone_text: str
    expired_text: str
    conversation: str | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def load(self, context: PlanbotContext) -> D | None:
        raw = user_data(context).get(self.key)
        return self.read(raw) if isinstance(raw, dict) else None

    def save(self, context: PlanbotContext, draft: D) -> None:
        draft.touched = self.clock().isoformat()
        user_data(context)[self.key] = draft.to_dict()

    def clear(self, context: PlanbotContext) -> None:
        user_data(context).pop(self.key, None)

    def expired(self, draft: D) -> bool:
        if self.idle is None:
            return False
        try:
            return self.clock() - datetime.fromisoformat(draft.touched) > self.idle
        except ValueError:
            return True

    async def held(
        self, update: Update, context: PlanbotContext, run: Callable[[], Awaitable[object]]
    ) -> object:
        """Run a step with its replies held; store its draft and state; then send the replies."""
        with held_replies() as outbox:
            state = await run()
        await persist_now(update, context, conversation=self.conversation, state=state)
        for index, (update_, text, markup) in enumerate(outbox):
            try:
                await reply(update_, text, reply_markup=markup)
            except TelegramError:
                if state != END:
                    raise
                # The action is done (a report stored): the user hears of it with their next update.
                logger.warning("The confirmation of a finished step could not be sent", exc_info=True)
                for _update, later, _markup in outbox[index:]:
                    keep_notice(user_data(context), later)
                await persist_now(update, context)
                break
        return state

    def step(self, fn: Callable[[Update, PlanbotContext, D, Official], Awaitable[object]]) -> Handler:
        """Every state handler: the draft must exist and be fresh, the user still registered; the
        draft the step changed is stored with the state it returns, before its replies are sent."""

        @wraps(fn)
        async def wrapper(update: Update, context: PlanbotContext) -> object:
            async def run() -> object:
                draft = self.load(context)
                if draft is None:
                    await reply(update, esc(self.gone_text))
                    return END
                if self.expired(draft):
                    self.clear(context)
                    await reply(update, esc(self.expired_text))
                    return END
                official = await current_official(update, context)
                if official is None:
                    self.clear(context)
                    await reply(update, esc(STRANGER_SHORT))
                    return END
                state = await fn(update, context, draft, official)
                if state != END:
                    self.save(context, draft)
                return state

            async with acking(update):
                return await self.held(update, context, run)

        return wrapper

    async def finish(
        self, update: Update, context: PlanbotContext, fn: Callable[..., T], /, **kwargs: Any
    ) -> T:
        """Run the use case that ends the conversation (a report stored) with the draft dropped: the
        conversation's end and the user's data are written in the use case's own transaction. If the
        use case fails, the draft is put back, so pressing Gửi again still has it."""
        data = user_data(context)
        kept = data.pop(self.key, None)
        try:
            return await _run_with_state(update, context, fn, conversation=self.conversation, kwargs=kwargs)
        except BaseException:
            if kept is not None:
                data[self.key] = kept
            raise

    def timeout(self, fn: Callable[[Update, PlanbotContext], Awaitable[None]]) -> Handler:
        """A ConversationHandler.TIMEOUT callback. PTB's timer lives in the process that handled the
        user's last step *there*; another process may have gone on with the conversation since. So the
        callback runs under the user's lock with their state read afresh, and acts only if the stored
        draft really lies idle past its limit; it then ends the stored conversation too."""

        @wraps(fn)
        async def wrapper(update: Update, context: PlanbotContext) -> object:
            holder: Any = getattr(context.application.update_processor, "shared", None)
            async with holder.hold(update) if holder is not None else contextlib.nullcontext():
                draft = self.load(context)
                if draft is None or not self.expired(draft):
                    return None  # ended or continued elsewhere
                await fn(update, context)
                self.clear(context)
                await persist_now(update, context, conversation=self.conversation, state=END)
            return None

        return wrapper

    def cancelling(self, text: str) -> Handler:
        """/huy or a cancel button: the draft is dropped and the user told so."""

        async def cancel(update: Update, context: PlanbotContext) -> object:
            await ack(update)
            self.clear(context)
            await reply(update, esc(text))
            return END

        return cancel

    def build_conversation(
        self,
        *,
        entry_points: list[BaseHandler[Update, PlanbotContext, object]],
        states: dict[object, list[BaseHandler[Update, PlanbotContext, object]]],
        cancel_pattern: object,
        cancelled_text: str,
    ) -> ConversationHandler[PlanbotContext]:
        """The ConversationHandler of a draft kept in this store: persistent under its name, idle
        for `idle` at most (then the expiry notice), and /huy or the cancel button drop the draft."""

        cancel = self.cancelling(cancelled_text)

        async def expired(update: Update, context: PlanbotContext) -> None:
            if update.effective_chat is not None:
                with contextlib.suppress(TelegramError):
                    await context.bot.send_message(update.effective_chat.id, esc(self.expired_text))

        assert self.conversation is not None and self.idle is not None
        with warnings.catch_warnings():
            # Buttons belong to the user's conversation, not to one message: per_message=False is intended.
            warnings.filterwarnings("ignore", message=".*per_message.*")
            return ConversationHandler(
                entry_points=entry_points,
                states={**states, ConversationHandler.TIMEOUT: [TypeHandler(Update, self.timeout(expired))]},
                fallbacks=[
                    CommandHandler("huy", cancel),
                    CallbackQueryHandler(cancel, pattern=cancel_pattern),  # type: ignore[arg-type]
                ],
                name=self.conversation,
                persistent=True,
                allow_reentry=True,
                conversation_timeout=self.idle.total_seconds(),
            )

    def entry(self, fn: Handler) -> Handler:
        """An entry point: its draft and state are stored before its replies, as a step's are."""

        @wraps(fn)
        async def wrapper(update: Update, context: PlanbotContext) -> object:
            return await self.held(update, context, lambda: fn(update, context))

        return wrapper
