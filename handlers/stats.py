"""Leaders' statistics: free-text questions, /tyle /quahan /donvi /chitieu /baocao, the chart
button, the pages of a long answer and the "Ý anh/chị là" choices.

Thin: the question engine (reports/answers/core.py) reads and answers; this module keeps the
chat's last question for follow-ups (context.user_data["qa"], JSON, per chat, with the moment it
was asked: it lasts MEMORY_SECONDS) and turns the answer's buttons into callback data (ids and
short tokens, handlers/ui/callbacks.py), re-authorised on every press.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.period_report.flow import start_period_report
from handlers.report_files import send_charts, send_report, split_format
from handlers.ui.callbacks import AnswerChoice, AnswerPage, Callback, Chart, NewCard
from handlers.ui.replies import esc, reply
from plans.periods import Period, parse_period_code, period_code, quarter_containing
from plans.tasks import TaskLine
from reports.answers.core import (
    NOT_UNDERSTOOD,
    Answer,
    ChartRequest,
    answer_page,
    answer_question,
    intent_answer,
)
from reports.answers.freetext import answer_or_search
from reports.questions.followup import MEMORY_SECONDS
from reports.questions.parse import PeriodError, parse_period_text
from storage.models import Official, Role

logger = logging.getLogger(__name__)

MEMORY_KEY = "qa"
BAD_PERIOD = (
    "Không hiểu kỳ «{arg}». Ví dụ: quý này, quý trước, quý 3, quý III/2025, tháng 11, "
    "6 tháng đầu năm, năm nay, 2025-Q3."
)
STALE = "Câu hỏi này đã cũ, hãy hỏi lại."
OFFICIAL_REPORT_TEXT = (
    "Báo cáo (văn bản) {asked} do lãnh đạo, quản trị viên xã lập. Anh/chị báo cáo kết quả "
    "{current} của đơn vị mình bằng /baocaoky; xem số liệu kỳ khác bằng /tyle."
)


# --------------------------------------------------------------- the chat's memory


def _chats(context: PlanbotContext) -> dict[str, Any]:
    data = context.user_data if context.user_data is not None else {}
    chats = data.setdefault(MEMORY_KEY, {})
    return chats if isinstance(chats, dict) else {}


def _memory(context: PlanbotContext, chat_id: int) -> dict[str, Any] | None:
    """The chat's last question, if it was asked less than MEMORY_SECONDS ago."""
    entry = _chats(context).get(str(chat_id))
    now = context.clock.now().timestamp()
    if not isinstance(entry, dict) or now - float(entry.get("at", 0)) > MEMORY_SECONDS:
        return None
    return entry


def _remember(context: PlanbotContext, chat_id: int, answer: Answer) -> str:
    """Keep what a follow-up, a page or a choice needs; the token names it in the buttons."""
    token = secrets.token_urlsafe(6)
    entry: dict[str, Any] = {"at": context.clock.now().timestamp(), "token": token}
    previous = _memory(context, chat_id) or {}
    remembered = answer.remember.to_dict() if answer.remember is not None else previous.get("frame")
    if remembered is not None:
        entry["frame"] = remembered
    if answer.frame is not None:
        entry["answered"] = answer.frame.to_dict()
    entry["choices"] = list(answer.choices)
    _chats(context)[str(chat_id)] = entry
    return token


# --------------------------------------------------------------- replies


def _markup(answer: Answer, token: str | None) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    for row in answer.buttons:
        buttons = []
        for button in row:
            callback: Callback | None = None
            if button.action == "page" and token:
                callback = AnswerPage(token, int(button.value))
            elif button.action == "choice" and token:
                callback = AnswerChoice(token, int(button.value))
            elif button.action == "card":
                callback = NewCard(int(button.value))
            if callback is not None:
                buttons.append(InlineKeyboardButton(button.label, callback_data=callback.data()))
        if buttons:
            rows.append(buttons)
    if answer.chart_request is not None:
        request = answer.chart_request
        chart = Chart(request.period_code, request.agency_id or 0)
        rows.append([InlineKeyboardButton("📊 Biểu đồ", callback_data=chart.data())])
    return InlineKeyboardMarkup(rows) if rows else None


async def _deliver(
    update: Update,
    context: PlanbotContext,
    official: Official,
    answer: Answer,
    token: str | None = None,
    fmt: str | None = None,
) -> None:
    if answer.report_period is not None:
        await reply(update, answer.text)
        await send_report(update, context, official, answer.report_period, fmt or "docx")
        return
    if answer.send_chart and answer.chart_request is not None:
        await reply(update, answer.text)
        await _send_chart_request(update, context, official, answer.chart_request)
        return
    await reply(update, answer.text, reply_markup=_markup(answer, token))


def _asking(update: Update, context: PlanbotContext, official: Official, text: str) -> dict[str, Any]:
    """The question engine's arguments for text asked in this chat (its last answer's frame)."""
    memory = _memory(context, _chat_id(update))
    frame = memory.get("frame") if memory else None
    return {"text": text, "viewer": official, "today": context.clock.today(), "periods": context.periods,
            "memory": frame}  # fmt: skip


async def try_answer_question(update: Update, context: PlanbotContext, official: Official, text: str) -> bool:
    """Answer text that asks a question; return False when it is not one (the caller searches)."""
    answer = await context.db.run_step(answer_question, **_asking(update, context, official, text))
    if answer is None:
        return False
    await deliver_answer(update, context, official, text, answer)
    return True


async def answer_or_search_text(
    update: Update, context: PlanbotContext, official: Official, text: str
) -> list[TaskLine] | None:
    """Answer free text that asks a question (None), else the tasks it finds, in one database call."""
    asking = _asking(update, context, official, text)
    found = await context.db.run_step(answer_or_search, search_day=context.day, **asking)
    if not isinstance(found, Answer):
        return found
    await deliver_answer(update, context, official, text, found)
    return None


async def deliver_answer(
    update: Update, context: PlanbotContext, official: Official, text: str, answer: Answer
) -> None:
    token = _remember(context, _chat_id(update), answer)
    await _deliver(update, context, official, answer, token, split_format(text)[1])


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    return chat.id if chat is not None else 0


async def answer_button(update: Update, context: PlanbotContext) -> None:
    """A page of a long answer, or one of the "Ý anh/chị là" readings."""
    query = update.callback_query
    if query is None:
        return
    official = await require_official(update, context)
    if official is None:
        await query.answer()
        return
    pressed = AnswerPage.parse(query.data) or AnswerChoice.parse(query.data)
    chat_id = update.effective_chat.id if update.effective_chat is not None else 0
    memory = _memory(context, chat_id)
    if pressed is None or memory is None or memory.get("token") != pressed.token:
        await query.answer(STALE)
        return
    await query.answer()
    if isinstance(pressed, AnswerChoice):
        choices = memory.get("choices") or []
        if 0 <= pressed.index < len(choices):
            await try_answer_question(update, context, official, str(choices[pressed.index]))
        return
    answer = await context.db.run_step(
        answer_page, viewer=official, frame=memory.get("answered") or {}, today=context.clock.today(),
        periods=context.periods, page=pressed.page,
    )  # fmt: skip
    if answer is None:
        return
    markup = _markup(answer, pressed.token)
    try:
        await query.edit_message_text(answer.text, reply_markup=markup)
    except BadRequest as exc:  # the same page pressed again, or a page too long to edit in place
        if "not modified" not in str(exc).lower():
            await reply(update, answer.text, reply_markup=markup)


async def _send_chart_request(
    update: Update, context: PlanbotContext, official: Official, request: ChartRequest
) -> None:
    try:
        period = parse_period_code(request.period_code, context.periods.mode)
    except ValueError:
        await reply(update, "Kỳ của biểu đồ không hợp lệ.")
        return
    await send_charts(update, context, official, period, request.agency_id)


# --------------------------------------------------------------- the commands


async def _period_arg(
    update: Update, context: PlanbotContext, text: str | None = None
) -> Period | bool | None:
    """The period typed after a command: a Period, None when none is given, False when it is wrong."""
    arg = (" ".join(context.args or []) if text is None else text).strip()
    if not arg:
        return None
    try:
        period = parse_period_text(arg, today=context.clock.today(), mode=context.periods.mode)
    except PeriodError:
        period = None
    if period is None:
        await reply(update, esc(BAD_PERIOD.format(arg=arg)))
        return False
    return period


async def _intent_command(update: Update, context: PlanbotContext, intent: str) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    period = await _period_arg(update, context)
    if period is False:
        return
    today = context.clock.today()
    if not isinstance(period, Period):
        period = quarter_containing(today, context.periods.mode)
    answer = await context.db.run_step(
        intent_answer, viewer=official, intent=intent, period=period, today=today, periods=context.periods
    )
    await _deliver(update, context, official, answer)


async def tyle_command(update: Update, context: PlanbotContext) -> None:
    from handlers.dashboard import offer_dashboard

    await _intent_command(update, context, "completion")
    await offer_dashboard(update, context)  # the Web App button, when the dashboard is on https


async def quahan_command(update: Update, context: PlanbotContext) -> None:
    await _intent_command(update, context, "overdue")


async def donvi_command(update: Update, context: PlanbotContext) -> None:
    await _intent_command(update, context, "by_agency")


async def chitieu_command(update: Update, context: PlanbotContext) -> None:
    await _intent_command(update, context, "targets")


async def baocao_command(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    if official.role not in (Role.leader, Role.admin):
        # An official typing /baocao means to report: the period report, not a refusal. Only the
        # period being reported on can be reported; another one asked for is said so, not ignored.
        asked = await _period_arg(update, context, split_format(" ".join(context.args or []))[0])
        if asked is False:
            return
        current = context.periods.report_choices(context.clock.today())[0]
        if isinstance(asked, Period) and period_code(asked) != period_code(current):
            await reply(update, esc(OFFICIAL_REPORT_TEXT.format(asked=asked.title, current=current.label)))
            return
        await start_period_report(update, context, official)
        return
    words, fmt = split_format(" ".join(context.args or []))
    period = await _period_arg(update, context, words)
    if period is False:
        return
    if not isinstance(period, Period):
        period = quarter_containing(context.clock.today(), context.periods.mode)
    await reply(update, f"Đang lập báo cáo {esc(period.title)}…")
    await send_report(update, context, official, period, fmt or "docx")


async def chart_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await require_official(update, context)
    if official is None:
        await query.answer()
        return
    pressed = Chart.parse(query.data)
    if pressed is None:
        await query.answer("Nút không còn hiệu lực.")
        return
    await query.answer()
    # Re-authorised: the chart scope limits an official to their own agency whatever the button says.
    await _send_chart_request(
        update, context, official, ChartRequest(pressed.period, pressed.agency_id or None)
    )


async def examples_command(update: Update, context: PlanbotContext) -> None:
    if await require_official(update, context) is None:
        return
    await reply(update, NOT_UNDERSTOOD)


def register(application: Any) -> None:
    application.add_handler(CommandHandler("tyle", tyle_command))
    application.add_handler(CommandHandler("quahan", quahan_command))
    application.add_handler(CommandHandler("donvi", donvi_command))
    application.add_handler(CommandHandler("chitieu", chitieu_command))
    application.add_handler(CommandHandler("baocao", baocao_command))
    application.add_handler(CommandHandler("hoi", examples_command))
    application.add_handler(CallbackQueryHandler(chart_button, pattern=Chart.pattern()))
    for kind in (AnswerPage, AnswerChoice):
        application.add_handler(CallbackQueryHandler(answer_button, pattern=kind.pattern()))
