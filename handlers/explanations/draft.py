"""The explanation draft: its conversation states, the typed draft kept in user_data (plain JSON,
written to the database with the conversation state at every step by handlers/ui/draft_store.py)
and the `step` wrapper every state runs in, as the progress report's (handlers/progress/draft.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from handlers.context import PlanbotContext
from handlers.ui.draft_store import STRANGER_SHORT as STRANGER_SHORT
from handlers.ui.draft_store import DraftStore, Handler
from handlers.ui.draft_store import ack as ack
from storage.models import Official

TEXT = "explain_text"
FILE = "explain_file"
SUMMARY = "explain_summary"
END = ConversationHandler.END

KEY = "explanation"
CONVERSATION = "explanation"  # the ConversationHandler's name: its state is stored with the draft
IDLE = timedelta(minutes=30)
GONE_TEXT = "Phiên giải trình này không còn. Bấm lại nút «Giải trình» trên yêu cầu để bắt đầu."
EXPIRED_TEXT = "⏱ Phiên giải trình đã kết thúc vì quá 30 phút không thao tác. Chưa có gì được lưu."


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


def _read(raw: dict[str, Any]) -> Draft:
    return Draft.from_dict(raw)


# The clock is looked up at each use, so that tests moving `now` forward reach the store too.
STORE: DraftStore[Draft] = DraftStore(
    key=KEY,
    read=_read,
    idle=IDLE,
    gone_text=GONE_TEXT,
    expired_text=EXPIRED_TEXT,
    conversation=CONVERSATION,
    clock=lambda: now(),
)


def new_draft(context: PlanbotContext, **fields: Any) -> Draft:
    draft = Draft(**fields)
    save(context, draft)
    return draft


def load(context: PlanbotContext) -> Draft | None:
    return STORE.load(context)


def save(context: PlanbotContext, draft: Draft) -> None:
    STORE.save(context, draft)


def clear(context: PlanbotContext) -> None:
    STORE.clear(context)


Step = Callable[[Update, PlanbotContext, Draft, Official], Awaitable[object]]


def step(fn: Step) -> Handler:
    """Every state handler (handlers/ui/draft_store.py): the draft is fresh, the user registered,
    and the draft with the state the step returns is stored before the step's replies go out."""
    return STORE.step(fn)


def entry(fn: Handler) -> Handler:
    return STORE.entry(fn)
