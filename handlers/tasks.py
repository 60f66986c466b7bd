"""/viec (the agency's tasks, grouped and paged), the task card, and /tim search."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.ui import views
from handlers.ui.callbacks import ListPage, NewCard, OpenCard, parse_any
from handlers.ui.callbacks_assign import MyTasksPage
from handlers.ui.replies import answering, esc, reply, show_text
from handlers.ui.texts import NO_PERMISSION_TEXT, STALE_BUTTON_TEXT, STRANGER_TEXT
from plans.assignments import task_list_and_mine
from plans.tasks import TaskCard, TaskLine, TaskList, search, task_list
from reminders.calendar import WorkCalendar
from reminders.card_days import card_with_calendar
from storage.models import Official, Role
from storage.text import nfc

logger = logging.getLogger(__name__)


def today(context: PlanbotContext) -> date:
    return context.clock.today()


def _list_title(official: Official, agency: str | None) -> str:
    if official.role in (Role.leader, Role.admin):
        return "Tất cả nhiệm vụ"
    return f"Việc của {agency}" if agency else "Việc của đơn vị"


async def list_view(context: PlanbotContext, official: Official, page: int) -> tuple[str, Any]:
    return list_page(
        context, official, await context.db.run_step(task_list, official=official, today=context.day), page
    )


def list_page(context: PlanbotContext, official: Official, found: TaskList, page: int) -> tuple[str, Any]:
    day = today(context)
    ordered = views.order_lines(found.lines, day)
    title = _list_title(official, found.title_agency)
    return views.list_text(title, ordered, page, day), views.list_keyboard(ordered, page)


async def viec(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    found, mine = await context.db.run_step(task_list_and_mine, official=official, today=context.day)
    text, keyboard = list_page(context, official, found, 0)
    if mine:  # the tasks assigned to them in person come first
        text = f"👤 <b>Việc của tôi</b>: {mine} nhiệm vụ được giao riêng — /viectoi\n\n{text}"
        first = [InlineKeyboardButton(f"👤 Việc của tôi ({mine})", callback_data=MyTasksPage(0).data())]
        keyboard = InlineKeyboardMarkup([first, *(keyboard.inline_keyboard if keyboard else ())])
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
    update: Update,
    context: PlanbotContext,
    official: Official,
    query: str,
    lines: list[TaskLine] | None = None,
) -> None:
    """The tasks matching query (found here unless the caller searched already)."""
    if lines is None:
        lines = await context.db.run_step(search, official=official, query=query, today=context.day)
    exact = [line for line in lines if line.code.upper() == query.strip().rstrip(".").upper()]
    if len(exact) == 1:  # a task code typed exactly: its card, no list to pick from
        await card_message(update, context, official, exact[0].id)
        return
    await reply(
        update, views.search_text(query, lines, today(context)), reply_markup=views.search_keyboard(lines)
    )


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await current_official(update, context)
    if official is None:
        await query.answer(STRANGER_TEXT[:190], show_alert=True)
        return
    pressed = parse_any(query.data)
    if isinstance(pressed, ListPage):
        async with answering(query):
            text, keyboard = await list_view(context, official, pressed.page)
            await show_text(query, update, text, keyboard)
        return
    if isinstance(pressed, OpenCard | NewCard):
        found = await _card(context, official, pressed.task_id)
        if found is None:  # re-authorised on every press: the button proves nothing
            await query.answer(NO_PERMISSION_TEXT, show_alert=True)
            return
        card, calendar = found
        text = views.card_text(card, today(context), calendar=calendar)
        async with answering(query):
            if isinstance(pressed, NewCard):  # from a digest: a new message, the digest stays as it was
                await reply(update, text, reply_markup=views.card_keyboard(card, 0))
            else:
                await show_text(query, update, text, views.card_keyboard(card, pressed.page))
        return
    await query.answer(STALE_BUTTON_TEXT, show_alert=False)


async def card_view(
    context: PlanbotContext, official: Official, task_id: int, page: int = 0
) -> tuple[str, Any] | None:
    """A task card's text and buttons for the official, or None when they may not see it."""
    found = await _card(context, official, task_id)
    if found is None:
        return None
    card, calendar = found
    return views.card_text(card, today(context), calendar=calendar), views.card_keyboard(card, page)


async def card_message(update: Update, context: PlanbotContext, official: Official, task_id: int) -> bool:
    """Send a task card as a new message (used after search from free text)."""
    found = await _card(context, official, task_id)
    if found is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return False
    card, calendar = found
    await reply(
        update,
        views.card_text(card, today(context), calendar=calendar),
        reply_markup=views.card_keyboard(card, 0),
    )
    return True


async def _card(
    context: PlanbotContext, official: Official, task_id: int
) -> tuple[TaskCard, WorkCalendar] | None:
    """The card and the commune's working calendar (for "còn N ngày làm việc"), in one call."""
    return await context.db.run_step(
        card_with_calendar,
        official=official,
        task_id=task_id,
        today=context.day,
        base=context.services.calendar,
    )


def register(application: Any) -> None:
    application.add_handler(CommandHandler("viec", viec))
    application.add_handler(CommandHandler("tim", tim))
    for kind in (ListPage, OpenCard, NewCard):
        application.add_handler(CallbackQueryHandler(on_callback, pattern=kind.pattern()))
