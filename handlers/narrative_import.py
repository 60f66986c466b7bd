"""A narrative report sent as a plan: the plan import finds no task table, so instead of refusing the
file the admin sees the report's period, its figures with their units and the documents it cites,
and presses Lưu (the figures become that period's indicator values, with the report as their source)
or Huỷ. Nothing is stored before Lưu.

The pending report lives in user_data like a pending plan import ({token, user_id, file_id,
file_name, path, org}); the bytes wait in the same temp folder (handlers/imports.py).

A report that also has a task table is imported as a plan/results import; when its prose holds figures
too, they are offered beside the plan preview ("Tệp này cũng có N chỉ số …") with their own Lưu / Bỏ
qua (``offer_alongside``). That pending report shares the plan import's temp file ("shared": the plan
import removes it; once gone, the report's Lưu downloads the file again by file_id)."""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.import_files import keep_pending, own_pending, pending_bytes, remove_file
from handlers.import_texts import NO_ORG_TEXT, STALE_TEXT
from handlers.imports import target_org
from handlers.ui.callbacks_import import NarrativeDecision
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.narrative_import import NarrativePreview, read_narrative, save_narrative
from reports.answers.words import value_text
from storage.models import Official, Role

logger = logging.getLogger(__name__)

PENDING_KEY = "narrative_import"
CANCELLED_TEXT = "Đã huỷ nhập báo cáo. Chưa có gì được lưu."
SKIPPED_TEXT = "Đã bỏ qua các số liệu của báo cáo; chưa lưu số liệu nào. Kế hoạch vẫn chờ Lưu/Huỷ riêng."
SAVE_FAILED_TEXT = "Chưa lưu được số liệu do lỗi hệ thống; chưa có gì được ghi. Hãy bấm Lưu lại sau ít phút."
NOT_A_REPORT_TEXT = "Tệp không còn đọc được như một báo cáo có số liệu; hãy gửi lại tệp."


def figure_line(label: str, value: float, unit: str) -> str:
    """ "Hồ sơ tiếp nhận trực tuyến: 120 hồ sơ" (thousands with a dot, decimal comma)."""
    label = label[:1].upper() + label[1:]
    return f"{label}: {value_text(value, unit)}"


def preview_text(preview: NarrativePreview, organization: str | None) -> str:
    lines = [
        "<b>Xem trước báo cáo số liệu (chưa lưu)</b>",
        "Tệp không có bảng nhiệm vụ: đây là báo cáo viết thành văn, planbot đọc các số liệu trong đó.",
    ]
    if preview.title:
        lines.append(f"«{esc(preview.title)}»")
    lines.append(f"Kỳ báo cáo: <b>{esc(preview.period_label)}</b>")
    lines.append(f"Nguồn: {esc(preview.source)}")
    target = organization or preview.organization
    if target:
        lines.append(f"Nhập vào: <b>{esc(target)}</b>")
    lines.append("")
    lines.append(f"<b>Số liệu ({len(preview.figures)}):</b>")
    lines += [f"• {esc(figure_line(f.label, f.value, f.unit))}" for f in preview.figures]
    if preview.documents:
        lines.append("")
        lines.append(f"<b>Văn bản được dẫn ({len(preview.documents)}):</b>")
        lines += [f"• {esc(d)}" for d in preview.documents]
    lines.append("")
    lines.append(
        f"Bấm <b>Lưu</b> để lưu các số liệu vào kỳ {esc(preview.period_label)}, <b>Huỷ</b> để bỏ qua."
    )
    return "\n".join(lines)


def alongside_text(preview: NarrativePreview, organization: str | None) -> str:
    """The figures of a report that also has a task table, offered beside its plan preview."""
    lines = [
        f"<b>Tệp này cũng có {len(preview.figures)} chỉ số của kỳ {esc(preview.period_label)}</b> "
        "trong phần viết thành văn, lưu không?",
        f"Nguồn: {esc(preview.source)}",
    ]
    target = organization or preview.organization
    if target:
        lines.append(f"Nhập vào: <b>{esc(target)}</b>")
    lines += [f"• {esc(figure_line(f.label, f.value, f.unit))}" for f in preview.figures]
    if preview.documents:
        lines.append(f"<i>Văn bản được dẫn: {len(preview.documents)}.</i>")
    lines.append("")
    lines.append(
        f"Bấm <b>Lưu số liệu</b> để lưu vào kỳ {esc(preview.period_label)} (riêng với kế hoạch), "
        "<b>Bỏ qua</b> nếu không cần."
    )
    return "\n".join(lines)


def _keyboard(token: str, *, alongside: bool = False) -> InlineKeyboardMarkup:
    save, cancel = ("Lưu số liệu", "Bỏ qua") if alongside else ("Lưu", "Huỷ")
    return buttons([(save, NarrativeDecision("save", token)), (cancel, NarrativeDecision("cancel", token))])


def _drop_previous(context: PlanbotContext) -> None:
    previous = (context.user_data or {}).get(PENDING_KEY)
    if isinstance(previous, dict) and not previous.get("shared"):
        remove_file(previous.get("path"))


async def offer_alongside(
    update: Update,
    context: PlanbotContext,
    *,
    data: bytes,
    file_name: str,
    file_id: str,
    path_text: str,
    organization: str | None,
) -> bool:
    """Offer the prose figures of a file that is imported as a plan; False when it has none (or is
    not a report: a plan's "đạt 80%" is a target). The file is the plan import's own (path_text)."""
    preview = await asyncio.to_thread(read_narrative, data, file_name)
    user = update.effective_user
    if preview is None or user is None or not (organization or preview.organization):
        return False
    token = secrets.token_urlsafe(9)
    _drop_previous(context)
    user_data = context.user_data if context.user_data is not None else {}
    user_data[PENDING_KEY] = {
        "token": token,
        "user_id": user.id,
        "file_id": file_id,
        "file_name": file_name,
        "path": path_text,
        "org": organization,
        "shared": True,
    }
    logger.info("user %s is offered the figures of %s beside its plan (token %s)", user.id, file_name, token)
    await reply(update, alongside_text(preview, organization), reply_markup=_keyboard(token, alongside=True))
    return True


def _remove_own(pending: dict[str, Any]) -> None:
    if not pending.get("shared"):  # a shared file is the plan import's: it removes it
        remove_file(pending.get("path"))


async def offer_narrative(
    update: Update, context: PlanbotContext, official: Official, *, data: bytes, file_name: str, file_id: str
) -> bool:
    """Show the preview of a narrative report; False when the file is not one (the caller refuses it)."""
    preview = await asyncio.to_thread(read_narrative, data, file_name)
    if preview is None:
        return False
    organization = await target_org(context, official)
    if not (organization or preview.organization):
        await reply(update, esc(NO_ORG_TEXT))
        return True
    user_data = context.user_data if context.user_data is not None else {}
    if isinstance(user_data.get(PENDING_KEY), dict) and user_data[PENDING_KEY].get("shared"):
        del user_data[PENDING_KEY]  # its file is a plan import's: keep_pending must not remove it
    token, path_text = await keep_pending(context, PENDING_KEY, file_name, data)
    user = update.effective_user
    user_data[PENDING_KEY] = {
        "token": token,
        "user_id": user.id if user else None,
        "file_id": file_id,
        "file_name": file_name,
        "path": path_text,
        "org": organization,
    }
    logger.info(
        "user %s previews narrative report %s (token %s)", user.id if user else None, file_name, token
    )
    await reply(update, preview_text(preview, organization), reply_markup=_keyboard(token))
    return True


async def on_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    pressed = NarrativeDecision.parse(query.data)
    if pressed is None or pressed.action not in ("save", "cancel"):
        await query.answer(STALE_TEXT)
        return
    official = await current_official(update, context)
    if official is None or official.role != Role.admin:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    user_data = context.user_data if context.user_data is not None else {}
    pending = own_pending(context, PENDING_KEY, pressed.token, user.id)
    if pending is None:
        logger.info("user %s pressed an unknown narrative token", user.id)
        await query.answer(STALE_TEXT, show_alert=True)
        return
    del user_data[PENDING_KEY]  # taken before any await: a second press finds nothing
    await query.answer()
    if query.message is not None:
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except TelegramError:
            logger.debug("the preview's buttons could not be removed")
    if pressed.action == "cancel":
        _remove_own(pending)
        await reply(update, esc(SKIPPED_TEXT if pending.get("shared") else CANCELLED_TEXT))
        return
    await _save(update, context, official, pending)


async def _save(update: Update, context: PlanbotContext, official: Official, pending: dict[str, Any]) -> None:
    file_name = str(pending.get("file_name") or "bao-cao")
    data = await pending_bytes(update, context, pending)
    if data is None:
        return
    organization = await target_org(context, official) or pending.get("org")
    try:
        stored = await context.db.run(
            save_narrative,
            data=data,
            filename=file_name,
            organization_name=organization,
            actor_user_id=update.effective_user.id if update.effective_user else None,
        )
    except Exception:
        logger.exception("storing the narrative report %s failed", file_name)
        if context.user_data is not None:
            context.user_data[PENDING_KEY] = pending  # nothing was written: let the admin press again
        keyboard = _keyboard(str(pending["token"]), alongside=bool(pending.get("shared")))
        await reply(update, esc(SAVE_FAILED_TEXT), reply_markup=keyboard)
        return
    _remove_own(pending)
    if stored is None or stored.period is None:
        await reply(update, esc(NOT_A_REPORT_TEXT))
        return
    label = stored.period.label
    example = f"{label[:1].lower()}{label[1:]} có bao nhiêu hồ sơ trực tuyến?"
    await reply(
        update,
        f"Đã lưu số liệu {esc(label)} (nguồn: {esc(stored.source)}). "
        f"Lãnh đạo hỏi số liệu bằng câu hỏi thường, ví dụ «{esc(example)}».",
    )


def register(application: Any) -> None:
    application.add_handler(CallbackQueryHandler(on_button, pattern=NarrativeDecision.pattern()))
