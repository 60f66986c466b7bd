"""How answers are written: headers that state the period and scope, task lines, pages, numbers.

Every status, rate label and document reference comes from plans/wording.py; numbers are written
the Vietnamese way (decimal comma "73,3%", thousands dot "1.236"), dates dd/mm/yyyy, and every
piece of user or document text is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from plans.periods import Period
from plans.status import TaskState
from plans.wording import RATE_LABEL, days_text, status_name
from reports.answers.result import Button
from storage.text import date_vi, number_vi, percent, shorten

T = TypeVar("T")
PAGE_SIZE = 10
EXAMPLES = [
    "tỷ lệ hoàn thành quý này?",
    "quý 3 đạt bao nhiêu phần trăm",
    "phòng văn hoá còn việc gì chưa làm?",
    "đơn vị nào chậm nhất?",
    "việc nào quá hạn?",
    "tháng này có việc gì đến hạn",
    "số hóa hồ sơ đến đâu rồi?",
    "các chỉ tiêu chưa đạt",
    "so sánh quý này với quý trước",
    "biểu đồ quý này",
]
NOT_UNDERSTOOD = (
    "Chưa hiểu câu hỏi về tiến độ. Có thể hỏi, ví dụ:\n"
    + "\n".join(f"• {html.escape(e, quote=False)}" for e in EXAMPLES)
    + "\nHoặc dùng lệnh: /tyle, /quahan, /donvi, /chitieu, /baocao (kèm kỳ, ví dụ: /tyle quý 3)."
)
TRACKED = (
    "Planbot theo dõi kế hoạch của {org}: nhiệm vụ và tình trạng thực hiện theo kỳ báo cáo, tỷ lệ "
    "hoàn thành, việc quá hạn và sắp đến hạn, văn bản đã ban hành, các chỉ tiêu và số liệu có trong "
    "báo cáo."
)


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def period_name(period: Period) -> str:
    """ "quý II/2023", "tháng 11/2025", "6 tháng đầu năm 2025" (inside a sentence)."""
    return period.label[:1].lower() + period.label[1:]


def header(period: Period | None, label: str) -> str:
    """The first line of every answer: the period and the scope it is for."""
    if period is None:
        return f"<b>Kế hoạch, {esc(label)}</b>:"
    return f"<b>{esc(period.title)}, {esc(label)}</b>:"


def no_data_text(period: Period, label: str, total: int) -> str:
    head = f"Chưa có số liệu báo cáo {esc(period_name(period))} ({esc(label)}): "
    if not total:  # a period before (or after) the plan: say so rather than "0 nhiệm vụ"
        return head + "kế hoạch không có nhiệm vụ nào trong kỳ này."
    return head + f"chưa có báo cáo nào cho kỳ này. Kế hoạch có {total} nhiệm vụ trong phạm vi này."


def rate_text(value: float | None) -> str:
    return percent(value) if value is not None else "—"


def value_text(value: float, unit: str) -> str:
    """ "1.236 hồ sơ", "90,2%", "62,38%"."""
    if unit == "%":
        return f"{number_vi(value)}%"
    whole = f"{round(value):,}".replace(",", ".") if value == int(value) else number_vi(value)
    return f"{whole} {unit}".strip()


def rate_line(active: int, total: int) -> str:
    value = 100.0 * active / total if total else None
    return f"Tỷ lệ hoàn thành ({RATE_LABEL}): <b>{rate_text(value)}</b> ({active}/{total} nhiệm vụ)"


def source_line(source: str | None) -> list[str]:
    return [f"Nguồn: {esc(source)}."] if source else []


def task_line(
    state: TaskState,
    *,
    with_status: bool = True,
    due: date | None = None,
    today: date | None = None,
    carried: bool = False,
) -> str:
    """ "• [II.5] Tự tổ chức kiểm tra … — Chưa thực hiện (Kế hoạch số 25/KH-UBND ngày 09/03/2023)".

    `carried`: the task has no report about the period asked, but keeps an earlier one's status (a
    one-off task done before): "— Chưa có báo cáo kỳ này; đã thực hiện theo báo cáo ngày 30/09/2025"."""
    task = state.task
    parts = [f"• [{esc(task.code)}] {esc(shorten(plain_content(task.content), 80))}"]
    if with_status and carried and state.report is not None:
        earlier = f"{status_name(state.status).lower()} theo báo cáo ngày {date_vi(state.report.reported_on)}"
        parts.append(f" — {esc(status_name('no_report'))} kỳ này; {esc(earlier)}")
    elif with_status:
        parts.append(f" — {esc(status_name(state.status))}")
    if due is not None:
        parts.append(f", hạn {date_vi(due)}")
    elif state.overdue and state.overdue_since is not None:
        parts.append(f", hạn {date_vi(state.overdue_since)}")
        if today is not None:
            parts.append(f" ({days_text((state.overdue_since - today).days)})")
    if state.report is not None and state.report.documents:
        shown = "; ".join(state.report.documents[:2])
        more = (
            f" và {len(state.report.documents) - 2} văn bản khác" if len(state.report.documents) > 2 else ""
        )
        parts.append(f" ({esc(shown)}{more})")
    return "".join(parts)


def plain_content(content: str) -> str:
    """A task's content without the list bullet it starts with ("- Số hóa hồ sơ" → "Số hóa hồ sơ")."""
    return re.sub(r"^\s*[-–+•*]\s*", "", content)


def page_of(items: Sequence[T], page: int) -> tuple[list[T], int, int]:
    """(the items of one page, the page shown, the number of pages): only they are written out."""
    pages = max(1, (len(items) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(page, 0), pages - 1)
    return list(items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]), page, pages


def page_buttons(page: int, pages: int) -> tuple[tuple[Button, ...], ...]:
    if pages <= 1:
        return ()
    row: list[Button] = []
    if page > 0:
        row.append(Button("‹ Trước", "page", str(page - 1)))
    row.append(Button(f"Trang {page + 1}/{pages}", "page", str(page)))
    if page < pages - 1:
        row.append(Button("Sau ›", "page", str(page + 1)))
    return (tuple(row),)


def offtopic_text(org: str, other_commune: bool) -> str:
    first = (
        f"Planbot chỉ trả lời về {esc(org)}, không có số liệu của xã/phường khác."
        if other_commune
        else "Câu hỏi này không thuộc những gì planbot theo dõi, nên không có số liệu để trả lời."
    )
    return first + "\n" + esc(TRACKED.format(org=org or "xã/phường"))
