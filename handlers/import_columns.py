"""A task table whose header cannot be mapped ("Việc cần làm | Người phụ trách | Hạn chót"): instead of
refusing the plan, the bot shows the header cells and the admin says, column by column with buttons,
which one is Số TT, Nội dung, Chủ trì, Phối hợp, Thời hạn, Sản phẩm (Bỏ qua for the rest). The file is
then read again with that assignment (``parse_file(columns=…)``) and the normal preview follows.

The pending assignment lives in user_data ({token, user_id, file_id, file_name, path, headers,
chosen: {column: role}}); the bytes wait in the import temp folder (handlers/imports.py)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.import_files import keep_pending, own_pending, pending_bytes, remove_file
from handlers.import_texts import STALE_TEXT, error_text
from handlers.imports import (
    start_preview,
)
from handlers.ui.callbacks_import import ColumnRole
from handlers.ui.replies import buttons, esc, reply, show_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.parsing.importer import PlanImportError, parse_file
from storage.models import Official, Role
from storage.text import shorten

logger = logging.getLogger(__name__)

PENDING_KEY = "plan_import_columns"
SKIP, CANCEL = "skip", "cancel"
ROLE_LABELS = {
    "number": "Số TT",
    "content": "Nội dung",
    "lead": "Chủ trì",
    "coordinating": "Phối hợp",
    "deadline": "Thời hạn",
    "product": "Sản phẩm",
    SKIP: "Bỏ qua",
}
MAX_COLUMNS = 20
CANCELLED_TEXT = "Đã huỷ nhập kế hoạch. Chưa có gì được lưu."
NO_CONTENT_TEXT = "Chưa có cột nào là Nội dung (bắt buộc); hãy chọn lại từ cột đầu."


def _header(text: str, index: int) -> str:
    return shorten(text, 50) if text.strip() else f"(cột {index + 1} không có tiêu đề)"


def columns_text(headers: list[str], chosen: dict[int, str], note: str = "") -> str:
    lines = []
    if note:
        lines += [esc(note), ""]
    lines += [
        "<b>Không nhận ra tiêu đề các cột của bảng nhiệm vụ.</b> Hãy chỉ cho planbot mỗi cột là gì:",
    ]
    at = len(chosen)
    for index, text in enumerate(headers):
        role = chosen.get(index)
        suffix = f" → <b>{ROLE_LABELS[role]}</b>" if role else (" ← <b>đang chọn</b>" if index == at else "")
        lines.append(f"{index + 1}. {esc(_header(text, index))}{suffix}")
    if at < len(headers):
        lines.append("")
        lines.append(f"Cột {at + 1} «{esc(_header(headers[at], at))}» là:")
    return "\n".join(lines)


def columns_keyboard(token: str, headers: list[str], chosen: dict[int, str]) -> InlineKeyboardMarkup:
    at = len(chosen)
    used = set(chosen.values())
    options = [role for role in ROLE_LABELS if role == SKIP or role not in used]
    row: list[tuple[str, ColumnRole]] = []
    rows: list[list[tuple[str, ColumnRole]]] = []
    for role in options:
        row.append((ROLE_LABELS[role], ColumnRole(token, at, role)))
        if len(row) == 3:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows.append([("Huỷ", ColumnRole(token, at, CANCEL))])
    return buttons(*rows)


async def offer_columns(
    update: Update,
    context: PlanbotContext,
    official: Official,
    headers: list[str],
    *,
    data: bytes,
    file_name: str,
    file_id: str,
) -> bool:
    """Ask the admin to assign the columns of an unmapped header; False for a header too odd to ask."""
    user = update.effective_user
    if user is None or not 2 <= len(headers) <= MAX_COLUMNS:
        return False
    token, path_text = await keep_pending(context, PENDING_KEY, file_name, data)
    user_data = context.user_data if context.user_data is not None else {}
    user_data[PENDING_KEY] = {
        "token": token,
        "user_id": user.id,
        "file_id": file_id,
        "file_name": file_name,
        "path": path_text,
        "headers": list(headers),
        "chosen": {},
    }
    logger.info("user %s assigns the columns of %s (token %s)", user.id, file_name, token)
    await reply(update, columns_text(headers, {}), reply_markup=columns_keyboard(token, headers, {}))
    return True


def _chosen(pending: dict[str, Any]) -> dict[int, str]:
    return {int(k): str(v) for k, v in dict(pending.get("chosen") or {}).items()}


async def on_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    pressed = ColumnRole.parse(query.data)
    if pressed is None or (pressed.role not in ROLE_LABELS and pressed.role != CANCEL):
        await query.answer(STALE_TEXT)
        return
    official = await current_official(update, context)
    if official is None or official.role != Role.admin:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    user_data = context.user_data if context.user_data is not None else {}
    pending = own_pending(context, PENDING_KEY, pressed.token, user.id)
    if pending is None:
        await query.answer(STALE_TEXT, show_alert=True)
        return
    headers = [str(h) for h in pending.get("headers") or []]
    chosen = _chosen(pending)
    if pressed.column != len(chosen) or pressed.column >= len(headers):
        await query.answer(STALE_TEXT)  # an older button of the same walk
        return
    if pressed.role == CANCEL:
        del user_data[PENDING_KEY]
        remove_file(pending.get("path"))
        await query.answer()
        await show_text(query, update, esc(CANCELLED_TEXT), None)
        return
    if pressed.role != SKIP and pressed.role in chosen.values():
        await query.answer(STALE_TEXT)
        return
    await query.answer()
    chosen[pressed.column] = pressed.role
    pending["chosen"] = {str(k): v for k, v in chosen.items()}
    if len(chosen) < len(headers):
        await show_text(
            query, update, columns_text(headers, chosen), columns_keyboard(pressed.token, headers, chosen)
        )
        return
    mapping = {role: column for column, role in chosen.items() if role != SKIP}
    if "content" not in mapping:
        pending["chosen"] = {}
        await show_text(
            query,
            update,
            columns_text(headers, {}, NO_CONTENT_TEXT),
            columns_keyboard(pressed.token, headers, {}),
        )
        return
    await show_text(query, update, columns_text(headers, chosen), None)
    await _reparse(update, context, official, pending, mapping)


async def _reparse(
    update: Update,
    context: PlanbotContext,
    official: Official,
    pending: dict[str, Any],
    mapping: dict[str, int],
) -> None:
    file_name = str(pending.get("file_name") or "ke-hoach")
    data = await pending_bytes(update, context, pending)
    if data is None:
        return
    try:
        parsed = await asyncio.to_thread(parse_file, data=data, filename=file_name, columns=mapping)
    except PlanImportError as exc:
        # e.g. no numbered rows under the chosen Số TT column: the admin chooses again, file kept
        logger.info("import of %s with columns %s refused: %s", file_name, mapping, exc.reason)
        pending["chosen"] = {}
        headers = [str(h) for h in pending.get("headers") or []]
        token = str(pending.get("token") or "")
        await reply(
            update,
            columns_text(headers, {}, error_text(exc)),
            reply_markup=columns_keyboard(token, headers, {}),
        )
        return
    if context.user_data is not None:
        context.user_data.pop(PENDING_KEY, None)
    remove_file(pending.get("path"))  # the preview keeps its own copy under its own token
    logger.info("user %s mapped the columns of %s: %s", official.telegram_user_id, file_name, mapping)
    await start_preview(
        update,
        context,
        official,
        parsed,
        data=data,
        file_name=file_name,
        file_id=str(pending.get("file_id") or ""),
        columns=mapping,
    )


def register(application: Any) -> None:
    application.add_handler(CallbackQueryHandler(on_button, pattern=ColumnRole.pattern()))
