"""Per-intent renderers of statistics answers: short Vietnamese HTML and chart data for a Scope."""

from __future__ import annotations

from datetime import date

from rapidfuzz import fuzz

from plans import status as S
from plans.periods import Period
from plans.wording import RATE_LABEL, STATUS_NAMES
from reports import statistics as ST
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


def period_name(period: Period) -> str:
    """ "quý II/2023", "tháng 11/2025", "6 tháng đầu năm 2025" (inside a sentence)."""
    return period.label[:1].lower() + period.label[1:]


def no_data_text(scope: Scope, total: int) -> str:
    return (
        f"Chưa có số liệu báo cáo {esc(period_name(scope.period))} ({esc(scope.label)}): chưa có báo cáo "
        f"nào cho kỳ này. Kế hoạch có {total} nhiệm vụ trong phạm vi này."
    )


def breakdown_lines(c: S.Counts) -> list[str]:
    """The counts of a scope, one line per status; the lines add up to the total."""
    lines = [
        f"• {STATUS_NAMES[S.DONE]}: {c.done}",
        f"• {STATUS_NAMES[S.IN_PROGRESS]}: {c.in_progress}",
        f"• {STATUS_NAMES[S.NOT_DONE]}: {c.not_done}",
    ]
    if c.no_report:
        lines.append(f"• {STATUS_NAMES[S.NO_REPORT]}: {c.no_report}")
    total = f"Tổng số nhiệm vụ: {c.total}"
    if c.on_demand:
        total += f" (trong đó {c.on_demand} nhiệm vụ thực hiện khi có phát sinh)"
    return [*lines, total]


def completion_text(scope: Scope) -> str:
    statuses = scope_statuses(scope)
    c = S.count(statuses, scope.today)
    lines = _head(scope)
    if c.total == 0:
        lines.append("Chưa có nhiệm vụ nào trong kế hoạch cho phạm vi này.")
        return "\n".join(lines)
    if not c.has_data:
        return no_data_text(scope, c.total)
    lines.append(
        f"Tỷ lệ hoàn thành ({RATE_LABEL}): <b>{_rate(c.completion_rate)}</b> ({c.active}/{c.total} nhiệm vụ)"
    )
    lines += breakdown_lines(c)
    lines.append(f"Quá hạn: {c.overdue}")
    if c.due:
        lines.append(
            f"Tỷ lệ hoàn thành đúng hạn: {_rate(c.on_time_rate)} "
            f"({c.on_time}/{c.due} nhiệm vụ có thời hạn đã đến hạn)"
        )
    return "\n".join(lines)


def _agency_rows(scope: Scope) -> list[ST.AgencyCounts]:
    statuses = scope_statuses(scope)
    return ST.by_agency(statuses, scope.today)


def _no_data(scope: Scope) -> str | None:
    """The "no figures yet" answer when nothing was reported about the scope's period."""
    c = S.count(scope_statuses(scope), scope.today)
    return no_data_text(scope, c.total) if c.total and not c.has_data else None


def by_agency_text(scope: Scope) -> str:
    rows = _agency_rows(scope)
    lines = _head(scope)
    if (empty := _no_data(scope)) is not None:
        return empty
    if not rows:
        lines.append("Chưa có nhiệm vụ nào có cơ quan chủ trì trong phạm vi này.")
        return "\n".join(lines)
    lines.append("Tỷ lệ hoàn thành theo cơ quan chủ trì (thấp nhất trước):")
    for i, row in enumerate(rows[:MAX_LIST], 1):
        c = row.counts
        extra = f", quá hạn {c.overdue}" if c.overdue else ""
        lines.append(
            f"{i}. {esc(scope.names.get(row.agency_id, '?'))}: <b>{_rate(c.completion_rate)}</b> "
            f"({c.active}/{c.total}{extra})"
        )
    if len(rows) > MAX_LIST:
        lines.append(f"… và {len(rows) - MAX_LIST} đơn vị khác.")
    return "\n".join(lines)


def slowest_text(scope: Scope) -> str:
    rows = _agency_rows(scope)
    lines = _head(scope)
    if (empty := _no_data(scope)) is not None:
        return empty
    if not rows:
        lines.append("Chưa có nhiệm vụ nào có cơ quan chủ trì trong phạm vi này.")
        return "\n".join(lines)
    worst = rows[0]
    c = worst.counts
    lines.append(
        f"Đơn vị chậm nhất: <b>{esc(scope.names.get(worst.agency_id, '?'))}</b> — "
        f"{_rate(c.completion_rate)} ({c.active}/{c.total} nhiệm vụ {RATE_LABEL}, "
        f"{c.not_done} chưa thực hiện, {c.overdue} quá hạn)."
    )
    if len(rows) > 1:
        lines.append("Tiếp theo:")
        for row in rows[1:3]:
            rc = row.counts
            lines.append(
                f"• {esc(scope.names.get(row.agency_id, '?'))}: {_rate(rc.completion_rate)} "
                f"({rc.active}/{rc.total})"
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
    items = ST.overdue_list(statuses)
    lines = _head(scope)
    if not items:
        lines.append("Không có nhiệm vụ nào quá hạn.")
        return "\n".join(lines)
    lines.append(f"Có <b>{len(items)}</b> nhiệm vụ quá hạn chưa thực hiện xong:")
    lines += [_task_line(s.task, s.overdue_since, scope.names) for s in items[:MAX_LIST]]
    if len(items) > MAX_LIST:
        lines.append(f"… và {len(items) - MAX_LIST} nhiệm vụ khác.")
    return "\n".join(lines)


def upcoming_text(scope: Scope) -> str:
    statuses = scope_statuses(scope)
    start = max(scope.period.start, scope.today)
    items = ST.upcoming_list(statuses, start, scope.period.end) if start <= scope.period.end else []
    lines = _head(scope)
    if not items:
        lines.append("Không có nhiệm vụ nào đến hạn trong kỳ này.")
        return "\n".join(lines)
    lines.append(f"Có <b>{len(items)}</b> nhiệm vụ đến hạn, chưa thực hiện xong:")
    lines += [_task_line(s.task, due, scope.names) for s, due in items[:MAX_LIST]]
    if len(items) > MAX_LIST:
        lines.append(f"… và {len(items) - MAX_LIST} nhiệm vụ khác.")
    return "\n".join(lines)


def _target_line(t: ST.TargetStatus) -> str:
    goal = f"mục tiêu {number_vi(t.min_percent)}%"
    if t.value is None:
        return f"• {esc(t.metric)}: chưa có số liệu / {goal}"
    verdict = "đạt" if t.met else "chưa đạt"
    return f"• {esc(t.metric)}: {number_vi(t.value)}% / {goal} — {verdict}"


def targets_text(scope: Scope, *, metric: str | None = None, unmet_only: bool = False) -> str:
    items = ST.target_statuses(scope.tasks, scope.reports, min(scope.period.end, scope.today))
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
    rows = ST.by_agency(statuses, scope.today)
    counts = S.count(statuses, scope.today)
    return ChartData(
        title=f"{scope.period.title}, {scope.label}",
        agencies=[
            (scope.names.get(r.agency_id, "?"), r.counts.completion_rate or 0.0, r.counts.total) for r in rows
        ],
        done=counts.done,
        in_progress=counts.in_progress,
        not_done=counts.not_done + counts.no_report,
        overdue=counts.overdue,
    )
