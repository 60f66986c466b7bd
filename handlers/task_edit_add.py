"""The card's "➕ Thêm nhiệm vụ cùng mục" (issue 14): content → lead agency → deadline → what planbot
understood (the code it gets, the agencies, the deadline) → Lưu. One step of the correction
conversation (handlers/task_edit.py); plans/correction_add.py re-checks the admin at every step."""

from __future__ import annotations

from telegram import Update

from handlers.context import PlanbotContext
from handlers.task_edit_draft import CANCEL_ROW, CONFIRM, END, VALUE, Draft, refused, save_keyboard
from handlers.tasks import card_message
from handlers.ui.replies import buttons, esc, reply
from plans.correction_add import AddProposal, add_beside, propose_addition
from plans.correction_fields import CorrectionError
from plans.corrections import Editor
from storage.models import Official
from storage.text import fold

NO_DEADLINE_WORDS = {"khong", "-", "khong co", "chua co"}
ASK_CONTENT = "Nhập <b>nội dung</b> nhiệm vụ mới (thêm cùng mục với nhiệm vụ {code})."
ASK_LEAD = "Nhập <b>cơ quan chủ trì</b>. <i>Nhiều cơ quan: cách nhau bằng dấu chấm phẩy (;).</i>"
ASK_DEADLINE = (
    "Nhập <b>thời hạn</b> như trong kế hoạch, vd: «Quý III/2025», «Chậm nhất ngày 15/9/2025». "
    "<i>Gõ «không» nếu chưa có thời hạn.</i>"
)


def _editor(update: Update) -> Editor:
    user = update.effective_user
    return Editor(user.id if user is not None else 0, "bot")


async def add_start(update: Update, draft: Draft) -> object:
    draft.content, draft.lead, draft.value = "", "", ""
    await reply(update, ASK_CONTENT.format(code=esc(draft.code)), reply_markup=buttons(CANCEL_ROW))
    return VALUE


def addition_text(proposal: AddProposal) -> str:
    lines = [
        f"<b>Thêm nhiệm vụ {esc(proposal.code)}</b> vào mục {esc(proposal.section)}",
        f"Nội dung: {esc(proposal.content)}",
        f"Chủ trì: {esc(proposal.lead_shown)}",
        f"Thời hạn: {esc(proposal.deadline_shown)}",
    ]
    if proposal.new_agencies:
        lines.append(f"<i>Cơ quan mới sẽ được tạo: {esc('; '.join(proposal.new_agencies))}.</i>")
    lines.append("\nBấm <b>Lưu</b> để thêm, <b>Huỷ</b> để bỏ qua.")
    return "\n".join(lines)


async def add_value(update: Update, context: PlanbotContext, draft: Draft, text: str) -> object:
    """One typed answer of the addition: the content, then the lead, then the deadline."""
    if not draft.content:
        draft.content = text
        await reply(update, ASK_LEAD, reply_markup=buttons(CANCEL_ROW))
        return VALUE
    if not draft.lead:
        draft.lead = text
        await reply(update, ASK_DEADLINE, reply_markup=buttons(CANCEL_ROW))
        return VALUE
    draft.value = "" if fold(text) in NO_DEADLINE_WORDS else text
    try:
        proposal = await context.db.run(
            propose_addition,
            editor=_editor(update),
            beside_task_id=draft.task_id,
            content=draft.content,
            lead=draft.lead,
            deadline=draft.value,
        )
    except CorrectionError as error:
        if error.reason in ("no_permission", "not_found"):
            return await refused(update, error)
        draft.lead = ""  # the lead is what may not be read: ask it again
        await reply(update, esc(error.message) + "\n" + ASK_LEAD, reply_markup=buttons(CANCEL_ROW))
        return VALUE
    await reply(update, addition_text(proposal), reply_markup=save_keyboard())
    return CONFIRM


async def add_save(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    try:
        outcome = await context.db.run(
            add_beside,
            editor=_editor(update),
            beside_task_id=draft.task_id,
            content=draft.content,
            lead=draft.lead,
            deadline=draft.value,
        )
    except CorrectionError as error:
        return await refused(update, error)
    await reply(update, f"✅ Đã thêm nhiệm vụ {esc(outcome.code)}: {esc(outcome.new_shown)}")
    await card_message(update, context, official, outcome.task_id)
    return END
