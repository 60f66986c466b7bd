"""What each /xong state does with the official's input: choosing the period and the status,
typing the reason and the documents, sending a file, typing the KPI value, and the summary."""

from __future__ import annotations

from typing import Any

from telegram import Update

from handlers.context import PlanbotContext
from handlers.progress import prompts as P
from handlers.progress import texts as T
from handlers.progress.draft import (
    ATTACH,
    DOCS,
    DOCS_CONFIRM,
    END,
    KPI,
    PERIOD,
    STATUS,
    STORE,
    SUMMARY,
    Draft,
    step,
)
from handlers.ui.callbacks import ChoosePeriod, DraftStep, EditDraft, SetStatus
from handlers.ui.replies import buttons, esc, reply, user_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from handlers.ui.views import doc_from_dict
from plans.parsing.references import parse_references
from plans.parsing.targets import parse_kpi_input
from plans.progress import submit_report
from plans.wording import DONE, IN_PROGRESS, NOT_DONE
from storage.models import Official
from storage.text import fold

MAX_FILE_BYTES = 20 * 1024 * 1024
SKIP_WORDS = {"bo qua", "khong", "ko", "k", "skip"}
DOC_MIMES = {
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOC_EXTENSIONS = (".pdf", ".doc", ".docx")


def _data(update: Update) -> str | None:
    return update.callback_query.data if update.callback_query is not None else None


@step
async def period_chosen(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    chosen = ChoosePeriod.parse(_data(update))
    if chosen is None or chosen.period not in draft.period_choices:
        return PERIOD
    draft.period = chosen.period
    return await P.after_period(update, context, draft)


@step
async def status_chosen(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    chosen = SetStatus.parse(_data(update))
    if chosen is None or chosen.status not in (DONE, IN_PROGRESS, NOT_DONE):
        return STATUS
    draft.status = chosen.status
    if chosen.status == NOT_DONE:
        draft.reason = None  # asked again: the reason belongs to this status
    return await P.after_status(update, context, draft)


@step
async def reason_text(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    draft.reason = user_text(update)
    return await P.after_reason(update, context, draft)


@step
async def docs_text(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    text = user_text(update).strip()
    if not text:
        return DOCS
    refs = parse_references(text)
    draft.pending = {"text": text, "docs": [T.ref_to_dict(ref) for ref in refs]}
    if refs:
        await reply(
            update,
            "Tôi hiểu là:\n"
            + "\n".join(f"📄 {esc(doc_from_dict(T.ref_to_dict(r)))}" for r in refs)
            + "\n\nĐúng chưa?",
            reply_markup=buttons(
                [("Đúng", DraftStep("docs-ok")), ("Nhập lại", DraftStep("docs-re"))], P.CANCEL_ROW
            ),
        )
    else:
        await reply(
            update,
            f"Tôi không nhận ra số hiệu, ngày của văn bản trong:\n«{esc(text)}»\n\nLưu nguyên văn làm ghi chú?",
            reply_markup=buttons(
                [("Lưu làm ghi chú", DraftStep("docs-note")), ("Nhập lại", DraftStep("docs-re"))],
                P.CANCEL_ROW,
            ),
        )
    return DOCS_CONFIRM


@step
async def docs_button(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    pressed = DraftStep.parse(_data(update))
    action = pressed.action if pressed is not None else ""
    pending = draft.pending or {}
    draft.pending = None
    if action == "status":  # "Đổi tình trạng" after /xong chose Đã thực hiện
        draft.quick = False
        return await P.ask_status(update, context, draft)
    if action == "docs-ok" and pending.get("docs"):
        draft.docs = list(pending["docs"])
        if draft.editing:
            draft.doc_note = None  # the new documents replace what was given before
    elif action == "docs-note" and pending.get("text"):
        draft.doc_note = str(pending["text"])
        if draft.editing:
            draft.docs = []
    elif (action == "docs-skip" and draft.status != DONE) or (
        action == "docs-keep" and draft.editing and (draft.docs or draft.doc_note)
    ):
        pass
    else:
        return await P.ask_docs(update, draft)
    return await P.after_docs(update, context, draft)


@step
async def attachment_file(
    update: Update, context: PlanbotContext, draft: Draft, official: Official
) -> object:
    message = update.effective_message
    assert message is not None
    if message.document is not None:
        doc = message.document
        name = doc.file_name or "tệp đính kèm"
        mime = (doc.mime_type or "").lower()
        if not (mime in DOC_MIMES or mime.startswith("image/") or name.lower().endswith(DOC_EXTENSIONS)):
            await reply(update, T.FILE_KINDS)
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
            f"Tệp quá lớn ({T.size_text(size)}). Bot chỉ nhận tệp tối đa 20 MB: "
            "hãy gửi bản nhỏ hơn, ảnh chụp, hoặc bấm Bỏ qua.",
            reply_markup=buttons([("Bỏ qua", DraftStep("attach-skip"))], P.CANCEL_ROW),
        )
        return ATTACH
    draft.attachment = {"file_id": file_id, "name": name, "size": size}
    return await P.after_attachment(update, context, draft)


@step
async def attachment_text(
    update: Update, context: PlanbotContext, draft: Draft, official: Official
) -> object:
    if fold(user_text(update)) in SKIP_WORDS:
        return await P.after_attachment(update, context, draft)
    await reply(
        update,
        "Hãy gửi tệp PDF, Word hoặc ảnh, hoặc bấm Bỏ qua.",
        reply_markup=buttons([("Bỏ qua", DraftStep("attach-skip"))]),
    )
    return ATTACH


@step
async def attachment_skip(
    update: Update, context: PlanbotContext, draft: Draft, official: Official
) -> object:
    pressed = DraftStep.parse(_data(update))
    if pressed is None or pressed.action != "attach-skip":
        return ATTACH
    return await P.after_attachment(update, context, draft)


@step
async def kpi_text(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    value = parse_kpi_input(user_text(update))
    if value is None or not 0 <= value <= 1000:
        await reply(update, T.NOT_A_NUMBER)
        return KPI
    draft.kpi = value
    return await P.show_summary(update, context, draft)


@step
async def kpi_skip(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    pressed = DraftStep.parse(_data(update))
    if pressed is None or pressed.action != "kpi-skip":
        return KPI
    draft.kpi = None
    return await P.show_summary(update, context, draft)


@step
async def edit_chosen(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    """ "Sửa" on the summary, then the step to change: only that step is asked again."""
    pressed = EditDraft.parse(_data(update))
    part = pressed.step if pressed is not None else "menu"
    if part == "menu":
        return await P.show_edit_menu(update, draft)
    if part == "back":
        return await P.show_summary(update, context, draft)
    draft.editing = part
    if part == "period" and len(draft.period_choices) > 1:
        return await P.ask_period(update, context, draft)
    if part == "status":
        return await P.ask_status(update, context, draft)
    # The documents and the file already given stay until new ones come ("Giữ …" keeps them).
    if part == "docs":
        return await P.ask_docs(update, draft)
    if part == "attach":
        return await P.ask_attachment(update, draft)
    if part == "kpi" and draft.targets:
        return await P.ask_kpi(update, draft)
    return await P.show_summary(update, context, draft)


@step
async def submit(update: Update, context: PlanbotContext, draft: Draft, official: Official) -> object:
    user = update.effective_user
    period = P.draft_period(context, draft)
    assert user is not None and draft.task_id is not None and draft.status is not None
    if period is None:  # a draft from before reports had periods: the current one
        period = context.periods.containing(context.clock.today())
    # The draft's end is written with the report, in one transaction.
    result = await STORE.finish(
        update,
        context,
        submit_report,
        telegram_user_id=user.id,
        task_id=draft.task_id,
        status=draft.status,
        reported_on=context.clock.today(),
        period=period,
        policy=context.periods,
        note=draft.note(),
        kpi_value=draft.kpi,
        documents=draft.docs,
        attachment=draft.attachment,
    )
    if result.report_id is None:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    text = (
        f"✅ Đã ghi nhận báo cáo tiến độ nhiệm vụ <b>{esc(draft.code)}</b> ({esc(period.label)}). "
        "Cảm ơn anh/chị!"
    )
    if result.supersedes_id is not None:
        text += f"\n(Báo cáo này thay cho báo cáo trước đó của anh/chị cho {esc(period.label)}.)"
    await reply(update, text)
    return END


@step
async def summary_text_input(
    update: Update, context: PlanbotContext, draft: Draft, official: Official
) -> Any:
    await reply(update, T.SUMMARY_HINT)
    return SUMMARY
