"""Plan import in the bot: an admin sends a plan document, sees the summary, a preview and (for a revised
plan) the changes, then presses Lưu or Huỷ. Nothing is stored before Lưu.

The pending import lives in user_data as plain JSON ({token, file_id, file_name, path, org, columns, review,
choices}: the admin's column assignment and answers to the preview's questions, handlers/import_columns.py
and handlers/import_review.py); the bytes are kept in a temp file keyed by the token, and re-downloaded by
file_id if the file is gone (restart, another host). Callback data carries only the token and is checked
against the presser's own user_data. A file with no task table may be a narrative report instead
(handlers/narrative_import.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.import_files import (
    ACCEPTED,
    download,
    file_name_of,
    keep_pending,
    own_pending,
    pending_bytes,
    remove_file,
)
from handlers.import_texts import (
    ADMIN_ONLY_TEXT,
    CANCELLED_TEXT,
    DOWNLOAD_FAILED_TEXT,
    SAVE_FAILED_TEXT,
    STALE_TEXT,
    error_text,
    preview_text,
    result_text,
)
from handlers.plans_admin import close_offer
from handlers.ui.callbacks import GroupAction, ImportDecision
from handlers.ui.callbacks_edit import EditPreview
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT, STRANGER_TEXT
from plans.corrections import Editor
from plans.groups import groups_without_members
from plans.import_review import ImportChoices, ImportReview
from plans.importing import import_target, preview_import
from plans.parsing.importer import MAX_BYTES, SEND_INSTEAD, PlanImportError, parse_file
from plans.parsing.types import ParsedPlan
from plans.plan_admin import earlier_plans_of_same_kind
from plans.preview_edit import store_with_edits
from storage.models import Official, Role
from storage.text import shorten

logger = logging.getLogger(__name__)

PENDING_KEY = "plan_import"


def preview_keyboard(token: str) -> InlineKeyboardMarkup:
    return buttons(
        [("Lưu", ImportDecision("save", token)), ("Huỷ", ImportDecision("cancel", token))],
        [("✏️ Sửa nhiệm vụ", EditPreview(token))],  # handlers/task_edit_preview.py
    )


# --- Telegram side -------------------------------------------------------------------------------


async def target_org(context: PlanbotContext, official: Official) -> str | None:
    """An admin of an organization imports into it; a config admin into the one the document names."""
    return await context.db.run(import_target, official=official)


async def on_document(update: Update, context: PlanbotContext) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None or message.document is None or user is None:
        return
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(STRANGER_TEXT))
        return
    if official.role != Role.admin:
        await reply(update, esc(ADMIN_ONLY_TEXT))
        return
    document = message.document
    file_name = file_name_of(document.file_name, document.mime_type)
    if document.file_size is not None and document.file_size > MAX_BYTES:
        await reply(update, esc(PlanImportError("too_big")))  # refused before any download
        return
    if Path(file_name).suffix.lower() not in ACCEPTED:
        await reply(update, esc(f"Tệp «{file_name}» không thuộc loại được hỗ trợ; {SEND_INSTEAD}."))
        return
    if update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await update.effective_chat.send_action(ChatAction.TYPING)
    try:
        data = await download(context, document.file_id)
    except TelegramError as exc:
        logger.warning("download of %s failed: %s", file_name, exc)
        text = PlanImportError("too_big") if "too big" in str(exc).lower() else DOWNLOAD_FAILED_TEXT
        await reply(update, esc(text))
        return
    try:
        parsed = await asyncio.to_thread(parse_file, data=data, filename=file_name)
    except PlanImportError as exc:
        if await _offer_instead(update, context, official, exc, data, file_name, document.file_id):
            return
        logger.info("import of %s refused for user %s: %s", file_name, user.id, exc.reason)
        await reply(update, esc(error_text(exc)))
        return
    await start_preview(
        update, context, official, parsed, data=data, file_name=file_name, file_id=document.file_id
    )


async def _offer_instead(
    update: Update,
    context: PlanbotContext,
    official: Official,
    exc: PlanImportError,
    data: bytes,
    file_name: str,
    file_id: str,
) -> bool:
    """A file with no task table may be a narrative report (its figures are offered instead); a header
    that cannot be mapped is assigned by the admin with buttons. Those modules build on this one, so
    they are imported here, not at the top."""
    if exc.reason == "no_table":
        from handlers.narrative_import import offer_narrative

        return await offer_narrative(
            update, context, official, data=data, file_name=file_name, file_id=file_id
        )
    if exc.reason == "unmapped_header" and exc.header_texts:
        from handlers.import_columns import offer_columns

        return await offer_columns(
            update, context, official, exc.header_texts, data=data, file_name=file_name, file_id=file_id
        )
    return False


async def start_preview(
    update: Update,
    context: PlanbotContext,
    official: Official,
    parsed: ParsedPlan,
    *,
    data: bytes,
    file_name: str,
    file_id: str,
    columns: dict[str, int] | None = None,
) -> None:
    """The preview of a parsed plan with Lưu/Huỷ, kept pending for this admin; the questions of the
    review (new agencies, empty groups: handlers/import_review.py) come in a message just before it."""
    from handlers.import_review import review_of, send_review

    user = update.effective_user
    if user is None:
        return
    try:
        organization = await target_org(context, official)
        resolutions, diff = await context.db.run(
            preview_import, parsed=parsed, organization_name=organization
        )
        review = await review_of(context, parsed, organization)
    except PlanImportError as exc:
        logger.info("import of %s refused for user %s: %s", file_name, user.id, exc.reason)
        await reply(update, esc(error_text(exc)))
        return
    token, path_text = await keep_pending(context, PENDING_KEY, file_name, data)
    user_data = context.user_data if context.user_data is not None else {}
    user_data[PENDING_KEY] = {
        "token": token,
        "user_id": user.id,
        "file_id": file_id,
        "file_name": file_name,
        "path": path_text,
        "org": organization,
        "columns": dict(columns) if columns else None,
        "review": review.to_json(),
        "choices": {},
    }
    logger.info("user %s previews import of %s (token %s)", user.id, file_name, token)
    # a report's prose figures, offered beside its tasks (before the preview, which stays last)
    from handlers.narrative_import import offer_alongside

    await offer_alongside(
        update,
        context,
        data=data,
        file_name=file_name,
        file_id=file_id,
        path_text=path_text,
        organization=organization,
    )
    await send_review(update, user_data[PENDING_KEY], review)
    await reply(
        update,
        preview_text(parsed, resolutions, diff, organization, review),
        reply_markup=preview_keyboard(token),
    )


async def _close_buttons(update: Update) -> None:
    query = update.callback_query
    if query is not None and query.message is not None:
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)


async def on_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    pressed = ImportDecision.parse(query.data)
    if pressed is None or pressed.action not in ("save", "cancel"):
        await query.answer(STALE_TEXT)
        return
    action, token = pressed.action, pressed.token
    official = await current_official(update, context)
    if official is None or official.role != Role.admin:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    user_data = context.user_data if context.user_data is not None else {}
    pending = own_pending(context, PENDING_KEY, token, user.id)
    if pending is None:
        logger.info("user %s pressed an unknown import token", user.id)
        await query.answer(STALE_TEXT, show_alert=True)
        return
    del user_data[PENDING_KEY]  # taken before any await: a second press finds nothing
    await query.answer()
    await _close_buttons(update)
    if action == "cancel":
        remove_file(pending.get("path"))
        await reply(update, esc(CANCELLED_TEXT))
        return
    await _save(update, context, official, pending)


async def _save(update: Update, context: PlanbotContext, official: Official, pending: dict[str, Any]) -> None:
    file_name = str(pending.get("file_name") or "ke-hoach")
    data = await pending_bytes(update, context, pending)
    if data is None:
        return
    try:
        columns = pending.get("columns") or None  # the admin's column assignment, if the header needed one
        parsed = await asyncio.to_thread(parse_file, data=data, filename=file_name, columns=columns)
        organization = await target_org(context, official) or pending.get("org")
        user_id = update.effective_user.id if update.effective_user else None
        result, corrected = await context.db.run(
            store_with_edits,  # then the admin's corrections made in the preview (plans/preview_edit.py)
            editor=Editor(user_id, "bot"),
            edits=pending.get("edits"),
            parsed=parsed,
            organization_name=organization,
            review=ImportReview.from_json(pending.get("review")),
            choices=ImportChoices.from_json(pending.get("choices")),
            actor_user_id=user_id,
        )
    except PlanImportError as exc:
        remove_file(pending.get("path"))
        await reply(update, esc(error_text(exc)))
        return
    except Exception:
        logger.exception("storing the import %s failed", file_name)
        if context.user_data is not None:
            context.user_data[PENDING_KEY] = pending  # nothing was written: let the admin press again
        await reply(update, esc(SAVE_FAILED_TEXT), reply_markup=preview_keyboard(str(pending["token"])))
        return
    remove_file(pending.get("path"))
    logger.info(
        "user %s stored plan %s (%s tasks, %s reports)",
        update.effective_user.id if update.effective_user else None,
        result.plan_id,
        len(parsed.tasks),
        result.reports_added,
    )
    empty = await context.db.run(groups_without_members, organization_id=result.organization_id)
    text = result_text(parsed, result)
    if corrected:
        text += f"\nĐã lưu {len(corrected)} chỉnh sửa của quản trị viên: " + ", ".join(
            esc(f"{c.code} ({c.field_name.lower()})") for c in corrected
        )
    if empty:
        text += (
            "\n\nCơ quan nhóm chưa có thành viên — nhiệm vụ của nhóm chưa có người phụ trách:\n"
            + "\n".join(f"• {esc(g.name)}" for g in empty)
        )
    keyboard = buttons(*[[(f"Thành viên: {shorten(g.name, 45)}", GroupAction("s", g.id))] for g in empty[:8]])
    await reply(update, text, reply_markup=keyboard if empty else None)
    older = await context.db.run(
        earlier_plans_of_same_kind,
        organization_id=result.organization_id,
        plan_id=result.plan_id,
        today=context.day.day,
        policy=context.periods,
    )
    offer = close_offer(older)
    if offer is not None:
        await reply(update, offer[0], reply_markup=offer[1])


def register(application: Any) -> None:
    # Private chats only: in groups a shared file is not an import request. The progress conversation is
    # registered earlier, so while it waits for an attachment it gets the document first.
    application.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document))
    application.add_handler(CallbackQueryHandler(on_button, pattern=ImportDecision.pattern()))
