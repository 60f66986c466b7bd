"""/baocaoky: the steps of a period report, one message per task edited in place.

Each task: one tap on its status (Như kỳ trước copies the period before's result and documents;
Bỏ qua leaves it out), then the evidence — typed (read with the reference parser), or one tap on a
document already cited in this sitting; a file is optional and may come first. Then the next
task's message. At the end one summary: Gửi stores everything in one transaction, Sửa asks one
task again and comes back to the summary with the rest kept.

The sitting is stored before every reply or edit (handlers/ui/draft_store.py), so a bot killed at
any moment continues where the official saw it.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.period_report import sitting as S
from handlers.period_report.sitting import STORE, Sitting
from handlers.ui.callbacks import Callback
from handlers.ui.callbacks_period import (
    PeriodCancel,
    PeriodDoc,
    PeriodEdit,
    PeriodNoDoc,
    PeriodStart,
    PeriodStatus,
    PeriodSubmit,
)
from handlers.ui.draft_store import STRANGER_SHORT, ack, persist_now
from handlers.ui.replies import MAX_TEXT, buttons, esc, reply
from handlers.ui.views import doc_from_dict
from plans.period_report import Answer, period_tasks, submit_period
from plans.periods import parse_period_code, period_code
from plans.wording import DONE, IN_PROGRESS, NOT_DONE, STATUS_NAMES
from storage.models import Official
from storage.text import shorten

logger = logging.getLogger(__name__)

NOTHING_TEXT = "Anh/chị không còn nhiệm vụ nào cần báo cáo {label}."
SAVED_TEXT = "✅ Đã lưu báo cáo {label}: {count} nhiệm vụ. Cảm ơn anh/chị!"
CANCELLED_TEXT = "Đã huỷ báo cáo kỳ. Chưa có gì được lưu."


# --- keyboards -------------------------------------------------------------------------------


def status_keyboard(s: Sitting) -> InlineKeyboardMarkup:
    tid = s.task_id
    rows = [
        [
            (STATUS_NAMES[DONE], PeriodStatus(tid, DONE)),
            (STATUS_NAMES[IN_PROGRESS], PeriodStatus(tid, IN_PROGRESS)),
        ],
        [(STATUS_NAMES[NOT_DONE], PeriodStatus(tid, NOT_DONE))],
    ]
    if (s.item or {}).get("previous"):
        rows[1].append(("Như kỳ trước", PeriodStatus(tid, S.SAME)))
    rows.append([("Bỏ qua", PeriodStatus(tid, S.SKIP))])
    return buttons(*rows)


def docs_keyboard(s: Sitting) -> InlineKeyboardMarkup:
    tid = s.task_id
    rows: list[list[tuple[str, Any]]] = [
        [(f"📄 {shorten(doc_from_dict(doc), 60)}", PeriodDoc(tid, index))] for index, doc in s.doc_buttons()
    ]
    if s.answer().get("status") != DONE:
        rows.append([("Không có văn bản", PeriodNoDoc(tid))])
    return buttons(*rows)


def summary_keyboard() -> InlineKeyboardMarkup:
    return buttons([("Gửi", PeriodSubmit()), ("Sửa", PeriodEdit(0)), ("Huỷ", PeriodCancel())])


# --- showing ---------------------------------------------------------------------------------


async def _store(update: Update, context: PlanbotContext, s: Sitting | None) -> None:
    """The sitting as it is now goes to the database before the user sees the step's answer."""
    if s is None:
        STORE.clear(context)
    else:
        STORE.save(context, s)
    await persist_now(update, context)


async def _edit(
    update: Update,
    context: PlanbotContext,
    message_id: int | None,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> bool:
    chat = update.effective_chat
    if chat is None or message_id is None:
        return False
    try:
        await context.bot.edit_message_text(text, chat_id=chat.id, message_id=message_id, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True
        logger.info("period report: message %s not edited (%s)", message_id, exc)
        return False
    return True


async def _send_task(update: Update, context: PlanbotContext, s: Sitting) -> None:
    """The current task's question as a new message, remembered for the edits to come."""
    s.phase = S.STATUS
    await _store(update, context, s)
    sent = await reply(update, S.status_text(s), reply_markup=status_keyboard(s))
    if sent is not None:
        s.message_id = sent.message_id
        await _store(update, context, s)


async def show_phase(update: Update, context: PlanbotContext, s: Sitting) -> None:
    """Edit the current task's message to ask the sitting's phase (a new message if it is gone)."""
    await _store(update, context, s)
    if s.phase == S.DOCS:
        text, markup = S.docs_text(s), docs_keyboard(s)
    elif s.phase == S.REASON:
        text, markup = S.reason_text(s), None
    else:
        text, markup = S.status_text(s), status_keyboard(s)
    if not await _edit(update, context, s.message_id, text, markup):
        sent = await reply(update, text, reply_markup=markup)
        if sent is not None:
            s.message_id = sent.message_id
            await _store(update, context, s)


async def _summary(update: Update, context: PlanbotContext, s: Sitting, *, in_place: bool = False) -> None:
    """The summary as a new message, or (in_place: back from the list of tasks to edit) in the
    message pressed."""
    pressed = s.message_id if in_place else None
    s.phase, s.editing, s.message_id = S.SUMMARY, False, pressed
    await _store(update, context, s)
    text = S.summary_text(s)
    if (
        pressed is not None
        and len(text) <= MAX_TEXT
        and await _edit(update, context, pressed, text, summary_keyboard())
    ):
        return
    sent = await reply(update, text, reply_markup=summary_keyboard())
    if sent is not None:
        s.message_id = sent.message_id
        await _store(update, context, s)


async def advance(update: Update, context: PlanbotContext, s: Sitting) -> None:
    """The current task is answered: its message shows the answer, then the next task (or the summary)."""
    answered, message_id = s.index, s.message_id
    if s.editing:
        s.index = len(s.items)
    else:
        s.index += 1
    s.message_id = None
    # Stored with the phase that follows: a kill before the next question is sent still asks it.
    s.phase = S.STATUS if s.index < len(s.items) else S.SUMMARY
    await _store(update, context, s)
    await _edit(update, context, message_id, S.done_text(s, answered), None)
    if s.index < len(s.items):
        await _send_task(update, context, s)
    else:
        await _summary(update, context, s)


# --- entry -----------------------------------------------------------------------------------


async def start_period_report(update: Update, context: PlanbotContext, official: Official) -> None:
    """Start the period report, or take up the sitting left for the same period."""
    period = context.periods.report_choices(context.clock.today())[0]
    code = period_code(period)
    s = STORE.load(context)
    if s is not None and s.period == code:
        if s.phase == S.SUMMARY or s.index >= len(s.items):
            query = update.callback_query
            pressed = query.message.message_id if query is not None and query.message is not None else None
            await _summary(update, context, s, in_place=pressed is not None and pressed == s.message_id)
        else:
            await _send_task(update, context, s)
        return
    tasks = await context.db.run(
        period_tasks, official=official, period=period, today=context.clock.today(), policy=context.periods
    )
    if not tasks:
        await _store(update, context, None)
        await reply(update, esc(NOTHING_TEXT.format(label=period.label)))
        return
    s = Sitting(
        period=code,
        label=period.label,
        items=[
            {"task_id": t.task_id, "code": t.code, "content": t.content, "previous": t.previous}
            for t in tasks
        ],
    )
    await _send_task(update, context, s)


async def command(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is not None:
        await start_period_report(update, context, official)


async def _pressing(update: Update, context: PlanbotContext) -> tuple[Sitting, Official] | None:
    await ack(update)
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(STRANGER_SHORT))
        return None
    s = STORE.load(context)
    if s is None:
        await reply(update, esc(STORE.gone_text))
        return None
    return s, official


# --- buttons ---------------------------------------------------------------------------------


async def start_button(update: Update, context: PlanbotContext) -> None:
    await ack(update)
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(STRANGER_SHORT))
        return
    await start_period_report(update, context, official)


async def status_button(update: Update, context: PlanbotContext) -> None:
    pressed = PeriodStatus.parse(update.callback_query.data if update.callback_query else None)
    found = await _pressing(update, context)
    if found is None or pressed is None:
        return
    s, _official = found
    if s.phase != S.STATUS or pressed.task_id != s.task_id:
        return  # a press on an older message: that task is not being asked now
    if update.callback_query is not None and update.callback_query.message is not None:
        s.message_id = update.callback_query.message.message_id
    answer = s.answer()
    if pressed.status == S.SKIP:
        s.answers[str(s.task_id)] = {"status": S.SKIP}
        return await advance(update, context, s)
    if pressed.status == S.SAME:
        previous = (s.item or {}).get("previous")
        if not previous:
            return None
        s.answers[str(s.task_id)] = {
            "status": previous["status"],
            "docs": list(previous.get("docs") or []),
            "note": previous.get("note"),
            "attachment": previous.get("attachment"),
        }
        s.cite(list(previous.get("docs") or []))
        return await advance(update, context, s)
    if pressed.status not in (DONE, IN_PROGRESS, NOT_DONE):
        return None
    # A status chosen again (Sửa) keeps the documents and the file already given.
    answer["status"] = pressed.status
    answer.setdefault("docs", [])
    if pressed.status == NOT_DONE:
        s.phase = S.REASON
    else:
        s.phase = S.DOCS
    return await show_phase(update, context, s)


async def doc_button(update: Update, context: PlanbotContext) -> None:
    data = update.callback_query.data if update.callback_query else None
    chosen = PeriodDoc.parse(data)
    none = PeriodNoDoc.parse(data)
    found = await _pressing(update, context)
    task_id = chosen.task_id if chosen else none.task_id if none else -1
    if found is None or task_id < 0:
        return
    s, _official = found
    if s.phase != S.DOCS or task_id != s.task_id:
        return
    answer = s.answer()
    if chosen is not None:
        if not 0 <= chosen.index < len(s.cited):
            return
        answer["docs"] = [s.cited[chosen.index]]
    elif answer.get("status") == DONE:
        return  # a forged "no document" on a task reported done
    else:
        answer["docs"] = []
    await advance(update, context, s)


async def submit_button(update: Update, context: PlanbotContext) -> None:
    found = await _pressing(update, context)
    if found is None:
        return
    s, _official = found
    user = update.effective_user
    if s.phase != S.SUMMARY or user is None:
        return
    answers = [
        Answer(
            task_id=int(item["task_id"]),
            status=str(a["status"]),
            note=a.get("note"),
            documents=list(a.get("docs") or []),
            attachment=a.get("attachment"),
        )
        for item in s.items
        if (a := s.answers.get(str(item["task_id"]), {})).get("status") in (DONE, IN_PROGRESS, NOT_DONE)
    ]
    period = parse_period_code(s.period, context.periods.mode)
    # The sitting's end is written with the reports, in one transaction.
    results = await STORE.finish(
        update,
        context,
        submit_period,
        telegram_user_id=user.id,
        answers=answers,
        period=period,
        reported_on=context.clock.today(),
        policy=context.periods,
    )
    message_id = s.message_id
    stored = sum(r.report_id is not None for r in results)
    text = SAVED_TEXT.format(label=esc(s.label), count=stored)
    if stored < len(results):
        text += f"\n{len(results) - stored} nhiệm vụ không còn thuộc quyền báo cáo của anh/chị: không lưu."
    if not await _edit(update, context, message_id, text, None):
        await reply(update, text)


async def edit_button(update: Update, context: PlanbotContext) -> None:
    pressed = PeriodEdit.parse(update.callback_query.data if update.callback_query else None)
    found = await _pressing(update, context)
    if found is None or pressed is None:
        return
    s, _official = found
    if s.phase != S.SUMMARY:
        return  # a "Sửa" of an older summary while a task is being asked again
    if pressed.task_id == 0:
        codes: list[tuple[str, Callback]] = [
            (str(item["code"]), PeriodEdit(int(item["task_id"]))) for item in s.items
        ]
        rows = [codes[i : i + 3] for i in range(0, len(codes), 3)]
        rows.append([("◀ Quay lại", PeriodStart())])
        if not await _edit(update, context, s.message_id, "Sửa nhiệm vụ nào?", buttons(*rows)):
            await reply(update, "Sửa nhiệm vụ nào?", reply_markup=buttons(*rows))
        return
    index = next((i for i, item in enumerate(s.items) if int(item["task_id"]) == pressed.task_id), None)
    if index is None:
        return
    s.index, s.editing = index, True
    await _edit(
        update, context, s.message_id, f"Đang sửa nhiệm vụ <b>{esc(s.items[index]['code'])}</b>…", None
    )
    await _send_task(update, context, s)


async def cancel_button(update: Update, context: PlanbotContext) -> None:
    found = await _pressing(update, context)
    if found is None:
        return
    s, _official = found
    await _store(update, context, None)
    if not await _edit(update, context, s.message_id, CANCELLED_TEXT, None):
        await reply(update, CANCELLED_TEXT)
