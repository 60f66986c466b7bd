"""The correction draft shared by the card's "✏️ Sửa" and the import preview's (handlers/task_edit.py,
handlers/task_edit_preview.py): its conversation states, the JSON draft kept in user_data (written
before each step's replies, handlers/ui/draft_store.py), and the prompts both flows show."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from handlers.ui.callbacks_edit import EditCancel, EditField, EditSave
from handlers.ui.draft_store import DraftStore
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.correction_fields import (
    ADDED,
    CLEARABLE,
    COORDINATING,
    DEADLINE,
    FIELD_NAMES,
    FIELDS,
    LEAD,
    REMOVED,
    TARGETS,
    CorrectionError,
)
from plans.corrections import EditOutcome, EditProposal

# Conversation states.
CODE = "task_edit_code"  # the preview only: which row
FIELD = "task_edit_field"
VALUE = "task_edit_value"
CONFIRM = "task_edit_confirm"
END = ConversationHandler.END
CONVERSATION = "task_edit"

IDLE = timedelta(minutes=30)
GONE_TEXT = "Phiên sửa nhiệm vụ này không còn. Mở lại thẻ nhiệm vụ và bấm «✏️ Sửa»."
EXPIRED_TEXT = "⏱ Phiên sửa nhiệm vụ đã kết thúc vì quá 30 phút không thao tác. Chưa có gì thay đổi."
CANCELLED = "Đã huỷ. Nhiệm vụ không thay đổi."
CANCEL_ROW = [("Huỷ", EditCancel())]
HINTS = {
    DEADLINE: "Ghi như trong kế hoạch, vd: «Chậm nhất ngày 15/9/2025», «Thường xuyên», "
    "«Trước ngày 18 hằng tháng», «Quý III/2025».",
    LEAD: "Nhiều cơ quan: cách nhau bằng dấu chấm phẩy (;).",
    COORDINATING: "Nhiều cơ quan: cách nhau bằng dấu chấm phẩy (;).",
    TARGETS: "Ghi kèm tỷ lệ, vd: «Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt tối thiểu 80%».",
}


@dataclass
class Draft:
    """A correction being made; JSON-friendly fields only (kept by the database persistence).
    `token` is set for a correction in an import preview (the pending import it belongs to)."""

    touched: str = ""
    task_id: int = 0
    code: str = ""
    field: str = ""
    value: str = ""
    token: str = ""
    content: str = ""  # a task being added: its content and lead so far (handlers/task_edit_add.py)
    lead: str = ""

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Draft:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


STORE: DraftStore[Draft] = DraftStore(
    key="task_edit",
    read=Draft.from_dict,
    idle=IDLE,
    gone_text=GONE_TEXT,
    expired_text=EXPIRED_TEXT,
    conversation=CONVERSATION,
)


def field_menu(*, with_add: bool = False) -> InlineKeyboardMarkup:
    names = [(FIELD_NAMES[f], EditField(f)) for f in FIELDS]
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    rows.append([("🗑 " + FIELD_NAMES[REMOVED], EditField(REMOVED))])
    if with_add:  # a saved task's card: add another task beside it
        rows.append([("➕ Thêm nhiệm vụ cùng mục", EditField(ADDED))])
    return buttons(*rows, CANCEL_ROW)


def save_keyboard(label: str = "Lưu") -> InlineKeyboardMarkup:
    return buttons([(label, EditSave()), ("Huỷ", EditCancel())])


async def refused(update: Update, error: CorrectionError) -> object:
    text = NO_PERMISSION_TEXT if error.reason == "no_permission" else error.message
    await reply(update, esc(text))
    return END


def value_prompt(field: str, shown: str) -> str:
    name = FIELD_NAMES[field]
    lines = [f"<b>{esc(name)}</b> hiện tại: {esc(shown)}", "", f"Nhập {esc(name.lower())} mới."]
    if field in HINTS:
        lines.append(f"<i>{esc(HINTS[field])}</i>")
    if field in CLEARABLE:
        lines.append("<i>Gõ «không» để bỏ trống.</i>")
    return "\n".join(lines)


def confirmation_text(proposal: EditProposal, *, preview: bool = False) -> str:
    where = " (bản xem trước)" if preview else ""
    lines = [
        f"<b>Xác nhận sửa {esc(proposal.field_name.lower())} của nhiệm vụ {esc(proposal.code)}</b>{where}",
        f"Cũ: {esc(proposal.old_shown)}",
        f"Mới: <b>{esc(proposal.new_shown)}</b>",
    ]
    if proposal.new_agencies:
        lines.append(f"<i>Cơ quan mới sẽ được tạo: {esc('; '.join(proposal.new_agencies))}.</i>")
    lines.append("\nBấm <b>Lưu</b> để lưu, <b>Huỷ</b> để bỏ qua.")
    return "\n".join(lines)


def outcome_text(outcome: EditOutcome) -> str:
    if outcome.field == REMOVED:
        return f"✅ Đã xoá nhiệm vụ {esc(outcome.code)} khỏi kế hoạch; các báo cáo đã có được giữ lại."
    if not outcome.changed:
        return f"Nhiệm vụ {esc(outcome.code)} không thay đổi."
    return (
        f"✅ Đã sửa {esc(outcome.field_name.lower())} của nhiệm vụ {esc(outcome.code)}:\n"
        f"{esc(outcome.old_shown)}\n→ <b>{esc(outcome.new_shown)}</b>"
    )


REMOVE_QUESTION = "Nhiệm vụ không còn trong danh sách, nhắc việc và thống kê; các báo cáo đã có được giữ lại."
