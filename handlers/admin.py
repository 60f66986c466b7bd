"""Admin commands: /moi (create an invite link) and /canbo (list and deactivate officials)."""

from __future__ import annotations

import logging
import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.onboarding import ROLE_LABELS
from handlers.ui.replies import esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.directory import find_agencies
from storage.models import Agency, Official, Role
from storage.queries.invites import (
    DEFAULT_DAYS,
    agencies_for,
    agency_by_id,
    invite_for_agency,
    organization_names,
)
from storage.queries.officials import deactivate_official, official_by_id, officials_of_agency
from storage.text import date_vi, nfc

logger = logging.getLogger(__name__)

ROLE_CODES = {"o": Role.official.value, "l": Role.leader.value, "a": Role.admin.value}
_DATA = re.compile(r"^a:(m|c|d|dy|dn):(\d{1,12})$")
_ROLE_DATA = re.compile(r"^a:r:(\d{1,12}):([ola])$")
MAX_BUTTONS = 30


def invite_link(bot_username: str | None, code: str) -> str:
    return f"https://t.me/{bot_username or 'planbot'}?start={code}"


def _agency_keyboard(agencies: list[Agency], prefix: str, org_names: dict[int, str]) -> InlineKeyboardMarkup:
    several_orgs = len({a.organization_id for a in agencies}) > 1

    def label(agency: Agency) -> str:
        org = org_names.get(agency.organization_id, "")
        return f"{agency.name} — {org}" if several_orgs and org else agency.name

    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label(a), callback_data=f"a:{prefix}:{a.id}")] for a in agencies[:MAX_BUTTONS]]
    )


async def _choose_agency(
    update: Update, context: PlanbotContext, admin: Official, prefix: str, verb: str
) -> None:
    text = nfc(" ".join(context.args or [])).strip()
    if text:
        agencies = await context.db.run(find_agencies, name=text, organization_id=admin.organization_id)
        if not agencies:
            await reply(update, f"Không tìm thấy cơ quan nào khớp với «{esc(text)}».")
            return
        if len(agencies) == 1:
            if prefix == "m":
                await _ask_role(update, agencies[0])
            else:
                await _list_officials(update, context, agencies[0])
            return
    else:
        agencies = await context.db.run(agencies_for, organization_id=admin.organization_id)
        if not agencies:
            await reply(update, "Chưa có cơ quan nào. Hãy nhập kế hoạch (gửi tệp Phụ lục) trước.")
            return
    org_names = await context.db.run(organization_names)
    await reply(update, f"Chọn cơ quan {verb}:", reply_markup=_agency_keyboard(agencies, prefix, org_names))


async def _ask_role(update: Update, agency: Agency) -> None:
    buttons = [
        InlineKeyboardButton(ROLE_LABELS[role].capitalize(), callback_data=f"a:r:{agency.id}:{code}")
        for code, role in ROLE_CODES.items()
    ]
    await reply(
        update,
        f"Mời vào <b>{esc(agency.name)}</b> với vai trò nào?",
        reply_markup=InlineKeyboardMarkup([buttons]),
    )


async def _list_officials(update: Update, context: PlanbotContext, agency: Agency) -> None:
    assert agency.id is not None
    officials = await context.db.run(officials_of_agency, agency_id=agency.id)
    if not officials:
        await reply(update, f"<b>{esc(agency.name)}</b> chưa có cán bộ nào đăng ký.")
        return
    lines = [f"<b>Cán bộ của {esc(agency.name)}</b> ({len(officials)}):"]
    for off in officials:
        handle = f" (@{esc(off.username)})" if off.username else ""
        lines.append(f"• {esc(off.full_name)}{handle} — {ROLE_LABELS.get(off.role, esc(off.role))}")
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(f"Ngừng: {off.full_name}", callback_data=f"a:d:{off.id}")]
            for off in officials[:MAX_BUTTONS]
        ]
    )
    await reply(update, "\n".join(lines), reply_markup=keyboard)


async def moi(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is not None:
        await _choose_agency(update, context, admin, "m", "để mời cán bộ")


async def canbo(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is not None:
        await _choose_agency(update, context, admin, "c", "để xem cán bộ")


def _agency_allowed(admin: Official, agency: Agency | None) -> bool:
    return agency is not None and (
        admin.organization_id is None or agency.organization_id == admin.organization_id
    )


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
    data = query.data or ""
    if match := _ROLE_DATA.match(data):
        agency = await context.db.run(agency_by_id, agency_id=int(match.group(1)))
        if not _agency_allowed(admin, agency):
            await _deny(update)
            return
        assert agency is not None and agency.id is not None
        await query.answer()
        role = ROLE_CODES[match.group(2)]
        invite = await context.db.run(invite_for_agency, agency_id=agency.id, role=role, created_by=admin.id)
        link = invite_link(context.bot.username, invite.code)
        await reply(
            update,
            f"Lời mời {ROLE_LABELS[role]} của <b>{esc(agency.name)}</b> "
            f"(dùng một lần, hết hạn {date_vi(invite.expires_at.date())}, sau {DEFAULT_DAYS} ngày):\n{esc(link)}\n\n"
            "Gửi đường dẫn này cho người được mời; họ mở nó trong Telegram để đăng ký.",
        )
        return
    match = _DATA.match(data)
    if match is None:
        await query.answer("Nút này không còn dùng được.")
        return
    action, ident = match.group(1), int(match.group(2))
    if action in ("m", "c"):
        agency = await context.db.run(agency_by_id, agency_id=ident)
        if not _agency_allowed(admin, agency):
            await _deny(update)
            return
        assert agency is not None
        await query.answer()
        if action == "m":
            await _ask_role(update, agency)
        else:
            await _list_officials(update, context, agency)
        return
    target = await context.db.run(official_by_id, official_id=ident)
    target_agency = (
        await context.db.run(agency_by_id, agency_id=target.agency_id)
        if target and target.agency_id
        else None
    )
    if target is None or not _agency_allowed(admin, target_agency) or target.id == admin.id:
        await _deny(update)
        return
    await query.answer()
    if action == "d":
        await reply(
            update,
            f"Ngừng quyền sử dụng bot của <b>{esc(target.full_name)}</b>?",
            reply_markup=InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton("Xác nhận ngừng", callback_data=f"a:dy:{target.id}"),
                        InlineKeyboardButton("Không", callback_data=f"a:dn:{target.id}"),
                    ]
                ]
            ),
        )
    elif action == "dy":
        await context.db.run(deactivate_official, official_id=ident)
        logger.info("Admin %s deactivated official %s", admin.id, ident)
        await reply(
            update, f"Đã ngừng quyền của <b>{esc(target.full_name)}</b>. Lịch sử báo cáo vẫn được giữ."
        )
    else:
        await reply(update, "Đã giữ nguyên.")


def register(application: Any) -> None:
    application.add_handler(CommandHandler("moi", moi))
    application.add_handler(CommandHandler("canbo", canbo))
    application.add_handler(CallbackQueryHandler(on_callback, pattern=r"^a:"))
