"""Report files and charts in the chat.

`send_report(update, context, official, period, fmt)` sends the written report of a period as
.docx (Báo cáo and Phụ lục), .xlsx (the Phụ lục, set up to print) or .pdf (when LibreOffice is
installed), with buttons for the other formats and the charts under it; `send_charts(update,
context, official, period, agency_id)` sends the phone pictures. handlers/stats.py calls both for
/baocao and for questions; the buttons under a report are handled here. Buttons carry a period code
and a format only, and are re-authorised on every press (reports/documents.py decides who may).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import Callback, ReportCharts, ReportFile
from handlers.ui.replies import MAX_CAPTION, buttons, clip, esc, reply
from handlers.ui.texts import STALE_BUTTON_TEXT
from plans.periods import Period, parse_period_code, period_code
from reports.charting import chart_set
from reports.documents import FORMATS, Format, render_file, report_source
from reports.outputs.charts import render_charts
from reports.outputs.pdf import INSTALL_HINT, PdfFailed, PdfUnavailable
from storage.models import Official
from storage.text import fold

logger = logging.getLogger(__name__)

FORMAT_WORDS: dict[str, Format] = {
    "excel": "xlsx",
    "xlsx": "xlsx",
    "xls": "xlsx",
    "pdf": "pdf",
    "word": "docx",
    "docx": "docx",
}
LABELS: dict[str, str] = {"docx": "📝 Word", "xlsx": "📊 Excel", "pdf": "📄 PDF"}
PDF_UNAVAILABLE = (
    "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Quản trị viên cài bằng lệnh:\n"
    f"<code>{esc(INSTALL_HINT)}</code>\n(xem README, mục PDF). Trong lúc chờ, bấm «Word» hoặc «Excel»."
)
PDF_FAILED = "LibreOffice chưa chuyển được báo cáo sang PDF; hãy thử lại sau ít phút, hoặc bấm «Word»."


def split_format(text: str) -> tuple[str, Format | None]:
    """The words of a request without the format asked for: "quý 1 excel" → ("quý 1", "xlsx")."""
    kept: list[str] = []
    asked: Format | None = None
    for word in text.split():
        key = fold(word).strip(".,;:!?")
        if key in FORMAT_WORDS:
            asked = FORMAT_WORDS[key]
        else:
            kept.append(word)
    return " ".join(kept), asked


def _markup(period: Period, sent: str, *, charts: bool = True) -> Any:
    code = period_code(period)
    row: list[tuple[str, Callback]] = [(LABELS[f], ReportFile(code, f)) for f in FORMATS if f != sent]
    if charts:
        row.append(("📈 Biểu đồ", ReportCharts(code, 0)))
    return buttons(row)


async def _action(update: Update, action: str) -> None:
    if update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await update.effective_chat.send_action(action)


async def send_report(
    update: Update, context: PlanbotContext, official: Official, period: Period, fmt: str = "docx"
) -> None:
    """The written report of `period` in `fmt` (docx | xlsx | pdf), with the other formats under it."""
    chosen: Format = FORMAT_WORDS.get(fold(fmt), "docx")
    source = await context.db.run(
        report_source, viewer=official, period=period, today=context.clock.today(), policy=context.periods
    )
    if isinstance(source, str):
        await reply(update, esc(source))
        return
    await _action(update, ChatAction.UPLOAD_DOCUMENT)
    services = context.services
    try:
        made = await asyncio.to_thread(
            render_file, source, chosen, services.report_style, soffice=services.soffice
        )
    except PdfUnavailable:
        await reply(update, PDF_UNAVAILABLE, reply_markup=_markup(period, "pdf"))
        return
    except PdfFailed:
        logger.warning("PDF conversion of the %s report failed", period.label, exc_info=True)
        await reply(update, esc(PDF_FAILED), reply_markup=_markup(period, "pdf"))
        return
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(
            made.content,
            filename=made.filename,
            caption=clip(esc(made.caption), MAX_CAPTION),
            reply_markup=_markup(period, chosen),
        )


async def send_charts(
    update: Update, context: PlanbotContext, official: Official, period: Period, agency_id: int | None
) -> None:
    """The pictures of a period for the official's scope: status with the overall rate, by agency
    (whole organization), the trend across periods."""
    charts = await context.db.run(
        chart_set,
        viewer=official,
        period=period,
        today=context.clock.today(),
        policy=context.periods,
        agency_id=agency_id or None,
    )
    if isinstance(charts, str):
        await reply(update, esc(charts))
        return
    await _action(update, ChatAction.UPLOAD_PHOTO)
    pictures = await asyncio.to_thread(render_charts, charts)
    chat = update.effective_chat
    if chat is None:
        return
    for caption, picture in pictures:
        await chat.send_photo(picture, caption=clip(esc(caption), MAX_CAPTION))


def _period(context: PlanbotContext, code: str) -> Period | None:
    try:
        return parse_period_code(code, context.periods.mode)
    except ValueError:
        return None


async def on_file_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    pressed = ReportFile.parse(query.data if query else None)
    if query is None:
        return
    official = await require_official(update, context)
    if official is None:
        await query.answer()
        return
    period = _period(context, pressed.period) if pressed is not None else None
    if pressed is None or period is None or pressed.fmt not in FORMATS:
        await query.answer(STALE_BUTTON_TEXT)
        return
    await query.answer()
    await send_report(update, context, official, period, pressed.fmt)


async def on_charts_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    pressed = ReportCharts.parse(query.data if query else None)
    if query is None:
        return
    official = await require_official(update, context)
    if official is None:
        await query.answer()
        return
    period = _period(context, pressed.period) if pressed is not None else None
    if pressed is None or period is None:
        await query.answer(STALE_BUTTON_TEXT)
        return
    await query.answer()
    # Re-authorised: the scope limits an official to their own agency whatever the button says.
    await send_charts(update, context, official, period, pressed.agency_id or None)


def register(application: Any) -> None:
    application.add_handler(CallbackQueryHandler(on_file_button, pattern=ReportFile.pattern()))
    application.add_handler(CallbackQueryHandler(on_charts_button, pattern=ReportCharts.pattern()))
