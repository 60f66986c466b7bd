"""An admin's correction of a task (issue 14). On a saved task's card: "✏️ Sửa" → the field (Nội dung,
Chủ trì, Phối hợp, Thời hạn, Chỉ tiêu, Sản phẩm, Xoá nhiệm vụ) → the new value → old → new as
planbot understood it (a deadline as "Chậm nhất 15/09/2025") → Lưu / Huỷ. plans/corrections.py
re-checks on every step that the user is an admin of the task's organization; a non-admin never
gets the button, and a forged press is refused.

The same conversation serves /sua in an import preview (handlers/task_edit_preview.py, a task added
there: handlers/task_edit_preview_add.py): a draft with a token belongs to a pending import, and its
steps go there."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.task_edit_add import add_save, add_start, add_value
from handlers.task_edit_draft import (
    CANCEL_ROW,
    CANCELLED,
    CODE,
    CONFIRM,
    END,
    FIELD,
    REMOVE_QUESTION,
    STORE,
    VALUE,
    Draft,
    confirmation_text,
    field_menu,
    outcome_text,
    refused,
    save_keyboard,
    value_prompt,
)
from handlers.task_edit_preview import code_typed, preview_command, preview_field, preview_save, preview_value
from handlers.task_edit_preview_add import preview_add_save, preview_add_start, preview_add_value
from handlers.tasks import card_message
from handlers.ui.callbacks_edit import EditCancel, EditField, EditPreview, EditSave, EditStart
from handlers.ui.draft_store import ack
from handlers.ui.replies import buttons, esc, reply, user_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.correction_fields import ADDED, FIELDS, REMOVED, CorrectionError
from plans.corrections import Editor, current_field, edit_target, edit_task, propose_edit, remove_task
from storage.models import Official

logger = logging.getLogger(__name__)


def _editor(update: Update) -> Editor:
    user = update.effective_user
    return Editor(user.id if user is not None else 0, "bot")


@STORE.entry
async def start(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    pressed = EditStart.parse(update.callback_query.data if update.callback_query else None)
    if pressed is None or await current_official(update, context) is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    try:
        target = await context.db.run(edit_target, editor=_editor(update), task_id=pressed.task_id)
    except CorrectionError as error:  # re-authorised: the button proves nothing
        STORE.clear(context)
        return await refused(update, error)
    STORE.save(context, Draft(task_id=target.task_id, code=target.code))
    await reply(
        update,
        f"<b>✏️ Sửa nhiệm vụ {esc(target.code)}</b>\n{esc(target.content)}\n\nChọn mục cần sửa:",
        reply_markup=field_menu(with_add=True),
    )
    return FIELD


@STORE.step
async def field_chosen(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    pressed = EditField.parse(update.callback_query.data if update.callback_query else None)
    if pressed is None or pressed.field not in (*FIELDS, REMOVED, ADDED):
        return FIELD
    if draft.token and pressed.field == ADDED:  # a task added to the import preview
        return await preview_add_start(update, context, draft)
    draft.field = pressed.field
    if draft.token:
        return await preview_field(update, context, draft)
    if pressed.field == ADDED:
        return await add_start(update, draft)
    if pressed.field == REMOVED:
        await reply(
            update,
            f"<b>Xoá nhiệm vụ {esc(draft.code)} khỏi kế hoạch?</b>\n{esc(REMOVE_QUESTION)}",
            reply_markup=save_keyboard("Xoá"),
        )
        return CONFIRM
    try:
        shown = await context.db.run(
            current_field, editor=_editor(update), task_id=draft.task_id, field=pressed.field
        )
    except CorrectionError as error:
        return await refused(update, error)
    await reply(update, value_prompt(pressed.field, shown), reply_markup=buttons(CANCEL_ROW))
    return VALUE


@STORE.step
async def value_typed(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    text = user_text(update).strip()
    if text and draft.field == ADDED:
        if draft.token:
            return await preview_add_value(update, context, draft, text)
        return await add_value(update, context, draft, text)
    if not text or draft.field not in FIELDS:
        return VALUE
    if draft.token:
        return await preview_value(update, context, draft, text)
    try:
        proposal = await context.db.run(
            propose_edit, editor=_editor(update), task_id=draft.task_id, field=draft.field, value=text
        )
    except CorrectionError as error:
        if error.reason in ("no_permission", "not_found"):
            return await refused(update, error)
        await reply(update, esc(error.message + " Nhập lại, hoặc bấm Huỷ."), reply_markup=buttons(CANCEL_ROW))
        return VALUE
    if proposal.changes_nothing:
        await reply(
            update,
            esc("Giá trị mới giống giá trị hiện tại. Nhập giá trị khác, hoặc bấm Huỷ."),
            reply_markup=buttons(CANCEL_ROW),
        )
        return VALUE
    draft.value = proposal.value
    await reply(update, confirmation_text(proposal), reply_markup=save_keyboard())
    return CONFIRM


@STORE.step
async def save(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    if draft.token and draft.field == ADDED:
        return await preview_add_save(update, context, draft, official)
    if draft.token:
        return await preview_save(update, context, draft, official)
    STORE.clear(context)
    if draft.field == ADDED:
        return await add_save(update, context, draft, official)
    editor = _editor(update)
    try:
        if draft.field == REMOVED:
            outcome = await context.db.run(remove_task, editor=editor, task_id=draft.task_id)
        else:
            outcome = await context.db.run(
                edit_task, editor=editor, task_id=draft.task_id, field=draft.field, value=draft.value
            )
    except CorrectionError as error:
        return await refused(update, error)
    await reply(update, outcome_text(outcome))
    if outcome.field != REMOVED:  # the card as it is now (handlers/tasks.py draws it)
        await card_message(update, context, official, outcome.task_id)
    return END


def build_conversation() -> ConversationHandler[PlanbotContext]:
    text = filters.TEXT & ~filters.COMMAND
    return STORE.build_conversation(
        entry_points=[
            CallbackQueryHandler(start, pattern=EditStart.pattern()),
            CommandHandler("sua", preview_command),
            CallbackQueryHandler(preview_command, pattern=EditPreview.pattern()),
        ],
        states={
            CODE: [MessageHandler(text, code_typed)],
            FIELD: [CallbackQueryHandler(field_chosen, pattern=EditField.pattern())],
            VALUE: [MessageHandler(text, value_typed)],
            CONFIRM: [CallbackQueryHandler(save, pattern=EditSave.pattern())],
        },
        cancel_pattern=EditCancel.pattern(),
        cancelled_text=CANCELLED,
    )


def register(application: Any) -> None:
    application.add_handler(build_conversation())
