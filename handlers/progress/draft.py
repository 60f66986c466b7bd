"""The /xong draft: its conversation states, the typed draft kept in user_data, and the `step`
wrapper every state handler runs in.

The draft is stored as a plain JSON dict in context.user_data["progress"], so the database
persistence keeps it across restarts together with the conversation state. PTB's
conversation_timeout is not persisted, so every step also checks the draft's own "touched" time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from storage.models import Official

# Conversation states (strings: they are stored as JSON by the persistence).
TASK = "task"
TASK_CONFIRM = "task_confirm"
PERIOD = "period"
STATUS = "status"
REASON = "reason"
DOCS = "docs"
DOCS_CONFIRM = "docs_confirm"
ATTACH = "attach"
KPI = "kpi"
SUMMARY = "summary"
EDIT_MENU = "edit_menu"
END = ConversationHandler.END

KEY = "progress"
GONE_TEXT = "Phiên báo cáo này không còn. Gõ /xong để bắt đầu báo cáo mới."
EXPIRED_TEXT = (
    "⏱ Phiên báo cáo đã kết thúc vì quá 15 phút không thao tác. Chưa có gì được lưu. Gõ /xong để báo cáo lại."
)
STRANGER_SHORT = "Bạn chưa được đăng ký sử dụng bot. Vui lòng liên hệ quản trị viên để nhận lời mời."
IDLE = timedelta(minutes=15)


def now() -> datetime:
    """The clock of the idle expiry (tests move it forward)."""
    return datetime.now(UTC)


@dataclass
class Draft:
    """A progress report being written; only JSON-friendly fields (ids, strings, plain dicts)."""

    touched: str = ""
    task_id: int | None = None
    code: str = ""
    content: str = ""
    targets: list[dict[str, Any]] = field(default_factory=list)
    period: str | None = None  # the reporting period's code ("2023-Q1")
    period_choices: list[str] = field(default_factory=list)
    status: str | None = None
    reason: str | None = None
    docs: list[dict[str, Any]] = field(default_factory=list)
    doc_note: str | None = None
    pending: dict[str, Any] | None = None  # documents read from a text, waiting for "Đúng"
    attachment: dict[str, Any] | None = None
    kpi: float | None = None
    editing: str | None = None  # the one step being changed from the summary ("Sửa")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Draft:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @property
    def expired(self) -> bool:
        try:
            touched = datetime.fromisoformat(self.touched)
        except ValueError:
            return True
        return now() - touched > IDLE

    def note(self) -> str | None:
        """The reason for "Chưa thực hiện" and an unparsed document text, kept as the report's note."""
        parts = [part for part in (self.reason, self.doc_note) if part]
        return "\n".join(parts) or None


def _data(context: PlanbotContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


def new_draft(context: PlanbotContext) -> Draft:
    draft = Draft(touched=now().isoformat())
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
