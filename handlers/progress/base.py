"""Shared pieces of the /xong conversation: states, the draft in user_data, the `step` wrapper.

The draft lives in context.user_data["progress"] as a JSON-friendly dict, so DatabasePersistence keeps it
across restarts together with the conversation state. PTB's conversation_timeout is not persisted, so every
step also checks the draft's own "touched" timestamp.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from handlers.common import current_official, esc, reply
from handlers.context import PlanbotContext
from handlers.ui import views as pv
from storage.models import Official

# Conversation states (strings: they are stored as JSON by the persistence).
TASK = "task"
TASK_CONFIRM = "task_confirm"
STATUS = "status"
REASON = "reason"
DOCS = "docs"
DOCS_CONFIRM = "docs_confirm"
ATTACH = "attach"
KPI = "kpi"
SUMMARY = "summary"
END = ConversationHandler.END

DRAFT = "progress"
IDLE = timedelta(minutes=15)
MAX_FILE_BYTES = 20 * 1024 * 1024
SKIP_WORDS = {"bo qua", "khong", "ko", "k", "skip"}

_DOC_MIMES = {
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_DOC_EXTENSIONS = (".pdf", ".doc", ".docx")

Handler = Callable[[Update, PlanbotContext], Coroutine[Any, Any, object]]
Step = Callable[[Update, PlanbotContext, dict[str, Any], Official], Awaitable[object]]


def _now() -> datetime:
    """The clock (tests move it forward to check the idle expiry)."""
    return datetime.now(UTC)


def _drafts(context: PlanbotContext) -> dict[Any, Any]:
    assert context.user_data is not None
    return context.user_data


def _new_draft(context: PlanbotContext) -> dict[str, Any]:
    draft: dict[str, Any] = {"touched": _now().isoformat()}
    _drafts(context)[DRAFT] = draft
    return draft


def _clear(context: PlanbotContext) -> None:
    _drafts(context).pop(DRAFT, None)


async def _ack(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


def _expired(draft: dict[str, Any]) -> bool:
    try:
        touched = datetime.fromisoformat(str(draft.get("touched")))
    except ValueError:
        return True
    return _now() - touched > IDLE


def step(fn: Step) -> Handler:
    """Every state handler: the draft must exist and be fresh, the user must still be registered."""

    @wraps(fn)
    async def wrapper(update: Update, context: PlanbotContext) -> object:
        await _ack(update)
        draft = _drafts(context).get(DRAFT)
        if not isinstance(draft, dict):
            await reply(update, esc(pv.GONE_TEXT))
            return END
        if _expired(draft):
            _clear(context)
            await reply(update, esc(pv.EXPIRED_TEXT))
            return END
        official = await current_official(update, context)
        if official is None:
            _clear(context)
            await reply(update, esc(pv.STRANGER_SHORT))
            return END
        draft["touched"] = _now().isoformat()
        return await fn(update, context, draft, official)

    return wrapper


def _buttons(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows])


CANCEL_ROW = [("Huỷ", "p:x")]


async def _ask_status(update: Update, draft: dict[str, Any]) -> object:
    for key in ("status", "reason", "docs", "doc_note", "pending", "attachment", "kpi"):
        draft.pop(key, None)
    await reply(
        update,
        f"Nhiệm vụ <b>{esc(draft['code'])}</b>: {esc(pv.short(draft['content'], 200))}\n\nTình trạng thực hiện?",
        reply_markup=_buttons(
            [("Đã hoàn thành", "p:st:done")],
            [("Đang thực hiện", "p:st:in_progress")],
            [("Chưa thực hiện", "p:st:not_done")],
            CANCEL_ROW,
        ),
    )
    return STATUS
