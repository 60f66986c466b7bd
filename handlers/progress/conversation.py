"""/xong (also /capnhat, /tiendo): the progress-report conversation, wired as one ConversationHandler.

Entry: a command with or without words, or "Báo cáo tiến độ" on a card or a digest. A task code
typed exactly ("/xong II.3.1") opens that task at once; other words list the matching tasks.
"""

from __future__ import annotations

import logging
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

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.progress import prompts as P
from handlers.progress import steps as S
from handlers.progress import texts as T
from handlers.progress.draft import (
    ATTACH,
    DOCS,
    DOCS_CONFIRM,
    EDIT_MENU,
    END,
    IDLE,
    KPI,
    PERIOD,
    REASON,
    STATUS,
    STORE,
    SUMMARY,
    TASK,
    TASK_CONFIRM,
    Draft,
    ack,
    clear,
    entry,
    new_draft,
    save,
    step,
)
from handlers.ui.callbacks import (
    CancelDraft,
    ChoosePeriod,
    ChooseTask,
    DraftStep,
    EditDraft,
    SetStatus,
    StartReport,
    Submit,
)
from handlers.ui.callbacks_period import QuickDone
from handlers.ui.replies import buttons, esc, reply, user_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.periods import period_code
from plans.tasks import report_choice, search
from storage.models import Official
from storage.text import shorten

logger = logging.getLogger(__name__)

COMMANDS = ("xong", "capnhat", "tiendo")


@entry
async def start_command(update: Update, context: PlanbotContext) -> object:
    official = await require_official(update, context)
    if official is None:
        return END
    draft = new_draft(context)
    words = user_text(update).split(maxsplit=1)
    # "xong" means done: /xong preselects Đã thực hiện (still changeable); /capnhat asks.
    draft.quick = bool(words) and words[0].lstrip("/").split("@")[0].lower() == "xong"
    save(context, draft)
    if len(words) > 1:
        state = await _find_task(update, context, draft, official, words[1])
        save(context, draft)
        return state
    await reply(update, T.ASK_TASK)
    return TASK


@entry
async def start_from_button(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(T.STRANGER_SHORT))
        return END
    data = update.callback_query.data if update.callback_query else None
    pressed = StartReport.parse(data) or QuickDone.parse(data)
    draft = new_draft(context)
    draft.quick = isinstance(pressed, QuickDone)
    # _choose_task checks the permission (and answers a refusal) before the draft is used.
    state = await _choose_task(update, context, draft, official, pressed.task_id if pressed else 0)
    if state != END:
        save(context, draft)
    return state


async def _find_task(
    update: Update, context: PlanbotContext, draft: Draft, official: Official, text: str
) -> object:
    lines = await context.db.run_step(
        search, official=official, query=text, today=context.day, reportable_only=True
    )
    if not lines:
        await reply(
            update,
            f"Không tìm thấy nhiệm vụ nào bạn được báo cáo khớp với «{esc(text)}».\n"
            "Gõ lại mã hoặc từ khoá khác, hoặc /huy để dừng.",
        )
        return TASK
    exact = [line for line in lines if line.code.upper() == text.strip().rstrip(".").upper()]
    if len(exact) == 1:
        return await _choose_task(update, context, draft, official, exact[0].id)
    rows = [[(f"{line.code} · {shorten(line.content, 40)}", ChooseTask(line.id))] for line in lines]
    await reply(
        update,
        "Chọn nhiệm vụ cần báo cáo (hoặc gõ lại từ khoá):\n"
        + "\n".join(f"• <b>{esc(line.code)}</b> {esc(shorten(line.content, 90))}" for line in lines),
        reply_markup=buttons(*rows, P.CANCEL_ROW),
    )
    return TASK_CONFIRM


@step
async def task_text(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    return await _find_task(update, context, draft, official, user_text(update))


@step
async def task_chosen(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    pressed = ChooseTask.parse(update.callback_query.data if update.callback_query else None)
    return await _choose_task(update, context, draft, official, pressed.task_id if pressed else 0)


async def _choose_task(
    update: Update, context: PlanbotContext, draft: Draft, official: Official, task_id: int
) -> object:
    choice = await context.db.run_step(report_choice, official=official, task_id=task_id, today=context.day)
    if choice is None:
        clear(context)
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    line, targets = choice
    draft.task_id, draft.code, draft.content, draft.targets = line.id, line.code, line.content, targets
    # Inside a reporting window the report may be about the period just ended (the default) or the
    # current one: asked. Otherwise it is about the current period.
    choices = context.periods.report_choices(context.clock.today())
    draft.period_choices = [period_code(p) for p in choices]
    draft.period = draft.period_choices[0]
    if len(choices) > 1:
        return await P.ask_period(update, context, draft)
    return await P.after_period(update, context, draft)


@entry
async def cancel(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    clear(context)
    await reply(update, T.CANCELLED)
    return END


@STORE.timeout
async def on_timeout(update: object, context: PlanbotContext) -> None:
    clear(context)
    if isinstance(update, Update) and update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, esc(T.EXPIRED_TEXT))


def build_conversation() -> ConversationHandler[PlanbotContext]:
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # Buttons belong to the user's conversation, not to one message: per_message=False is intended.
        warnings.filterwarnings("ignore", message=".*per_message.*")
        return ConversationHandler(
            entry_points=[
                CommandHandler(list(COMMANDS), start_command),
                CallbackQueryHandler(start_from_button, pattern=StartReport.pattern()),
                CallbackQueryHandler(start_from_button, pattern=QuickDone.pattern()),
            ],
            states={
                TASK: [MessageHandler(text, task_text)],
                TASK_CONFIRM: [
                    CallbackQueryHandler(task_chosen, pattern=ChooseTask.pattern()),
                    MessageHandler(text, task_text),
                ],
                PERIOD: [CallbackQueryHandler(S.period_chosen, pattern=ChoosePeriod.pattern())],
                STATUS: [CallbackQueryHandler(S.status_chosen, pattern=SetStatus.pattern())],
                REASON: [MessageHandler(text, S.reason_text)],
                DOCS: [
                    MessageHandler(text, S.docs_text),
                    CallbackQueryHandler(S.docs_button, pattern=DraftStep.pattern()),
                ],
                DOCS_CONFIRM: [
                    CallbackQueryHandler(S.docs_button, pattern=DraftStep.pattern()),
                    MessageHandler(text, S.docs_text),
                ],
                ATTACH: [
                    MessageHandler(filters.Document.ALL | filters.PHOTO, S.attachment_file),
                    CallbackQueryHandler(S.attachment_skip, pattern=DraftStep.pattern()),
                    MessageHandler(text, S.attachment_text),
                ],
                KPI: [
                    MessageHandler(text, S.kpi_text),
                    CallbackQueryHandler(S.kpi_skip, pattern=DraftStep.pattern()),
                ],
                SUMMARY: [
                    CallbackQueryHandler(S.submit, pattern=Submit.pattern()),
                    CallbackQueryHandler(S.edit_chosen, pattern=EditDraft.pattern()),
                    MessageHandler(text, S.summary_text_input),
                ],
                EDIT_MENU: [CallbackQueryHandler(S.edit_chosen, pattern=EditDraft.pattern())],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, on_timeout)],
            },
            fallbacks=[
                CommandHandler("huy", cancel),
                CallbackQueryHandler(cancel, pattern=CancelDraft.pattern()),
            ],
            name="progress",
            persistent=True,
            allow_reentry=True,
            conversation_timeout=IDLE.total_seconds(),
        )


def register(application: Any) -> None:
    application.add_handler(build_conversation())
