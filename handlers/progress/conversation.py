"""/xong: the progress-report conversation (task → status → documents → attachment → KPI → summary).

The draft lives in context.user_data["progress"] as a JSON-friendly dict, so DatabasePersistence keeps it
across restarts together with the conversation state. PTB's conversation_timeout is not persisted, so every
step also checks the draft's own "touched" timestamp.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers.common import NO_PERMISSION_TEXT, current_official, esc, reply, require_official, user_text
from handlers.context import PlanbotContext
from handlers.progress.base import (
    ATTACH,
    CANCEL_ROW,
    DOCS,
    DOCS_CONFIRM,
    END,
    IDLE,
    KPI,
    REASON,
    STATUS,
    SUMMARY,
    TASK,
    TASK_CONFIRM,
    _ack,
    _ask_status,
    _buttons,
    _clear,
    _new_draft,
    step,
)
from handlers.progress.finish import (
    _ask_attachment,
    attachment_file,
    attachment_skip,
    attachment_text,
    kpi_skip,
    kpi_text,
    summary_button,
    summary_text_input,
)
from handlers.ui import views as pv
from plans.parsing.references import parse_references
from plans.tasks import report_choice, search
from storage.models import Official, ReportStatus

logger = logging.getLogger(__name__)

# --- Entry ---------------------------------------------------------------------------------------


async def start_command(update: Update, context: PlanbotContext) -> object:
    official = await require_official(update, context)
    if official is None:
        return END
    draft = _new_draft(context)
    words = user_text(update).split(maxsplit=1)
    if len(words) > 1:
        return await _find_task(update, context, draft, official, words[1])
    await reply(
        update,
        "Báo cáo tiến độ nhiệm vụ nào? Gõ mã (vd: <code>II.3</code>) hoặc vài từ trong nội dung.\n"
        "Gõ /huy để dừng.",
    )
    return TASK


async def start_from_card(update: Update, context: PlanbotContext) -> object:
    await _ack(update)
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(pv.STRANGER_SHORT))
        return END
    match = re.fullmatch(
        r"p:s:(\d{1,12})", (update.callback_query.data or "") if update.callback_query else ""
    )
    task_id = int(match.group(1)) if match else 0
    # _choose_task checks the permission (and answers a refusal) before the draft is used.
    return await _choose_task(update, context, _new_draft(context), official, task_id)


# --- Step 1: the task ----------------------------------------------------------------------------


async def _find_task(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official, text: str
) -> object:
    lines = await context.db.run(search, official=official, query=text, reportable_only=True)
    if not lines:
        await reply(
            update,
            f"Không tìm thấy nhiệm vụ nào bạn được báo cáo khớp với «{esc(text)}».\n"
            "Gõ lại mã hoặc từ khoá khác, hoặc /huy để dừng.",
        )
        return TASK
    rows = [[(f"{line.code} · {pv.short(line.content, 40)}", f"p:t:{line.id}")] for line in lines]
    await reply(
        update,
        "Chọn nhiệm vụ cần báo cáo (hoặc gõ lại từ khoá):\n"
        + "\n".join(f"• <b>{esc(line.code)}</b> {esc(pv.short(line.content, 90))}" for line in lines),
        reply_markup=_buttons(*rows, CANCEL_ROW),
    )
    return TASK_CONFIRM


@step
async def task_text(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    return await _find_task(update, context, draft, official, user_text(update))


@step
async def task_chosen(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    data = update.callback_query.data if update.callback_query else ""
    return await _choose_task(update, context, draft, official, int((data or "p:t:0").split(":")[2]))


async def _choose_task(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official, task_id: int
) -> object:
    choice = await context.db.run(report_choice, official=official, task_id=task_id)
    if choice is None:
        _clear(context)
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    line, targets = choice
    draft.update({"task_id": line.id, "code": line.code, "content": line.content, "targets": targets})
    return await _ask_status(update, draft)


# --- Step 2: the status --------------------------------------------------------------------------


@step
async def status_chosen(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    status = (update.callback_query.data or "") if update.callback_query else ""
    status = status.removeprefix("p:st:")
    if status not in {s.value for s in ReportStatus}:
        return STATUS
    draft["status"] = status
    if status == ReportStatus.not_done:
        await reply(
            update, "Lý do chưa thực hiện, hoặc khó khăn, vướng mắc?", reply_markup=_buttons(CANCEL_ROW)
        )
        return REASON
    return await _ask_docs(update, draft)


@step
async def reason_text(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    draft["reason"] = user_text(update)
    return await _ask_docs(update, draft)


# --- Step 3: reference documents -----------------------------------------------------------------


async def _ask_docs(update: Update, draft: dict[str, Any]) -> object:
    required = draft.get("status") == ReportStatus.done
    text = (
        "Văn bản chứng minh "
        + ("(bắt buộc)" if required else "(không bắt buộc)")
        + ": gõ số hiệu, ngày, vd\n"
        "<i>Kế hoạch số 23/KH-UBND ngày 15/8/2025</i>\nCó thể ghi nhiều văn bản trong một tin."
    )
    rows = [CANCEL_ROW] if required else [[("Bỏ qua", "p:d:skip")], CANCEL_ROW]
    await reply(update, text, reply_markup=_buttons(*rows))
    return DOCS


@step
async def docs_text(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    text = user_text(update).strip()
    if not text:
        return DOCS
    refs = parse_references(text)
    draft["pending"] = {"text": text, "docs": [pv.ref_to_dict(ref) for ref in refs]}
    if refs:
        await reply(
            update,
            "Tôi hiểu là:\n"
            + "\n".join(f"📄 {esc(pv.doc_line(pv.ref_to_dict(r)))}" for r in refs)
            + "\n\nĐúng chưa?",
            reply_markup=_buttons([("Đúng", "p:d:ok"), ("Nhập lại", "p:d:re")], CANCEL_ROW),
        )
    else:
        await reply(
            update,
            f"Tôi không nhận ra số hiệu, ngày của văn bản trong:\n«{esc(text)}»\n\nLưu nguyên văn làm ghi chú?",
            reply_markup=_buttons([("Lưu làm ghi chú", "p:d:note"), ("Nhập lại", "p:d:re")], CANCEL_ROW),
        )
    return DOCS_CONFIRM


@step
async def docs_button(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    action = (update.callback_query.data or "") if update.callback_query else ""
    pending = draft.pop("pending", None) or {}
    if action == "p:d:ok" and pending.get("docs"):
        draft["docs"] = pending["docs"]
    elif action == "p:d:note" and pending.get("text"):
        draft["doc_note"] = pending["text"]
    elif action == "p:d:skip" and draft.get("status") != ReportStatus.done:
        pass
    else:
        return await _ask_docs(update, draft)
    return await _ask_attachment(update)


# --- Cancel and timeout --------------------------------------------------------------------------


async def cancel(update: Update, context: PlanbotContext) -> object:
    await _ack(update)
    _clear(context)
    await reply(update, "Đã huỷ báo cáo. Chưa có gì được lưu.")
    return END


async def on_timeout(update: object, context: PlanbotContext) -> None:
    _clear(context)
    if isinstance(update, Update) and update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, esc(pv.EXPIRED_TEXT))


def build_conversation() -> ConversationHandler[PlanbotContext]:
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # Buttons belong to the user's conversation, not to one message: per_message=False is intended.
        warnings.filterwarnings("ignore", message=".*per_message.*")
        return ConversationHandler(
            entry_points=[
                CommandHandler("xong", start_command),
                CallbackQueryHandler(start_from_card, pattern=r"^p:s:\d{1,12}$"),
            ],
            states={
                TASK: [MessageHandler(text, task_text)],
                TASK_CONFIRM: [
                    CallbackQueryHandler(task_chosen, pattern=r"^p:t:\d{1,12}$"),
                    MessageHandler(text, task_text),
                ],
                STATUS: [CallbackQueryHandler(status_chosen, pattern=r"^p:st:\w+$")],
                REASON: [MessageHandler(text, reason_text)],
                DOCS: [
                    MessageHandler(text, docs_text),
                    CallbackQueryHandler(docs_button, pattern=r"^p:d:skip$"),
                ],
                DOCS_CONFIRM: [
                    CallbackQueryHandler(docs_button, pattern=r"^p:d:(ok|note|re)$"),
                    MessageHandler(text, docs_text),
                ],
                ATTACH: [
                    MessageHandler(filters.Document.ALL | filters.PHOTO, attachment_file),
                    CallbackQueryHandler(attachment_skip, pattern=r"^p:a:skip$"),
                    MessageHandler(text, attachment_text),
                ],
                KPI: [
                    MessageHandler(text, kpi_text),
                    CallbackQueryHandler(kpi_skip, pattern=r"^p:k:skip$"),
                ],
                SUMMARY: [
                    CallbackQueryHandler(summary_button, pattern=r"^p:(ok|edit)$"),
                    MessageHandler(text, summary_text_input),
                ],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, on_timeout)],
            },
            fallbacks=[CommandHandler("huy", cancel), CallbackQueryHandler(cancel, pattern=r"^p:x$")],
            name="progress",
            persistent=True,
            allow_reentry=True,
            conversation_timeout=IDLE.total_seconds(),
        )


def register(application: Any) -> None:
    application.add_handler(build_conversation())
