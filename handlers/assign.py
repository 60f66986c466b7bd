"""Tasks assigned to people: "👤 Giao việc" on a task card (a panel of the agency's officials to
toggle), the message to the person assigned, "Việc của tôi" (/viectoi, or typed), and
/chuabaocao [kỳ] (who has not reported: the question "ai chưa báo cáo", answered by reports/)."""

from __future__ import annotations

import logging
import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.stats import try_answer_question
from handlers.tasks import card_view
from handlers.ui import views
from handlers.ui.callbacks import NewCard, parse_any
from handlers.ui.callbacks_assign import AssignDone, AssignDueOpen, AssignOpen, AssignToggle, MyTasksPage
from handlers.ui.replies import esc, reply, show_text
from handlers.ui.texts import NO_PERMISSION_TEXT, STALE_BUTTON_TEXT, STRANGER_TEXT
from plans.assignments import AssignPanel, Person, Toggled, assign_panel, my_tasks, toggle_assignee
from storage.models import Official
from storage.text import fold, shorten

logger = logging.getLogger(__name__)

MY_TASKS_TITLE = "Việc của tôi"
# "việc của tôi", "xem việc được giao cho em", "nhiệm vụ của mình": the list, not a question
_MY_TASKS = re.compile(
    r"^(?:xem |cho (?:toi|em|minh) xem |danh sach )?(?:(?:cac|nhung) )?(?:viec|nhiem vu|cong viec)"
    r"(?: duoc giao)?(?: (?:cua|cho))? (?:toi|em|minh)(?: (?:voi|nao|la gi|gom gi))?\s*\??$"
)


def is_my_tasks_text(text: str) -> bool:
    return bool(_MY_TASKS.match(" ".join(fold(text).lower().split())))


def panel_text(panel: AssignPanel) -> str:
    who = esc(views.assignees_text(panel.assigned, panel.dues)) if panel.assigned else "chưa giao cho ai"
    lines = [
        f"<b>👤 Giao việc — nhiệm vụ {esc(panel.code)}</b>",
        esc(shorten(panel.content, 200)),
        "",
        f"<b>Người thực hiện:</b> {who}",
    ]
    if panel.candidates:
        lines.append("Bấm vào tên để giao hoặc bỏ giao (✅ = đã giao).")
    else:
        lines.append("Cơ quan chủ trì, phối hợp chưa có cán bộ nào đăng ký dùng bot.")
    return "\n".join(lines)


def panel_keyboard(panel: AssignPanel) -> InlineKeyboardMarkup:
    rows = []
    for c in panel.candidates:
        mark = "✅" if c.assigned else "▫️"
        agency = f" · {shorten(c.agency_name, 24)}" if c.agency_name else ""
        label = shorten(f"{mark} {c.full_name}{agency}", 60)
        rows.append(
            [InlineKeyboardButton(label, callback_data=AssignToggle(panel.task_id, c.official_id).data())]
        )
    if panel.dated:  # a personal due date for one of the assignees (handlers/assign_due.py)
        rows.append([InlineKeyboardButton("📅 Hạn riêng", callback_data=AssignDueOpen(panel.task_id).data())])
    rows.append([InlineKeyboardButton("Xong", callback_data=AssignDone(panel.task_id).data())])
    return InlineKeyboardMarkup(rows)


def _assigned_text(panel: AssignPanel, by: Official) -> str:
    return (
        f"👤 Anh/chị được giao nhiệm vụ <b>{esc(panel.code)}</b>:\n{esc(shorten(panel.content, 300))}\n"
        f"Người giao: {esc(by.full_name)}.\nBấm nút dưới để xem nhiệm vụ và báo cáo tiến độ."
    )


async def _tell(context: PlanbotContext, person: Person, panel: AssignPanel, by: Official) -> bool:
    """The message to the person assigned; False when it could not be delivered."""
    if person.chat_id is None:
        return False
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Xem nhiệm vụ", callback_data=NewCard(panel.task_id).data())]]
    )
    try:
        await context.bot.send_message(person.chat_id, _assigned_text(panel, by), reply_markup=markup)
    except Forbidden:
        logger.info("official %s blocked the bot; not told of task %s", person.id, panel.task_id)
        return False
    except TelegramError as exc:
        logger.warning("could not tell official %s of task %s: %s", person.id, panel.task_id, exc)
        return False
    return True


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await current_official(update, context)
    if official is None:
        await query.answer(STRANGER_TEXT[:190], show_alert=True)
        return
    pressed = parse_any(query.data)
    if isinstance(pressed, MyTasksPage):
        await query.answer()
        text, keyboard = await my_tasks_view(context, official, pressed.page)
        await show_text(query, update, text, keyboard)
        return
    if isinstance(pressed, AssignDone):
        shown = await card_view(context, official, pressed.task_id)
        if shown is None:
            await query.answer(NO_PERMISSION_TEXT, show_alert=True)
            return
        await query.answer()
        await show_text(query, update, *shown)
        return
    if isinstance(pressed, AssignOpen):
        panel = await context.db.run(assign_panel, official=official, task_id=pressed.task_id)
        if panel is None:  # re-authorised on every press: the button proves nothing
            await query.answer(NO_PERMISSION_TEXT, show_alert=True)
            return
        await query.answer()
        await show_text(query, update, panel_text(panel), panel_keyboard(panel))
        return
    if isinstance(pressed, AssignToggle):
        await _toggle(update, context, official, pressed)
        return
    await query.answer(STALE_BUTTON_TEXT)


async def _toggle(update: Update, context: PlanbotContext, official: Official, pressed: AssignToggle) -> None:
    query = update.callback_query
    assert query is not None
    user = update.effective_user
    toggled: Toggled | None = await context.db.run(
        toggle_assignee,
        official=official,
        task_id=pressed.task_id,
        official_id=pressed.official_id,
        actor_user_id=user.id if user else None,
    )
    if toggled is None:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    person = toggled.newly_assigned
    note = "Đã bỏ giao."
    if person is not None:
        note = "Đã giao việc."
        if person.id != official.id and not await _tell(context, person, toggled.panel, official):
            note = "Đã giao việc (chưa gửi được tin nhắn cho người được giao)."
    await query.answer(note)
    await show_text(query, update, panel_text(toggled.panel), panel_keyboard(toggled.panel))


def _my_page(page: int) -> str:
    return MyTasksPage(page).data()


async def my_tasks_view(context: PlanbotContext, official: Official, page: int) -> tuple[str, Any]:
    found = await context.db.run(my_tasks, official=official, today=context.day)
    day = context.clock.today()
    if not found.lines:
        return (
            f"<b>{MY_TASKS_TITLE}</b>\nChưa có nhiệm vụ nào được giao riêng cho anh/chị.\n"
            "Gõ /viec để xem các nhiệm vụ của cơ quan.",
            None,
        )
    ordered = views.order_lines(found.lines, day)
    text = views.list_text(MY_TASKS_TITLE, ordered, page, day)
    return text, views.list_keyboard(ordered, page, page_data=_my_page)


async def send_my_tasks(update: Update, context: PlanbotContext, official: Official) -> None:
    text, keyboard = await my_tasks_view(context, official, 0)
    await reply(update, text, reply_markup=keyboard)


async def viectoi(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    await send_my_tasks(update, context, official)


async def chuabaocao(update: Update, context: PlanbotContext) -> None:
    """ "Ai chưa báo cáo" as a command: the question's answer (per person), for a period if typed."""
    official = await require_official(update, context)
    if official is None:
        return
    period = " ".join(context.args or []).strip()
    if not await try_answer_question(update, context, official, f"ai chưa báo cáo {period}".strip()):
        await reply(update, "Gõ /chuabaocao kèm kỳ nếu cần, vd: <code>/chuabaocao quý 3</code>.")


def register(application: Any) -> None:
    # Private chats only: one's own tasks and who has not reported are not for a group chat.
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("viectoi", viectoi, filters=private))
    application.add_handler(CommandHandler("chuabaocao", chuabaocao, filters=private))
    for kind in (AssignOpen, AssignToggle, AssignDone, MyTasksPage):
        application.add_handler(CallbackQueryHandler(on_callback, pattern=kind.pattern()))
