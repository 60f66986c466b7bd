"""Leaders' statistics: free-text questions, /tyle /quahan /donvi /chitieu /baocao, the chart button.

Thin: parse the input, run reports.* off the event loop, reply. The chart button carries only a
period code and an agency id ("st:ch:2025-Q3:0") and is re-authorised on every press.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from plans.periods import Period, parse_period_code, quarter_containing
from reports.answers.core import (
    NOT_UNDERSTOOD,
    Answer,
    ChartRequest,
    answer_question,
    chart_for,
    intent_answer,
    viewer_report,
)
from reports.outputs.charts import ChartData, render_chart
from reports.outputs.docx import render_docx, report_filename
from reports.questions.parse import PeriodError, parse_period_text
from storage.models import Official, Role

logger = logging.getLogger(__name__)

CHART_PREFIX = "st:ch:"
BAD_PERIOD = (
    "Không hiểu kỳ «{arg}». Ví dụ: quý này, quý trước, quý 3, quý III/2025, tháng 11, "
    "6 tháng đầu năm, năm nay, 2025-Q3."
)


def _chart_markup(answer: Answer) -> InlineKeyboardMarkup | None:
    if answer.chart_request is None:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("📊 Biểu đồ", callback_data=answer.chart_request.callback_data)]]
    )


async def _send_chart(
    update: Update, context: PlanbotContext, official: Official, request: ChartRequest
) -> None:
    mode = context.periods.mode
    try:
        period = parse_period_code(request.period_code, mode)
    except ValueError:
        await reply(update, "Kỳ của biểu đồ không hợp lệ.")
        return
    today = context.clock.today()
    data = await context.db.run(
        chart_for, viewer=official, period=period, today=today, agency_id=request.agency_id
    )
    if isinstance(data, str):
        await reply(update, esc(data))
        return
    png = await asyncio.to_thread(render_chart, data)
    chat = update.effective_chat
    if chat is not None:
        await chat.send_photo(png, caption=esc(_caption(data)))


def _caption(data: ChartData) -> str:
    return f"Biểu đồ tỷ lệ hoàn thành — {data.title}"[:1000]


async def _send_report(update: Update, context: PlanbotContext, official: Official, period: Period) -> None:
    data = await context.db.run(viewer_report, viewer=official, period=period, today=context.clock.today())
    if isinstance(data, str):
        await reply(update, esc(data))
        return
    content = await asyncio.to_thread(render_docx, data)
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(
            content,
            filename=report_filename(data, "docx"),
            caption=esc(f"{data.result_header}: " + " · ".join(data.closing_lines)),
        )


async def _deliver(update: Update, context: PlanbotContext, official: Official, answer: Answer) -> None:
    if answer.report_period is not None:
        await reply(update, answer.text)
        await _send_report(update, context, official, answer.report_period)
        return
    if answer.send_chart and answer.chart_request is not None:
        await reply(update, answer.text)
        await _send_chart(update, context, official, answer.chart_request)
        return
    await reply(update, answer.text, reply_markup=_chart_markup(answer))


async def try_answer_question(update: Update, context: PlanbotContext, official: Official, text: str) -> bool:
    """Answer text that asks about progress; return False when it is not such a question."""
    answer = await context.db.run(
        answer_question, text=text, viewer=official, today=context.clock.today(), periods=context.periods
    )
    if answer is None:
        return False
    await _deliver(update, context, official, answer)
    return True


async def _period_arg(update: Update, context: PlanbotContext) -> Period | bool | None:
    """The period typed after a command: a Period, None when none is given, False when it is wrong."""
    arg = " ".join(context.args or []).strip()
    if not arg:
        return None
    today = context.clock.today()
    try:
        period = parse_period_text(arg, today=today, mode=context.periods.mode)
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
    answer = await context.db.run(intent_answer, viewer=official, intent=intent, period=period, today=today)
    await _deliver(update, context, official, answer)


async def tyle_command(update: Update, context: PlanbotContext) -> None:
    await _intent_command(update, context, "completion")


async def quahan_command(update: Update, context: PlanbotContext) -> None:
    await _intent_command(update, context, "overdue")


async def donvi_command(update: Update, context: PlanbotContext) -> None:
    await _intent_command(update, context, "by_agency")


async def chitieu_command(update: Update, context: PlanbotContext) -> None:
    await _intent_command(update, context, "targets")


async def baocao_command(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context, roles=(Role.leader, Role.admin))
    if official is None:
        return
    period = await _period_arg(update, context)
    if period is False:
        return
    if not isinstance(period, Period):
        period = quarter_containing(context.clock.today(), context.periods.mode)
    await reply(update, f"Đang lập phụ lục báo cáo {esc(period.title)}…")
    await _send_report(update, context, official, period)


async def chart_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await require_official(update, context)
    if official is None:
        await query.answer()
        return
    parts = (query.data or "").removeprefix(CHART_PREFIX).rsplit(":", 1)
    if len(parts) != 2 or not parts[1].isdigit():
        await query.answer("Nút không còn hiệu lực.")
        return
    await query.answer()
    agency_id = int(parts[1]) or None
    # Re-authorised: chart_for limits an official to their own agency whatever the button says.
    await _send_chart(update, context, official, ChartRequest(parts[0], agency_id))


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
    application.add_handler(CallbackQueryHandler(chart_button, pattern=r"^st:ch:"))
