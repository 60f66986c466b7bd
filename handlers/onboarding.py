"""Invites redeemed through /start <code>, and /toi (the user's own profile)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler

from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.join_requests import notify_approvers
from handlers.menus import set_menu
from handlers.ui.replies import esc, reply
from handlers.ui.texts import STRANGER_TEXT
from plans.directory import agency_label
from plans.invites import RedeemResult, redeem
from storage.models import Role
from storage.text import nfc

logger = logging.getLogger(__name__)

ROLE_LABELS = {
    Role.official.value: "cán bộ",
    Role.leader.value: "lãnh đạo",
    Role.admin.value: "quản trị viên",
}

FAILURE_TEXTS = {
    "unknown": (
        "Mã mời không đúng. Vui lòng mở lại đúng đường dẫn quản trị viên đã gửi, hoặc xin một lời mời mới."
    ),
    "used": "Mã mời này đã được sử dụng. Mỗi lời mời chỉ dùng được một lần; vui lòng xin quản trị viên lời mời mới.",
    "expired": "Mã mời đã hết hạn. Vui lòng xin quản trị viên gửi lời mời mới.",
    "throttled": "Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau 10 phút.",
    "rejected": "Yêu cầu tham gia của anh/chị đã bị quản trị viên từ chối. Vui lòng liên hệ quản trị viên.",
}
PENDING_TEXT = (
    "Đã gửi yêu cầu tham gia <b>{where}</b> tới quản trị viên. "
    "Anh/chị vui lòng chờ; bot sẽ báo ngay khi yêu cầu được duyệt."
)


def welcome_text(result: RedeemResult) -> str:
    role = ROLE_LABELS.get(result.role or "", "cán bộ")
    where = result.agency_name or result.organization_name or ""
    lines = [f"Chào mừng <b>{esc(result.full_name or '')}</b>!"]
    if where:
        lines.append(f"Anh/chị đã được đăng ký là {role} của <b>{esc(where)}</b>.")
        if result.agency_name and result.organization_name:
            lines.append(f"({esc(result.organization_name)})")
    else:
        lines.append(f"Anh/chị đã được đăng ký là {role}.")
    lines.append("")
    lines.append("/viec — xem việc của đơn vị\n/xong — báo cáo tiến độ\n/help — hướng dẫn")
    if result.role in (Role.leader, Role.admin):
        lines.append("/tyle — tỷ lệ hoàn thành kế hoạch")
    return "\n".join(lines)


async def redeem_invite(update: Update, context: PlanbotContext, code: str) -> None:
    """/start <code>: bind the Telegram user to the invite's agency and role."""
    user = update.effective_user
    if user is None:
        return
    result = await context.db.run(
        redeem,
        code=code,
        telegram_user_id=user.id,
        full_name=nfc(user.full_name),
        username=user.username,
        chat_id=update.effective_chat.id if update.effective_chat else None,
    )
    context.forget_official()  # read before the invite was redeemed
    if result.status == "ok":
        logger.info("User %s redeemed an invite as %s", user.id, result.role)
        await reply(update, welcome_text(result))
        await set_menu(context, chat_id=user.id, role=result.role, was=result.previous_role)
    elif result.status == "pending":
        where = result.agency_name or result.organization_name or ""
        await reply(update, PENDING_TEXT.format(where=esc(where)))
        if result.created and result.join_request_id is not None:
            logger.info("User %s asked to join (request %s)", user.id, result.join_request_id)
            await notify_approvers(context, result.join_request_id)
    elif result.status == "already":
        await reply(update, f"Anh/chị đã đăng ký rồi. {welcome_text(result)}")
    else:
        logger.info("User %s failed to redeem an invite: %s", user.id, result.status)
        await reply(update, esc(FAILURE_TEXTS.get(result.status, STRANGER_TEXT)))


async def toi(update: Update, context: PlanbotContext) -> None:
    official = await require_official(update, context)
    if official is None:
        return
    agency = await context.db.run(agency_label, official=official)
    lines = [
        "<b>Thông tin của tôi</b>",
        f"Họ tên: {esc(official.full_name)}",
        f"Vai trò: {ROLE_LABELS.get(official.role, esc(official.role))}",
        f"Cơ quan: {esc(agency) if agency else 'chưa gắn cơ quan'}",
        f"Nhắc việc: {'bật' if official.reminders_enabled else 'tắt'}"
        + (f" lúc {esc(official.reminder_time)}" if official.reminder_time else ""),
    ]
    if official.username:
        lines.insert(2, f"Telegram: @{esc(official.username)}")
    await reply(update, "\n".join(lines))


def register(application: Any) -> None:
    application.add_handler(CommandHandler("toi", toi))
