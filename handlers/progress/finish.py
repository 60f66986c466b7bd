"""Last steps of the /xong conversation: attachment, KPI value, summary and submission."""

from __future__ import annotations

from typing import Any

from telegram import Update

from handlers.common import NO_PERMISSION_TEXT, esc, reply, user_text
from handlers.context import PlanbotContext
from handlers.progress.base import (
    _DOC_EXTENSIONS,
    _DOC_MIMES,
    ATTACH,
    CANCEL_ROW,
    END,
    KPI,
    MAX_FILE_BYTES,
    SKIP_WORDS,
    SUMMARY,
    _ask_status,
    _buttons,
    _clear,
    step,
)
from handlers.tasks import today
from handlers.ui import views as pv
from plans.parsing.targets import parse_kpi_input
from plans.progress import submit_report
from storage.models import Official
from storage.text import fold

# --- Step 4: attachment --------------------------------------------------------------------------


async def _ask_attachment(update: Update) -> object:
    await reply(
        update,
        "Gửi kèm tệp văn bản (PDF, Word) hoặc ảnh chụp — không bắt buộc.",
        reply_markup=_buttons([("Bỏ qua", "p:a:skip")], CANCEL_ROW),
    )
    return ATTACH


@step
async def attachment_file(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    message = update.effective_message
    assert message is not None
    if message.document is not None:
        doc = message.document
        name = doc.file_name or "tệp đính kèm"
        mime = (doc.mime_type or "").lower()
        if not (mime in _DOC_MIMES or mime.startswith("image/") or name.lower().endswith(_DOC_EXTENSIONS)):
            await reply(update, "Chỉ nhận tệp PDF, Word hoặc ảnh. Gửi tệp khác hoặc bấm Bỏ qua.")
            return ATTACH
        file_id, size = doc.file_id, doc.file_size or 0
    elif message.photo:
        photo = message.photo[-1]  # the largest size
        file_id, size, name = photo.file_id, photo.file_size or 0, "ảnh chụp.jpg"
    else:
        return ATTACH
    if size > MAX_FILE_BYTES:
        await reply(
            update,
            f"Tệp quá lớn ({pv.size_text(size)}). Bot chỉ nhận tệp tối đa 20 MB: "
            "hãy gửi bản nhỏ hơn, ảnh chụp, hoặc bấm Bỏ qua.",
            reply_markup=_buttons([("Bỏ qua", "p:a:skip")], CANCEL_ROW),
        )
        return ATTACH
    draft["attachment"] = {"file_id": file_id, "name": name, "size": size}
    return await _after_attachment(update, draft)


@step
async def attachment_text(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    if fold(user_text(update)) in SKIP_WORDS:
        return await _after_attachment(update, draft)
    await reply(
        update,
        "Hãy gửi tệp PDF, Word hoặc ảnh, hoặc bấm Bỏ qua.",
        reply_markup=_buttons([("Bỏ qua", "p:a:skip")]),
    )
    return ATTACH


@step
async def attachment_skip(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    return await _after_attachment(update, draft)


async def _after_attachment(update: Update, draft: dict[str, Any]) -> object:
    if draft.get("targets"):
        await reply(
            update,
            "Nhiệm vụ có chỉ tiêu:\n"
            + pv.targets_text(draft["targets"])
            + "\n\nGõ kết quả đạt được (vd: 61,3).",
            reply_markup=_buttons([("Bỏ qua", "p:k:skip")], CANCEL_ROW),
        )
        return KPI
    return await _summary(update, draft)


# --- Step 5: KPI value ---------------------------------------------------------------------------


@step
async def kpi_text(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    value = parse_kpi_input(user_text(update))
    if value is None or not 0 <= value <= 1000:
        await reply(
            update, "Không đọc được số. Gõ số phần trăm, vd: <code>61,3</code> hoặc <code>61.3%</code>."
        )
        return KPI
    draft["kpi"] = value
    return await _summary(update, draft)


@step
async def kpi_skip(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    draft.pop("kpi", None)
    return await _summary(update, draft)


# --- Step 6: summary -----------------------------------------------------------------------------


async def _summary(update: Update, draft: dict[str, Any]) -> object:
    await reply(
        update,
        pv.summary_text(draft),
        reply_markup=_buttons([("Gửi", "p:ok"), ("Sửa", "p:edit"), ("Huỷ", "p:x")]),
    )
    return SUMMARY


@step
async def summary_button(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    action = (update.callback_query.data or "") if update.callback_query else ""
    if action == "p:edit":
        return await _ask_status(update, draft)
    user = update.effective_user
    assert user is not None
    result = await context.db.run(
        submit_report,
        telegram_user_id=user.id,
        task_id=int(draft["task_id"]),
        status=draft["status"],
        reported_on=today(context),
        note=pv.note_of(draft),
        kpi_value=draft.get("kpi"),
        documents=draft.get("docs") or [],
        attachment=draft.get("attachment"),
    )
    _clear(context)
    if result.report_id is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    text = f"✅ Đã ghi nhận báo cáo tiến độ nhiệm vụ <b>{esc(draft['code'])}</b>. Cảm ơn anh/chị!"
    if result.supersedes_id is not None:
        text += "\n(Báo cáo này thay cho báo cáo trước đó của anh/chị trong hôm nay.)"
    await reply(update, text)
    return END


@step
async def summary_text_input(
    update: Update, context: PlanbotContext, draft: dict[str, Any], official: Official
) -> object:
    await reply(update, "Bấm <b>Gửi</b> để lưu, <b>Sửa</b> để làm lại, hoặc <b>Huỷ</b>.")
    return SUMMARY
