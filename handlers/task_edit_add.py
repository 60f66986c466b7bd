"""The card's "➕ Thêm nhiệm vụ cùng mục" (issue 14): content → lead agency → deadline → what planbot
understood (the code it gets, the agencies, the deadline) → Lưu. One step of the correction
conversation (handlers/task_edit.py); plans/correction_add.py re-checks the admin at every step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

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
ASK_CONTENT_WHERE = "Nhập <b>nội dung</b> nhiệm vụ mới ({where})."
ASK_LEAD = "Nhập <b>cơ quan chủ trì</b>. <i>Nhiều cơ quan: cách nhau bằng dấu chấm phẩy (;).</i>"
ASK_DEADLINE = (
    "Nhập <b>thời hạn</b> như trong kế hoạch, vd: «Quý III/2025», «Chậm nhất ngày 15/9/2025». "
    "<i>Gõ «không» nếu chưa có thời hạn.</i>"
)


def _editor(update: Update) -> Editor:
    user = update.effective_user
    return Editor(user.id if user is not None else 0, "bot")


async def add_start(update: Update, draft: Draft, *, where: str | None = None) -> object:
    """The first question; `where` says where the task goes when not beside draft.code's task."""
    draft.content, draft.lead, draft.value = "", "", ""
    text = (
        ASK_CONTENT.format(code=esc(draft.code)) if where is None else ASK_CONTENT_WHERE.format(where=where)
    )
    await reply(update, text, reply_markup=buttons(CANCEL_ROW))
    return VALUE


def addition_text(proposal: AddProposal, *, preview: bool = False) -> str:
    where = " (bản xem trước: tạo khi lưu kế hoạch)" if preview else ""
    lines = [
        f"<b>Thêm nhiệm vụ {esc(proposal.code)}</b> vào mục {esc(proposal.section)}{where}",
        f"Nội dung: {esc(proposal.content)}",
        f"Chủ trì: {esc(proposal.lead_shown)}",
        f"Thời hạn: {esc(proposal.deadline_shown)}",
    ]
    if proposal.new_agencies:
        lines.append(f"<i>Cơ quan mới sẽ được tạo: {esc('; '.join(proposal.new_agencies))}.</i>")
    lines.append("\nBấm <b>Lưu</b> để thêm, <b>Huỷ</b> để bỏ qua.")
    return "\n".join(lines)


# Reads the draft's addition as planbot would make it (raising CorrectionError); None when the caller
# has already answered (an import preview that is gone). The card's reads the saved task's plan.
Proposer = Callable[[Update, PlanbotContext, Draft], Awaitable[AddProposal | None]]


async def _propose_beside(update: Update, context: PlanbotContext, draft: Draft) -> AddProposal | None:
    proposal: AddProposal = await context.db.run(
        propose_addition,
        editor=_editor(update),
        beside_task_id=draft.task_id,
        content=draft.content,
        lead=draft.lead,
        deadline=draft.value,
    )
    return proposal


async def add_value(
    update: Update, context: PlanbotContext, draft: Draft, text: str, propose: Proposer | None = None
) -> object:
    """One typed answer of the addition: the content, then the lead, then the deadline. The same steps
    serve an addition in an import preview (handlers/task_edit_preview_add.py, its own `propose`)."""
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
        proposal = await (propose or _propose_beside)(update, context, draft)
    except CorrectionError as error:
        if error.reason in ("no_permission", "not_found"):
            return await refused(update, error)
        draft.lead = ""  # the lead is what may not be read: ask it again
        await reply(update, esc(error.message) + "\n" + ASK_LEAD, reply_markup=buttons(CANCEL_ROW))
        return VALUE
    if proposal is None:
        return END
    await reply(update, addition_text(proposal, preview=bool(draft.token)), reply_markup=save_keyboard())
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
