"""Group chats: an admin or leader binds a group with /ganxa [cơ quan]; the bot then answers /tyle,
/quahan and questions addressed to it (a mention, or a reply to one of its messages) with the
group's scope, never more than the asker may see, and posts a weekly summary there
(bot/runtime/group_jobs.py).

Registered before every other module: every message of a group chat stops here, so the other
features (searches, reports, conversations) stay in private chats. An unbound group hears nothing
but a short hint to an admin or leader; the asker is update.effective_user, the place
update.effective_chat (handlers/auth.py never takes a group's id for an official's chat).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Message, Update
from telegram.ext import CommandHandler, MessageHandler, filters

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.ui.replies import esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.group_chats import GroupScope, bind_group, group_scope, group_viewer, unbind_group
from plans.periods import Period, quarter_containing
from reports.answers.core import answer_question, intent_answer
from reports.questions.parse import PeriodError, parse_period_text
from storage.models import Official, Role
from storage.text import fold, nfc

logger = logging.getLogger(__name__)

BIND_COMMAND = "ganxa"
GROUP_INTENTS = {"tyle": "completion", "quahan": "overdue"}
UNBIND_WORDS = {"huy", "bo", "go", "off"}

HINT_TEXT = (
    "Nhóm này chưa được gắn với xã. Quản trị viên hoặc lãnh đạo gõ <code>/ganxa</code> "
    "(hoặc <code>/ganxa tên cơ quan</code>) để bot trả lời /tyle, /quahan và gửi tổng hợp hằng tuần."
)
PRIVATE_ONLY_TEXT = (
    "Lệnh này chỉ dùng trong trò chuyện riêng với bot. Trong nhóm: /tyle, /quahan hoặc hỏi bot."
)
NOT_A_QUESTION_TEXT = (
    "Trong nhóm, bot trả lời câu hỏi về tiến độ (vd: «@{bot} tỷ lệ hoàn thành quý này»). "
    "Tìm nhiệm vụ, báo cáo: nhắn riêng cho bot."
)
PEOPLE_PRIVATE_TEXT = (
    "Số liệu theo từng người (ai đã, ai chưa báo cáo) chỉ xem trong trò chuyện riêng với bot. "
    "Trong nhóm: tỷ lệ và nhiệm vụ quá hạn theo cơ quan."
)
UNBOUND_TEXT = "Đã gỡ nhóm khỏi xã: bot sẽ không trả lời trong nhóm này nữa."
STRANGER_IN_GROUP_TEXT = "Anh/chị chưa đăng ký sử dụng bot. Nhắn riêng cho bot để được hướng dẫn."
BIND_FAILURES = {
    "no_agency": "Không tìm thấy cơ quan «{arg}» trong kế hoạch.",
    "ambiguous_agency": "«{arg}» khớp nhiều cơ quan; gõ đầy đủ tên hơn.",
    "no_organization": "Không rõ nhóm thuộc xã nào: gõ <code>/ganxa tên cơ quan</code>.",
    "denied": NO_PERMISSION_TEXT,
}


def _is_manager(official: Official | None) -> bool:
    return official is not None and official.role in (Role.leader, Role.admin)


def _command(message: Message, bot_username: str | None) -> tuple[str | None, str]:
    """The bot command a group message starts with and its arguments; a command addressed to
    another bot (/tyle@other_bot) is not ours."""
    text = nfc(message.text or "").strip()
    if not text.startswith("/"):
        return None, text
    head, _, rest = text.partition(" ")
    name, _, target = head[1:].partition("@")
    if target and (bot_username is None or fold(target) != fold(bot_username)):
        return None, ""
    return name.lower(), rest.strip()


def _addressed(message: Message, bot_id: int, bot_username: str | None) -> str | None:
    """The text addressed to the bot (mention removed), or None when the message is for the group."""
    text = nfc(message.text or "")
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text.strip()
    if bot_username and f"@{bot_username}".casefold() in text.casefold():
        at = text.casefold().index(f"@{bot_username}".casefold())
        return (text[:at] + text[at + len(bot_username) + 1 :]).strip(" ,:")
    return None


async def _bind(update: Update, context: PlanbotContext, official: Official, arg: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    if fold(arg).strip() in UNBIND_WORDS:
        done = await context.db.run(unbind_group, official=official, chat_id=chat.id)
        await reply(update, UNBOUND_TEXT if done else "Nhóm này chưa được gắn.")
        return
    bound = await context.db.run(
        bind_group, official=official, chat_id=chat.id, title=nfc(chat.title or ""), agency_text=arg
    )
    if bound.status != "ok":
        await reply(update, BIND_FAILURES.get(bound.status, NO_PERMISSION_TEXT).format(arg=esc(arg)))
        return
    logger.info("Official %s bound group %s (agency: %s)", official.id, chat.id, bound.agency_name)
    where = f"<b>{esc(bound.organization_name)}</b>"
    if bound.agency_name:
        where = f"<b>{esc(bound.agency_name)}</b> ({esc(bound.organization_name)})"
    await reply(
        update,
        f"✅ Đã gắn nhóm với {where}.\nTrong nhóm: /tyle, /quahan, hoặc nhắc @{esc(context.bot.username or 'bot')} "
        "kèm câu hỏi. Mỗi tuần bot gửi tổng hợp tiến độ vào nhóm.",
    )


def _period(context: PlanbotContext, arg: str) -> Period | None:
    try:
        found = (
            parse_period_text(arg, today=context.clock.today(), mode=context.periods.mode) if arg else None
        )
    except PeriodError:
        found = None
    return found or quarter_containing(context.clock.today(), context.periods.mode)


async def _intent(
    update: Update, context: PlanbotContext, viewer: Official, scope: GroupScope, intent: str, arg: str
) -> None:
    answer = await context.db.run(
        intent_answer,
        viewer=viewer,
        intent=intent,
        period=_period(context, arg),
        today=context.clock.today(),
        periods=context.periods,
        agency_id=scope.agency_id,
    )
    await reply(update, answer.text)  # no buttons: details are opened in a private chat


async def _question(update: Update, context: PlanbotContext, viewer: Official, text: str) -> None:
    answer = None
    if text:
        answer = await context.db.run(
            answer_question, text=text, viewer=viewer, today=context.clock.today(), periods=context.periods
        )
    if answer is None:
        await reply(update, esc(NOT_A_QUESTION_TEXT.format(bot=context.bot.username or "bot")))
        return
    if answer.kind == "people":  # who has and hasn't reported is not for the whole group to read
        await reply(update, esc(PEOPLE_PRIVATE_TEXT))
        return
    extra = "\n\n(Tệp báo cáo chỉ gửi trong trò chuyện riêng với bot.)" if answer.report_period else ""
    await reply(update, answer.text + extra)


async def on_group_message(update: Update, context: PlanbotContext) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    bot_username = context.bot.username
    if message.new_chat_members and any(m.id == context.bot.id for m in message.new_chat_members):
        official = await current_official(update, context)  # who added the bot
        scope = await context.db.run(group_scope, chat_id=chat.id)
        if scope is None and _is_manager(official):
            await reply(update, HINT_TEXT)
        return  # added by anyone else: nothing
    command, arg = _command(message, bot_username)
    addressed = None if command else _addressed(message, context.bot.id, bot_username)
    if command is None and addressed is None:
        return  # the group's own conversation
    official = await current_official(update, context)
    if command == BIND_COMMAND:
        if _is_manager(official):
            assert official is not None
            await _bind(update, context, official, arg)
        return
    scope = await context.db.run(group_scope, chat_id=chat.id)
    if scope is None:
        if _is_manager(official):
            await reply(update, HINT_TEXT)
        return
    if official is None:
        await reply(update, esc(STRANGER_IN_GROUP_TEXT))
        return
    viewer = group_viewer(official, scope)
    if viewer is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return
    if command in GROUP_INTENTS:
        await _intent(update, context, viewer, scope, GROUP_INTENTS[command], arg)
    elif command is not None:
        await reply(update, esc(PRIVATE_ONLY_TEXT))
    else:
        await _question(update, context, viewer, addressed or "")


async def ganxa_private(update: Update, context: PlanbotContext) -> None:
    """/ganxa in a private chat: say where it works (leaders and admins), else the usual refusal."""
    official = await require_official(update, context, roles=(Role.leader,))
    if official is not None:
        await reply(
            update,
            "Thêm bot vào nhóm chat của xã rồi gõ <code>/ganxa</code> trong nhóm "
            "(hoặc <code>/ganxa tên cơ quan</code> cho nhóm của một cơ quan).",
        )


def register(application: Any) -> None:
    # Before every other module: each group message stops here (see the module's docstring).
    application.add_handler(MessageHandler(filters.ChatType.GROUPS, on_group_message))
    application.add_handler(CommandHandler(BIND_COMMAND, ganxa_private, filters=filters.ChatType.PRIVATE))
