"""The questions of a plan-import preview, asked before Lưu (plans/import_review.py):

- each agency the commune does not have yet: «Tạo mới» (the default) or «Là …» one of its agencies,
  best fuzzy matches first;
- each group agency of the plan without members: its members, picked with buttons (as /nhom does
  after saving), so its tasks have someone responsible from the first day.

The questions come in one message just before the preview (whose Lưu/Huỷ stay last); every answer is
kept with the pending import in the admin's user_data and applied when Lưu is pressed."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.import_files import own_pending
from handlers.import_texts import STALE_TEXT
from handlers.imports import PENDING_KEY
from handlers.ui.callbacks_import import AgencyOpen, AgencyPick, GroupOpen, GroupToggle
from handlers.ui.replies import buttons, esc, reply, show_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.import_review import ImportChoices, ImportReview, NewAgency, import_review, toggle_member
from plans.parsing.types import ParsedPlan
from storage.models import Role
from storage.text import shorten

logger = logging.getLogger(__name__)

CREATE = 0


async def review_of(context: PlanbotContext, parsed: ParsedPlan, organization: str | None) -> ImportReview:
    return await context.db.run(import_review, parsed=parsed, organization_name=organization)


def review_text(review: ImportReview, choices: ImportChoices | None = None) -> str:
    choices = choices or ImportChoices()
    lines = ["<b>Trước khi lưu kế hoạch</b>"]
    if review.new_agencies:
        lines.append("Cơ quan chưa có trong danh sách của xã (không chọn thì tạo mới):")
        for index, agency in enumerate(review.new_agencies):
            lines.append(
                f"• {esc(agency.written)} — {esc(_choice_label(agency, choices.agencies.get(index, 0)))}"
            )
    if review.empty_groups:
        lines.append(
            "Cơ quan nhóm chưa có thành viên — chọn thành viên để nhiệm vụ của nhóm có người phụ trách:"
        )
        for index, group in enumerate(review.empty_groups):
            picked = [
                review.candidates[i] for i in choices.members.get(index, []) if i < len(review.candidates)
            ]
            members = "; ".join(esc(m) for m in picked) or "<i>chưa chọn</i>"
            lines.append(f"• {esc(group)}: {members}")
    lines.append("Bấm một nút để chọn, rồi bấm <b>Lưu</b> ở bản xem trước bên dưới.")
    return "\n".join(lines)


def _choice_label(agency: NewAgency, chosen: int) -> str:
    match = next((s for s in agency.suggestions if s.agency_id == chosen), None)
    return f"là {match.name}" if match else "tạo mới"


def review_keyboard(token: str, review: ImportReview) -> InlineKeyboardMarkup:
    rows: list[list[tuple[str, Any]]] = [
        [(f"Cơ quan: {shorten(a.written, 45)}", AgencyOpen(token, i))]
        for i, a in enumerate(review.new_agencies)
    ]
    rows += [
        [(f"Thành viên: {shorten(g, 45)}", GroupOpen(token, i))] for i, g in enumerate(review.empty_groups)
    ]
    return buttons(*rows)


async def send_review(update: Update, pending: dict[str, Any], review: ImportReview) -> None:
    """The questions, just before the preview; the message is remembered to show the answers in it."""
    if not review.asks:
        return
    token = str(pending["token"])
    sent = await reply(update, review_text(review), reply_markup=review_keyboard(token, review))
    if sent is not None:
        pending["review_message"] = [sent.chat_id, sent.message_id]


async def _refresh_review(context: PlanbotContext, pending: dict[str, Any], review: ImportReview) -> None:
    """The questions message shows every answer given so far (a panel answers one question)."""
    where = pending.get("review_message")
    if not isinstance(where, list) or len(where) != 2:
        return
    choices = ImportChoices.from_json(pending.get("choices"))
    try:
        await context.bot.edit_message_text(
            review_text(review, choices),
            chat_id=int(where[0]),
            message_id=int(where[1]),
            reply_markup=review_keyboard(str(pending["token"]), review),
        )
    except TelegramError as exc:  # deleted by the admin, or unchanged: the panel still shows the answer
        logger.debug("the review message could not be updated: %s", exc)


def agency_text(review: ImportReview, index: int, choices: ImportChoices) -> str:
    agency = review.new_agencies[index]
    return (
        f"«{esc(agency.written)}» chưa có trong danh sách cơ quan của xã.\n"
        f"Đang chọn: <b>{esc(_choice_label(agency, choices.agencies.get(index, CREATE)))}</b>.\n"
        "Bấm «Tạo mới» để thêm cơ quan này, hoặc «Là …» nếu đó là một cơ quan đã có (tên được ghi nhớ)."
    )


def agency_keyboard(
    token: str, review: ImportReview, index: int, choices: ImportChoices
) -> InlineKeyboardMarkup:
    chosen = choices.agencies.get(index, CREATE)
    mark = {True: "✅ ", False: ""}
    rows = [[(f"{mark[chosen == CREATE]}Tạo mới", AgencyPick(token, index, CREATE))]]
    for suggestion in review.new_agencies[index].suggestions:
        label = f"{mark[chosen == suggestion.agency_id]}Là {shorten(suggestion.name, 50)}"
        rows.append([(label, AgencyPick(token, index, suggestion.agency_id))])
    return buttons(*rows)


def group_text(review: ImportReview, group: int, choices: ImportChoices) -> str:
    picked = [review.candidates[i] for i in choices.members.get(group, []) if i < len(review.candidates)]
    members = "\n".join(f"• {esc(m)}" for m in picked) or "<i>chưa chọn thành viên</i>"
    return (
        f"<b>{esc(review.empty_groups[group])}</b>\nThành viên sẽ đặt khi lưu:\n{members}\n\n"
        "Bấm để thêm ✅ hoặc bỏ một cơ quan. Cán bộ của cơ quan thành viên được giao các nhiệm vụ của nhóm."
    )


def group_keyboard(
    token: str, review: ImportReview, group: int, choices: ImportChoices
) -> InlineKeyboardMarkup:
    picked = set(choices.members.get(group, []))
    return buttons(
        *[
            [(f"{'✅' if i in picked else '▫️'} {shorten(name, 50)}", GroupToggle(token, group, i))]
            for i, name in enumerate(review.candidates)
        ]
    )


async def _pending(update: Update, context: PlanbotContext, token: str) -> dict[str, Any] | None:
    """The presser's own pending import with this token, pressed by an admin; else answers and None."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None
    official = await current_official(update, context)
    if official is None or official.role != Role.admin or user is None:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return None
    pending = own_pending(context, PENDING_KEY, token, user.id)
    if pending is None:
        logger.info("user %s pressed a review button of an unknown import", user.id)
        await query.answer(STALE_TEXT, show_alert=True)
        return None
    return pending


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    assert query is not None
    pressed = (
        AgencyOpen.parse(query.data)
        or AgencyPick.parse(query.data)
        or GroupOpen.parse(query.data)
        or GroupToggle.parse(query.data)
    )
    if pressed is None:
        await query.answer(STALE_TEXT)
        return
    pending = await _pending(update, context, pressed.token)
    if pending is None:
        return
    review = ImportReview.from_json(pending.get("review"))
    choices = ImportChoices.from_json(pending.get("choices"))
    if isinstance(pressed, AgencyOpen | AgencyPick):
        index = pressed.index
        if not 0 <= index < len(review.new_agencies):
            await query.answer(STALE_TEXT, show_alert=True)
            return
        if isinstance(pressed, AgencyPick):
            allowed = {CREATE, *(s.agency_id for s in review.new_agencies[index].suggestions)}
            if pressed.agency_id not in allowed:
                await query.answer(NO_PERMISSION_TEXT, show_alert=True)
                return
            choices.agencies[index] = pressed.agency_id
            pending["choices"] = choices.to_json()
        await query.answer()
        text = agency_text(review, index, choices)
        markup = agency_keyboard(pressed.token, review, index, choices)
    else:
        group = pressed.group
        if not 0 <= group < len(review.empty_groups):
            await query.answer(STALE_TEXT, show_alert=True)
            return
        if isinstance(pressed, GroupToggle):
            if not 0 <= pressed.candidate < len(review.candidates):
                await query.answer(STALE_TEXT, show_alert=True)
                return
            toggle_member(choices, group, pressed.candidate)
            pending["choices"] = choices.to_json()
        await query.answer()
        text = group_text(review, group, choices)
        markup = group_keyboard(pressed.token, review, group, choices)
    if isinstance(pressed, AgencyOpen | GroupOpen):
        await reply(update, text, reply_markup=markup)
    else:
        await show_text(query, update, text, markup)
        await _refresh_review(context, pending, review)


def register(application: Any) -> None:
    for kind in (AgencyOpen, AgencyPick, GroupOpen, GroupToggle):
        application.add_handler(CallbackQueryHandler(on_callback, pattern=kind.pattern()))
