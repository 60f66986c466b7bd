"""Adding a task in an import preview (issue 14), before anything is saved: /sua with a mục's code
("/sua III"), or "➕ Thêm nhiệm vụ cùng mục" on a previewed row → content → lead agency → deadline →
what planbot understood (the code it will get, the agencies, the deadline) → Lưu. The same steps and
texts as the card's addition (handlers/task_edit_add.py, plans/correction_add.py); the addition is
kept with the pending import's edits, shown in the refreshed preview, and created (audited as an
addition, plans/corrections.py add_task) when the admin presses Lưu on the preview."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update

from handlers.context import PlanbotContext
from handlers.import_review import review_of
from handlers.import_texts import preview_text
from handlers.imports import preview_keyboard
from handlers.task_edit_add import add_start, add_value
from handlers.task_edit_draft import END, STORE, Draft, refused
from handlers.task_edit_preview import GONE_PREVIEW, KEPT, is_admin, own_import, preview_context
from handlers.ui.replies import esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.correction_add import AddProposal
from plans.correction_fields import ADDED, NOTHING, CorrectionError, deadline_understood
from plans.corrections import Editor
from plans.importing import preview_import
from plans.parsing.deadlines import parse_deadline
from plans.parsing.types import ParsedPlan
from plans.preview_edit import (
    PreviewEdit,
    addition_codes,
    addition_parent,
    edits_from_json,
    propose_preview_addition,
)
from storage.models import Official
from storage.text import shorten

logger = logging.getLogger(__name__)


def _editor(update: Update) -> Editor:
    user = update.effective_user
    return Editor(user.id if user is not None else 0, "bot")


async def preview_add_start(update: Update, context: PlanbotContext, draft: Draft) -> object:
    """The first question of an addition under draft.code's mục (or beside its task)."""
    found = await preview_context(update, context, draft)
    if found is None:
        return END
    try:
        parent = addition_parent(found[1], draft.code)
    except CorrectionError as error:
        STORE.clear(context)
        return await refused(update, error)
    draft.field = ADDED
    where = f"vào mục {esc(parent.code)} · {esc(shorten(parent.content, 70))} của bản xem trước"
    return await add_start(update, draft, where=where)


async def _propose(update: Update, context: PlanbotContext, draft: Draft) -> AddProposal | None:
    found = await preview_context(update, context, draft)
    if found is None:
        return None
    pending, parsed = found
    proposal: AddProposal = await context.db.run(
        propose_preview_addition,
        editor=_editor(update),
        parsed=parsed,
        organization_name=pending.get("org"),
        code=draft.code,
        content=draft.content,
        lead=draft.lead,
        deadline=draft.value,
        edits=edits_from_json(pending.get("edits")),
    )
    return proposal


async def preview_add_value(update: Update, context: PlanbotContext, draft: Draft, text: str) -> object:
    return await add_value(update, context, draft, text, propose=_propose)


def addition_lines(parsed: ParsedPlan, edits: list[PreviewEdit]) -> list[str]:
    """The preview's lines of the tasks added to it: code · content · lead · deadline (escaped)."""
    lines = []
    for edit, code in addition_codes(parsed, edits):
        deadline = edit.deadline.strip()
        shown = deadline_understood(parse_deadline(deadline, year=parsed.year, span=parsed.span))
        lines.append(
            f"➕ {esc(code)} · {esc(shorten(edit.value, 70))} · {esc(edit.lead)} · "
            + (esc(f"{deadline} → {shown}") if deadline else NOTHING)
        )
    return lines


async def refreshed_preview(
    update: Update, context: PlanbotContext, pending: dict[str, Any], parsed: ParsedPlan
) -> None:
    """The preview again, with the tasks added to it, under the same Lưu / Huỷ / ✏️ Sửa nhiệm vụ."""
    organization = pending.get("org")
    resolutions, diff = await context.db.run(preview_import, parsed=parsed, organization_name=organization)
    review = await review_of(context, parsed, organization)
    additions = addition_lines(parsed, edits_from_json(pending.get("edits")))
    text = preview_text(parsed, resolutions, diff, organization, review, additions=additions)
    await reply(update, text, reply_markup=preview_keyboard(str(pending.get("token") or "")))


async def preview_add_save(
    update: Update, context: PlanbotContext, draft: Draft, official: Official
) -> object:
    """Keep the addition with the pending import (nothing is created before the preview's Lưu)."""
    user = update.effective_user
    pending = own_import(context, draft.token, user.id if user else None)
    if pending is None:
        STORE.clear(context)
        await reply(update, esc(GONE_PREVIEW))
        return END
    if not is_admin(official):
        STORE.clear(context)
        await reply(update, esc(NO_PERMISSION_TEXT))
        return END
    found = await preview_context(update, context, draft)
    if found is None:
        return END
    STORE.clear(context)
    parsed = found[1]
    try:
        section = addition_parent(parsed, draft.code).code
    except CorrectionError as error:
        return await refused(update, error)
    # draft.value is the deadline as add_value kept it ("" for «không»)
    edits = [
        *edits_from_json(pending.get("edits")),
        PreviewEdit(section, ADDED, draft.content, draft.lead, draft.value),
    ]
    pending["edits"] = [e.to_json() for e in edits]
    code = addition_codes(parsed, edits)[-1][1]
    logger.info("user %s adds %s to the previewed import %s", user.id if user else None, code, draft.token)
    await reply(
        update,
        f"✅ Đã ghi: thêm nhiệm vụ {esc(code)} vào mục {esc(section)}.\n{KEPT}\n"
        f"<b>Chỉnh sửa đang chờ: {len(edits)}.</b> Bản xem trước mới:",
    )
    await refreshed_preview(update, context, pending, parsed)
    return END
