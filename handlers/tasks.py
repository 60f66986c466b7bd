"""/viec (the agency's tasks, grouped and paged), the task card, and /tim search."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.common import (
    MAX_TEXT,
    NO_PERMISSION_TEXT,
    STRANGER_TEXT,
    current_official,
    esc,
    reply,
    require_official,
)
from handlers.context import PlanbotContext
from handlers.ui import views
from plans.tasks import card as task_card_view
from plans.tasks import search, task_list
from storage.models import Official, Role
from storage.text import nfc

logger = logging.getLogger(__name__)

_PAGE = re.compile(r"^t:p:(\d{1,4})$")
_CARD = re.compile(r"^t:c:(\d{1,12}):(\d{1,4})$")
# From a reminder digest: open the card as a new message, leaving the digest untouched.
_NEW_CARD = re.compile(r"^t:n:(\d{1,12})$")


def today(context: PlanbotContext) -> date:
    return context.clock.today()


def _list_title(official: Official, agency: str | None) -> str:
    if official.role in (Role.leader, Role.admin):
        return "Tất cả nhiệm vụ"
    return f"Việc của {agency}" if agency else "Việc của đơn vị"


async def list_view(context: PlanbotContext, official: Official, page: int) -> tuple[str, Any]:
    found = await context.db.run(task_list, official=official)
    day = today(context)
    ordered = views.order_lines(found.lines, day)
    title = _list_title(official, found.title_agency)
    return views.list_text(title, ordered, page, day), views.list_keyboard(ordered, page)


async def viec(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    text, keyboard = await list_view(context, official, 0)
    if keyboard is None and official.agency_id is None and official.role not in (Role.leader, Role.admin):
        text += "\nTài khoản của bạn chưa gắn với cơ quan nào; liên hệ quản trị viên."
    await reply(update, text, reply_markup=keyboard)


async def tim(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    query = nfc(" ".join(context.args or [])).strip()
    if not query:
        await reply(update, "Gõ /tim kèm vài từ trong nội dung nhiệm vụ, vd: <code>/tim so hoa ho so</code>.")
        return
    await send_search_results(update, context, official, query)


async def send_search_results(
    update: Update, context: PlanbotContext, official: Official, query: str
) -> None:
    lines = await context.db.run(search, official=official, query=query)
    await reply(
        update, views.search_text(query, lines, today(context)), reply_markup=views.search_keyboard(lines)
    )


async def show_text(
    query: CallbackQuery, update: Update, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """Edit the pressed message in place; a card too long for one message is sent as new messages."""
    if len(text) > MAX_TEXT:
        await reply(update, text, reply_markup=markup)
        return
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" when the same page is pressed again
        if "not modified" not in str(exc).lower():
            raise


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await current_official(update, context)
    if official is None:
        await query.answer(STRANGER_TEXT[:190], show_alert=True)
        return
    data = query.data or ""
    if match := _PAGE.match(data):
        await query.answer()
        text, keyboard = await list_view(context, official, int(match.group(1)))
        await show_text(query, update, text, keyboard)
        return
    if match := _CARD.match(data):
        card = await context.db.run(task_card_view, official=official, task_id=int(match.group(1)))
        if card is None:
            await query.answer(NO_PERMISSION_TEXT, show_alert=True)
            return
        await query.answer()
        await show_text(
            query,
            update,
            views.card_text(card, today(context)),
            views.card_keyboard(card, int(match.group(2))),
        )
        return
    if match := _NEW_CARD.match(data):
        card = await context.db.run(task_card_view, official=official, task_id=int(match.group(1)))
        if card is None:
            await query.answer(NO_PERMISSION_TEXT, show_alert=True)
            return
        await query.answer()
        await reply(update, views.card_text(card, today(context)), reply_markup=views.card_keyboard(card, 0))
        return
    await query.answer("Nút này không còn dùng được.", show_alert=False)


async def card_message(update: Update, context: PlanbotContext, official: Official, task_id: int) -> bool:
    """Send a task card as a new message (used after search from free text)."""
    card = await context.db.run(task_card_view, official=official, task_id=task_id)
    if card is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return False
    await reply(update, views.card_text(card, today(context)), reply_markup=views.card_keyboard(card, 0))
    return True


def register(application: Any) -> None:
    application.add_handler(CommandHandler("viec", viec))
    application.add_handler(CommandHandler("tim", tim))
    application.add_handler(CallbackQueryHandler(on_callback, pattern=r"^t:"))
