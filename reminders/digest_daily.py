"""The daily digest, compact for a phone: at most MAX_LINES lines, grouped by status with counts.

Each group shows a few tasks and then "… và K việc khác"; what a group's lines share (the report
period and its due day) is said once in the group's heading, never repeated per line. The details
are behind buttons: "✅ Xong" on the first tasks (the /xong flow with Đã thực hiện chosen), the
task's card, and one "📝 Báo cáo quý" (or tháng) that starts the period report when a period's
end or its reporting window is near.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reminders.digest import FOOTER, Button, Digest, day_title, deadline_phrase, esc
from reminders.due import Bucket, DueItem, OfficialDue
from storage.text import date_vi, shorten

MAX_LINES = 20
PER_GROUP = 8  # at most this many tasks under a heading (then "… và K việc khác"); MAX_LINES cuts further
FIRST_SHOWN = 3  # every group shows this many before another group gets more
MAX_DONE_BUTTONS = 3
CONTENT_CHARS = 48

HEADINGS = {
    Bucket.overdue: "⛔ Quá hạn",
    Bucket.today: "📌 Hôm nay",
    Bucket.upcoming: "⏳ Sắp đến hạn",
}


@dataclass(frozen=True)
class Group:
    heading: str
    lines: tuple[str, ...]
    more: int = 0  # tasks not listed


def _count(items: Sequence[DueItem]) -> int:
    return len({i.task.id for i in items})


def _unique(items: Sequence[DueItem]) -> list[DueItem]:
    seen: set[int] = set()
    out = []
    for item in items:
        if item.task.id not in seen:
            seen.add(item.task.id)
            out.append(item)
    return out


def _line(item: DueItem, phrase: str | None, mine: frozenset[int]) -> str:
    own = "👤 " if item.task.id in mine else ""  # assigned to the reader in person
    head = f"• {own}<b>{esc(item.task.code)}</b> {esc(shorten(item.task.content, CONTENT_CHARS))}"
    return f"{head} — <i>{esc(phrase)}</i>" if phrase else head


def _group(
    heading: str, items: Sequence[DueItem], *, phrases: bool, mine: frozenset[int] = frozenset()
) -> Group:
    unique = sorted(_unique(items), key=lambda i: i.task.id not in mine)  # the reader's own first
    shown = unique[:PER_GROUP]
    lines = tuple(_line(i, deadline_phrase(i) if phrases else None, mine) for i in shown)
    return Group(f"<b>{heading} ({len(unique)})</b>", lines, len(unique) - len(shown))


def _report_groups(items: Sequence[DueItem], mine: frozenset[int]) -> list[Group]:
    """Report items share their period and due day: said once, in the heading."""
    by_key: dict[tuple[str, object], list[DueItem]] = {}
    for item in items:
        by_key.setdefault((item.period_label or "kỳ này", item.occurrence), []).append(item)
    groups = []
    for (label, _due), group in by_key.items():
        first = group[0]
        left = f"còn {first.offset_days} ngày" if first.offset_days > 0 else "hôm nay"
        heading = f"📝 Cần báo cáo {label}"
        g = _group(heading, group, phrases=False, mine=mine)
        when = f"hạn báo cáo {date_vi(first.occurrence)} ({left})"
        groups.append(Group(f"{g.heading}: {esc(when)}", g.lines, g.more))
    return groups


def _fit(groups: list[Group], budget: int) -> list[str]:
    """The groups' lines within `budget` lines: every heading stays; each group first shows up to
    FIRST_SHOWN tasks, then the lines left over go to the groups in order (overdue first), and the
    tasks left out are counted in each group's "… và K việc khác"."""
    shown = [min(FIRST_SHOWN, len(g.lines)) for g in groups]

    def size() -> int:
        return sum(
            1 + n + (1 if n < len(g.lines) + g.more else 0) for g, n in zip(groups, shown, strict=True)
        )

    for index in range(len(groups) - 1, -1, -1):  # too many groups even so: cut from the last
        while size() > budget and shown[index]:
            shown[index] -= 1
    for index, group in enumerate(groups):
        while shown[index] < len(group.lines):
            shown[index] += 1
            if size() > budget:
                shown[index] -= 1
                break
    out: list[str] = []
    for g, n in zip(groups, shown, strict=True):
        out.append(g.heading)
        out.extend(g.lines[:n])
        more = len(g.lines) - n + g.more
        if more:
            out.append(f"… và {more} việc khác")
    return out[:budget]


def _period_button(items: Sequence[DueItem]) -> Button | None:
    label = next((i.period_label for i in items if i.bucket == Bucket.report and i.period_label), None)
    if label is None:
        return None
    unit = "quý" if label.startswith("Quý") else "tháng" if label.startswith("Tháng") else "kỳ"
    return Button(f"📝 Báo cáo {unit}", "period", 0)


def daily_buttons(items: Sequence[DueItem]) -> tuple[tuple[Button, ...], ...]:
    """ "✅ Xong" and the card for the first tasks that are not period reports, then the period report."""
    rows: list[tuple[Button, ...]] = []
    for item in _unique([i for i in items if i.bucket != Bucket.report])[:MAX_DONE_BUTTONS]:
        code = item.task.code
        rows.append(
            (Button(f"✅ Xong {code}", "done", item.task.id), Button(f"📄 {code}", "card", item.task.id))
        )
    period = _period_button(items)
    if period is not None:
        rows.append((period,))
    return tuple(rows)


def render_daily(
    due: OfficialDue | None,
    today: object,
    *,
    official_id: int,
    chat_id: int,
    unreachable: Sequence[str] = (),
    unassigned: Sequence[DueItem] = (),
) -> Digest | None:
    """One compact message for one official and day; None when there is nothing to say. An
    admin's also counts the officials the bot cannot reach and the tasks nobody is responsible for."""
    lead = due.lead if due else ()
    coord = due.coordinating if due else ()
    if not lead and not coord and not unreachable and not unassigned:
        return None
    top = [f"🔔 <b>Nhắc việc {day_title(today)}</b>"]  # type: ignore[arg-type]
    if lead:
        top.append(f"Đơn vị của anh/chị chủ trì {_count(lead)} việc cần chú ý:")
    mine = due.assigned if due else frozenset()
    groups: list[Group] = []
    for bucket, heading in HEADINGS.items():
        group = [i for i in lead if i.bucket == bucket]
        if group:
            groups.append(_group(heading, group, phrases=True, mine=mine))
    groups += _report_groups([i for i in lead if i.bucket == Bucket.report], mine)
    if coord:
        groups.append(_group("🤝 Phối hợp", coord, phrases=True))
    if unreachable:
        names = tuple(f"• {esc(name)}" for name in unreachable[:PER_GROUP])
        groups.append(
            Group(
                f"<b>🚫 Cán bộ không nhận được tin nhắn ({len(unreachable)})</b>",
                names,
                len(unreachable) - len(names),
            )
        )
    if unassigned:
        g = _group("👤 Chưa có người phụ trách", unassigned, phrases=False)
        groups.append(Group(g.heading + " — <i>đặt thành viên bằng /nhom</i>", g.lines, g.more))
    footer = ["", FOOTER]
    body = _fit(groups, MAX_LINES - len(top) - len(footer))
    text = "\n".join([*top, *body, *footer])
    return Digest(
        official_id, chat_id, "daily", text, daily_buttons(lead or coord), tuple(lead) + tuple(coord)
    )


__all__ = ["MAX_LINES", "daily_buttons", "render_daily"]
