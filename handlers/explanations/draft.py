"""The explanation draft: its conversation states, the typed draft kept in user_data (plain JSON, so
the database persistence keeps it across restarts) and the `step` wrapper every state runs in,
modelled on the progress report's (handlers/progress/draft.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from storage.models import Official

TEXT = "explain_text"
FILE = "explain_file"
SUMMARY = "explain_summary"
END = ConversationHandler.END

KEY = "explanation"
IDLE = timedelta(minutes=30)
GONE_TEXT = "Phiên giải trình này không còn. Bấm lại nút «Giải trình» trên yêu cầu để bắt đầu."
EXPIRED_TEXT = "⏱ Phiên giải trình đã kết thúc vì quá 30 phút không thao tác. Chưa có gì được lưu."
STRANGER_SHORT = "Bạn chưa được đăng ký sử dụng bot. Vui lòng liên hệ quản trị viên để nhận lời mời."


def now() -> datetime:
    """The clock of the idle expiry (tests move it forward)."""
    return datetime.now(UTC)


@dataclass
class Draft:
    """An explanation being written; JSON-friendly fields only."""

    touched: str = ""
    explanation_id: int = 0
    subject: str = ""
    period: str = ""
    text: str | None = None
    attachment: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Draft:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @property
    def expired(self) -> bool:
        try:
            return now() - datetime.fromisoformat(self.touched) > IDLE
        except ValueError:
            return True


def _data(context: PlanbotContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


def new_draft(context: PlanbotContext, **fields: Any) -> Draft:
    draft = Draft(**fields)
    save(context, draft)
    return draft


def load(context: PlanbotContext) -> Draft | None:
    raw = _data(context).get(KEY)
    return Draft.from_dict(raw) if isinstance(raw, dict) else None


def save(context: PlanbotContext, draft: Draft) -> None:
    draft.touched = now().isoformat()
    _data(context)[KEY] = draft.to_dict()


def clear(context: PlanbotContext) -> None:
    _data(context).pop(KEY, None)


async def ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


Handler = Callable[[Update, PlanbotContext], Coroutine[Any, Any, object]]
Step = Callable[[Update, PlanbotContext, Draft, Official], Awaitable[object]]


def step(fn: Step) -> Handler:
    """Every state handler: the draft must exist and be fresh, the user still registered; the draft
    the step changed is saved with the state it returns."""

    @wraps(fn)
    async def wrapper(update: Update, context: PlanbotContext) -> object:
        await ack(update)
        draft = load(context)
        if draft is None:
            await reply(update, esc(GONE_TEXT))
            return END
        if draft.expired:
            clear(context)
            await reply(update, esc(EXPIRED_TEXT))
            return END
        official = await current_official(update, context)
        if official is None:
            clear(context)
            await reply(update, esc(STRANGER_SHORT))
            return END
        state = await fn(update, context, draft, official)
        if state != END:
            save(context, draft)
        return state

    return wrapper
