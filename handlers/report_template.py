"""The commune's own template of the written report, from an admin: a .docx sent with the caption
"mẫu báo cáo", or /maubaocao then the file. /maubaocao alone sends the template in use and the
placeholders it may hold; "/maubaocao macdinh" goes back to the shipped default. A template is
checked on arrival (reports/outputs/templates.py): an unknown placeholder is refused with its name.

Registered before the plan import (handlers/imports.py), which takes every other document.
"""

from __future__ import annotations

import logging
import warnings
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters

from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from reports.documents import current_template, reset_template, upload_template
from reports.outputs.cover import ITEM_FIELDS, PLACEHOLDERS
from reports.outputs.templates import MAX_TEMPLATE_BYTES
from storage.models import Role
from storage.text import fold, nfc

logger = logging.getLogger(__name__)

WAITING = "waiting"
END = ConversationHandler.END
KEY = "report_template_since"
IDLE = timedelta(minutes=15)
RESET_WORDS = {"macdinh", "mac dinh", "default"}
SEND_FILE = "Hãy gửi tệp mẫu báo cáo (.docx), hoặc /huy để thôi."
DOWNLOAD_FAILED = "Không tải được tệp từ Telegram; hãy gửi lại sau ít phút."
TOO_BIG = "Tệp mẫu quá lớn (tối đa 5 MB)."
CANCELLED = "Đã thôi thay mẫu báo cáo."


class _TemplateCaption(filters.MessageFilter):
    """A document whose caption starts with "mẫu báo cáo" (with or without diacritics)."""

    def filter(self, message: Message) -> bool:
        return fold(message.caption or "").startswith("mau bao cao")


TEMPLATE_CAPTION = _TemplateCaption(name="template_caption")


def guide_text() -> str:
    lists = "; ".join(f"{name}: {', '.join(fields)}" for name, fields in ITEM_FIELDS.items())
    lines = [
        "<b>Mẫu báo cáo của xã/phường</b>",
        "Sửa tệp mẫu kèm theo bằng Word rồi gửi lại cho bot (chú thích «mẫu báo cáo», hoặc gửi ngay sau lệnh này).",
        "Mỗi trường viết liền một lần trong ngoặc kép nhọn, ví dụ <code>{{ trich_yeu }}</code>; lặp một danh sách:",
        "<code>{%p for dong in ket_qua %}</code> / <code>{{ dong }}</code> / <code>{%p endfor %}</code>.",
        "Bot tự thêm Phụ lục (bảng kết quả) sau phần báo cáo.",
        "",
        "<b>Các trường:</b>",
    ]
    lines += [f"• <code>{esc(name)}</code>: {esc(text)}" for name, text in PLACEHOLDERS.items()]
    lines += [
        "",
        f"<b>Trường của mỗi mục:</b> {esc(lists)}",
        "",
        "/maubaocao macdinh: dùng lại mẫu mặc định · /huy: thôi.",
    ]
    return "\n".join(lines)


async def template_command(update: Update, context: PlanbotContext) -> object:
    official = await require_official(update, context, roles=(Role.admin,))
    if official is None:
        return END
    arg = fold(" ".join(context.args or []))
    if arg in RESET_WORDS:
        await reply(update, esc(await context.db.run(reset_template, official=official)))
        return END
    state = await context.db.run(current_template, official=official)
    if isinstance(state, str):
        await reply(update, esc(state))
        return END
    await reply(update, guide_text())
    chat = update.effective_chat
    if chat is not None:
        which = "mẫu riêng của xã/phường" if state.custom else "mẫu mặc định"
        await chat.send_document(
            state.content, filename=state.file_name, caption=esc(f"Mẫu đang dùng: {which}.")
        )
    _mark(context)
    return WAITING


def _mark(context: PlanbotContext) -> None:
    if context.user_data is not None:
        context.user_data[KEY] = datetime.now(UTC).isoformat()


def _fresh(context: PlanbotContext) -> bool:
    raw = (context.user_data or {}).pop(KEY, None)
    try:
        return raw is not None and datetime.now(UTC) - datetime.fromisoformat(str(raw)) <= IDLE
    except ValueError:
        return False


async def _take(update: Update, context: PlanbotContext) -> object:
    official = await require_official(update, context, roles=(Role.admin,))
    message = update.effective_message
    if official is None or message is None or message.document is None:
        return END
    document = message.document
    name = nfc(document.file_name or "mau-bao-cao.docx")
    if document.file_size is not None and document.file_size > MAX_TEMPLATE_BYTES:
        await reply(update, esc(TOO_BIG))
        return END
    try:
        data = bytes(await (await context.bot.get_file(document.file_id)).download_as_bytearray())
    except TelegramError as exc:
        logger.warning("download of the template %s failed: %s", name, exc)
        await reply(update, esc(DOWNLOAD_FAILED))
        return END
    outcome = await context.db.run(upload_template, official=official, file_name=name, content=data)
    logger.info(
        "template %s from user %s: %s", name, official.telegram_user_id, "kept" if outcome.ok else "refused"
    )
    text = esc(outcome.message)
    if outcome.ok:
        text += "\nCác báo cáo từ nay được lập theo mẫu này (/baocao). /maubaocao macdinh để dùng lại mẫu mặc định."
    await reply(update, text)
    return END


async def file_with_caption(update: Update, context: PlanbotContext) -> object:
    return await _take(update, context)


async def file_after_command(update: Update, context: PlanbotContext) -> object:
    if not _fresh(context):
        await reply(update, esc("Phiên thay mẫu đã hết hạn. Gõ /maubaocao để bắt đầu lại."))
        return END
    return await _take(update, context)


async def waiting_text(update: Update, context: PlanbotContext) -> object:
    await reply(update, esc(SEND_FILE))
    return WAITING


async def cancel(update: Update, context: PlanbotContext) -> object:
    (context.user_data or {}).pop(KEY, None)
    await reply(update, esc(CANCELLED))
    return END


def build_conversation() -> ConversationHandler[PlanbotContext]:
    private = filters.ChatType.PRIVATE
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*per_message.*")
        return ConversationHandler(
            entry_points=[
                CommandHandler("maubaocao", template_command),
                MessageHandler(filters.Document.ALL & TEMPLATE_CAPTION & private, file_with_caption),
            ],
            states={
                WAITING: [
                    MessageHandler(filters.Document.ALL & private, file_after_command),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, waiting_text),
                ],
            },
            fallbacks=[CommandHandler("huy", cancel)],
            name="report_template",
            persistent=True,
            allow_reentry=True,
            conversation_timeout=IDLE.total_seconds(),
        )


def register(application: Any) -> None:
    application.add_handler(build_conversation())
