"""Plan import in the bot: an admin sends a plan document, sees the summary, a preview and (for a revised
plan) the changes, then presses Lưu or Huỷ. Nothing is stored before Lưu.

The pending import lives in user_data as plain JSON ({token, file_id, file_name, path, org}); the bytes are
kept in a temp file keyed by the token, and re-downloaded by file_id if the file is gone (restart, another
host). Callback data carries only the token and is checked against the presser's own user_data.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.plans_admin import close_offer
from handlers.ui.callbacks import GroupAction, ImportDecision
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT, STRANGER_TEXT
from plans.agencies import is_group_agency
from plans.groups import groups_without_members
from plans.import_diff import PlanDiff, TaskChange
from plans.importing import AgencyResolution, ImportResult, import_target, preview_import, store_plan
from plans.parsing.importer import MAX_BYTES, SEND_INSTEAD, SUPPORTED, PlanImportError, parse_file
from plans.parsing.summary import preview_lines, summary_text
from plans.parsing.types import ParsedPlan
from plans.plan_admin import earlier_plans_of_same_kind
from storage.models import Official, Role
from storage.text import fold, nfc, shorten

logger = logging.getLogger(__name__)

PENDING_KEY = "plan_import"
PREVIEW_TASKS = 5
DIFF_LIMIT = 15
STALE_FILES = 2 * 24 * 3600  # temp files of imports never confirmed are removed after two days
_ACCEPTED = (*SUPPORTED, ".doc", ".xls")  # old Office files get the importer's own explanation
_MIME_EXT = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
}

ADMIN_ONLY_TEXT = "Chỉ quản trị viên mới nhập được kế hoạch."
DOWNLOAD_FAILED_TEXT = "Không tải được tệp từ Telegram; hãy gửi lại tệp sau ít phút."
STALE_TEXT = "Yêu cầu nhập này không còn hiệu lực; hãy gửi lại tệp kế hoạch."
NO_ORG_TEXT = (
    "Không xác định được UBND xã/phường ban hành kế hoạch; hãy gửi tệp có tên cơ quan ban hành ở đầu văn bản "
    "(ví dụ «ỦY BAN NHÂN DÂN XÃ THANH XÁ»)."
)
SAVE_FAILED_TEXT = "Chưa lưu được kế hoạch do lỗi hệ thống; chưa có gì được ghi. Hãy bấm Lưu lại sau ít phút."
CANCELLED_TEXT = "Đã huỷ nhập kế hoạch. Chưa có gì được lưu."
FIELD_LABELS = {
    "code": "số thứ tự",
    "content": "nội dung",
    "deadline_text": "thời hạn",
    "deadline_kind": "thời hạn",
    "deadline_due": "thời hạn",
    "deadline_start": "thời hạn",
    "recurrence": "thời hạn",
    "product": "sản phẩm",
}


# --- Plain helpers (no Telegram) -------------------------------------------------------------------


def pending_dir() -> Path:
    return Path(tempfile.gettempdir()) / "planbot-imports"


def _pending_path(token: str, file_name: str) -> Path:
    return pending_dir() / f"{token}{Path(file_name).suffix.lower()[:8]}"


def _save_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    cutoff = time.time() - STALE_FILES
    for old in path.parent.iterdir():
        with contextlib.suppress(OSError):
            if old.is_file() and old.stat().st_mtime < cutoff:
                old.unlink()


def _remove(path_text: object) -> None:
    if isinstance(path_text, str) and path_text:
        with contextlib.suppress(OSError):
            Path(path_text).unlink(missing_ok=True)


def _read_bytes(path_text: object) -> bytes | None:
    if not isinstance(path_text, str) or not path_text:
        return None
    try:
        return Path(path_text).read_bytes()
    except OSError:
        return None


def _file_name(name: str | None, mime_type: str | None) -> str:
    if name:
        return nfc(name)
    return "ke-hoach" + _MIME_EXT.get(mime_type or "", "")


def _error_text(exc: PlanImportError) -> str:
    return NO_ORG_TEXT if exc.reason == "no_org" else str(exc)


def _field_labels(fields: list[str]) -> str:
    labels: list[str] = []
    for name in fields:
        label = FIELD_LABELS.get(name, name)
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def _change_lines(title: str, items: list[TaskChange], *, with_fields: bool = False) -> list[str]:
    if not items:
        return []
    lines = [f"<b>{esc(title)} ({len(items)}):</b>"]
    for item in items[:DIFF_LIMIT]:
        line = f"• {esc(item.code)} · {esc(shorten(item.content, 60))}"
        if with_fields and item.fields:
            line += f" <i>({esc(_field_labels(item.fields))})</i>"
        lines.append(line)
    if len(items) > DIFF_LIMIT:
        lines.append(f"… và {len(items) - DIFF_LIMIT} nhiệm vụ khác")
    return lines


def diff_lines(diff: PlanDiff) -> list[str]:
    lines = [
        "<b>Kế hoạch này đã có</b> (cùng cơ quan, năm và số): "
        f"thêm {len(diff.added)}, sửa {len(diff.changed)}, bỏ {len(diff.removed)} nhiệm vụ; "
        "các báo cáo tiến độ đã có được giữ nguyên."
    ]
    lines += _change_lines("Thêm", diff.added)
    lines += _change_lines("Sửa", diff.changed, with_fields=True)
    lines += _change_lines("Bỏ", diff.removed)
    if diff.renumbered:
        lines.append(f"Đánh số lại, nội dung không đổi: {len(diff.renumbered)} nhiệm vụ.")
    return lines


def preview_text(
    parsed: ParsedPlan, resolutions: list[AgencyResolution], diff: PlanDiff, organization: str | None
) -> str:
    lines = ["<b>Xem trước kế hoạch (chưa lưu)</b>", esc(summary_text(parsed, resolutions))]
    target = organization or parsed.organization
    if target:
        lines.append(f"Nhập vào: <b>{esc(target)}</b>")
    shown = min(PREVIEW_TASKS, len(parsed.tasks))
    lines.append("")
    lines.append(f"<b>{shown} nhiệm vụ đầu</b> (số · nội dung · chủ trì · thời hạn):")
    lines += [esc(line) for line in preview_lines(parsed, PREVIEW_TASKS)]
    if diff.is_update:
        lines.append("")
        lines += diff_lines(diff)
    groups = sorted({r.name for r in resolutions if is_group_agency(r.name)}, key=fold)
    if groups:
        lines.append("")
        lines.append(
            "Cơ quan nhóm (giao cho các cơ quan thành viên; sau khi lưu, chọn thành viên bằng /nhom): "
            + "; ".join(esc(g) for g in groups)
        )
    lines.append("")
    lines.append("Bấm <b>Lưu</b> để lưu vào hệ thống, <b>Huỷ</b> để bỏ qua.")
    return "\n".join(lines)


def result_text(parsed: ParsedPlan, result: ImportResult) -> str:
    title = parsed.title or parsed.source_filename or "Kế hoạch"
    counts = f"{len(parsed.sections)} mục, {len(parsed.items)} nội dung, {len(parsed.tasks)} nhiệm vụ"
    if result.diff.is_update:
        head = f"Đã cập nhật kế hoạch «{esc(title)}» của {esc(result.organization)}: {counts}."
        changes = (
            f"Thêm {len(result.added)}, sửa {len(result.changed)}, bỏ {len(result.removed)} nhiệm vụ; "
            "các báo cáo tiến độ đã có được giữ nguyên."
        )
        lines = [head, changes]
    else:
        lines = [f"Đã lưu kế hoạch «{esc(title)}» của {esc(result.organization)}: {counts}."]
    if result.reports_added:
        lines.append(f"Đã nhập {result.reports_added} kết quả thực hiện từ tệp.")
    created: list[str] = []
    for resolution in result.agencies:
        if resolution.how == "new" and resolution.name not in created:
            created.append(resolution.name)
    if created:
        lines.append(f"Cơ quan mới tạo ({len(created)}):")
        lines += [f"+ {esc(name)}" for name in created]
    lines.append("Cán bộ xem việc của mình bằng /viec.")
    return "\n".join(lines)


def _keyboard(token: str) -> InlineKeyboardMarkup:
    return buttons([("Lưu", ImportDecision("save", token)), ("Huỷ", ImportDecision("cancel", token))])


# --- Telegram side -------------------------------------------------------------------------------


async def _target_org(context: PlanbotContext, official: Official) -> str | None:
    """An admin of an organization imports into it; a config admin into the one the document names."""
    return await context.db.run(import_target, official=official)


async def _download(context: PlanbotContext, file_id: str) -> bytes:
    telegram_file = await context.bot.get_file(file_id)
    return bytes(await telegram_file.download_as_bytearray())


async def on_document(update: Update, context: PlanbotContext) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None or message.document is None or user is None:
        return
    official = await current_official(update, context)
    if official is None:
        await reply(update, esc(STRANGER_TEXT))
        return
    if official.role != Role.admin:
        await reply(update, esc(ADMIN_ONLY_TEXT))
        return
    document = message.document
    file_name = _file_name(document.file_name, document.mime_type)
    if document.file_size is not None and document.file_size > MAX_BYTES:
        await reply(update, esc(PlanImportError("too_big")))  # refused before any download
        return
    if Path(file_name).suffix.lower() not in _ACCEPTED:
        await reply(update, esc(f"Tệp «{file_name}» không thuộc loại được hỗ trợ; {SEND_INSTEAD}."))
        return
    if update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            await update.effective_chat.send_action(ChatAction.TYPING)
    try:
        data = await _download(context, document.file_id)
    except TelegramError as exc:
        logger.warning("download of %s failed: %s", file_name, exc)
        text = PlanImportError("too_big") if "too big" in str(exc).lower() else DOWNLOAD_FAILED_TEXT
        await reply(update, esc(text))
        return
    try:
        parsed = await asyncio.to_thread(parse_file, data=data, filename=file_name)
        organization = await _target_org(context, official)
        resolutions, diff = await context.db.run(
            preview_import, parsed=parsed, organization_name=organization
        )
    except PlanImportError as exc:
        logger.info("import of %s refused for user %s: %s", file_name, user.id, exc.reason)
        await reply(update, esc(_error_text(exc)))
        return
    token = secrets.token_urlsafe(9)
    path = _pending_path(token, file_name)
    try:
        await asyncio.to_thread(_save_bytes, path, data)
        path_text = str(path)
    except OSError:
        logger.warning("cannot keep %s in %s; it will be downloaded again on Lưu", file_name, path)
        path_text = ""
    user_data = context.user_data if context.user_data is not None else {}
    previous = user_data.get(PENDING_KEY)
    if isinstance(previous, dict):
        _remove(previous.get("path"))  # a newer file replaces the import not yet confirmed
    user_data[PENDING_KEY] = {
        "token": token,
        "user_id": user.id,
        "file_id": document.file_id,
        "file_name": file_name,
        "path": path_text,
        "org": organization,
    }
    logger.info("user %s previews import of %s (token %s)", user.id, file_name, token)
    await reply(update, preview_text(parsed, resolutions, diff, organization), reply_markup=_keyboard(token))


async def _close_buttons(update: Update) -> None:
    query = update.callback_query
    if query is not None and query.message is not None:
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)


async def on_button(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    pressed = ImportDecision.parse(query.data)
    if pressed is None or pressed.action not in ("save", "cancel"):
        await query.answer(STALE_TEXT)
        return
    action, token = pressed.action, pressed.token
    official = await current_official(update, context)
    if official is None or official.role != Role.admin:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    user_data = context.user_data if context.user_data is not None else {}
    pending = user_data.get(PENDING_KEY)
    if (
        not isinstance(pending, dict)
        or not secrets.compare_digest(str(pending.get("token", "")), token)
        or pending.get("user_id") != user.id
    ):
        logger.info("user %s pressed an unknown import token", user.id)
        await query.answer(STALE_TEXT, show_alert=True)
        return
    del user_data[PENDING_KEY]  # taken before any await: a second press finds nothing
    await query.answer()
    await _close_buttons(update)
    if action == "cancel":
        _remove(pending.get("path"))
        await reply(update, esc(CANCELLED_TEXT))
        return
    await _save(update, context, official, pending)


async def _save(update: Update, context: PlanbotContext, official: Official, pending: dict[str, Any]) -> None:
    file_name = str(pending.get("file_name") or "ke-hoach")
    data = await asyncio.to_thread(_read_bytes, pending.get("path"))
    if data is None:
        try:
            data = await _download(context, str(pending.get("file_id") or ""))
        except TelegramError as exc:
            logger.warning("re-download of %s failed: %s", file_name, exc)
            await reply(update, esc(DOWNLOAD_FAILED_TEXT))
            return
    try:
        parsed = await asyncio.to_thread(parse_file, data=data, filename=file_name)
        organization = await _target_org(context, official) or pending.get("org")
        result = await context.db.run(store_plan, parsed=parsed, organization_name=organization)
    except PlanImportError as exc:
        _remove(pending.get("path"))
        await reply(update, esc(_error_text(exc)))
        return
    except Exception:
        logger.exception("storing the import %s failed", file_name)
        if context.user_data is not None:
            context.user_data[PENDING_KEY] = pending  # nothing was written: let the admin press again
        await reply(update, esc(SAVE_FAILED_TEXT), reply_markup=_keyboard(str(pending["token"])))
        return
    _remove(pending.get("path"))
    logger.info(
        "user %s stored plan %s (%s tasks, %s reports)",
        update.effective_user.id if update.effective_user else None,
        result.plan_id,
        len(parsed.tasks),
        result.reports_added,
    )
    empty = await context.db.run(groups_without_members, organization_id=result.organization_id)
    text = result_text(parsed, result)
    if empty:
        text += (
            "\n\nCơ quan nhóm chưa có thành viên — nhiệm vụ của nhóm chưa có người phụ trách:\n"
            + "\n".join(f"• {esc(g.name)}" for g in empty)
        )
    keyboard = buttons(*[[(f"Thành viên: {shorten(g.name, 45)}", GroupAction("s", g.id))] for g in empty[:8]])
    await reply(update, text, reply_markup=keyboard if empty else None)
    older = await context.db.run(
        earlier_plans_of_same_kind,
        organization_id=result.organization_id,
        plan_id=result.plan_id,
        today=context.day.day,
        policy=context.periods,
    )
    offer = close_offer(older)
    if offer is not None:
        await reply(update, offer[0], reply_markup=offer[1])


def register(application: Any) -> None:
    # Private chats only: in groups a shared file is not an import request. The progress conversation is
    # registered earlier, so while it waits for an attachment it gets the document first.
    application.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document))
    application.add_handler(CallbackQueryHandler(on_button, pattern=ImportDecision.pattern()))
