"""Formatting of task lists, task cards and keyboards: pure functions over plain data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.ui.callbacks import ListPage, OpenCard, StartReport
from handlers.ui.callbacks_assign import AssignOpen
from handlers.ui.callbacks_edit import EditStart
from handlers.ui.callbacks_period import ReportAttachment
from handlers.ui.replies import esc
from plans.periods import period_label
from plans.tasks import TaskCard, TaskLine
from plans.wording import (
    DONE,
    EXPLANATION_NAME,
    IN_PROGRESS,
    NO_REPORT,
    NOT_DONE,
    STATUS_NAMES,
    days_text,
    deadline_human,
    document_text,
)
from reminders.calendar import WorkCalendar
from storage.facts import HistoryEntry
from storage.text import date_vi, number_vi, percent, shorten

PAGE_SIZE = 8
SOON_DAYS = 7

STATUS_LABELS = STATUS_NAMES

# Group keys in display order.
GROUPS: list[tuple[str, str]] = [
    ("overdue", "🔴 Quá hạn"),
    ("soon", "🟠 Đến hạn trong 7 ngày"),
    (IN_PROGRESS, f"🔵 {STATUS_NAMES[IN_PROGRESS]}"),
    (NOT_DONE, f"⚪ {STATUS_NAMES[NOT_DONE]}"),
    (NO_REPORT, f"▫️ {STATUS_NAMES[NO_REPORT]}"),
    (DONE, f"✅ {STATUS_NAMES[DONE]}"),
]
_GROUP_INDEX = {key: index for index, (key, _title) in enumerate(GROUPS)}


def effective_due(line: TaskLine, today: date) -> date | None:
    """The due day that matters today (the status model's: a one-off due day, the next occurrence
    of a recurring task, the next milestone, or the missed one when overdue)."""
    state = line.state
    if state is None:
        return line.due
    return state.overdue_since if state.overdue else state.due


def group_of(line: TaskLine, today: date) -> str:
    state = line.state
    if state is not None and state.overdue:
        return "overdue"
    status = line.status or NO_REPORT
    if status == DONE:
        return DONE
    due = effective_due(line, today)
    if due is not None and 0 <= (due - today).days <= SOON_DAYS:
        return "soon"
    return status if status in _GROUP_INDEX else NO_REPORT


def order_lines(lines: Sequence[TaskLine], today: date) -> list[tuple[str, TaskLine]]:
    """Group order, then tasks the agency leads before those it coordinates, then document order."""
    keyed = [(group_of(line, today), line) for line in lines]
    keyed.sort(
        key=lambda item: (
            _GROUP_INDEX[item[0]],
            1 if item[1].link == "coordinating" else 0,
            item[1].position,
            item[1].id,
        )
    )
    return keyed


def page_count(total: int, per_page: int = PAGE_SIZE) -> int:
    return max(1, (total + per_page - 1) // per_page)


def clamp_page(page: int, total: int, per_page: int = PAGE_SIZE) -> int:
    return min(max(page, 0), page_count(total, per_page) - 1)


def human_deadline(line: TaskLine, today: date) -> str:
    """The deadline relative to today, as the status model sees it ("quá hạn 5 ngày", "còn 3 ngày",
    "thường xuyên", "định kỳ, kỳ tới 18/11/2025")."""
    state = line.state
    if state is not None and state.overdue:
        return days_text(-state.days_overdue(today))
    due = effective_due(line, today)
    if (line.status or NO_REPORT) == DONE and line.deadline_kind not in ("recurring", "continuous"):
        # A finished one-off task is never "quá hạn": the status model has stopped counting.
        return f"đã xong, hạn {date_vi(due)}" if due is not None else "đã xong"
    if line.deadline_kind == "recurring" and due is not None:
        return f"định kỳ, kỳ tới {date_vi(due)}"
    if line.deadline_kind == "continuous" and due is not None:
        return f"thường xuyên, mốc tới {date_vi(due)}"
    return deadline_human(line.deadline_kind, due, today)


def status_text(line: TaskLine) -> str:
    """ "Đang thực hiện", or "Chưa có báo cáo (Quý I/2023: Đã thực hiện)" early in a period."""
    name = STATUS_NAMES.get(line.status or NO_REPORT, STATUS_NAMES[NO_REPORT])
    before = line.previous
    if (line.status or NO_REPORT) == NO_REPORT and before is not None:
        name += f" ({before.period.label}: {STATUS_NAMES.get(before.status, '')})"
    return name


def task_line_text(line: TaskLine, today: date, *, limit: int = 60, with_status: bool = False) -> str:
    """One task on one line; lists are grouped by status, search results say it on the line."""
    coordinating = " <i>(phối hợp)</i>" if line.link == "coordinating" else ""
    status = f" · {esc(status_text(line))}" if with_status else ""
    own = f" · hạn riêng {date_vi(line.personal_due)}" if line.personal_due is not None else ""
    return (
        f"• <b>{esc(line.code)}</b> {esc(shorten(line.content, limit))} — "
        f"<i>{esc(human_deadline(line, today))}{own}</i>{status}{coordinating}"
    )


def assignees_text(names: Sequence[str], dues: Sequence[date | None] = ()) -> str:
    """ "Nguyễn Văn Hùng (hạn riêng 15/03/2026), Lê Minh Tuấn" (not escaped)."""
    shown = [
        f"{name} (hạn riêng {date_vi(due)})" if due is not None else name
        for name, due in zip(names, [*dues, *[None] * (len(names) - len(dues))], strict=True)
    ]
    return ", ".join(shown)


def list_text(
    title: str, ordered: Sequence[tuple[str, TaskLine]], page: int, today: date, per_page: int = PAGE_SIZE
) -> str:
    if not ordered:
        return f"<b>{esc(title)}</b>\nChưa có nhiệm vụ nào."
    page = clamp_page(page, len(ordered), per_page)
    pages = page_count(len(ordered), per_page)
    chunk = ordered[page * per_page : (page + 1) * per_page]
    out = [
        f"<b>{esc(title)}</b> — {len(ordered)} nhiệm vụ"
        + (f" · trang {page + 1}/{pages}" if pages > 1 else "")
    ]
    titles = dict(GROUPS)
    current = None
    for group, line in chunk:
        if group != current:
            out.append(f"\n<b>{titles[group]}</b>")
            current = group
        out.append(task_line_text(line, today))
    out.append("\nBấm vào một nhiệm vụ để xem chi tiết.")
    return "\n".join(out)


BUTTONS_PER_ROW = 4


def task_buttons(lines: Sequence[TaskLine], page: int = 0) -> list[list[InlineKeyboardButton]]:
    """One button per task, labelled with its code only: the text above already says the rest."""
    buttons = [
        InlineKeyboardButton(line.code, callback_data=OpenCard(line.id, page).data()) for line in lines
    ]
    return [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]


def _list_page(page: int) -> str:
    return ListPage(page).data()


def list_keyboard(
    ordered: Sequence[tuple[str, TaskLine]],
    page: int,
    per_page: int = PAGE_SIZE,
    page_data: Callable[[int], str] = _list_page,
) -> InlineKeyboardMarkup | None:
    """The task buttons of a page and the page arrows (`page_data`: another list's page buttons)."""
    if not ordered:
        return None
    page = clamp_page(page, len(ordered), per_page)
    pages = page_count(len(ordered), per_page)
    chunk = ordered[page * per_page : (page + 1) * per_page]
    rows = task_buttons([line for _group, line in chunk], page)
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(InlineKeyboardButton("◀", callback_data=page_data(page - 1)))
        nav.append(InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=page_data(page)))
        if page < pages - 1:
            nav.append(InlineKeyboardButton("▶", callback_data=page_data(page + 1)))
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def format_doc(doc_type: str, number: str | None, issued_on: date | None, text: str | None) -> str:
    return document_text(doc_type, number, issued_on, text)


def doc_from_dict(doc: dict[str, Any]) -> str:
    issued = doc.get("issued_on")
    return format_doc(
        str(doc.get("doc_type") or "Văn bản"),
        doc.get("number"),
        date.fromisoformat(issued) if isinstance(issued, str) else None,
        doc.get("text"),
    )


def target_text(target: dict[str, Any], latest: float | None) -> str:
    metric = str(target.get("metric") or "chỉ tiêu")
    minimum = target.get("min_percent")
    line = f"• {esc(metric)}"
    if isinstance(minimum, int | float):
        line += f": tối thiểu {percent(float(minimum))}"
    if latest is not None:
        reached = isinstance(minimum, int | float) and latest >= float(minimum)
        line += f" — mới nhất {percent(latest)}" + (" (đạt)" if reached else " (chưa đạt)")
    return line


def history_text(entry: HistoryEntry) -> str:
    who = esc(entry.reporter_name or ("nhập từ báo cáo" if entry.source == "import" else "không rõ"))
    about = ""
    if entry.period_start is not None and entry.period_end is not None:
        about = f"{esc(period_label(entry.period_start, entry.period_end))} · "
    status = STATUS_LABELS.get(entry.status, esc(entry.status))
    head = f"• {about}{date_vi(entry.reported_on)} — <b>{status}</b> — {who}"
    if entry.superseded:
        head = f"<s>{head}</s> (đã được sửa)"
    lines = [head]
    for doc in entry.documents:
        lines.append(f"   📄 {esc(format_doc(*doc))}")
    if entry.note:
        lines.append(f"   📝 {esc(shorten(entry.note, 200))}")
    if entry.kpi_value is not None:
        lines.append(f"   📊 {percent(entry.kpi_value)}")
    if entry.attachment_name:
        lines.append(f"   📎 {esc(entry.attachment_name)}")
    return "\n".join(lines)


def working_days_text(due: date, today: date, calendar: WorkCalendar) -> str | None:
    """ "còn 3 ngày làm việc" before a due day, on the commune's calendar (holidays left out)."""
    if due < today:
        return None
    if due == today:
        return "hạn hôm nay"
    # the working days after today up to the due day itself: Monday → Wednesday is 2
    return f"còn {number_vi(calendar.working_days_between(today, due))} ngày làm việc"


def card_text(
    card: TaskCard, today: date, *, max_history: int = 10, calendar: WorkCalendar | None = None
) -> str:
    line = card.line
    out = [f"<b>Nhiệm vụ {esc(line.code)}</b>", esc(line.content), ""]
    state = line.state
    period = f" — {esc(state.period.label)}" if state is not None else ""
    out.append(f"<b>Tình trạng:</b> {esc(status_text(line))}{period}")
    if state is not None and state.overdue and state.overdue_since is not None:
        out.append(f"<b>Quá hạn:</b> {state.days_overdue(today)} ngày (hạn {date_vi(state.overdue_since)})")
    if card.lead_agencies:
        out.append(f"<b>Chủ trì:</b> {esc('; '.join(card.lead_agencies))}")
    if card.coordinating_agencies:
        out.append(f"<b>Phối hợp:</b> {esc('; '.join(card.coordinating_agencies))}")
    if card.assignees:
        out.append(f"<b>Người thực hiện:</b> {esc(assignees_text(card.assignees, card.assignee_dues))}")
    written = line.deadline_text or "không ghi"
    out.append(f"<b>Thời hạn:</b> {esc(written)} ({esc(human_deadline(line, today))})")
    due = effective_due(line, today)
    if due is not None:
        left = (
            working_days_text(due, today, calendar)
            if calendar is not None and (line.status or NO_REPORT) != DONE and not (state and state.overdue)
            else None
        )
        out.append(f"<b>Hạn hiểu là:</b> {date_vi(due)}" + (f" ({left})" if left else ""))
    if card.product:
        out.append(f"<b>Sản phẩm:</b> {esc(card.product)}")
    if card.targets:
        out.append("<b>Chỉ tiêu:</b>")
        out.extend(target_text(t, card.latest_kpi) for t in card.targets)
    out.extend(explanation_lines(card))
    out.append("")
    if card.history:
        out.append(f"<b>Lịch sử báo cáo</b> ({len(card.history)}):")
        out.extend(history_text(e) for e in card.history[:max_history])
        if len(card.history) > max_history:
            out.append(f"… và {len(card.history) - max_history} báo cáo cũ hơn")
    else:
        out.append("Chưa có báo cáo tiến độ.")
    return "\n".join(out)


def explanation_lines(card: TaskCard, limit: int = 3) -> list[str]:
    """The card's "Giải trình" section: the agency's answers to leaders' requests, latest first."""
    if not card.explanations:
        return []
    out = ["", f"<b>{EXPLANATION_NAME}</b>:"]
    for e in card.explanations[:limit]:
        period = esc(period_label(e.period_start, e.period_end))
        if e.answer is None:
            out.append(f"• {period}: đã yêu cầu ngày {date_vi(e.requested_at)}, chưa trả lời")
            continue
        who = f" — {esc(e.answered_by_name)}" if e.answered_by_name else ""
        when = f", {date_vi(e.answered_at)}" if e.answered_at else ""
        out.append(f"• {period}: {esc(shorten(e.answer, 300))}{who}{when}")
        if e.attachment_name:
            out.append(f"   📎 {esc(e.attachment_name)}")
    return out


MAX_FILE_BUTTONS = 3


def attachment_buttons(card: TaskCard) -> list[list[InlineKeyboardButton]]:
    """ "📎 name" for the files of the task's current reports (newest first, a few): pressed, the
    file is sent back (handlers/period_report/attachments.py re-authorises)."""
    rows = []
    for entry in card.history:
        if entry.superseded or not entry.attachment_file_id:
            continue
        label = f"📎 {shorten(entry.attachment_name or 'tệp đính kèm', 40)}"
        rows.append([InlineKeyboardButton(label, callback_data=ReportAttachment(entry.report_id).data())])
        if len(rows) >= MAX_FILE_BUTTONS:
            break
    return rows


def card_keyboard(card: TaskCard, back_page: int) -> InlineKeyboardMarkup:
    rows = []
    if card.can_report:
        rows.append([InlineKeyboardButton("Báo cáo tiến độ", callback_data=StartReport(card.line.id).data())])
    rows += attachment_buttons(card)
    if card.can_assign:
        rows.append([InlineKeyboardButton("👤 Giao việc", callback_data=AssignOpen(card.line.id).data())])
    if card.can_edit:
        rows.append([InlineKeyboardButton("✏️ Sửa", callback_data=EditStart(card.line.id).data())])
    rows.append([InlineKeyboardButton("Quay lại", callback_data=ListPage(back_page).data())])
    return InlineKeyboardMarkup(rows)


def search_text(query: str, lines: Sequence[TaskLine], today: date) -> str:
    if not lines:
        return (
            f"Không tìm thấy nhiệm vụ nào khớp với «{esc(query)}».\n"
            "Thử gõ vài từ khác trong nội dung, hoặc mã nhiệm vụ (vd: II.3)."
        )
    out = [f"Kết quả tìm «{esc(query)}»:"]
    out.extend(task_line_text(line, today, with_status=True) for line in lines)
    return "\n".join(out)


def search_keyboard(lines: Sequence[TaskLine]) -> InlineKeyboardMarkup | None:
    if not lines:
        return None
    return InlineKeyboardMarkup(task_buttons(lines))


def kpi_text(value: float) -> str:
    return f"{number_vi(value)}%"
