"""Comparisons and rankings of task figures: agency with agency, section with section, period with
period, status with status; rankings by rate ("chậm nhất": the lowest share done or in progress), by
count of a status ("nhiều việc chưa làm nhất") or by number of tasks ("nhiều việc nhất"). Ties keep
plan order; a period without reports is said to have none, never 0%."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from plans.periods import Period, period_code
from plans.status import TaskState
from plans.wording import STATUS_NAMES, status_name
from reports.answers.context import Asked, item_of, section_of
from reports.answers.result import Answer, Row
from reports.answers.tasks import keeps
from reports.answers.words import esc, header, no_data_text, period_name, rate_text, source_line
from storage.facts import TaskFacts

Group = tuple[str, str, list[TaskFacts]]  # key, label, tasks


def _groups(asked: Asked, tasks: Sequence[TaskFacts], dimension: str) -> list[Group]:
    """The members of a dimension in plan order, each with its tasks (an agency: those it leads,
    or coordinates when the question says so)."""
    frame = asked.frame
    names = asked.facts.context.agency_names
    key = (dimension, frame.role, tuple(t.id for t in tasks))
    cache: dict[object, list[Group]] = asked.facts.derived.setdefault("groups", {})
    if key not in cache:  # the members depend on the tasks only: once per snapshot and scope
        if len(cache) > 32:
            cache.clear()
        cache[key] = _members(tasks, dimension, frame.role, names)
    groups = cache[key]
    named = _named(asked, dimension)
    if named:
        known = {g[0]: g for g in groups}
        groups = [known.get(k, (k, label, [])) for k, label in named]
    return groups


def _members(tasks: Sequence[TaskFacts], dimension: str, role: str, names: Mapping[int, str]) -> list[Group]:
    out: dict[str, Group] = {}
    for task in tasks:  # in plan order (the snapshot's order)
        if dimension == "agency":
            ids = task.coordinating_agency_ids if role == "coordinating" else task.lead_agency_ids
            keys = [(f"agency:{a}", names.get(a, "?")) for a in sorted(ids)]
        elif dimension == "section":
            keys = [(f"section:{section_of(task)}", section_of(task))]
        else:
            keys = [(f"item:{item_of(task.code)}", item_of(task.code))]
        for key, label in keys:
            out.setdefault(key, (key, label, []))[2].append(task)
    return list(out.values())


def _named(asked: Asked, dimension: str) -> list[tuple[str, str]]:
    frame = asked.frame
    names = asked.facts.context.agency_names
    if dimension == "agency" and frame.agencies and (frame.ask == "compare" or len(frame.agencies) >= 2):
        return [(f"agency:{a}", names.get(a, "?")) for a in frame.agencies]
    if dimension in ("section", "item") and frame.sections:
        return [(f"{dimension}:{s}", s) for s in frame.sections]
    return []


def _measure(asked: Asked) -> str:
    frame = asked.frame
    if frame.ask == "rank" and frame.measure == "count":
        return "count" if frame.status else "tasks"
    return "rate"


def _row(group: Group, states: dict[int, TaskState], measure: str, status: str | None, total: int) -> Row:
    key, label, tasks = group
    chosen = [states[t.id] for t in tasks if t.id in states]
    if measure == "tasks":
        return Row(label, len(tasks), total, key)
    if status is not None:
        return Row(label, sum(1 for s in chosen if keeps(s, status)), len(chosen), key)
    return Row(label, sum(1 for s in chosen if s.active), len(chosen), key)


def _sort(rows: list[Row], order: str | None, measure: str) -> list[Row]:
    def value(row: Row) -> float:
        if measure in ("count", "tasks"):
            return row.numerator
        return row.rate if row.rate is not None else 101.0

    descending = order in ("best", "most") or (measure in ("count", "tasks") and order != "least")
    return sorted(rows, key=value, reverse=descending)  # sorted() is stable: ties keep plan order


def _tasks_for(asked: Asked, period: Period | None, dimension: str) -> list[TaskFacts]:
    """The tasks compared: the commune's (a leader) or those an official sees, for agency rows."""
    view = asked.view
    if dimension != "agency":
        return asked.tasks(period)
    if view.leader:
        return view.but(agency_id=None, agency_name=None).tasks(period)
    return view.but(role="any").tasks(period)


def compare_tasks(asked: Asked, period: Period | None) -> Answer:
    frame = asked.frame
    if frame.dimension == "period":
        return _periods(asked)
    if frame.dimension == "status" and period is not None:
        return _statuses(asked, period)
    dimension = frame.dimension if frame.dimension in ("agency", "section", "item") else "agency"
    measure = _measure(asked)
    tasks = _tasks_for(asked, period, dimension)
    if period is not None and measure != "tasks" and not asked.has_reports(period):
        text = no_data_text(period, asked.view.label, len(tasks))
        return _finish(Answer(text, frame.ask, period, asked.view.label, no_data=True, frame=frame), [])
    states = asked.states(period) if period is not None else {}
    rows = [_row(g, states, measure, frame.status, len(tasks)) for g in _groups(asked, tasks, dimension)]
    if frame.ask == "rank":
        rows = _sort(rows, frame.order, measure)
    source = asked.source(period) if period is not None and measure != "tasks" else None
    answer = Answer("", frame.ask, period, asked.view.label if dimension != "agency" else asked.view.whole,
                    rows=tuple(rows), first=rows[0].label if rows and frame.ask == "rank" else None,
                    measure=measure, status=frame.status, source=source, frame=frame)  # fmt: skip
    return _finish(answer, _lines(asked, answer, period, dimension, measure))


def _lines(asked: Asked, answer: Answer, period: Period | None, dimension: str, measure: str) -> list[str]:
    frame = asked.frame
    what = {"agency": "cơ quan chủ trì", "section": "mục", "item": "nội dung"}[dimension]
    if measure == "tasks":
        title = f"Số nhiệm vụ theo {what}:"
    elif measure == "count":
        title = f"Số nhiệm vụ {status_name(frame.status).lower()} theo {what}:"
    elif frame.status is not None:
        title = f"Tỷ lệ nhiệm vụ {status_name(frame.status).lower()} theo {what}:"
    else:
        title = f"Tỷ lệ hoàn thành (đã và đang thực hiện) theo {what}:"
    if frame.ask == "rank":
        title = title[:-1] + (
            " (cao nhất trước):"
            if frame.order in ("best", "most") or measure != "rate"
            else " (thấp nhất trước):"
        )
    lines = [header(period, answer.scope_label)]
    if answer.first and dimension == "agency" and measure == "rate" and frame.order == "worst":
        worst = answer.rows[0]
        lines.append(f"Đơn vị chậm nhất: <b>{esc(worst.label)}</b> — {rate_text(worst.rate)} "
                     f"({worst.numerator:.0f}/{worst.denominator:.0f} nhiệm vụ đã và đang thực hiện).")  # fmt: skip
    lines.append(title)
    for i, row in enumerate(answer.rows, 1):
        shown = rate_text(row.rate) if measure == "rate" else f"{row.numerator:.0f}"
        lines.append(f"{i}. {esc(row.label)}: <b>{shown}</b> ({row.numerator:.0f}/{row.denominator:.0f})")
    if not answer.rows:
        lines.append("Không có nhiệm vụ nào trong phạm vi này.")
    return lines + source_line(answer.source)


def _statuses(asked: Asked, period: Period) -> Answer:
    frame = asked.frame
    tasks = asked.tasks(period)
    if not asked.has_reports(period):
        return _finish(Answer(no_data_text(period, asked.view.label, len(tasks)), "compare", period,
                              asked.view.label, no_data=True, frame=frame), [])  # fmt: skip
    every = asked.states(period)
    states = [every[t.id] for t in tasks]
    rows = [Row(STATUS_NAMES.get(s, s), sum(1 for x in states if keeps(x, s)), len(states), f"status:{s}")
            for s in frame.statuses]  # fmt: skip
    source = asked.source(period)
    answer = Answer("", "compare", period, asked.view.label, rows=tuple(rows), measure="count", source=source,
                    frame=frame)  # fmt: skip
    lines = [header(period, asked.view.label)]
    lines += [f"• {esc(r.label)}: <b>{r.numerator:.0f}</b>/{r.denominator:.0f} nhiệm vụ" for r in rows]
    return _finish(answer, lines + source_line(source))


def _periods(asked: Asked) -> Answer:
    """Period with period: each period's rate; a period without reports is said to have none."""
    frame = asked.frame
    rows: list[Row] = []
    lines: list[str] = []
    for period in frame.periods:
        tasks = asked.tasks(period)
        if not asked.has_reports(period):
            lines.append(f"• {esc(period.title)}: chưa có số liệu báo cáo ({len(tasks)} nhiệm vụ).")
            continue
        every = asked.states(period)
        states = [every[t.id] for t in tasks]
        active = sum(1 for s in states if s.active)
        rows.append(Row(period.label, active, len(states), f"period:{period_code(period)}"))
        lines.append(
            f"• {esc(period.title)}: <b>{rate_text(rows[-1].rate)}</b> ({active}/{len(states)} nhiệm vụ)"
        )
    first = frame.periods[0]
    no_data = not asked.has_reports(first)
    head = f"<b>So sánh {esc(period_name(first))} với {', '.join(esc(period_name(p)) for p in frame.periods[1:])}, {esc(asked.view.label)}</b>:"
    answer = Answer("", "compare", first, asked.view.label, rows=tuple(rows), measure="rate", no_data=no_data,
                    source=asked.source(None) if rows else None, frame=frame)  # fmt: skip
    return _finish(answer, [head, *lines])


def _finish(answer: Answer, lines: list[str]) -> Answer:
    if lines:
        answer.text = "\n".join(lines)
    return answer
