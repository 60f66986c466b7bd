"""Formatting of task lists, task cards and keyboards: pure functions over plain data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.common import esc
from plans.parsing.deadlines import deadline_human, next_occurrence
from plans.parsing.references import format_reference
from plans.parsing.types import DocRef
from plans.tasks import TaskCard, TaskLine
from storage.models import DeadlineKind, ReportStatus
from storage.queries.tasks import HistoryEntry
from storage.text import date_vi, number_vi, percent, shorten

PAGE_SIZE = 8
SOON_DAYS = 7

STATUS_LABELS = {
    ReportStatus.done.value: "Đã hoàn thành",
    ReportStatus.in_progress.value: "Đang thực hiện",
    ReportStatus.not_done.value: "Chưa thực hiện",
}

# Group keys in display order.
GROUPS: list[tuple[str, str]] = [
    ("overdue", "🔴 Quá hạn"),
    ("soon", "🟠 Đến hạn trong 7 ngày"),
    ("in_progress", "🔵 Đang thực hiện"),
    ("not_started", "⚪ Chưa thực hiện"),
    ("done", "✅ Đã xong"),
]
_GROUP_INDEX = {key: index for index, (key, _title) in enumerate(GROUPS)}


def effective_due(line: TaskLine, today: date) -> date | None:
    """The due day that matters today: the stored one, or the next occurrence of a recurring task."""
    if line.due is not None:
        return line.due
    if line.recurrence:
        try:
            return next_occurrence(line.recurrence, today)
        except (ValueError, KeyError):
            return None
    return None


def group_of(line: TaskLine, today: date) -> str:
    if line.status == ReportStatus.done:
        return "done"
    due = effective_due(line, today)
    if due is not None and line.deadline_kind not in (DeadlineKind.continuous, DeadlineKind.on_demand):
        if due < today:
            return "overdue"
        if (due - today).days <= SOON_DAYS:
            return "soon"
    return "in_progress" if line.status == ReportStatus.in_progress else "not_started"


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
    return deadline_human(line.deadline_kind, effective_due(line, today), today)


def task_line_text(line: TaskLine, today: date, *, limit: int = 60) -> str:
    coordinating = " <i>(phối hợp)</i>" if line.link == "coordinating" else ""
    return (
        f"• <b>{esc(line.code)}</b> {esc(shorten(line.content, limit))} — "
        f"<i>{esc(human_deadline(line, today))}</i>{coordinating}"
    )


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


def task_button(line: TaskLine, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(f"{line.code} · {shorten(line.content, 40)}", callback_data=data)


def list_keyboard(
    ordered: Sequence[tuple[str, TaskLine]], page: int, per_page: int = PAGE_SIZE
) -> InlineKeyboardMarkup | None:
    if not ordered:
        return None
    page = clamp_page(page, len(ordered), per_page)
    pages = page_count(len(ordered), per_page)
    chunk = ordered[page * per_page : (page + 1) * per_page]
    rows = [[task_button(line, f"t:c:{line.id}:{page}")] for _group, line in chunk]
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(InlineKeyboardButton("◀", callback_data=f"t:p:{page - 1}"))
        nav.append(InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=f"t:p:{page}"))
        if page < pages - 1:
            nav.append(InlineKeyboardButton("▶", callback_data=f"t:p:{page + 1}"))
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def format_doc(doc_type: str, number: str | None, issued_on: date | None, text: str | None) -> str:
    if not number and not issued_on and text:
        return text
    return format_reference(DocRef(doc_type=doc_type, number=number, issued_on=issued_on, text=text or ""))


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
    head = f"• {date_vi(entry.reported_on)} — <b>{STATUS_LABELS.get(entry.status, esc(entry.status))}</b> — {who}"
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


def card_text(card: TaskCard, today: date, *, max_history: int = 10) -> str:
    line = card.line
    out = [f"<b>Nhiệm vụ {esc(line.code)}</b>", esc(line.content), ""]
    status = STATUS_LABELS.get(line.status or "", "Chưa có báo cáo")
    out.append(f"<b>Tình trạng:</b> {status}")
    if card.lead_agencies:
        out.append(f"<b>Chủ trì:</b> {esc('; '.join(card.lead_agencies))}")
    if card.coordinating_agencies:
        out.append(f"<b>Phối hợp:</b> {esc('; '.join(card.coordinating_agencies))}")
    written = line.deadline_text or "không ghi"
    out.append(f"<b>Thời hạn:</b> {esc(written)} ({esc(human_deadline(line, today))})")
    due = effective_due(line, today)
    if due is not None:
        out.append(f"<b>Hạn hiểu là:</b> {date_vi(due)}")
    if card.product:
        out.append(f"<b>Sản phẩm:</b> {esc(card.product)}")
    if card.targets:
        out.append("<b>Chỉ tiêu:</b>")
        out.extend(target_text(t, card.latest_kpi) for t in card.targets)
    out.append("")
    if card.history:
        out.append(f"<b>Lịch sử báo cáo</b> ({len(card.history)}):")
        out.extend(history_text(e) for e in card.history[:max_history])
        if len(card.history) > max_history:
            out.append(f"… và {len(card.history) - max_history} báo cáo cũ hơn")
    else:
        out.append("Chưa có báo cáo tiến độ.")
    return "\n".join(out)


def card_keyboard(card: TaskCard, back_page: int) -> InlineKeyboardMarkup:
    rows = []
    if card.can_report:
        rows.append([InlineKeyboardButton("Báo cáo tiến độ", callback_data=f"p:s:{card.line.id}")])
    rows.append([InlineKeyboardButton("Quay lại", callback_data=f"t:p:{back_page}")])
    return InlineKeyboardMarkup(rows)


def search_text(query: str, lines: Sequence[TaskLine], today: date) -> str:
    if not lines:
        return (
            f"Không tìm thấy nhiệm vụ nào khớp với «{esc(query)}».\n"
            "Thử gõ vài từ khác trong nội dung, hoặc mã nhiệm vụ (vd: II.3)."
        )
    out = [f"Kết quả tìm «{esc(query)}»:"]
    out.extend(task_line_text(line, today) for line in lines)
    return "\n".join(out)


def search_keyboard(lines: Sequence[TaskLine]) -> InlineKeyboardMarkup | None:
    if not lines:
        return None
    return InlineKeyboardMarkup([[task_button(line, f"t:c:{line.id}:0")] for line in lines])


def kpi_text(value: float) -> str:
    return f"{number_vi(value)}%"


# --- The progress conversation -------------------------------------------------------------------

GONE_TEXT = "Phiên báo cáo này không còn. Gõ /xong để bắt đầu báo cáo mới."
EXPIRED_TEXT = (
    "⏱ Phiên báo cáo đã kết thúc vì quá 15 phút không thao tác. Chưa có gì được lưu. Gõ /xong để báo cáo lại."
)
STRANGER_SHORT = "Bạn chưa được đăng ký sử dụng bot. Vui lòng liên hệ quản trị viên để nhận lời mời."


def short(text: str, limit: int) -> str:
    return shorten(text, limit)


def ref_to_dict(ref: DocRef) -> dict[str, Any]:
    """A parsed reference as a JSON-friendly dict for the draft."""
    return {
        "doc_type": ref.doc_type,
        "number": ref.number,
        "issued_on": ref.issued_on.isoformat() if ref.issued_on else None,
        "text": ref.text,
    }


def doc_line(doc: dict[str, Any]) -> str:
    return doc_from_dict(doc)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{number_vi(size / (1024 * 1024), 1)} MB"
    return f"{max(1, round(size / 1024))} KB"


def targets_text(targets: Sequence[dict[str, Any]]) -> str:
    return "\n".join(target_text(t, None) for t in targets)


def note_of(draft: dict[str, Any]) -> str | None:
    """Reason for "Chưa thực hiện" and an unparsed document text, kept together as the report's note."""
    parts = [str(draft[key]) for key in ("reason", "doc_note") if draft.get(key)]
    return "\n".join(parts) or None


def summary_text(draft: dict[str, Any]) -> str:
    out = [
        "<b>Xác nhận báo cáo</b>",
        f"Nhiệm vụ <b>{esc(draft.get('code', ''))}</b>: {esc(shorten(str(draft.get('content', '')), 200))}",
        f"Tình trạng: <b>{STATUS_LABELS.get(str(draft.get('status')), '?')}</b>",
    ]
    if draft.get("reason"):
        out.append(f"Lý do, khó khăn: {esc(draft['reason'])}")
    docs = draft.get("docs") or []
    if docs:
        out.append("Văn bản:")
        out.extend(f"📄 {esc(doc_from_dict(doc))}" for doc in docs)
    if draft.get("doc_note"):
        out.append(f"Ghi chú: {esc(draft['doc_note'])}")
    attachment = draft.get("attachment")
    if attachment:
        out.append(
            f"Tệp đính kèm: {esc(attachment.get('name', ''))} ({size_text(int(attachment.get('size') or 0))})"
        )
    if draft.get("kpi") is not None:
        value = float(draft["kpi"])
        line = f"Kết quả chỉ tiêu: {percent(value)}"
        minimums = [
            float(t["min_percent"])
            for t in draft.get("targets") or []
            if isinstance(t.get("min_percent"), int | float)
        ]
        if minimums:
            line += f" (chỉ tiêu {percent(minimums[0])} — {'đạt' if value >= minimums[0] else 'chưa đạt'})"
        out.append(line)
    out.append("\nBấm <b>Gửi</b> để lưu báo cáo.")
    return "\n".join(out)
