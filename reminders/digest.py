"""Rendering of the digests: pure, Vietnamese, HTML-escaped, ≤ 4096 characters. The weekly one is
here with what both share; the compact daily one is in reminders/digest_daily.py.

Buttons are plain data: a text and an action on a task ("card" opens its card as a new message,
"report" starts a progress report, "done" the report with Đã thực hiện chosen, "period" the period
report, with task 0). The Telegram sender (bot/runtime/sender.py) turns them into
inline buttons through the handlers' callback registry; this module knows no callback format.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from plans.wording import DONE, RATE_LABEL, STATUS_NAMES
from reminders.due import Bucket, DueItem, WeeklySummary
from storage.text import date_vi, percent, shorten

MAX_TEXT = 4096
MAX_BUTTON_TASKS = 4
LEAD_CONTENT_CHARS = 70
COORD_CONTENT_CHARS = 40

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
FOOTER = "Cài đặt giờ nhắc hoặc tắt nhắc việc: /nhac"


@dataclass(frozen=True)
class Button:
    text: str
    action: str  # "card" | "report" | "done" | "period"
    task_id: int


@dataclass(frozen=True)
class Digest:
    official_id: int
    chat_id: int
    kind: str  # daily | weekly
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    items: tuple[DueItem, ...] = ()  # what the reminder log records


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def day_title(day: date) -> str:
    """ "Thứ Ba, 18/11/2025"."""
    return f"{WEEKDAYS[day.weekday()]}, {date_vi(day)}"


def deadline_phrase(item: DueItem) -> str:
    """The deadline in human terms, relative to the digest's day."""
    due = date_vi(item.occurrence)
    n = item.offset_days
    if item.bucket == Bucket.report:
        left = f"còn {n} ngày" if n > 0 else "hôm nay"
        return f"chưa có báo cáo {item.period_label or 'kỳ này'}, hạn báo cáo {due} ({left})"
    word = "hạn riêng" if item.personal else "hạn"  # the reader's personal due date
    if n < 0:
        text = f"{word} {due}, quá {-n} ngày"
    elif n == 0:
        text = f"{word} hôm nay {due}"
    elif n == 1:
        text = f"{word} ngày mai {due}"
    else:
        text = f"{word} {due}, còn {n} ngày"
    return f"{item.period_label}: {text}" if item.period_label else text


def item_line(item: DueItem, *, limit: int = LEAD_CONTENT_CHARS) -> str:
    content = shorten(item.task.content, limit)
    return f"• <b>{esc(item.task.code)}</b> {esc(content)} — <i>{esc(deadline_phrase(item))}</i>"


class _Builder:
    """Adds lines while the message stays under the limit; counts what did not fit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines: list[str] = []
        self.size = 0
        self.left_out = 0
        self.full = False

    def add(self, line: str, *, counted: bool = False, reserve: int = 60) -> None:
        if self.full:
            self.left_out += counted
            return
        extra = len(line) + 1
        if self.size + extra + reserve > self.limit:
            self.full = True
            self.left_out += counted
            return
        self.lines.append(line)
        self.size += extra

    def text(self, footer: str | None = None) -> str:
        lines = list(self.lines)
        if self.left_out:
            lines.append(f"… và {self.left_out} việc khác")
        if footer and self.size + len(footer) + 40 <= self.limit:
            lines.extend(["", footer])
        return "\n".join(lines)[: self.limit]


def task_buttons(
    items: Sequence[DueItem], max_tasks: int = MAX_BUTTON_TASKS
) -> tuple[tuple[Button, ...], ...]:
    rows: list[tuple[Button, ...]] = []
    seen: set[int] = set()
    for item in items:
        if item.task.id in seen:
            continue
        seen.add(item.task.id)
        code = item.task.code
        rows.append(
            (Button(f"📄 {code}", "card", item.task.id), Button(f"✍️ Báo cáo {code}", "report", item.task.id))
        )
        if len(rows) >= max_tasks:
            break
    return tuple(rows)


def render_weekly(
    summary: WeeklySummary,
    today: date,
    *,
    official_id: int,
    chat_id: int,
    organization_name: str,
    agency_names: Mapping[int, str],
    unreachable: Sequence[str] = (),
    limit: int = MAX_TEXT,
) -> Digest:
    """The leaders' Monday digest: completion this quarter, overdue by agency, due this week."""
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    builder = _Builder(limit)
    builder.add(f"📊 <b>Tổng hợp tuần {monday:%d/%m}–{date_vi(sunday)}</b>")
    builder.add(esc(organization_name))
    builder.add("")
    c = summary.counts
    if c.total and c.has_data:
        builder.add(
            f"Tỷ lệ hoàn thành {esc(summary.period.label)} đến nay ({RATE_LABEL}): "
            f"<b>{percent(c.completion_rate or 0.0)}</b> ({c.active}/{c.total} nhiệm vụ; "
            f"{c.done} {STATUS_NAMES[DONE].lower()})"
        )
    else:
        builder.add(f"Chưa có số liệu báo cáo {esc(summary.period.label)} ({c.total} nhiệm vụ).")
    builder.add("")
    if summary.overdue_by_agency:
        # a task led by several agencies counts once in the total, once under each of them
        builder.add(f"<b>⛔ Quá hạn: {summary.counts.overdue} nhiệm vụ</b>, theo đơn vị chủ trì:")
        for agency_id, count in summary.overdue_by_agency:
            name = agency_names.get(agency_id, f"Đơn vị #{agency_id}")
            builder.add(f"• {esc(name)}: {count}", counted=True)
    else:
        builder.add("✅ Không có nhiệm vụ quá hạn.")
    builder.add("")
    if summary.due_this_week:
        builder.add(f"<b>📅 Đến hạn trong tuần ({len(summary.due_this_week)})</b>")
        for item in summary.due_this_week:
            builder.add(item_line(item, limit=COORD_CONTENT_CHARS + 10), counted=True)
    else:
        builder.add("Tuần này không có nhiệm vụ đến hạn.")
    if unreachable:
        builder.add("")
        builder.add(f"<b>🚫 Cán bộ không nhận được tin nhắn ({len(unreachable)})</b>")
        for name in unreachable:
            builder.add(f"• {esc(name)}", counted=True)
    buttons = task_buttons(summary.due_this_week, max_tasks=3)
    return Digest(official_id, chat_id, "weekly", builder.text(), buttons, ())
