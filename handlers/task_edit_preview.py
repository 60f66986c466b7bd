"""Corrections in an import preview (issue 14): /sua [CODE] while a preview waits → the row's code →
the same field menu, prompt and old → new confirmation as on a saved task's card (a mục's code, or
"➕ Thêm nhiệm vụ cùng mục": a task added, handlers/task_edit_preview_add.py)
(handlers/task_edit_draft.py) → Lưu. The correction is kept with the pending import (its "edits")
and made when the admin presses Lưu on the preview (plans/preview_edit.py); nothing is saved before.

The pending import is the admin's own (user_data, checked by token as Lưu/Huỷ are); the document is
read again from the kept file at each step, never trusted from the draft."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.import_files import own_pending
from handlers.import_texts import STALE_TEXT
from handlers.imports import PENDING_KEY
from handlers.task_edit_draft import (
    CANCEL_ROW,
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
    refused,
    save_keyboard,
    value_prompt,
)
from handlers.ui.callbacks_edit import EditPreview
from handlers.ui.replies import buttons, esc, reply, user_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.correction_fields import ADDED, FIELD_NAMES, REMOVED, CorrectionError
from plans.corrections import Editor
from plans.parsing.importer import PlanImportError, parse_file
from plans.parsing.types import ParsedPlan
from plans.preview_edit import PreviewEdit, edits_from_json, preview_node, preview_shown, propose_preview_edit
from storage.models import Official, Role

logger = logging.getLogger(__name__)

NO_PREVIEW = "Không có kế hoạch nào đang xem trước. /sua dùng để sửa nhiệm vụ trước khi lưu một kế hoạch vừa gửi; nhiệm vụ đã lưu: mở thẻ nhiệm vụ và bấm «✏️ Sửa»."
GONE_PREVIEW = "Bản xem trước này không còn (đã lưu, đã huỷ hoặc có tệp mới). Hãy gửi lại tệp kế hoạch."
ASK_CODE = (
    "Gõ số thứ tự (mã) của nhiệm vụ cần sửa trong bản xem trước, vd: <code>II.3</code>; "
    "để thêm nhiệm vụ mới, gõ mã của mục, vd: <code>III</code>."
)
KEPT = "Chỉnh sửa sẽ được lưu cùng kế hoạch khi anh/chị bấm <b>Lưu</b> trên bản xem trước."


def own_import(context: PlanbotContext, token: str, user_id: int | None) -> dict[str, Any] | None:
    return own_pending(context, PENDING_KEY, token, user_id)


async def _parsed(context: PlanbotContext, pending: dict[str, Any]) -> ParsedPlan | None:
    """The previewed document, read again from the kept file (downloaded again if it is gone)."""
    file_name = str(pending.get("file_name") or "ke-hoach")
    path = str(pending.get("path") or "")
    try:
        data = await asyncio.to_thread(Path(path).read_bytes) if path else None
    except OSError:
        data = None
    try:
        if data is None:
            telegram_file = await context.bot.get_file(str(pending.get("file_id") or ""))
            data = bytes(await telegram_file.download_as_bytearray())
        columns = pending.get("columns") or None
        return await asyncio.to_thread(parse_file, data=data, filename=file_name, columns=columns)
    except (TelegramError, PlanImportError) as exc:
        logger.warning("the previewed file %s cannot be read again: %s", file_name, exc)
        return None


def is_admin(official: Official | None) -> bool:
    return official is not None and official.active and official.role == Role.admin


def _current_token(context: PlanbotContext) -> str:
    pending = (context.user_data or {}).get(PENDING_KEY)
    return str(pending.get("token") or "") if isinstance(pending, dict) else ""


async def _refuse(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text)
    else:
        await reply(update, esc(text))


@STORE.entry
async def preview_command(update: Update, context: PlanbotContext) -> object:
    """/sua [CODE], or "✏️ Sửa nhiệm vụ" under the preview: correct a row of the admin's own pending
    import preview."""
    query = update.callback_query
    user = update.effective_user
    if user is None or not is_admin(await current_official(update, context)):
        await _refuse(update, NO_PERMISSION_TEXT)
        return END
    token = _current_token(context)
    if query is not None:  # the preview's "✏️ Sửa nhiệm vụ": only under the admin's own, current preview
        pressed = EditPreview.parse(query.data)
        if pressed is None or pressed.token != token or own_import(context, token, user.id) is None:
            await query.answer(STALE_TEXT)
            return END
        await query.answer()
    if own_import(context, token, user.id) is None:
        await reply(update, esc(NO_PREVIEW))
        return END
    draft = Draft(token=token)
    STORE.save(context, draft)
    code = " ".join(context.args or [])
    if not code.strip():
        await reply(update, ASK_CODE, reply_markup=buttons(CANCEL_ROW))
        return CODE
    state = await _choose_row(update, context, draft, code)
    STORE.save(context, draft)  # an entry is not a step: its draft is stored here
    return state


async def preview_context(
    update: Update, context: PlanbotContext, draft: Draft
) -> tuple[dict[str, Any], ParsedPlan] | None:
    user = update.effective_user
    pending = own_import(context, draft.token, user.id if user else None)
    parsed = await _parsed(context, pending) if pending is not None else None
    if pending is None or parsed is None:
        STORE.clear(context)
        await reply(update, esc(GONE_PREVIEW))
        return None
    return pending, parsed


@STORE.step
async def code_typed(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    if not is_admin(official):
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    return await _choose_row(update, context, draft, user_text(update))


async def _choose_row(update: Update, context: PlanbotContext, draft: Draft, code: str) -> object:
    found = await preview_context(update, context, draft)
    if found is None:
        return END
    node = preview_node(found[1], code)
    if node is None and any(n.code == code.strip().rstrip(".").upper() for n in found[1].sections):
        from handlers.task_edit_preview_add import preview_add_start  # it builds on this module

        draft.code, draft.field = code.strip().rstrip(".").upper(), ADDED  # a mục: add a task under it
        return await preview_add_start(update, context, draft)
    if node is None:
        await reply(
            update,
            f"Bản xem trước không có nhiệm vụ «{esc(code.strip())}». {ASK_CODE}",
            reply_markup=buttons(CANCEL_ROW),
        )
        return CODE
    draft.code = node.code
    await reply(
        update,
        f"<b>✏️ Sửa nhiệm vụ {esc(node.code)}</b> (bản xem trước)\n{esc(node.content)}\n\nChọn mục cần sửa:",
        reply_markup=field_menu(with_add=True),
    )
    return FIELD


async def preview_field(update: Update, context: PlanbotContext, draft: Draft) -> object:
    """The field menu's choice for a previewed row: the prompt, or the removal question."""
    if draft.field == REMOVED:
        await reply(
            update,
            f"<b>Bỏ nhiệm vụ {esc(draft.code)} khi lưu kế hoạch?</b>\n{esc(REMOVE_QUESTION)}",
            reply_markup=save_keyboard("Bỏ"),
        )
        return CONFIRM
    found = await preview_context(update, context, draft)
    node = preview_node(found[1], draft.code) if found is not None else None
    if found is None:
        return END
    if node is None:  # the row is gone from the kept document
        STORE.clear(context)
        await reply(update, esc(GONE_PREVIEW))
        return END
    await reply(
        update,
        value_prompt(draft.field, preview_shown(found[1], node, draft.field)),
        reply_markup=buttons(CANCEL_ROW),
    )
    return VALUE


async def preview_value(update: Update, context: PlanbotContext, draft: Draft, text: str) -> object:
    found = await preview_context(update, context, draft)
    if found is None:
        return END
    pending, parsed = found
    user = update.effective_user
    try:
        proposal = await context.db.run(
            propose_preview_edit,
            editor=Editor(user.id if user else 0, "bot"),
            parsed=parsed,
            organization_name=pending.get("org"),
            code=draft.code,
            field=draft.field,
            value=text,
        )
    except CorrectionError as error:
        if error.reason in ("no_permission", "not_found"):
            STORE.clear(context)
            return await refused(update, error)
        await reply(update, esc(error.message + " Nhập lại, hoặc bấm Huỷ."), reply_markup=buttons(CANCEL_ROW))
        return VALUE
    if proposal.changes_nothing:
        await reply(
            update,
            esc("Giá trị mới giống giá trị trong văn bản. Nhập giá trị khác, hoặc bấm Huỷ."),
            reply_markup=buttons(CANCEL_ROW),
        )
        return VALUE
    draft.value = proposal.value
    await reply(update, confirmation_text(proposal, preview=True), reply_markup=save_keyboard())
    return CONFIRM


async def preview_save(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    """Keep the correction with the pending import (one per row and field; a removal replaces all)."""
    user = update.effective_user
    pending = own_import(context, draft.token, user.id if user else None)
    STORE.clear(context)
    if pending is None:
        await reply(update, esc(GONE_PREVIEW))
        return END
    if not is_admin(official):
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    edits = [
        e
        for e in edits_from_json(pending.get("edits"))
        if e.code != draft.code or (draft.field != REMOVED and e.field != draft.field)
    ]
    edits.append(PreviewEdit(draft.code, draft.field, draft.value))
    pending["edits"] = [e.to_json() for e in edits]
    what = "bỏ nhiệm vụ" if draft.field == REMOVED else f"sửa {FIELD_NAMES[draft.field].lower()}"
    listed = "\n".join(
        f"• {esc(e.code)}: {esc(FIELD_NAMES[e.field])}" + (f" → {esc(e.value)}" if e.value else "")
        for e in edits
    )
    await reply(
        update,
        f"✅ Đã ghi: {esc(what)} nhiệm vụ {esc(draft.code)}.\n{KEPT}\n\n<b>Chỉnh sửa đang chờ ({len(edits)}):</b>\n{listed}",
    )
    return END
