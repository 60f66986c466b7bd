"""/lichnghi: the commune's working calendar — public holidays, its own days off and make-up
working days — which reminders and "working days left" follow.

    /lichnghi                              the next 120 days
    /lichnghi nghi 02/05/2026 Nghỉ bù      an extra day off (no digest that day)
    /lichnghi lam 09/05/2026 Làm bù        a weekend day worked (digests go out)
    /lichnghi xoa 02/05/2026               undo the commune's change on that day
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import CalendarAction
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT
from reminders.calendar_admin import CalendarView, calendar_view, remove_day, set_day
from storage.models import Official, Role
from storage.text import date_vi, fold, nfc

logger = logging.getLogger(__name__)

REMOVE = "x"
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
USAGE = (
    "Cách dùng:\n"
    "<code>/lichnghi nghi 02/05/2026 Nghỉ bù</code> — thêm ngày nghỉ của xã\n"
    "<code>/lichnghi lam 09/05/2026 Làm bù</code> — ngày cuối tuần làm việc\n"
    "<code>/lichnghi xoa 02/05/2026</code> — bỏ thay đổi của xã ngày đó"
)
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")
_VERBS = {"nghi": "off", "them": "off", "lam": "work", "lambu": "work", "xoa": "remove", "bo": "remove"}


def parse_day(text: str) -> date | None:
    found = _DATE.match(text.strip())
    if not found:
        return None
    try:
        if found[1]:
            return date(int(found[3]), int(found[2]), int(found[1]))
        return date(int(found[4]), int(found[5]), int(found[6]))
    except ValueError:
        return None


def day_label(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {date_vi(day)}"


def calendar_text(view: CalendarView) -> str:
    lines = [f"<b>Lịch làm việc từ {date_vi(view.start)} đến {date_vi(view.end)}</b>"]
    if view.days_off:
        lines.append("\n<b>Ngày nghỉ (không gửi nhắc việc):</b>")
        lines += [
            f"• {day_label(d.day)} — {esc(d.reason)}{' <i>(của xã)</i>' if d.own else ''}"
            for d in view.days_off
        ]
    else:
        lines.append("\nKhông có ngày nghỉ lễ nào ngoài thứ Bảy, Chủ nhật.")
    if view.working_days:
        lines.append("\n<b>Ngày làm bù (có nhắc việc):</b>")
        lines += [f"• {day_label(day)} — {esc(note or 'Làm bù')}" for day, note in view.working_days]
    lines.append("\n" + USAGE)
    return "\n".join(lines)


def _keyboard(view: CalendarView) -> Any:
    own = [d.day for d in view.days_off if d.own] + [day for day, _note in view.working_days]
    rows = [
        [(f"Bỏ thay đổi {date_vi(day)}", CalendarAction(REMOVE, day.isoformat()))] for day in sorted(own)[:10]
    ]
    return buttons(*rows) if rows else None


async def _show(update: Update, context: PlanbotContext, admin: Official) -> None:
    assert admin.organization_id is not None
    view = await context.db.run(
        calendar_view,
        organization_id=admin.organization_id,
        base=context.services.calendar,
        start=context.day.day,
    )
    await reply(update, calendar_text(view), reply_markup=_keyboard(view))


async def lichnghi(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is None:
        return
    if admin.organization_id is None:
        await reply(update, "Tài khoản quản trị chưa gắn với xã/phường nào.")
        return
    args = [nfc(a) for a in (context.args or [])]
    if not args:
        await _show(update, context, admin)
        return
    verb = _VERBS.get(fold(args[0]).replace(" ", ""))
    day = parse_day(args[1]) if len(args) > 1 else None
    if verb is None or day is None:
        await reply(update, USAGE)
        return
    note = " ".join(args[2:]).strip()
    user_id = update.effective_user.id if update.effective_user else None
    if verb == "remove":
        removed = await context.db.run(
            remove_day, organization_id=admin.organization_id, day=day, actor_user_id=user_id
        )
        text = (
            f"Đã bỏ thay đổi ngày {date_vi(day)}."
            if removed
            else f"Ngày {date_vi(day)} không có thay đổi của xã."
        )
        await reply(update, text)
        return
    working = verb == "work"
    if working and day.weekday() < 5 and context.services.calendar.is_working_day(day):
        await reply(update, f"{day_label(day)} vốn là ngày làm việc.")
        return
    await context.db.run(
        set_day,
        organization_id=admin.organization_id,
        day=day,
        working=working,
        note=note or ("Làm bù" if working else "Ngày nghỉ của xã"),
        actor_user_id=user_id,
    )
    logger.info("Admin %s set %s working=%s", admin.id, day, working)
    what = "ngày làm việc (có nhắc việc)" if working else "ngày nghỉ (không gửi nhắc việc)"
    await reply(update, f"Đã ghi {day_label(day)} là {what}.")


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    assert query is not None
    admin = await current_official(update, context)
    pressed = CalendarAction.parse(query.data)
    day = parse_day(pressed.day) if pressed is not None else None
    if admin is None or admin.role != Role.admin or admin.organization_id is None or day is None:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    await query.answer()
    removed = await context.db.run(
        remove_day, organization_id=admin.organization_id, day=day, actor_user_id=query.from_user.id
    )
    await reply(
        update, f"Đã bỏ thay đổi ngày {date_vi(day)}." if removed else "Ngày này không còn thay đổi nào."
    )


def register(application: Any) -> None:
    application.add_handler(CommandHandler("lichnghi", lichnghi))
    application.add_handler(CallbackQueryHandler(on_callback, pattern=CalendarAction.pattern()))
