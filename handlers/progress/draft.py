"""The /xong draft: its conversation states, the typed draft kept in user_data, and the `step`
wrapper every state handler runs in.

The draft is stored as a plain JSON dict in context.user_data["progress"], written to the database
with the conversation state at every step (handlers/ui/draft_store.py). PTB's conversation_timeout
is not persisted, so every step also checks the draft's own "touched" time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from handlers.context import PlanbotContext
from handlers.ui.draft_store import STRANGER_SHORT as STRANGER_SHORT
from handlers.ui.draft_store import DraftStore, Handler
from handlers.ui.draft_store import ack as ack
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
CONVERSATION = "progress"  # the ConversationHandler's name: its state is stored with the draft
GONE_TEXT = "Phiên báo cáo này không còn. Gõ /xong để bắt đầu báo cáo mới."
EXPIRED_TEXT = (
    "⏱ Phiên báo cáo đã kết thúc vì quá 15 phút không thao tác. Chưa có gì được lưu. Gõ /xong để báo cáo lại."
)
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
    quick: bool = False  # /xong or "✅ Xong": Đã thực hiện is chosen, the status step is skipped

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Draft:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def note(self) -> str | None:
        """The reason for "Chưa thực hiện" and an unparsed document text, kept as the report's note."""
        parts = [part for part in (self.reason, self.doc_note) if part]
        return "\n".join(parts) or None


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


def new_draft(context: PlanbotContext) -> Draft:
    draft = Draft(touched=now().isoformat())
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
