"""Per-intent renderers of statistics answers: short Vietnamese HTML and chart data for a Scope."""

from __future__ import annotations

from datetime import date

from rapidfuzz import fuzz

from plans import status as S
from reports.answers.scope import Scope, esc, scope_statuses
from reports.outputs.charts import ChartData
from storage.facts import TaskFacts
from storage.text import fold, number_vi, percent, shorten

MAX_LIST = 20


def _head(scope: Scope) -> list[str]:
    lines = [scope.header + ":"]
    if scope.note:
        lines.append(f"<i>{esc(scope.note)}</i>")
    return lines


def _rate(value: float | None) -> str:
    return percent(value) if value is not None else "—"


def completion_text(scope: Scope) -> str:
    statuses = scope_statuses(scope)
    c = S.count(statuses)
    lines = _head(scope)
    if c.total == 0:
        lines.append("Chưa có nhiệm vụ nào trong kế hoạch cho phạm vi này.")
        return "\n".join(lines)
    lines += [
        f"Tỷ lệ hoàn thành: <b>{_rate(c.completion_rate)}</b> "
        f"({c.done_or_in_progress}/{c.total} nhiệm vụ đã và đang thực hiện)",
        f"• Tổng số nhiệm vụ: {c.total}",
        f"• Đã thực hiện: {c.done}",
        f"• Đang thực hiện: {c.in_progress}",
        f"• Chưa thực hiện: {c.not_done}",
        f"• Quá hạn: {c.overdue}",
    ]
    if c.on_demand:
        lines.append(f"• Thực hiện khi có yêu cầu: {c.on_demand}")
    lines.append(f"Tỷ lệ đã thực hiện xong: {_rate(c.done_rate)} ({c.done}/{c.total}).")
    return "\n".join(lines)


def _agency_rows(scope: Scope) -> list[S.AgencyCounts]:
    statuses = scope_statuses(scope)
    return S.by_agency(statuses)


def by_agency_text(scope: Scope) -> str:
    rows = _agency_rows(scope)
    lines = _head(scope)
    if not rows:
        lines.append("Chưa có nhiệm vụ nào có cơ quan chủ trì trong phạm vi này.")
        return "\n".join(lines)
    lines.append("Tỷ lệ hoàn thành theo cơ quan chủ trì (thấp nhất trước):")
    for i, row in enumerate(rows[:MAX_LIST], 1):
        c = row.counts
        extra = f", quá hạn {c.overdue}" if c.overdue else ""
        lines.append(
            f"{i}. {esc(scope.names.get(row.agency_id, '?'))}: <b>{_rate(c.completion_rate)}</b> "
            f"({c.done_or_in_progress}/{c.total}{extra})"
        )
    if len(rows) > MAX_LIST:
        lines.append(f"… và {len(rows) - MAX_LIST} đơn vị khác.")
    return "\n".join(lines)


def slowest_text(scope: Scope) -> str:
    rows = _agency_rows(scope)
    lines = _head(scope)
    if not rows:
        lines.append("Chưa có nhiệm vụ nào có cơ quan chủ trì trong phạm vi này.")
        return "\n".join(lines)
    worst = rows[0]
    c = worst.counts
    lines.append(
        f"Đơn vị chậm nhất: <b>{esc(scope.names.get(worst.agency_id, '?'))}</b> — "
        f"{_rate(c.completion_rate)} ({c.done_or_in_progress}/{c.total} nhiệm vụ đã và đang thực hiện, "
        f"{c.not_done} chưa thực hiện, {c.overdue} quá hạn)."
    )
    if len(rows) > 1:
        lines.append("Tiếp theo:")
        for row in rows[1:3]:
            rc = row.counts
            lines.append(
                f"• {esc(scope.names.get(row.agency_id, '?'))}: {_rate(rc.completion_rate)} "
                f"({rc.done_or_in_progress}/{rc.total})"
            )
    return "\n".join(lines)


def _lead_names(task: TaskFacts, names: dict[int, str]) -> str:
    return ", ".join(sorted(names.get(a, "?") for a in task.lead_agency_ids))


def _task_line(task: TaskFacts, due: date | None, names: dict[int, str]) -> str:
    who = _lead_names(task, names)
    due_text = f" — hạn {due:%d/%m/%Y}" if due else ""
    who_text = f" ({esc(who)})" if who else ""
    return f"• [{esc(task.code)}] {esc(shorten(task.content, 80))}{due_text}{who_text}"


def overdue_text(scope: Scope) -> str:
    statuses = scope_statuses(scope)
    items = S.overdue_list(statuses)
    lines = _head(scope)
    if not items:
        lines.append("Không có nhiệm vụ nào quá hạn.")
        return "\n".join(lines)
    lines.append(f"Có <b>{len(items)}</b> nhiệm vụ quá hạn chưa thực hiện xong:")
    lines += [_task_line(s.task, s.task.due, scope.names) for s in items[:MAX_LIST]]
    if len(items) > MAX_LIST:
        lines.append(f"… và {len(items) - MAX_LIST} nhiệm vụ khác.")
    return "\n".join(lines)


def upcoming_text(scope: Scope) -> str:
    statuses = scope_statuses(scope)
    start = max(scope.period.start, scope.today)
    items = S.upcoming_list(statuses, start, scope.period.end) if start <= scope.period.end else []
    lines = _head(scope)
    if not items:
        lines.append("Không có nhiệm vụ nào đến hạn trong kỳ này.")
        return "\n".join(lines)
    lines.append(f"Có <b>{len(items)}</b> nhiệm vụ đến hạn, chưa thực hiện xong:")
    lines += [_task_line(s.task, due, scope.names) for s, due in items[:MAX_LIST]]
    if len(items) > MAX_LIST:
        lines.append(f"… và {len(items) - MAX_LIST} nhiệm vụ khác.")
    return "\n".join(lines)


def _target_line(t: S.TargetStatus) -> str:
    goal = f"mục tiêu {number_vi(t.min_percent)}%"
    if t.value is None:
        return f"• {esc(t.metric)}: chưa có số liệu / {goal}"
    verdict = "đạt" if t.met else "chưa đạt"
    return f"• {esc(t.metric)}: {number_vi(t.value)}% / {goal} — {verdict}"


def targets_text(scope: Scope, *, metric: str | None = None, unmet_only: bool = False) -> str:
    items = S.target_statuses(scope.tasks, scope.reports, scope.period, scope.today)
    lines = _head(scope)
    if not items:
        lines.append("Kế hoạch chưa có chỉ tiêu (tỷ lệ %) nào trong phạm vi này.")
        return "\n".join(lines)
    if metric:
        matched = [
            t for t in items if fuzz.token_set_ratio(metric, fold(t.metric + " " + t.task.content)) >= 80
        ]
        if matched:
            items = matched
        else:
            lines.append(f"<i>Không thấy chỉ tiêu “{esc(metric)}”; các chỉ tiêu hiện có:</i>")
    if unmet_only:
        unmet = [t for t in items if t.met is not True]
        if not unmet:
            lines.append(f"Tất cả {len(items)} chỉ tiêu đều đạt.")
            return "\n".join(lines)
        lines.append(f"Có <b>{len(unmet)}</b>/{len(items)} chỉ tiêu chưa đạt hoặc chưa có số liệu:")
        items = unmet
    lines += [_target_line(t) for t in items[:MAX_LIST]]
    return "\n".join(lines)


def chart_data(scope: Scope) -> ChartData:
    statuses = scope_statuses(scope)
    rows = S.by_agency(statuses)
    counts = S.count(statuses)
    return ChartData(
        title=f"{scope.period.title}, {scope.label}",
        agencies=[
            (scope.names.get(r.agency_id, "?"), r.counts.completion_rate or 0.0, r.counts.total) for r in rows
        ],
        done=counts.done,
        in_progress=counts.in_progress,
        not_done=counts.not_done,
        overdue=counts.overdue,
    )
