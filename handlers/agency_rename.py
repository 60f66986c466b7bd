"""/coquan's "✏️ Đổi tên": the agency's new display name is typed → old → new, with how many tasks and
officials will show it → Lưu / Huỷ. The draft (agency id, the name) is kept like the task
correction's (handlers/ui/draft_store.py); plans/agency_admin.py re-checks the admin at every step,
and plans/agency_corrections.py renames (the old name stays an alias) and audits."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from handlers.agency_edit import CANCELLED, card_view, editor_of
from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks_agency import AgencyEditCancel, AgencyRenameSave, AgencyRenameStart
from handlers.ui.draft_store import DraftStore, ack
from handlers.ui.replies import buttons, esc, reply, user_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.agency_admin import agency_directory, propose_rename, rename_by_id
from plans.correction_fields import CorrectionError
from storage.models import Official, Role

logger = logging.getLogger(__name__)

NAME, CONFIRM = "agency_rename_name", "agency_rename_confirm"
END = ConversationHandler.END
CONVERSATION = "agency_rename"
IDLE = timedelta(minutes=30)
CANCEL_ROW = [("Huỷ", AgencyEditCancel())]


@dataclass
class RenameDraft:
    touched: str = ""
    agency_id: int = 0
    name: str = ""

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RenameDraft:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


STORE: DraftStore[RenameDraft] = DraftStore(
    key="agency_rename",
    read=RenameDraft.from_dict,
    idle=IDLE,
    gone_text="Phiên đổi tên cơ quan này không còn. Gõ /coquan để bắt đầu lại.",
    expired_text="⏱ Phiên đổi tên cơ quan đã kết thúc vì quá 30 phút không thao tác. Chưa có gì thay đổi.",
    conversation=CONVERSATION,
)


def _refusal(error: CorrectionError) -> str:
    return NO_PERMISSION_TEXT if error.reason == "no_permission" else error.message


@STORE.entry
async def start(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    pressed = AgencyRenameStart.parse(update.callback_query.data if update.callback_query else None)
    official = await current_official(update, context)
    if pressed is None or official is None or official.role != Role.admin:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    try:
        directory = await context.db.run(
            agency_directory, editor=editor_of(update), agency_id=pressed.agency_id
        )
        row = directory.row(pressed.agency_id)
    except CorrectionError as error:
        STORE.clear(context)
        await reply(update, esc(_refusal(error)))
        return END
    STORE.save(context, RenameDraft(agency_id=row.id))
    await reply(
        update,
        f"<b>✏️ Đổi tên «{esc(row.name)}»</b>\nNhập tên mới (tên hiển thị trong mọi báo cáo và danh sách). "
        "<i>Tên cũ vẫn được nhận ra khi nhập kế hoạch.</i>",
        reply_markup=buttons(CANCEL_ROW),
    )
    return NAME


@STORE.step
async def name_typed(
    update: Update, context: PlanbotContext, draft: RenameDraft, official: Official
) -> object:
    text = user_text(update).strip()
    try:
        proposal = await context.db.run(
            propose_rename, editor=editor_of(update), agency_id=draft.agency_id, new_name=text
        )
    except CorrectionError as error:
        if error.reason in ("no_permission", "not_found"):
            STORE.clear(context)
            await reply(update, esc(_refusal(error)))
            return END
        await reply(update, esc(error.message + " Nhập lại, hoặc bấm Huỷ."), reply_markup=buttons(CANCEL_ROW))
        return NAME
    draft.name = proposal.new_name
    row = proposal.agency
    await reply(
        update,
        f"<b>Xác nhận đổi tên cơ quan</b>\nCũ: {esc(row.name)}\nMới: <b>{esc(proposal.new_name)}</b>\n"
        f"{row.tasks} nhiệm vụ và {row.officials} cán bộ sẽ mang tên mới.\n\n"
        "Bấm <b>Lưu</b> để lưu, <b>Huỷ</b> để bỏ qua.",
        reply_markup=buttons([("Lưu", AgencyRenameSave()), ("Huỷ", AgencyEditCancel())]),
    )
    return CONFIRM


@STORE.step
async def save(update: Update, context: PlanbotContext, draft: RenameDraft, official: Official) -> object:
    STORE.clear(context)
    editor = editor_of(update)
    try:
        change = await context.db.run(
            rename_by_id, editor=editor, agency_id=draft.agency_id, new_name=draft.name
        )
        directory = await context.db.run(agency_directory, editor=editor)
    except CorrectionError as error:
        await reply(update, esc(_refusal(error)))
        return END
    logger.info("user %s renamed agency %s", editor.telegram_user_id, draft.agency_id)
    await reply(
        update,
        f"✅ Đã đổi tên «{esc(change.old_name)}» thành «{esc(change.new_name)}» "
        f"({change.tasks} nhiệm vụ, {change.officials} cán bộ).",
    )
    text, keyboard = card_view(directory.row(draft.agency_id))
    await reply(update, text, reply_markup=keyboard)
    return END


def build_conversation() -> ConversationHandler[PlanbotContext]:
    text = filters.TEXT & ~filters.COMMAND
    return STORE.build_conversation(
        entry_points=[CallbackQueryHandler(start, pattern=AgencyRenameStart.pattern())],
        states={
            NAME: [MessageHandler(text, name_typed)],
            CONFIRM: [CallbackQueryHandler(save, pattern=AgencyRenameSave.pattern())],
        },
        cancel_pattern=AgencyEditCancel.pattern(),
        cancelled_text=CANCELLED,
    )
