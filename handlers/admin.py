"""Admin commands: /moi (create an invite link) and /canbo (list and deactivate officials).

Every press is re-authorised by the use cases in plans/ (an admin acts on their own organization).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.menus import set_menu
from handlers.onboarding import ROLE_LABELS
from handlers.ui.callbacks import AgencyAction, InviteRole, OfficialAction, parse_any
from handlers.ui.callbacks_onboarding import InviteShare
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT, STALE_BUTTON_TEXT
from plans.directory import find_agencies
from plans.invites import (
    DEFAULT_DAYS,
    AgencyChoice,
    agencies_to_invite,
    create_agency_invite,
    share_invite,
)
from plans.officials import agency_for_admin, agency_roster, deactivate, official_for_admin
from storage.models import Agency, Invite, Official, Role
from storage.text import date_vi, nfc

logger = logging.getLogger(__name__)

ROLE_CODES = {"o": Role.official.value, "l": Role.leader.value, "a": Role.admin.value}
MAX_BUTTONS = 30
SHARED_USES = 30  # a shared agency link: enough for a commune's agency, not an open door
SHARE_LABELS = {
    "a": f"👥 Dùng chung (tối đa {SHARED_USES} người), quản trị duyệt",
    "o": f"👥 Dùng chung (tối đa {SHARED_USES} người), không cần duyệt",
}
INVITE, OFFICIALS = "m", "c"


def invite_link(bot_username: str | None, code: str) -> str:
    return f"https://t.me/{bot_username or 'planbot'}?start={code}"


def _agency_keyboard(choices: list[AgencyChoice], action: str) -> InlineKeyboardMarkup:
    several_orgs = len({c.organization for c in choices}) > 1
    return buttons(
        *[
            [(f"{c.name} — {c.organization}" if several_orgs else c.name, AgencyAction(action, c.id))]
            for c in choices[:MAX_BUTTONS]
        ]
    )


async def _choose_agency(
    update: Update, context: PlanbotContext, admin: Official, action: str, verb: str
) -> None:
    text = nfc(" ".join(context.args or [])).strip()
    choices = await context.db.run(agencies_to_invite, admin=admin)
    if text:
        found = await context.db.run(find_agencies, name=text, organization_id=admin.organization_id)
        allowed = {c.id for c in choices}
        found = [a for a in found if a.id in allowed]
        if not found:
            await reply(update, f"Không tìm thấy cơ quan nào khớp với «{esc(text)}».")
            return
        if len(found) == 1:
            await _act_on_agency(update, context, admin, action, found[0])
            return
        ids = {a.id for a in found}
        choices = [c for c in choices if c.id in ids]
    if not choices:
        await reply(update, "Chưa có cơ quan nào. Hãy nhập kế hoạch (gửi tệp Phụ lục) trước.")
        return
    await reply(update, f"Chọn cơ quan {verb}:", reply_markup=_agency_keyboard(choices, action))


async def _act_on_agency(
    update: Update, context: PlanbotContext, admin: Official, action: str, agency: Agency
) -> None:
    if action == INVITE:
        await _ask_role(update, agency)
    else:
        await _list_officials(update, context, admin, agency)


async def _ask_role(update: Update, agency: Agency) -> None:
    assert agency.id is not None
    row = [(ROLE_LABELS[role].capitalize(), InviteRole(agency.id, code)) for code, role in ROLE_CODES.items()]
    await reply(update, f"Mời vào <b>{esc(agency.name)}</b> với vai trò nào?", reply_markup=buttons(row))


async def _list_officials(update: Update, context: PlanbotContext, admin: Official, agency: Agency) -> None:
    assert agency.id is not None
    roster = await context.db.run(agency_roster, admin=admin, agency_id=agency.id)
    if roster is None:
        await _deny(update)
        return
    if not roster.officials:
        await reply(update, f"<b>{esc(agency.name)}</b> chưa có cán bộ nào đăng ký.")
        return
    lines = [f"<b>Cán bộ của {esc(agency.name)}</b> ({len(roster.officials)}):"]
    for off in roster.officials:
        handle = f" (@{esc(off.username)})" if off.username else ""
        head = " · ⭐ trưởng đơn vị" if off.is_head else ""
        lines.append(f"• {esc(off.full_name)}{handle} — {ROLE_LABELS.get(off.role, esc(off.role))}{head}")
    keyboard = buttons(
        *[
            [(f"Ngừng: {off.full_name}", OfficialAction("d", off.id or 0))]
            for off in roster.officials[:MAX_BUTTONS]
        ]
    )
    await reply(update, "\n".join(lines), reply_markup=keyboard)


async def moi(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is not None:
        await _choose_agency(update, context, admin, INVITE, "để mời cán bộ")


async def canbo(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is not None:
        await _choose_agency(update, context, admin, OFFICIALS, "để xem cán bộ")


async def _deny(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(NO_PERMISSION_TEXT, show_alert=True)
    await reply(update, esc(NO_PERMISSION_TEXT))


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    assert query is not None
    admin = await current_official(update, context)
    if admin is None or admin.role != Role.admin:
        await _deny(update)
        return
    pressed = parse_any(query.data)
    if isinstance(pressed, InviteRole):
        await _invite(update, context, admin, pressed)
    elif isinstance(pressed, InviteShare):
        await _share(update, context, admin, pressed)
    elif isinstance(pressed, AgencyAction) and pressed.action in (INVITE, OFFICIALS):
        agency = await context.db.run(agency_for_admin, admin=admin, agency_id=pressed.agency_id)
        if agency is None:
            await _deny(update)
            return
        await query.answer()
        await _act_on_agency(update, context, admin, pressed.action, agency)
    elif isinstance(pressed, OfficialAction):
        await _official_action(update, context, admin, pressed)
    else:
        await query.answer(STALE_BUTTON_TEXT)


def _invite_text(invite: Invite, role: str, agency_name: str, link: str) -> str:
    expires = f"hết hạn {date_vi(invite.expires_at.date())}, sau {DEFAULT_DAYS} ngày"
    if invite.max_uses <= 1:
        use = f"dùng một lần, {expires}"
        how = "Gửi đường dẫn này cho người được mời; họ mở nó trong Telegram để đăng ký."
    else:
        use = f"dùng chung, tối đa {invite.max_uses} người, {expires}"
        how = "Gửi đường dẫn này vào nhóm của cơ quan; mỗi người mở nó trong Telegram để đăng ký."
        if invite.needs_approval:
            how += " Mỗi người đăng ký cần quản trị viên bấm «Duyệt»."
    return f"Lời mời {ROLE_LABELS[role]} của <b>{esc(agency_name)}</b> ({use}):\n{esc(link)}\n\n{how}"


def _share_keyboard(invite: Invite) -> InlineKeyboardMarkup:
    assert invite.id is not None
    return buttons(*[[(label, InviteShare(invite.id, kind))] for kind, label in SHARE_LABELS.items()])


async def _invite(update: Update, context: PlanbotContext, admin: Official, pressed: InviteRole) -> None:
    query = update.callback_query
    assert query is not None
    role = ROLE_CODES.get(pressed.role)
    agency = await context.db.run(agency_for_admin, admin=admin, agency_id=pressed.agency_id)
    if agency is None or role is None:
        await _deny(update)
        return
    await query.answer()
    invite = await context.db.run(create_agency_invite, admin=admin, agency_id=pressed.agency_id, role=role)
    link = invite_link(context.bot.username, invite.code)
    await reply(update, _invite_text(invite, role, agency.name, link), reply_markup=_share_keyboard(invite))


async def _share(update: Update, context: PlanbotContext, admin: Official, pressed: InviteShare) -> None:
    """The single-use link just made becomes the agency's shared link (no second invite is left)."""
    query = update.callback_query
    assert query is not None
    if pressed.kind not in SHARE_LABELS:
        await _deny(update)
        return
    shared = await context.db.run(
        share_invite,
        admin=admin,
        invite_id=pressed.invite_id,
        max_uses=SHARED_USES,
        needs_approval=pressed.kind == "a",
    )
    if shared is None:
        await query.answer(STALE_BUTTON_TEXT, show_alert=True)
        return
    await query.answer()
    logger.info("Admin %s shared invite %s (%s)", admin.id, pressed.invite_id, pressed.kind)
    link = invite_link(context.bot.username, shared.invite.code)
    await reply(update, _invite_text(shared.invite, shared.invite.role, shared.agency_name, link))


async def _official_action(
    update: Update, context: PlanbotContext, admin: Official, pressed: OfficialAction
) -> None:
    query = update.callback_query
    assert query is not None
    target = await context.db.run(official_for_admin, admin=admin, official_id=pressed.official_id)
    if target is None or target.id is None:
        await _deny(update)
        return
    await query.answer()
    if pressed.action == "d":
        await reply(
            update,
            f"Ngừng quyền sử dụng bot của <b>{esc(target.full_name)}</b>?",
            reply_markup=InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            "Xác nhận ngừng", callback_data=OfficialAction("dy", target.id).data()
                        ),
                        InlineKeyboardButton("Không", callback_data=OfficialAction("dn", target.id).data()),
                    ]
                ]
            ),
        )
    elif pressed.action == "dy":
        await context.db.run(deactivate, admin=admin, official_id=target.id)
        logger.info("Admin %s deactivated official %s", admin.id, target.id)
        # A leader's or admin's own menu goes with their rights (the default menu applies again).
        await set_menu(context, chat_id=target.chat_id, role=Role.official.value, was=target.role)
        await reply(
            update, f"Đã ngừng quyền của <b>{esc(target.full_name)}</b>. Lịch sử báo cáo vẫn được giữ."
        )
    else:
        await reply(update, "Đã giữ nguyên.")


def register(application: Any) -> None:
    application.add_handler(CommandHandler("moi", moi))
    application.add_handler(CommandHandler("canbo", canbo))
    for kind in (AgencyAction, InviteRole, InviteShare, OfficialAction):
        application.add_handler(CallbackQueryHandler(on_callback, pattern=kind.pattern()))
