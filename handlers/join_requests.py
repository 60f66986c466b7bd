"""Join requests on a shared invite: the admins are asked with "Duyệt"/"Từ chối" (and "Duyệt tất
cả" for everyone waiting on the same link), and the applicant is told the outcome.

plans/join_requests.py decides who may decide; a button is re-authorised on every press.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import CallbackQueryHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.menus import set_menu
from handlers.ui.callbacks import parse_any
from handlers.ui.callbacks_onboarding import JoinApproveAll, JoinDecide
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT, STALE_BUTTON_TEXT
from plans.join_requests import Applicant, Decision, applicant, approvers, decide, pending_of_invite
from storage.models import Official

logger = logging.getLogger(__name__)

OUTCOME_TO_ADMIN = {
    "approved": "✅ Đã duyệt <b>{name}</b> vào {agency}.",
    "rejected": "Đã từ chối <b>{name}</b>.",
    "decided": "Yêu cầu của <b>{name}</b> đã được xử lý trước đó.",
    "no_uses": "Lời mời đã hết lượt: không thể duyệt thêm <b>{name}</b>. Hãy tạo lời mời mới (/moi).",
    "expired": "Lời mời đã hết hạn: không thể duyệt <b>{name}</b>. Hãy tạo lời mời mới (/moi).",
}


def _role_label(role: str) -> str:
    from handlers.onboarding import ROLE_LABELS  # onboarding imports this module

    return ROLE_LABELS.get(role, "cán bộ")


def _request_text(who: Applicant) -> str:
    handle = f" (@{esc(who.username)})" if who.username else ""
    return (
        f"🙋 <b>{esc(who.full_name)}</b>{handle} xin tham gia <b>{esc(who.agency_name)}</b> "
        f"với vai trò {_role_label(who.role)}."
    )


async def notify_approvers(context: PlanbotContext, request_id: int) -> int:
    """Tell each admin who may decide; how many were reached. The "Duyệt tất cả" button lets one
    tap admit everyone who opened the same link."""
    who = await context.db.run(applicant, request_id=request_id)
    chats = await context.db.run(approvers, request_id=request_id)
    if who is None:
        return 0
    markup = buttons(
        [("✅ Duyệt", JoinDecide(request_id, "y")), ("❌ Từ chối", JoinDecide(request_id, "n"))],
        [("✅ Duyệt tất cả đang chờ", JoinApproveAll(who.invite_id))],
    )
    reached = 0
    for chat_id in chats:
        try:
            await context.bot.send_message(chat_id, _request_text(who), reply_markup=markup)
            reached += 1
        except Forbidden:
            logger.info("admin chat %s blocked the bot; not asked about request %s", chat_id, request_id)
        except TelegramError as exc:
            logger.warning("could not ask admin chat %s about request %s: %s", chat_id, request_id, exc)
    if not reached:
        logger.warning("join request %s reached no admin", request_id)
    return reached


def _approved_text(decision: Decision) -> str:
    return (
        f"✅ Yêu cầu tham gia <b>{esc(decision.agency_name)}</b> đã được duyệt. "
        f"Chào mừng <b>{esc(decision.full_name)}</b>! Anh/chị là {_role_label(decision.role)} "
        f"của {esc(decision.agency_name)}.\n\n"
        "/viec — xem việc của đơn vị\n/xong — báo cáo tiến độ\n/help — hướng dẫn"
    )


REJECTED_TEXT = (
    "Yêu cầu tham gia <b>{agency}</b> của anh/chị chưa được chấp nhận. Vui lòng liên hệ quản trị viên."
)


async def _tell_applicant(context: PlanbotContext, decision: Decision) -> None:
    if decision.chat_id is None or decision.status not in ("approved", "rejected"):
        return
    if decision.status == "approved":
        text = _approved_text(decision)
    else:
        text = REJECTED_TEXT.format(agency=esc(decision.agency_name))
    try:
        await context.bot.send_message(decision.chat_id, text)
    except TelegramError as exc:  # blocked or unknown: the admin's answer still stands
        logger.info("could not tell applicant %s: %s", decision.request_id, exc)
    if decision.status == "approved":
        await set_menu(context, chat_id=decision.chat_id, role=decision.role, was=decision.previous_role)


def _outcome(decision: Decision) -> str:
    template = OUTCOME_TO_ADMIN.get(decision.status, OUTCOME_TO_ADMIN["decided"])
    return template.format(name=esc(decision.full_name), agency=esc(decision.agency_name))


async def _decide_one(update: Update, context: PlanbotContext, admin: Official, pressed: JoinDecide) -> None:
    query = update.callback_query
    assert query is not None
    if pressed.verdict not in ("y", "n"):
        await query.answer(STALE_BUTTON_TEXT)
        return
    decision = await context.db.run(
        decide, admin=admin, request_id=pressed.request_id, approve=pressed.verdict == "y"
    )
    if decision.status == "denied":
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    await query.answer()
    await _tell_applicant(context, decision)
    await _close(update, _outcome(decision))


async def _approve_all(
    update: Update, context: PlanbotContext, admin: Official, pressed: JoinApproveAll
) -> None:
    query = update.callback_query
    assert query is not None
    pending = await context.db.run(pending_of_invite, admin=admin, invite_id=pressed.invite_id)
    if pending is None:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    await query.answer()
    admitted: list[str] = []
    stopped: Decision | None = None
    for request_id in pending:
        decision = await context.db.run(decide, admin=admin, request_id=request_id, approve=True)
        if decision.status == "approved":
            admitted.append(decision.full_name)
            await _tell_applicant(context, decision)
        elif decision.status in ("no_uses", "expired"):
            stopped = decision
            break
    lines = [f"✅ Đã duyệt {len(admitted)} người:"] if admitted else ["Không còn ai đang chờ duyệt."]
    lines += [f"• {esc(name)}" for name in admitted]
    if stopped is not None:
        lines.append(_outcome(stopped))
    await _close(update, "\n".join(lines))


async def _close(update: Update, text: str) -> None:
    """The pressed message loses its buttons (a decision is taken once); the outcome follows."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_reply_markup(None)
        except TelegramError:  # too old or already edited: the reply below still says what happened
            logger.debug("could not clear the join request's buttons", exc_info=True)
    await reply(update, text)


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    admin = await current_official(update, context)
    if admin is None:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    pressed = parse_any(query.data)
    if isinstance(pressed, JoinDecide):
        await _decide_one(update, context, admin, pressed)
    elif isinstance(pressed, JoinApproveAll):
        await _approve_all(update, context, admin, pressed)
    else:
        await query.answer(STALE_BUTTON_TEXT)


def register(application: Any) -> None:
    for kind in (JoinDecide, JoinApproveAll):
        application.add_handler(CallbackQueryHandler(on_callback, pattern=kind.pattern()))
