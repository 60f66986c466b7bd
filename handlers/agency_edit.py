"""/coquan: an admin's agency mapping after saving a plan (issue 14). The organization's agencies
sorted by their folded name, a page at a time, each with its live tasks and officials; one agency's
card offers "✏️ Đổi tên" (its display name, handlers/agency_rename.py) and "🔀 Gộp vào cơ quan
khác" (pick the other agency, see how many tasks and officials move, confirm). Every press is
re-authorised by plans/agency_admin.py; the changes are audited by plans/agency_corrections.py."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import require_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import Callback
from handlers.ui.callbacks_agency import (
    AgencyEditCancel,
    AgencyMergeAsk,
    AgencyMergeDo,
    AgencyMergeTargets,
    AgencyOpenCard,
    AgencyPage,
    AgencyRenameStart,
)
from handlers.ui.replies import buttons, esc, reply, show_text
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.agency_admin import AgencyDirectory, AgencyRow, agency_directory, map_by_id, merge_rows
from plans.correction_fields import CorrectionError
from plans.corrections import Editor
from storage.models import Role
from storage.text import shorten

logger = logging.getLogger(__name__)

PAGE_SIZE = 8
CANCELLED = "Đã huỷ. Cơ quan không thay đổi."
NO_AGENCIES = "Xã/phường chưa có cơ quan nào: cơ quan được tạo khi nhập kế hoạch."


def editor_of(update: Update) -> Editor:
    user = update.effective_user
    return Editor(user.id if user is not None else 0, "bot")


def usage_text(row: AgencyRow) -> str:
    return f"{row.tasks} nhiệm vụ · {row.officials} cán bộ"


def _pages(count: int) -> int:
    return max(1, (count + PAGE_SIZE - 1) // PAGE_SIZE)


def _nav(page: int, pages: int, make: Any) -> list[tuple[str, Callback]]:
    row: list[tuple[str, Callback]] = []
    if page > 0:
        row.append(("◀ Trước", make(page - 1)))
    if page < pages - 1:
        row.append(("Sau ▶", make(page + 1)))
    return row


def list_view(directory: AgencyDirectory, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    rows = directory.rows
    if not rows:
        return esc(NO_AGENCIES), None
    pages = _pages(len(rows))
    page = min(max(page, 0), pages - 1)
    shown = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [f"<b>Cơ quan của {esc(directory.organization)}</b> ({len(rows)})"]
    if pages > 1:
        lines[0] += f" · trang {page + 1}/{pages}"
    for number, row in enumerate(shown, start=page * PAGE_SIZE + 1):
        lines.append(f"{number}. {esc(row.name)} — {usage_text(row)}")
    lines.append("\nChọn một cơ quan để đổi tên hoặc gộp vào cơ quan khác.")
    keyboard = [[(shorten(row.name, 60), AgencyOpenCard(row.id))] for row in shown]
    nav = _nav(page, pages, AgencyPage)
    return "\n".join(lines), buttons(*keyboard, *([nav] if nav else []))


def card_view(row: AgencyRow) -> tuple[str, InlineKeyboardMarkup]:
    lines = [f"<b>Cơ quan: {esc(row.name)}</b>", f"Nhiệm vụ chủ trì hoặc phối hợp: {row.tasks}"]
    lines.append(f"Cán bộ: {row.officials}")
    if row.is_group:
        lines.append("<i>Cơ quan nhóm (giao cho các cơ quan thành viên, /nhom).</i>")
    if row.aliases:
        lines.append("Tên gọi khác: " + "; ".join(esc(a) for a in row.aliases))
    lines.append(
        "\n<b>Đổi tên</b>: tên hiển thị trong mọi báo cáo; tên cũ vẫn được nhận ra khi nhập kế hoạch.\n"
        "<b>Gộp vào cơ quan khác</b>: khi đây và cơ quan kia là một."
    )
    keyboard = buttons(
        [
            ("✏️ Đổi tên", AgencyRenameStart(row.id)),
            ("🔀 Gộp vào cơ quan khác", AgencyMergeTargets(row.id, 0)),
        ],
        [("◀ Danh sách", AgencyPage(0))],
    )
    return "\n".join(lines), keyboard


def targets_view(directory: AgencyDirectory, row: AgencyRow, page: int) -> tuple[str, InlineKeyboardMarkup]:
    others = [r for r in directory.rows if r.id != row.id]
    pages = _pages(len(others))
    page = min(max(page, 0), pages - 1)
    shown = others[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    text = f"<b>Gộp «{esc(row.name)}» vào cơ quan nào?</b>"
    if pages > 1:
        text += f" (trang {page + 1}/{pages})"
    if not others:
        text += "\nXã/phường chưa có cơ quan nào khác."
    keyboard = [[(shorten(r.name, 60), AgencyMergeAsk(row.id, r.id))] for r in shown]
    nav = _nav(page, pages, lambda p: AgencyMergeTargets(row.id, p))
    return text, buttons(*keyboard, *([nav] if nav else []), [("◀ Quay lại", AgencyOpenCard(row.id))])


def merge_question(source: AgencyRow, target: AgencyRow) -> str:
    a, b = esc(source.name), esc(target.name)
    return "\n".join(
        [
            f"<b>Gộp «{a}» vào «{b}»?</b>",
            f"• {source.tasks} nhiệm vụ và {source.officials} cán bộ của «{a}» chuyển sang «{b}».",
            f"• «{a}» và các tên gọi khác của nó thành tên gọi khác của «{b}»: "
            f"kế hoạch ghi «{a}» vẫn được nhận ra.",
            f"• «{a}» không còn trong danh sách cơ quan.",
            "\nBấm <b>Gộp</b> để gộp, <b>Huỷ</b> để bỏ qua.",
        ]
    )


async def coquan(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is None:
        return
    if admin.organization_id is None:  # a configured admin before any import
        await reply(update, "Tài khoản quản trị chưa gắn với xã/phường nào.")
        return
    try:
        directory = await context.db.run(agency_directory, editor=editor_of(update))
    except CorrectionError:
        await reply(update, esc(NO_PERMISSION_TEXT))
        return
    text, keyboard = list_view(directory, 0)
    await reply(update, text, reply_markup=keyboard)


async def on_press(update: Update, context: PlanbotContext) -> None:
    """Every button of /coquan but the rename's: re-authorised by the use case it calls."""
    query = update.callback_query
    if query is None:
        return
    editor = editor_of(update)
    try:
        if (page := AgencyPage.parse(query.data)) is not None:
            directory = await context.db.run(agency_directory, editor=editor)
            text, keyboard = list_view(directory, page.page)
        elif (card := AgencyOpenCard.parse(query.data)) is not None:
            directory = await context.db.run(agency_directory, editor=editor, agency_id=card.agency_id)
            text, keyboard = card_view(directory.row(card.agency_id))
        elif (targets := AgencyMergeTargets.parse(query.data)) is not None:
            directory = await context.db.run(agency_directory, editor=editor, agency_id=targets.agency_id)
            row = directory.row(targets.agency_id)
            text, keyboard = targets_view(directory, row, targets.page)
        elif (ask := AgencyMergeAsk.parse(query.data)) is not None:
            source, target = await context.db.run(
                merge_rows, editor=editor, agency_id=ask.agency_id, target_id=ask.target_id
            )
            text = merge_question(source, target)
            keyboard = buttons([("🔀 Gộp", AgencyMergeDo(source.id, target.id)), ("Huỷ", AgencyEditCancel())])
        else:
            await query.answer()
            return
    except CorrectionError as error:
        shown = NO_PERMISSION_TEXT if error.reason == "no_permission" else error.message
        await query.answer(shown, show_alert=True)
        return
    await query.answer()
    await show_text(query, update, text, keyboard)


async def on_merge(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    pressed = AgencyMergeDo.parse(query.data if query else None)
    if query is None or pressed is None:
        return
    editor = editor_of(update)
    try:
        change = await context.db.run(
            map_by_id, editor=editor, agency_id=pressed.agency_id, target_id=pressed.target_id
        )
        directory = await context.db.run(agency_directory, editor=editor)
    except CorrectionError as error:
        shown = NO_PERMISSION_TEXT if error.reason == "no_permission" else error.message
        await query.answer(shown, show_alert=True)
        return
    await query.answer()
    logger.info(
        "user %s merged agency %s into %s", editor.telegram_user_id, pressed.agency_id, pressed.target_id
    )
    done = (
        f"✅ Đã gộp «{esc(change.old_name)}» vào «{esc(change.new_name)}»: "
        f"{change.tasks} nhiệm vụ và {change.officials} cán bộ chuyển sang. "
        f"«{esc(change.old_name)}» nay là tên gọi khác."
    )
    text, keyboard = card_view(directory.row(pressed.target_id))
    await show_text(query, update, done, None)
    await reply(update, text, reply_markup=keyboard)


async def on_cancel(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await show_text(query, update, esc(CANCELLED), None)


def register(application: Any) -> None:
    from handlers.agency_rename import build_conversation  # the rename's typed name, before free text

    application.add_handler(build_conversation())
    application.add_handler(CommandHandler("coquan", coquan))
    for kind in (AgencyPage, AgencyOpenCard, AgencyMergeTargets, AgencyMergeAsk):
        application.add_handler(CallbackQueryHandler(on_press, pattern=kind.pattern()))
    application.add_handler(CallbackQueryHandler(on_merge, pattern=AgencyMergeDo.pattern()))
    application.add_handler(CallbackQueryHandler(on_cancel, pattern=AgencyEditCancel.pattern()))
