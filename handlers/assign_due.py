"""A personal due date for one assignee, from the assignment panel: "📅 Hạn riêng" → the assignee
(asked only when there are several) → the date typed ("15/3", "15/03/2026"; «bỏ» clears it) →
a confirmation → Lưu. A date after the task's own due date (or already past) is refused with the
reason. plans/assignment_due.py re-authorises every step; the draft is written before each step's
replies (handlers/ui/draft_store.py), so a restart in between loses nothing."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from handlers.assign import panel_keyboard, panel_text
from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import NewCard
from handlers.ui.callbacks_assign import AssignDueCancel, AssignDueOpen, AssignDuePick, AssignDueSave
from handlers.ui.draft_store import DraftStore, ack
from handlers.ui.replies import buttons, esc, reply, user_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.assignment_due import DueError, DueProposal, due_target, propose_due, set_personal_due
from plans.assignments import AssignPanel, assign_panel
from storage.models import Official
from storage.text import date_vi, shorten

logger = logging.getLogger(__name__)

VALUE, CONFIRM = "assign_due_value", "assign_due_confirm"
END = ConversationHandler.END
CONVERSATION = "assign_due"
IDLE = timedelta(minutes=30)
CANCEL_ROW = [("Huỷ", AssignDueCancel())]
CANCELLED = "Đã huỷ. Hạn riêng không thay đổi."
GONE_TEXT = "Phiên đặt hạn riêng này không còn. Mở lại «👤 Giao việc» trên thẻ nhiệm vụ."
EXPIRED_TEXT = "⏱ Phiên đặt hạn riêng đã kết thúc vì quá 30 phút không thao tác. Chưa có gì thay đổi."


@dataclass
class Draft:
    """JSON-friendly: kept in user_data by the database persistence."""

    touched: str = ""
    task_id: int = 0
    official_id: int = 0
    code: str = ""
    full_name: str = ""
    due: str = ""  # ISO day; empty = clear the personal date

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Draft:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


STORE: DraftStore[Draft] = DraftStore(
    key="assign_due",
    read=Draft.from_dict,
    idle=IDLE,
    gone_text=GONE_TEXT,
    expired_text=EXPIRED_TEXT,
    conversation=CONVERSATION,
)


def _prompt(draft: Draft, current: date | None) -> str:
    now = f"Hạn riêng hiện tại: <b>{date_vi(current)}</b>." if current else "Chưa có hạn riêng."
    return (
        f"<b>📅 Hạn riêng — nhiệm vụ {esc(draft.code)}</b>\nNgười thực hiện: {esc(draft.full_name)}\n{now}\n\n"
        "Gõ ngày anh/chị muốn người này hoàn thành, vd <code>15/3</code> hoặc <code>15/03/2026</code>; "
        "gõ <code>bỏ</code> để bỏ hạn riêng. Hạn riêng phải trong hạn của nhiệm vụ."
    )


def _confirmation(p: DueProposal) -> str:
    limit = f"\nHạn của nhiệm vụ: {date_vi(p.limit)}." if p.limit else ""
    new = f"<b>{date_vi(p.due)}</b>" if p.due else "<b>bỏ hạn riêng</b>"
    old = date_vi(p.before) if p.before else "chưa có"
    return (
        f"<b>Xác nhận hạn riêng — nhiệm vụ {esc(p.code)}</b>\nNgười thực hiện: {esc(p.full_name)}\n"
        f"Cũ: {old}\nMới: {new}{limit}\n\nBấm <b>Lưu</b> để lưu, <b>Huỷ</b> để bỏ qua."
    )


async def _begin(
    update: Update, context: PlanbotContext, official: Official, task_id: int, official_id: int
) -> object:
    """The prompt for one assignee, after checking that the viewer may set their date."""
    try:
        shell = await context.db.run(due_target, official=official, task_id=task_id, official_id=official_id)
    except DueError as error:
        STORE.clear(context)
        await reply(update, esc(NO_PERMISSION_TEXT if error.denied else error.message))
        return END
    draft = Draft(task_id=task_id, official_id=official_id, code=shell.code, full_name=shell.full_name)
    STORE.save(context, draft)
    await reply(update, _prompt(draft, shell.before), reply_markup=buttons(CANCEL_ROW))
    return VALUE


def _pick_keyboard(panel: AssignPanel) -> InlineKeyboardMarkup:
    rows = [
        [
            (
                shorten(f"{c.full_name}" + (f" · {date_vi(c.due)}" if c.due else ""), 60),
                AssignDuePick(panel.task_id, c.official_id),
            )
        ]
        for c in panel.dated
    ]
    return buttons(*rows, CANCEL_ROW)


@STORE.entry
async def open_due(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    query = update.callback_query
    official = await current_official(update, context)
    pressed = AssignDueOpen.parse(query.data if query else None)
    panel = (
        await context.db.run(assign_panel, official=official, task_id=pressed.task_id)
        if official is not None and pressed is not None
        else None
    )
    if official is None or panel is None:  # re-authorised on every press
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    if not panel.dated:
        await reply(update, "Nhiệm vụ chưa giao cho ai: bấm tên người thực hiện trước, rồi đặt hạn riêng.")
        return END
    if len(panel.dated) == 1:
        return await _begin(update, context, official, panel.task_id, panel.dated[0].official_id)
    await reply(
        update,
        f"<b>📅 Hạn riêng — nhiệm vụ {esc(panel.code)}</b>\nChọn người thực hiện:",
        reply_markup=_pick_keyboard(panel),
    )
    return END


@STORE.entry
async def pick(update: Update, context: PlanbotContext) -> object:
    await ack(update)
    query = update.callback_query
    official = await current_official(update, context)
    pressed = AssignDuePick.parse(query.data if query else None)
    if official is None or pressed is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    return await _begin(update, context, official, pressed.task_id, pressed.official_id)


@STORE.step
async def value_typed(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    text = user_text(update)
    try:
        proposal = await context.db.run(
            propose_due,
            official=official,
            task_id=draft.task_id,
            official_id=draft.official_id,
            text=text.strip(),
            today=context.day,
        )
    except DueError as error:
        if error.denied:
            STORE.clear(context)
            await reply(update, esc(NO_PERMISSION_TEXT))
            return END
        await reply(update, esc(error.message), reply_markup=buttons(CANCEL_ROW))
        return VALUE
    if proposal.changes_nothing:
        same = f"vẫn là {date_vi(proposal.due)}" if proposal.due else "chưa có hạn riêng"
        await reply(
            update,
            esc(f"Không có gì thay đổi ({same}). Gõ ngày khác, hoặc bấm Huỷ."),
            reply_markup=buttons(CANCEL_ROW),
        )
        return VALUE
    draft.due = proposal.due.isoformat() if proposal.due else ""
    await reply(
        update, _confirmation(proposal), reply_markup=buttons([("Lưu", AssignDueSave()), *CANCEL_ROW])
    )
    return CONFIRM


@STORE.step
async def save(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    STORE.clear(context)
    user = update.effective_user
    try:
        done = await context.db.run(
            set_personal_due,
            official=official,
            task_id=draft.task_id,
            official_id=draft.official_id,
            due=date.fromisoformat(draft.due) if draft.due else None,
            today=context.day,
            actor_user_id=user.id if user else None,
        )
    except DueError as error:  # the deadline changed, or the person was unassigned meanwhile
        await reply(update, esc(NO_PERMISSION_TEXT if error.denied else error.message))
        return END
    if done.due is not None:
        note = (
            f"✅ Đã đặt hạn riêng {date_vi(done.due)} cho {esc(done.full_name)} (nhiệm vụ {esc(done.code)})."
        )
    else:
        note = f"✅ Đã bỏ hạn riêng của {esc(done.full_name)} (nhiệm vụ {esc(done.code)})."
    if done.official_id != official.id and not await _tell(context, done, official):
        note += "\n(Chưa gửi được tin nhắn cho người được giao.)"
    await reply(update, note)
    panel = await context.db.run(assign_panel, official=official, task_id=draft.task_id)
    if panel is not None:
        await reply(update, panel_text(panel), reply_markup=panel_keyboard(panel))
    return END


async def _tell(context: PlanbotContext, done: DueProposal, by: Official) -> bool:
    if done.chat_id is None:
        return False
    if done.due is not None:
        text = f"📅 Hạn riêng của anh/chị cho nhiệm vụ <b>{esc(done.code)}</b>: <b>{date_vi(done.due)}</b>."
    else:
        text = f"📅 Nhiệm vụ <b>{esc(done.code)}</b> không còn hạn riêng: hạn là hạn của nhiệm vụ."
    text += f"\nNgười đặt: {esc(by.full_name)}."
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Xem nhiệm vụ", callback_data=NewCard(done.task_id).data())]]
    )
    try:
        await context.bot.send_message(done.chat_id, text, reply_markup=markup)
    except Forbidden:
        logger.info("official %s blocked the bot; not told of their due date", done.official_id)
        return False
    except TelegramError as exc:
        logger.warning("could not tell official %s of their due date: %s", done.official_id, exc)
        return False
    return True


def build_conversation() -> ConversationHandler[PlanbotContext]:
    text = filters.TEXT & ~filters.COMMAND
    return STORE.build_conversation(
        entry_points=[
            CallbackQueryHandler(open_due, pattern=AssignDueOpen.pattern()),
            CallbackQueryHandler(pick, pattern=AssignDuePick.pattern()),
            # under the pick list, before a conversation began
            CallbackQueryHandler(STORE.cancelling(CANCELLED), pattern=AssignDueCancel.pattern()),
        ],
        states={
            VALUE: [MessageHandler(text, value_typed)],
            CONFIRM: [CallbackQueryHandler(save, pattern=AssignDueSave.pattern())],
        },
        cancel_pattern=AssignDueCancel.pattern(),
        cancelled_text=CANCELLED,
    )


def register(application: Any) -> None:
    application.add_handler(build_conversation())
