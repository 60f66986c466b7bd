"""What the official types or sends during a period report's sitting: the reason for "Chưa thực
hiện", the evidence (read with the reference parser; text without a reference is kept as the
report's note, as /xong's "Lưu làm ghi chú"), and an optional file for the task being asked."""

from __future__ import annotations

from telegram import Update

from handlers.auth import current_official
from handlers.context import PlanbotContext
from handlers.period_report import sitting as S
from handlers.period_report.flow import advance, show_phase
from handlers.period_report.sitting import STORE
from handlers.progress.steps import DOC_EXTENSIONS, DOC_MIMES, MAX_FILE_BYTES
from handlers.progress.texts import ref_to_dict, size_text
from handlers.ui.replies import reply, user_text
from plans.parsing.references import parse_references


async def text_typed(update: Update, context: PlanbotContext) -> None:
    s = STORE.load(context)
    official = await current_official(update, context)
    if s is None or official is None:
        return
    text = user_text(update).strip()
    if not text:
        return
    answer = s.answer()
    if s.phase == S.REASON:
        answer["note"] = text
        return await advance(update, context, s)
    refs = parse_references(text)
    if refs:
        answer["docs"] = [ref_to_dict(ref) for ref in refs]
        s.cite(answer["docs"])
    else:
        answer["note"] = text  # kept as the report's note, as /xong's "Lưu làm ghi chú"
    await advance(update, context, s)


async def file_sent(update: Update, context: PlanbotContext) -> None:
    s = STORE.load(context)
    official = await current_official(update, context)
    message = update.effective_message
    if s is None or official is None or message is None:
        return
    if message.document is not None:
        doc = message.document
        name = doc.file_name or "tệp đính kèm"
        mime = (doc.mime_type or "").lower()
        if not (mime in DOC_MIMES or mime.startswith("image/") or name.lower().endswith(DOC_EXTENSIONS)):
            await reply(update, "Chỉ nhận tệp PDF, Word hoặc ảnh.")
            return
        file_id, size = doc.file_id, doc.file_size or 0
    elif message.photo:
        photo = message.photo[-1]
        file_id, size, name = photo.file_id, photo.file_size or 0, "ảnh chụp.jpg"
    else:
        return
    if size > MAX_FILE_BYTES:
        await reply(update, f"Tệp quá lớn ({size_text(size)}). Bot chỉ nhận tệp tối đa 20 MB.")
        return
    s.answer()["attachment"] = {"file_id": file_id, "name": name, "size": size}
    await show_phase(update, context, s)
