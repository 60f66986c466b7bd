"""Answers about measured figures (KPI indicators): a figure's latest value in the period, against
the target the plan (or the report) sets for that very indicator — met, not met, "chưa có số
liệu" (no value) or no target at all — and comparisons or rankings of figures.

Values come from IndicatorValue rows (task results and narrative reports, plans/indicators.py)
and from the KPI values officials send with a progress report (the task's own first target).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from plans import indicators as K
from plans.parsing.references import parse_references
from plans.periods import Period
from plans.status import report_period
from reports.answers.context import Asked
from reports.answers.result import Answer, IndicatorLine, Row
from reports.answers.words import esc, header, no_data_text, period_name, source_line, value_text
from storage.facts import TaskFacts
from storage.text import date_vi, number_vi

MAX_LINES = 20  # indicators written out (every one is in the structured answer)
STATE_WORDS = {
    "met": "đạt",
    "not_met": "chưa đạt",
    "no_data": "chưa có số liệu",
    "no_target": "không có chỉ tiêu",
}


@dataclass(frozen=True)
class Value:
    key: str
    label: str
    value: float
    unit: str
    start: date
    end: date
    task_id: int | None
    source: str
    text: str


def goals_of(asked: Asked) -> dict[int, list[K.Goal]]:
    """Every task's targets by indicator, worked out once per snapshot (they depend on the tasks only)."""
    found: dict[int, list[K.Goal]] | None = asked.facts.derived.get("task_goals")
    if found is None:
        found = {t.id: goals for t in asked.facts.tasks if t.targets and (goals := K.task_goals(t))}
        asked.facts.derived["task_goals"] = found
    return found


def measured(asked: Asked, period: Period) -> list[Value]:
    """The values about a period, oldest first: stored figures (a task's only when the task is in
    the scope: an official sees their agency's), then for each task with a target the KPI value of
    its latest progress report about the period (when no stored figure covers it)."""
    key = ("measured", period.start, period.end)
    if key in asked.cache:
        return asked.cache[key]  # type: ignore[no-any-return]
    scope = {t.id for t in asked.tasks(period)}
    rows = [
        r for r in asked.figures
        if not r.key.startswith(K.TARGET_PREFIX) and r.key != K.REPORT_KEY
        and r.period_start <= period.end and r.period_end >= period.start
        and (r.task_id is None or r.task_id in scope)
    ]  # fmt: skip
    out = [Value(r.key, r.label, r.value, r.unit, r.period_start, r.period_end, r.task_id, r.source, r.text or "")
           for r in rows]  # fmt: skip
    stored = {r.task_id for r in rows if r.task_id is not None}
    for task_id, goals in goals_of(asked).items():
        if task_id in stored or task_id not in scope:
            continue
        for report in asked.facts.reports.get(task_id, ()):  # newest first
            start, end = report_period(report)
            if report.kpi_value is None or report.reported_on > asked.today:
                continue
            if start <= period.end and end >= period.start:
                out.append(
                    Value(goals[0].key, goals[0].label, report.kpi_value, "%", start, end, task_id, "", "")
                )
                break
    asked.cache[key] = found = sorted(out, key=lambda v: (v.end, v.start))
    return found


def _about(values: Iterable[Value], period: Period) -> list[Value]:
    return [v for v in values if v.start <= period.end and v.end >= period.start]


def _goals(asked: Asked, period: Period) -> list[K.Goal]:
    """The targets of the tasks the period counts, then the targets the reports set."""
    key = ("goals", period.start, period.end)
    if key not in asked.cache:
        asked.cache[key] = _period_goals(asked, period)
    return asked.cache[key]  # type: ignore[no-any-return]


def _period_goals(asked: Asked, period: Period) -> list[K.Goal]:
    every = goals_of(asked)
    goals = [g for t in asked.tasks(period) for g in every.get(t.id, ())]
    for r in asked.figures:
        if r.key.startswith(K.TARGET_PREFIX):
            key = r.key[len(K.TARGET_PREFIX) :]
            goals.append(K.Goal(key, r.label, r.value))
    return goals


def _latest(values: Sequence[Value], key: str, task_id: int | None = None) -> Value | None:
    found = [v for v in values if v.key == key and (task_id is None or v.task_id == task_id)]
    return found[-1] if found else None


def _state(value: Value | None, goal: K.Goal | None) -> str:
    if value is None:
        return "no_data"
    if goal is None:
        return "no_target"
    return "met" if value.value >= goal.minimum else "not_met"


def _line(
    asked: Asked,
    key: str,
    value: Value | None,
    goal: K.Goal | None,
    tasks: dict[int, TaskFacts] | None = None,
) -> IndicatorLine:
    tasks = tasks if tasks is not None else asked.facts.task_by_id
    task_id = (
        value.task_id if value is not None and value.task_id is not None else (goal.task_id if goal else None)
    )
    label = (
        goal.label
        if goal is not None and goal.task_id is not None
        else (value.label if value else K.label_of(key))
    )
    return IndicatorLine(key, label, value.value if value else None, value.unit if value else K.unit_of(key),
                         _state(value, goal), goal.minimum if goal else None, value.end if value else None,
                         tasks[task_id].code if task_id in tasks else None, value.source if value else None)  # fmt: skip


def _for_key(
    asked: Asked, values: Sequence[Value], goals: Sequence[K.Goal], key: str
) -> IndicatorLine | None:
    goal = next((g for g in goals if g.key == key), None)
    value = _latest(values, key, goal.task_id if goal and goal.task_id else None) or _latest(values, key)
    if value is None:  # a general indicator answered by the more precise ones it covers
        value = next((v for v in reversed(values) if v.key.startswith(key + "_")), None)
    if value is None and goal is None:
        return None
    return _line(asked, value.key if value and value.key != key else key, value, goal)


def _text_line(line: IndicatorLine) -> str:
    """ "• Số hóa hồ sơ: 99,84% / mục tiêu 100% — chưa đạt (III.4.1, số liệu đến 30/09/2025)"."""
    goal = f" / mục tiêu {number_vi(line.minimum)}%" if line.minimum is not None else ""
    if line.value is None:
        return f"• {esc(line.label)}: chưa có số liệu{goal}"
    verdict = f" — {STATE_WORDS[line.state]}" if line.state in ("met", "not_met") else ""
    notes = [esc(line.task_code)] if line.task_code else []
    if line.as_of:
        notes.append(f"số liệu đến {date_vi(line.as_of)}")
    tail = f" ({', '.join(notes)})" if notes else ""
    return f"• {esc(line.label)}: {esc(value_text(line.value, line.unit))}{goal}{verdict}{tail}"


def indicator(asked: Asked, period: Period) -> Answer:
    frame = asked.frame
    label = asked.view.label
    if not asked.has_reports(period):
        total = len(asked.tasks(period))
        text = (no_data_text(period, label, total) if total or not asked.figures else
                f"Chưa có số liệu báo cáo {esc(period_name(period))} ({esc(label)}): chưa có báo cáo nào cho kỳ này.")  # fmt: skip
        return Answer(text, "indicator", period, label, no_data=True, frame=frame)
    values = measured(asked, period)
    goals = _goals(asked, period)
    lines: list[IndicatorLine] = []
    if frame.metrics:
        for key in frame.metrics:
            found = _for_key(asked, values, goals, key) or _other_family(asked, values, goals, key)
            if found is not None:
                lines.append(found)
    elif frame.threshold is not None:
        lines = _below(asked, values, goals, frame.threshold)
    else:
        every = _every_goal(asked, values, goals, period)
        if not goals and not frame.unmet:  # no targets: the figures the reports wrote still count
            every = _measured_only(asked, values)
        lines = [line for line in every if line.state == "not_met"] if frame.unmet else every
    return _indicator_answer(asked, period, lines, values, targets=bool(goals))


def _measured_only(asked: Asked, values: Sequence[Value]) -> list[IndicatorLine]:
    """The latest value of each measured indicator (of each task), for a plan without targets."""
    latest: dict[tuple[str, int | None], Value] = {}
    for v in values:  # oldest first: the last one written wins
        latest[(v.key, v.task_id)] = v
    return [_line(asked, key, v, None) for (key, _), v in latest.items()]


def _other_family(
    asked: Asked, values: Sequence[Value], goals: Sequence[K.Goal], key: str
) -> IndicatorLine | None:
    kind = K.BY_KEY.get(key)
    if kind is None:
        return None
    other = kind.rate if kind.family == K.COUNT else next((k.key for k in K.KINDS if k.rate == key), None)
    return _for_key(asked, values, goals, other) if other else None


def _every_goal(
    asked: Asked, values: Sequence[Value], goals: Sequence[K.Goal], period: Period | None = None
) -> list[IndicatorLine]:
    """Every target with the latest value for it (of its task, or of the report for a report's own);
    with `period`, the one answer's lines for the period's own values and targets, worked out once."""
    key = ("every", period.start, period.end) if period is not None else None
    if key is not None and key in asked.cache:
        return asked.cache[key]  # type: ignore[no-any-return]
    lines = _goal_lines(asked, values, goals)
    if key is not None:
        asked.cache[key] = lines
    return lines


def _goal_lines(asked: Asked, values: Sequence[Value], goals: Sequence[K.Goal]) -> list[IndicatorLine]:
    latest: dict[tuple[str, int | None], Value] = {}
    for v in values:  # oldest first: the last one written wins
        latest[(v.key, v.task_id)] = v
        latest[(v.key, None)] = v
    lines: list[IndicatorLine] = []
    seen: set[tuple[str, int | None]] = set()
    tasks = asked.facts.task_by_id
    for goal in goals:
        if (goal.key, goal.task_id) in seen:
            continue
        seen.add((goal.key, goal.task_id))
        lines.append(_line(asked, goal.key, latest.get((goal.key, goal.task_id)), goal, tasks))
    return lines


def _rates(asked: Asked, values: Sequence[Value], goals: Sequence[K.Goal]) -> list[IndicatorLine]:
    """The latest value of every rate of the period, one per indicator."""
    latest: dict[str, Value] = {}
    for v in values:
        if v.unit == "%":
            latest[v.key] = v
    out = []
    for key, value in latest.items():
        goal = next(
            (g for g in goals if g.key == key and (g.task_id is None or g.task_id == value.task_id)), None
        )
        out.append(_line(asked, key, value, goal))
    return out


def _below(
    asked: Asked, values: Sequence[Value], goals: Sequence[K.Goal], threshold: float
) -> list[IndicatorLine]:
    lines = [
        line for line in _rates(asked, values, goals) if line.value is not None and line.value < threshold
    ]
    return sorted(lines, key=lambda line: line.value or 0.0)


def _indicator_answer(
    asked: Asked, period: Period, lines: list[IndicatorLine], values: Sequence[Value], targets: bool = True
) -> Answer:
    frame = asked.frame
    first = lines[0] if lines else None
    source = (first.source if first and first.source else None) or asked.source(period)
    docs: list[str] = []
    value = next(
        (v for v in reversed(values) if first and v.key == first.key and v.value == first.value), None
    )
    if value is not None:
        docs = [
            d.number for d in parse_references(value.text) if d.number and re.search(r"/[A-ZĐ]", d.number)
        ]
    text = [header(period, asked.view.label)]
    if not lines and not targets and frame.unmet:  # nothing to judge against: say so, not "all met"
        text.append("Kế hoạch chưa có chỉ tiêu (mục tiêu tỷ lệ %) nào trong phạm vi này.")
    elif not lines:
        text.append(
            "Không có chỉ tiêu nào chưa đạt." if frame.unmet else "Báo cáo của kỳ này không có số liệu đó."
        )
    elif frame.unmet or frame.threshold is not None:
        text.append(
            f"Có <b>{len(lines)}</b> chỉ tiêu/chỉ số {'chưa đạt' if frame.unmet and frame.threshold is None else 'dưới ' + number_vi(frame.threshold or 0) + '%'}:"
        )
    text += [_text_line(line) for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        text.append(f"… và {len(lines) - MAX_LINES} chỉ tiêu khác.")
    if frame.unmet and frame.threshold is None and targets:
        every = _every_goal(asked, values, _goals(asked, period), period)
        empty = sum(1 for line in every if line.state == "no_data")
        met = sum(1 for line in every if line.state == "met")
        text.append(f"Đạt: {met} chỉ tiêu; chưa có số liệu: {empty} chỉ tiêu.")
    text += [f"Văn bản: {esc(d)}" for d in docs] + source_line(source)
    codes = tuple(dict.fromkeys(line.task_code for line in lines if line.task_code))
    return Answer("\n".join(text), "indicator", period, asked.view.label, indicators=tuple(lines), codes=codes,
                  value=(first.value, first.unit) if first and first.value is not None else None, docs=tuple(docs),
                  source=source, frame=frame)  # fmt: skip


# ---------------------------------------------------------------- comparisons and rankings of figures


def _row(values: Sequence[Value], key: str) -> Row | None:
    value = _latest(values, key)
    if value is None:
        return None
    kind = K.BY_KEY.get(key)
    parent = _latest(values, kind.parent) if kind and kind.parent else None
    return Row(
        kind.label if kind else value.label, value.value, parent.value if parent else 0.0, f"indicator:{key}"
    )


def compare_figures(asked: Asked, period: Period) -> Answer:
    frame = asked.frame
    if not asked.has_reports(period):
        return indicator(asked, period)
    values = measured(asked, period)
    if frame.ask == "rank" and not frame.metrics:
        lines = _rates(asked, values, _goals(asked, period))
        low = [line for line in lines if line.value is not None and line.value < 100] or lines
        ordered = sorted(low, key=lambda line: line.value or 0.0, reverse=frame.order in ("best", "most"))
        answer = _indicator_answer(asked, period, ordered, values)
        answer.kind = "rank"
        answer.first = ordered[0].label if ordered else None
        return answer
    keys = list(frame.metrics)
    if frame.ask == "rank":  # "theo hình thức nào nhiều nhất": the parts of the total named
        parent = keys[0] if keys else None
        parts = [k.key for k in K.KINDS if k.parent == parent and k.group in ("kenh", "dvc", None)]
        keys = [k for k in parts if K.BY_KEY[k].group == (K.BY_KEY[parts[0]].group if parts else None)]
    rows = [row for row in (_row(values, key) for key in keys) if row is not None]
    if frame.ask == "rank":
        rows.sort(key=lambda row: row.numerator, reverse=frame.order != "least")
    source = asked.source(period)
    answer = Answer("", frame.ask, period, asked.view.label, rows=tuple(rows), measure="value",
                    first=rows[0].label if rows and frame.ask == "rank" else None, source=source, frame=frame)  # fmt: skip
    text = [header(period, asked.view.label)]
    for row in rows:
        kind = K.BY_KEY.get(row.key.split(":", 1)[-1])
        unit = kind.unit if kind else ""
        total = f" / {value_text(row.denominator, unit)}" if row.denominator else ""
        text.append(f"• {esc(row.label)}: <b>{esc(value_text(row.numerator, unit))}</b>{esc(total)}")
    if not rows:
        text.append("Báo cáo của kỳ này không có các số liệu đó.")
    answer.text = "\n".join(text + source_line(source))
    return answer
