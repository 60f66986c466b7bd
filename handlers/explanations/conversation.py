"""Giải trình: "✍️ Giải trình" on a leader's request → the text → optionally a document (PDF, Word,
photo) → the summary → Gửi. The answer is stored (plans/explanations.py, re-authorised then), goes
to the leader who asked, and shows on the task's card and in the report files."""

from __future__ import annotations

import contextlib
import logging
import warnings
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.explanations.draft import (
    END,
    EXPIRED_TEXT,
    FILE,
    IDLE,
    STORE,
    STRANGER_SHORT,
    SUMMARY,
    TEXT,
    Draft,
    ack,
    clear,
    entry,
    new_draft,
    step,
)
from handlers.ui.callbacks import AnswerExplanation, ExplanationStep
from handlers.ui.replies import MAX_CAPTION, buttons, clip, esc, reply, split_text, user_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.explanations import AnswerResult, answer_explanation, explanation_ask
from plans.wording import EXPLANATION_NAME
from storage.text import fold

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
DOC_EXTENSIONS = (".pdf", ".doc", ".docx")
SKIP_WORDS = {"bo qua", "khong", "ko", "k", "skip"}
CANCEL_ROW = [("Huỷ", ExplanationStep("cancel"))]
ASK_FILE = "Gửi kèm văn bản (PDF, Word) hoặc ảnh chụp — không bắt buộc."
CANCELLED = "Đã huỷ giải trình. Chưa có gì được lưu."


@entry
async def start(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    user = update.effective_user
    official = await current_official(update, context)
    if official is None or user is None:
        await reply(update, esc(STRANGER_SHORT))
        return END
    pressed = AnswerExplanation.parse(update.callback_query.data if update.callback_query else None)
    ask = (
        await context.db.run(explanation_ask, telegram_user_id=user.id, explanation_id=pressed.explanation_id)
        if pressed is not None
        else None
    )
    if ask is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    new_draft(context, explanation_id=ask.explanation_id, subject=ask.subject, period=ask.period)
    again = "\n<i>Đơn vị đã giải trình; nội dung mới sẽ thay nội dung cũ.</i>" if ask.answered else ""
    asked = f" (yêu cầu của {esc(ask.asked_by)})" if ask.asked_by else ""
    await reply(
        update,
        f"<b>{EXPLANATION_NAME}</b>{asked} về {esc(ask.subject)} — {esc(ask.period)}.{again}\n\n"
        "Nhập nội dung giải trình: lý do, khó khăn, vướng mắc và hướng khắc phục.",
        reply_markup=buttons(CANCEL_ROW),
    )
    return TEXT


@step
async def text_typed(update: Update, context: PlanbotContext, draft: Draft, official: Any) -> object:
    text = user_text(update).strip()
    if not text:
        return TEXT
    draft.text = text
    await reply(
        update, esc(ASK_FILE), reply_markup=buttons([("Bỏ qua", ExplanationStep("skip"))], CANCEL_ROW)
    )
    return FILE


@step
async def file_sent(update: Update, context: PlanbotContext, draft: Draft, official: Any) -> object:
    message = update.effective_message
    assert message is not None
    if message.document is not None:
        doc = message.document
        name = doc.file_name or "văn bản"
        mime = (doc.mime_type or "").lower()
        if not (
            mime.startswith("image/") or mime == "application/pdf" or name.lower().endswith(DOC_EXTENSIONS)
        ):
            await reply(update, esc("Chỉ nhận tệp PDF, Word hoặc ảnh. Gửi tệp khác hoặc bấm Bỏ qua."))
            return FILE
        file_id, size, kind = doc.file_id, doc.file_size or 0, "document"
    elif message.photo:
        photo = message.photo[-1]
        file_id, size, name, kind = photo.file_id, photo.file_size or 0, "ảnh chụp.jpg", "photo"
    else:
        return FILE
    if size > MAX_FILE_BYTES:
        await reply(
            update, esc("Tệp quá lớn: bot chỉ nhận tệp tối đa 20 MB. Gửi bản nhỏ hơn hoặc bấm Bỏ qua.")
        )
        return FILE
    draft.attachment = {"file_id": file_id, "name": name, "size": size, "kind": kind}
    return await _summary(update, draft)


@step
async def file_text(update: Update, context: PlanbotContext, draft: Draft, official: Any) -> object:
    if fold(user_text(update)) in SKIP_WORDS:
        return await _summary(update, draft)
    await reply(update, esc("Hãy gửi tệp PDF, Word hoặc ảnh, hoặc bấm Bỏ qua."))
    return FILE


async def _summary(update: Update, draft: Draft) -> object:
    lines = [
        f"<b>Xác nhận {EXPLANATION_NAME.lower()}</b>",
        f"Về {esc(draft.subject)} — {esc(draft.period)}",
        "",
        esc(draft.text or ""),
    ]
    if draft.attachment:
        lines.append(f"📎 {esc(draft.attachment.get('name', ''))}")
    lines.append("\nBấm <b>Gửi</b> để gửi lãnh đạo.")
    await reply(
        update,
        "\n".join(lines),
        reply_markup=buttons(
            [("Gửi", ExplanationStep("send")), ("Sửa", ExplanationStep("edit"))], CANCEL_ROW
        ),
    )
    return SUMMARY


@step
async def button(update: Update, context: PlanbotContext, draft: Draft, official: Any) -> object:
    pressed = ExplanationStep.parse(update.callback_query.data if update.callback_query else None)
    action = pressed.action if pressed is not None else ""
    if action == "skip":
        draft.attachment = None
        return await _summary(update, draft)
    if action == "edit":
        draft.text, draft.attachment = None, None
        await reply(update, esc("Nhập lại nội dung giải trình."), reply_markup=buttons(CANCEL_ROW))
        return TEXT
    if action == "send" and draft.text:
        return await _send(update, context, draft)
    return await _summary(update, draft)


async def _send(update: Update, context: PlanbotContext, draft: Draft) -> object:
    user = update.effective_user
    assert user is not None and draft.text is not None
    # The draft's end is written with the answer, in one transaction.
    result = await STORE.finish(
        update,
        context,
        answer_explanation,
        telegram_user_id=user.id,
        explanation_id=draft.explanation_id,
        text=draft.text,
        now=context.clock.now(),
        attachment=draft.attachment,
    )
    kind = (draft.attachment or {}).get("kind", "document")
    if result is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    told = await _tell_leader(context, result, str(kind))
    tail = " và gửi lãnh đạo" if told else ""
    await reply(update, f"✅ Đã lưu {EXPLANATION_NAME.lower()}{tail}. Cảm ơn anh/chị!")
    return END


async def _tell_leader(context: PlanbotContext, result: AnswerResult, kind: str) -> bool:
    if result.leader_chat_id is None:
        return False
    ask = result.ask
    text = (
        f"📝 <b>{EXPLANATION_NAME} của {esc(ask.agency)}</b> ({esc(result.answered_by)})\n"
        f"Về {esc(ask.subject)} — {esc(ask.period)}:\n\n{esc(result.answer)}"
    )
    try:
        for part in split_text(text):
            await context.bot.send_message(result.leader_chat_id, part)
        if result.attachment_file_id:
            caption = clip(
                esc(
                    f"📎 {result.attachment_name or 'Văn bản'} — {EXPLANATION_NAME.lower()} của {ask.agency}"
                ),
                MAX_CAPTION,
            )
            if kind == "photo":
                await context.bot.send_photo(
                    result.leader_chat_id, result.attachment_file_id, caption=caption
                )
            else:
                await context.bot.send_document(
                    result.leader_chat_id, result.attachment_file_id, caption=caption
                )
    except TelegramError as exc:
        logger.warning("could not send the explanation %s to the leader: %s", ask.explanation_id, exc)
        return False
    return True


@entry
async def cancel(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    clear(context)
    await reply(update, esc(CANCELLED))
    return END


@STORE.timeout
async def on_timeout(update: object, context: PlanbotContext) -> None:
    clear(context)
    if isinstance(update, Update) and update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(update.effective_chat.id, esc(EXPIRED_TEXT))


def build_conversation() -> ConversationHandler[PlanbotContext]:
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*per_message.*")
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(start, pattern=AnswerExplanation.pattern())],
            states={
                TEXT: [MessageHandler(text, text_typed)],
                FILE: [
                    MessageHandler(filters.Document.ALL | filters.PHOTO, file_sent),
                    CallbackQueryHandler(button, pattern=r"^ex:s:skip$"),
                    MessageHandler(text, file_text),
                ],
                SUMMARY: [CallbackQueryHandler(button, pattern=r"^ex:s:(send|edit)$")],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, on_timeout)],
            },
            fallbacks=[
                CommandHandler("huy", cancel),
                CallbackQueryHandler(cancel, pattern=r"^ex:s:cancel$"),
            ],
            name="explanation",
            persistent=True,
            allow_reentry=True,
            conversation_timeout=IDLE.total_seconds(),
        )


def register(application: Any) -> None:
    application.add_handler(build_conversation())
