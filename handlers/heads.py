"""/truongdonvi [cơ quan] (admins): the heads of agency, who assign their agency's tasks to its
officials. Choose the agency, then press an official to make them a head or no longer one
(⭐ = trưởng đơn vị). plans/heads.py re-authorises every press and audits every change; the
command line does the same with `planbot official head`."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import parse_any
from handlers.ui.callbacks_heads import HeadAgency, HeadToggle
from handlers.ui.replies import buttons, esc, reply, show_text
from handlers.ui.texts import NO_PERMISSION_TEXT, STALE_BUTTON_TEXT, STRANGER_TEXT
from plans.directory import find_agencies
from plans.heads import HeadChange, HeadRoster, head_roster, head_toggle
from plans.invites import agencies_to_invite
from storage.models import Official, Role
from storage.text import nfc, shorten

logger = logging.getLogger(__name__)

MAX_BUTTONS = 30
HEAD_MARK, PLAIN_MARK = "⭐", "▫️"


def roster_text(roster: HeadRoster) -> str:
    lines = [f"<b>⭐ Trưởng đơn vị — {esc(roster.agency_name)}</b>"]
    if not roster.members:
        lines.append("Đơn vị chưa có cán bộ nào đăng ký dùng bot. Mời cán bộ bằng /moi.")
        return "\n".join(lines)
    heads = ", ".join(m.full_name for m in roster.heads)
    lines.append(f"<b>Trưởng đơn vị:</b> {esc(heads) if heads else 'chưa có'}")
    lines.append(
        "Trưởng đơn vị giao nhiệm vụ của đơn vị cho từng cán bộ và đặt hạn riêng "
        "(nút «👤 Giao việc» trên thẻ nhiệm vụ). Bấm vào tên để đặt hoặc bỏ (⭐ = trưởng đơn vị)."
    )
    return "\n".join(lines)


def roster_keyboard(roster: HeadRoster) -> InlineKeyboardMarkup | None:
    if not roster.members:
        return None
    rows = [
        [
            (
                shorten(f"{HEAD_MARK if m.is_head else PLAIN_MARK} {m.full_name}", 60),
                HeadToggle(roster.agency_id, m.official_id),
            )
        ]
        for m in roster.members[:MAX_BUTTONS]
    ]
    return buttons(*rows)


async def _show_roster(update: Update, context: PlanbotContext, admin: Official, agency_id: int) -> None:
    roster = await context.db.run(head_roster, admin=admin, agency_id=agency_id)
    if roster is None:
        await _deny(update)
        return
    query = update.callback_query
    if query is not None:
        await query.answer()
        await show_text(query, update, roster_text(roster), roster_keyboard(roster))
    else:
        await reply(update, roster_text(roster), reply_markup=roster_keyboard(roster))


async def truongdonvi(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is None:
        return
    text = nfc(" ".join(context.args or [])).strip()
    choices = await context.db.run(agencies_to_invite, admin=admin)
    if text:
        found = await context.db.run(find_agencies, name=text, organization_id=admin.organization_id)
        allowed = {c.id for c in choices}
        ids = {a.id for a in found if a.id in allowed}
        if not ids:
            await reply(update, f"Không tìm thấy cơ quan nào khớp với «{esc(text)}».")
            return
        if len(ids) == 1:
            await _show_roster(update, context, admin, ids.pop())
            return
        choices = [c for c in choices if c.id in ids]
    if not choices:
        await reply(update, "Chưa có cơ quan nào. Hãy nhập kế hoạch (gửi tệp Phụ lục) trước.")
        return
    several = len({c.organization for c in choices}) > 1
    keyboard = buttons(
        *[
            [(f"{c.name} — {c.organization}" if several else c.name, HeadAgency(c.id))]
            for c in choices[:MAX_BUTTONS]
        ]
    )
    await reply(update, "Chọn cơ quan để đặt trưởng đơn vị:", reply_markup=keyboard)


async def _deny(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    await reply(update, esc(NO_PERMISSION_TEXT))


def _note(change: HeadChange) -> str:
    if change.is_head:
        return f"Đã đặt {change.full_name} làm trưởng đơn vị."
    return f"{change.full_name} không còn là trưởng đơn vị."


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    official = await current_official(update, context)
    if official is None:
        await query.answer(STRANGER_TEXT[:190], show_alert=True)
        return
    if official.role != Role.admin:
        await _deny(update)
        return
    pressed = parse_any(query.data)
    if isinstance(pressed, HeadAgency):
        await _show_roster(update, context, official, pressed.agency_id)
        return
    if isinstance(pressed, HeadToggle):
        user = update.effective_user
        change = await context.db.run(
            head_toggle,
            admin=official,
            agency_id=pressed.agency_id,
            official_id=pressed.official_id,
            actor_user_id=user.id if user else None,
        )
        if change is None:  # re-authorised: the button proves nothing
            await _deny(update)
            return
        logger.info("Admin %s: official %s head=%s", official.id, pressed.official_id, change.is_head)
        await query.answer(_note(change)[:190])
        await show_text(query, update, roster_text(change.roster), roster_keyboard(change.roster))
        return
    await query.answer(STALE_BUTTON_TEXT)


def register(application: Any) -> None:
    application.add_handler(CommandHandler("truongdonvi", truongdonvi, filters=filters.ChatType.PRIVATE))
    for kind in (HeadAgency, HeadToggle):
        application.add_handler(CallbackQueryHandler(on_callback, pattern=kind.pattern()))
