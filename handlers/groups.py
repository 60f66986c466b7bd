"""/nhom: an admin sees each group agency ("Các công chức chuyên môn") with its members and sets
them with buttons. An official of a member agency acts for the group's tasks; until a group has
members its tasks reach the admin's digest as "chưa có người phụ trách"."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import GroupAction
from handlers.ui.replies import buttons, esc, reply, show_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.groups import GroupView, group_views, set_member
from storage.models import Role
from storage.text import shorten

logger = logging.getLogger(__name__)

SHOW, ADD, REMOVE = "s", "a", "r"
MAX_BUTTONS = 40


def groups_text(views: list[GroupView]) -> str:
    if not views:
        return "Kế hoạch chưa có cơ quan nhóm nào (như «Các công chức chuyên môn»)."
    lines = ["<b>Cơ quan nhóm và thành viên</b>"]
    for v in views:
        members = (
            "; ".join(esc(m.name) for m in v.members) or "<i>chưa có thành viên — chưa có người phụ trách</i>"
        )
        lines.append(f"• <b>{esc(v.group.name)}</b>: {members}")
    lines.append("\nChọn một nhóm để đặt thành viên.")
    return "\n".join(lines)


def group_text(view: GroupView) -> str:
    members = "\n".join(f"• {esc(m.name)}" for m in view.members) or "<i>chưa có thành viên</i>"
    return (
        f"<b>{esc(view.group.name)}</b>\nThành viên:\n{members}\n\n"
        "Bấm để thêm ✅ hoặc bỏ một cơ quan. Cán bộ của cơ quan thành viên được giao các nhiệm vụ của nhóm."
    )


def group_keyboard(view: GroupView) -> Any:
    inside = {m.id for m in view.members}
    rows = [
        [
            (
                f"{'✅' if c.id in inside else '▫️'} {shorten(c.name, 50)}",
                GroupAction(REMOVE if c.id in inside else ADD, view.group.id, c.id),
            )
        ]
        for c in view.candidates[:MAX_BUTTONS]
    ]
    return buttons(*rows) if rows else None


async def nhom(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is None:
        return
    if admin.organization_id is None:
        await reply(update, "Tài khoản quản trị chưa gắn với xã/phường nào.")
        return
    views = await context.db.run(group_views, organization_id=admin.organization_id)
    keyboard = (
        buttons(*[[(shorten(v.group.name, 60), GroupAction(SHOW, v.group.id))] for v in views])
        if views
        else None
    )
    await reply(update, groups_text(views), reply_markup=keyboard)


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    assert query is not None
    admin = await current_official(update, context)
    pressed = GroupAction.parse(query.data)
    if admin is None or admin.role != Role.admin or admin.organization_id is None or pressed is None:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    if pressed.action == SHOW:
        views = await context.db.run(group_views, organization_id=admin.organization_id)
        view = next((v for v in views if v.group.id == pressed.group_id), None)
    elif pressed.action in (ADD, REMOVE):
        view = await context.db.run(
            set_member,
            organization_id=admin.organization_id,
            group_id=pressed.group_id,
            member_id=pressed.member_id,
            member=pressed.action == ADD,
            actor_user_id=query.from_user.id,
        )
    else:
        view = None
    if view is None:  # not a group (or member) of the admin's organization
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    await query.answer()
    if pressed.action == SHOW:
        await reply(update, group_text(view), reply_markup=group_keyboard(view))
    else:
        logger.info(
            "Admin %s set group %s member %s: %s",
            admin.id,
            pressed.group_id,
            pressed.member_id,
            pressed.action,
        )
        await show_text(query, update, group_text(view), group_keyboard(view))


def register(application: Any) -> None:
    application.add_handler(CommandHandler("nhom", nhom))
    application.add_handler(CallbackQueryHandler(on_callback, pattern=GroupAction.pattern()))
