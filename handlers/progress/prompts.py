"""The questions /xong asks, and which comes next.

The steps follow one another (period → status → reason → documents → file → KPI → summary),
except while a step is being changed from the summary ("Sửa"): then only that step is asked again
and the summary follows, with everything else of the draft kept.
"""

from __future__ import annotations

from telegram import Update

from handlers.context import PlanbotContext
from handlers.progress import texts as T
from handlers.progress.draft import (
    ATTACH,
    DOCS,
    EDIT_MENU,
    KPI,
    PERIOD,
    REASON,
    STATUS,
    SUMMARY,
    Draft,
)
from handlers.ui.callbacks import (
    Callback,
    CancelDraft,
    ChoosePeriod,
    DraftStep,
    EditDraft,
    SetStatus,
    Submit,
)
from handlers.ui.replies import buttons, reply
from plans.periods import Period, parse_period_code
from plans.wording import DONE, IN_PROGRESS, NOT_DONE, STATUS_NAMES

CANCEL_ROW = [("Huỷ", CancelDraft())]


def draft_period(context: PlanbotContext, draft: Draft) -> Period | None:
    if not draft.period:
        return None
    try:
        return parse_period_code(draft.period, context.periods.mode)
    except ValueError:
        return None


async def ask_period(update: Update, context: PlanbotContext, draft: Draft) -> object:
    today = context.clock.today()
    rows = []
    for code in draft.period_choices:
        period = parse_period_code(code, context.periods.mode)
        rows.append([(T.period_button(period, today), ChoosePeriod(code))])
    await reply(update, T.ask_period_text(draft), reply_markup=buttons(*rows, CANCEL_ROW))
    return PERIOD


async def ask_status(update: Update, context: PlanbotContext, draft: Draft) -> object:
    await reply(
        update,
        T.ask_status_text(draft, draft_period(context, draft)),
        reply_markup=buttons(
            [(STATUS_NAMES[DONE], SetStatus(DONE))],
            [(STATUS_NAMES[IN_PROGRESS], SetStatus(IN_PROGRESS))],
            [(STATUS_NAMES[NOT_DONE], SetStatus(NOT_DONE))],
            CANCEL_ROW,
        ),
    )
    return STATUS


async def ask_reason(update: Update) -> object:
    await reply(update, T.ASK_REASON, reply_markup=buttons(CANCEL_ROW))
    return REASON


async def ask_docs(update: Update, draft: Draft) -> object:
    required = draft.status == DONE
    rows: list[list[tuple[str, Callback]]] = [list(CANCEL_ROW)]
    if not required:
        rows.insert(0, [("Bỏ qua", DraftStep("docs-skip"))])
    if draft.editing and (draft.docs or draft.doc_note):
        rows.insert(0, [("Giữ văn bản đã nhập", DraftStep("docs-keep"))])
    text = T.ask_docs_text(required)
    if draft.quick and not draft.editing:
        # The status was not asked: say it, and let it be changed with one tap.
        text = T.quick_docs_text(draft) + text
        rows.insert(0, [("Đổi tình trạng", DraftStep("status"))])
    await reply(update, text, reply_markup=buttons(*rows))
    return DOCS


async def ask_attachment(update: Update, draft: Draft) -> object:
    # While editing, "skip" keeps the file already sent: say so on the button.
    kept = draft.attachment.get("name") if draft.editing and draft.attachment else None
    label = f"Giữ tệp {kept}" if kept else "Bỏ qua"
    await reply(
        update, T.ASK_ATTACHMENT, reply_markup=buttons([(label, DraftStep("attach-skip"))], CANCEL_ROW)
    )
    return ATTACH


async def ask_kpi(update: Update, draft: Draft) -> object:
    await reply(
        update,
        "Nhiệm vụ có chỉ tiêu:\n" + T.targets_text(draft.targets) + "\n\nGõ kết quả đạt được (vd: 61,3).",
        reply_markup=buttons([("Bỏ qua", DraftStep("kpi-skip"))], CANCEL_ROW),
    )
    return KPI


async def show_summary(update: Update, context: PlanbotContext, draft: Draft) -> object:
    draft.editing = None
    await reply(
        update,
        T.summary_text(draft, draft_period(context, draft)),
        reply_markup=buttons([("Gửi", Submit()), ("Sửa", EditDraft("menu")), ("Huỷ", CancelDraft())]),
    )
    return SUMMARY


async def show_edit_menu(update: Update, draft: Draft) -> object:
    rows = []
    if len(draft.period_choices) > 1:
        rows.append([("Kỳ báo cáo", EditDraft("period"))])
    rows += [
        [("Tình trạng", EditDraft("status"))],
        [("Văn bản", EditDraft("docs"))],
        [("Tệp đính kèm", EditDraft("attach"))],
    ]
    if draft.targets:
        rows.append([("Kết quả chỉ tiêu", EditDraft("kpi"))])
    rows.append([("◀ Quay lại", EditDraft("back"))])
    await reply(update, "Sửa phần nào của báo cáo?", reply_markup=buttons(*rows))
    return EDIT_MENU


# --- what follows each step ----------------------------------------------------------------------


async def after_period(update: Update, context: PlanbotContext, draft: Draft) -> object:
    if draft.editing:
        return await show_summary(update, context, draft)
    if draft.quick and draft.status is None:
        draft.status = DONE  # /xong: done is chosen; "Đổi tình trạng" on the next step changes it
        return await after_status(update, context, draft)
    return await ask_status(update, context, draft)


async def after_status(update: Update, context: PlanbotContext, draft: Draft) -> object:
    if draft.status == NOT_DONE and not draft.reason:
        return await ask_reason(update)
    if draft.status != NOT_DONE:
        draft.reason = None
    return await after_reason(update, context, draft)


async def after_reason(update: Update, context: PlanbotContext, draft: Draft) -> object:
    # A report of "done" needs its document: asked even while editing, when there is none yet.
    if draft.editing and not (draft.status == DONE and not draft.docs):
        return await show_summary(update, context, draft)
    return await ask_docs(update, draft)


async def after_docs(update: Update, context: PlanbotContext, draft: Draft) -> object:
    if draft.editing:
        return await show_summary(update, context, draft)
    return await ask_attachment(update, draft)


async def after_attachment(update: Update, context: PlanbotContext, draft: Draft) -> object:
    if draft.targets and not draft.editing:
        return await ask_kpi(update, draft)
    return await show_summary(update, context, draft)
