"""/kehoach: an admin lists the organization's plans and closes (lưu trữ) or reopens one.

A closed plan leaves lists, digests and overdue counts; questions and reports about its periods
still work (plans/lifecycle.py). Every press is re-authorised: the admin's own organization only.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.auth import current_official, require_official
from handlers.context import PlanbotContext
from handlers.ui.callbacks import PlanAction
from handlers.ui.replies import buttons, esc, reply
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.plan_admin import PlanSummary, plan_summaries, set_archived
from storage.models import Official, Role
from storage.text import date_vi, number_vi, shorten

logger = logging.getLogger(__name__)

MAX_PLANS = 15
CLOSE, CLOSE_CONFIRMED, REOPEN, KEEP = "c", "cy", "o", "n"


def plan_state_text(plan: PlanSummary) -> str:
    if plan.archived:
        return "Đã lưu trữ"
    return "Đang theo dõi" if plan.current else "Đã hết kỳ (vẫn tra cứu được)"


def plan_line(index: int, plan: PlanSummary) -> str:
    reference = ""
    if plan.number or plan.issued_on:
        reference = " — " + " ".join(
            part
            for part in (
                f"số {esc(plan.number)}" if plan.number else "",
                f"ngày {date_vi(plan.issued_on)}" if plan.issued_on else "",
            )
            if part
        )
    span = (
        f"{date_vi(plan.start)}–{date_vi(plan.end)}"
        if plan.start and plan.end
        else "chưa rõ thời kỳ (tiêu đề không ghi năm)"
    )
    return (
        f"{index}. <b>{esc(shorten(plan.title, 160))}</b>{reference}\n"
        f"    {span} · {number_vi(plan.tasks)} nhiệm vụ · {plan_state_text(plan)}"
    )


def plans_text(plans: list[PlanSummary]) -> str:
    if not plans:
        return "Chưa có kế hoạch nào. Gửi tệp Phụ lục (Word, Excel hoặc PDF) để nhập kế hoạch."
    lines = [f"<b>Kế hoạch của đơn vị</b> ({len(plans)}):"]
    lines += [plan_line(i, p) for i, p in enumerate(plans[:MAX_PLANS], start=1)]
    if len(plans) > MAX_PLANS:
        lines.append(
            f"… và {len(plans) - MAX_PLANS} kế hoạch cũ hơn (xem bằng <code>planbot plans list</code>)."
        )
    lines.append("\nKế hoạch đã lưu trữ không còn trong danh sách việc, nhắc việc và số quá hạn.")
    return "\n".join(lines)


def _keyboard(plans: list[PlanSummary]) -> Any:
    rows = []
    for index, plan in enumerate(plans[:MAX_PLANS], start=1):
        if plan.archived:
            rows.append([(f"Mở lại kế hoạch {index}", PlanAction(REOPEN, plan.id))])
        else:
            rows.append([(f"Lưu trữ kế hoạch {index}", PlanAction(CLOSE, plan.id))])
    return buttons(*rows) if rows else None


async def _summaries(context: PlanbotContext, admin: Official) -> list[PlanSummary]:
    if admin.organization_id is None:
        return []
    return await context.db.run(
        plan_summaries,
        organization_id=admin.organization_id,
        today=context.day.day,
        policy=context.periods,
    )


async def kehoach(update: Update, context: PlanbotContext) -> None:
    admin = await require_official(update, context, roles=(Role.admin,))
    if admin is None:
        return
    plans = await _summaries(context, admin)
    await reply(update, plans_text(plans), reply_markup=_keyboard(plans))


async def on_callback(update: Update, context: PlanbotContext) -> None:
    query = update.callback_query
    assert query is not None
    admin = await current_official(update, context)
    pressed = PlanAction.parse(query.data)
    if admin is None or admin.role != Role.admin or admin.organization_id is None or pressed is None:
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    plans = {p.id: p for p in await _summaries(context, admin)}
    plan = plans.get(pressed.plan_id)
    if plan is None:  # not a plan of the admin's organization (or gone)
        await query.answer(NO_PERMISSION_TEXT, show_alert=True)
        return
    await query.answer()
    if pressed.action == CLOSE:
        await reply(
            update,
            f"Lưu trữ <b>{esc(shorten(plan.title, 160))}</b>? Nhiệm vụ của kế hoạch sẽ không còn trong "
            "danh sách việc, nhắc việc và số quá hạn; báo cáo và câu hỏi về các kỳ của nó vẫn dùng được.",
            reply_markup=buttons(
                [
                    ("Xác nhận lưu trữ", PlanAction(CLOSE_CONFIRMED, plan.id)),
                    ("Không", PlanAction(KEEP, plan.id)),
                ]
            ),
        )
        return
    if pressed.action not in (CLOSE_CONFIRMED, REOPEN):
        await reply(update, "Đã giữ nguyên.")
        return
    archived = pressed.action == CLOSE_CONFIRMED
    user = update.effective_user
    await context.db.run(
        set_archived,
        organization_id=admin.organization_id,
        plan_id=plan.id,
        archived=archived,
        actor_user_id=user.id if user else None,
    )
    verb = "Đã lưu trữ" if archived else "Đã mở lại"
    await reply(update, f"{verb} <b>{esc(shorten(plan.title, 160))}</b>.")


def close_offer(older: list[PlanSummary]) -> tuple[str, Any] | None:
    """After importing next year's plan: offer to close last year's of the same kind."""
    if not older:
        return None
    names = "\n".join(f"• {esc(shorten(p.title, 160))}" for p in older)
    text = f"Đã có kế hoạch cùng loại của kỳ trước:\n{names}\nLưu trữ để không còn nhắc việc của kỳ cũ?"
    keyboard = buttons(*[[(f"Lưu trữ: {shorten(p.title, 40)}", PlanAction(CLOSE, p.id))] for p in older[:5]])
    return text, keyboard


def register(application: Any) -> None:
    application.add_handler(CommandHandler("kehoach", kehoach))
    application.add_handler(CallbackQueryHandler(on_callback, pattern=PlanAction.pattern()))
