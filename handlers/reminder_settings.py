"""/nhac: reminders on/off, the time of the daily digest (06:00–20:00, 30-minute steps), and
whether to receive the coordinating section. Every button press is re-authorised."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import ReminderSetting, ReminderTime, parse_any
from handlers.ui.replies import esc, reply
from handlers.ui.texts import STRANGER_TEXT
from reminders.preferences import update_preferences
from storage.models import Official

TIMES = [f"{h:02d}:{m:02d}" for h in range(6, 21) for m in (0, 30) if (h, m) != (20, 30)]
ACTIONS = ("on", "off", "co1", "co0", "gio", "menu")


def settings_text(official: Official, default_time: str) -> str:
    state = "<b>đang bật</b>" if official.reminders_enabled else "<b>đang tắt</b>"
    when = official.reminder_time or f"{default_time} (mặc định)"
    coord = "có" if official.remind_coordinating else "không"
    lines = [
        "🔔 <b>Cài đặt nhắc việc</b>",
        f"Nhắc việc: {state}",
        f"Giờ nhắc: <b>{esc(when)}</b>, các ngày làm việc",
        f"Nhận phần việc phối hợp: <b>{coord}</b>",
    ]
    if not official.reminders_enabled:
        lines.append("Khi tắt, anh/chị không nhận tin nhắc việc hằng ngày.")
    return "\n".join(lines)


def settings_keyboard(official: Official) -> InlineKeyboardMarkup:
    toggle = (
        InlineKeyboardButton("🔕 Tắt nhắc việc", callback_data=ReminderSetting("off").data())
        if official.reminders_enabled
        else InlineKeyboardButton("🔔 Bật nhắc việc", callback_data=ReminderSetting("on").data())
    )
    coord = (
        InlineKeyboardButton("Bỏ phần phối hợp", callback_data=ReminderSetting("co0").data())
        if official.remind_coordinating
        else InlineKeyboardButton("Nhận phần phối hợp", callback_data=ReminderSetting("co1").data())
    )
    return InlineKeyboardMarkup(
        [
            [toggle],
            [InlineKeyboardButton("🕖 Đổi giờ nhắc", callback_data=ReminderSetting("gio").data())],
            [coord],
        ]
    )


def time_keyboard(default_time: str) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(t, callback_data=ReminderTime(t.replace(":", "")).data()) for t in TIMES]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append(
        [InlineKeyboardButton(f"Mặc định ({default_time})", callback_data=ReminderTime("def").data())]
    )
    rows.append([InlineKeyboardButton("◀ Quay lại", callback_data=ReminderSetting("menu").data())])
    return InlineKeyboardMarkup(rows)


async def nhac(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    assert official.id is not None
    # Writing to the bot proves the user can be reached again.
    official = await context.db.run(update_preferences, official_id=official.id) or official
    default = context.services.default_reminder_time
    await reply(update, settings_text(official, default), reply_markup=settings_keyboard(official))


async def _edit(update: Update, text: str, markup: InlineKeyboardMarkup) -> None:
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:  # pressing the same button twice: "message is not modified"
        if "not modified" not in str(exc).lower():
            raise


async def on_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await current_official(update, context)
    if official is None or official.id is None:
        await query.answer(STRANGER_TEXT[:190], show_alert=True)
        return
    pressed = parse_any(query.data)
    default = context.services.default_reminder_time
    changes: dict[str, Any] = {}
    note = ""
    if isinstance(pressed, ReminderTime):
        raw = pressed.hhmm
        if raw == "def":
            changes["use_default_time"] = True
            note = f"Đã đặt giờ nhắc mặc định {default}."
        else:
            chosen = f"{raw[:2]}:{raw[2:]}"
            if chosen not in TIMES:
                await query.answer("Giờ không hợp lệ.", show_alert=True)
                return
            changes["reminder_time"] = chosen
            note = f"Đã đặt giờ nhắc {chosen}."
    elif isinstance(pressed, ReminderSetting) and pressed.action in ACTIONS:
        action = pressed.action
        if action == "gio":
            await query.answer()
            await _edit(update, "🕖 Chọn giờ nhận tin nhắc việc hằng ngày:", time_keyboard(default))
            return
        if action in ("on", "off"):
            changes["enabled"] = action == "on"
            note = "Đã bật nhắc việc." if action == "on" else "Đã tắt nhắc việc."
        elif action in ("co1", "co0"):
            changes["coordinating"] = action == "co1"
            note = "Sẽ nhận phần phối hợp." if action == "co1" else "Không nhận phần phối hợp nữa."
    else:
        await query.answer("Nút này không còn dùng được.")
        return
    updated = await context.db.run(update_preferences, official_id=official.id, **changes) or official
    await query.answer(note)
    await _edit(update, settings_text(updated, default), settings_keyboard(updated))


def register(application: Any) -> None:
    application.add_handler(CommandHandler("nhac", nhac))
    for kind in (ReminderSetting, ReminderTime):
        application.add_handler(CallbackQueryHandler(on_button, pattern=kind.pattern()))
