"""Answers about tasks, all from the one status model (plans/status.py): the rate, counts, lists
(by status, timeliness, agency, section, topic), tasks without a report, tasks coming due, and one
task's state, deadline or lead."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from plans import indicators as K
from plans import status as S
from plans.periods import Period
from plans.search import SearchIndex, search_key
from plans.status import TaskState
from plans.tasks import search_index
from plans.wording import STATUS_NAMES, status_name
from reports import statistics as ST
from reports.answers.context import Asked, item_of, section_of
from reports.answers.result import Answer, Button
from reports.answers.words import (
    esc,
    header,
    no_data_text,
    page_buttons,
    page_of,
    plain_content,
    rate_line,
    source_line,
    task_line,
    value_text,
)
from storage.facts import TaskFacts
from storage.text import date_vi, percent, shorten

_ACTIVE = {"done_or_in_progress"}
_NEEDS_REPORTS = {"done", "in_progress", "not_done", "done_or_in_progress"}


def _states(asked: Asked, period: Period, tasks: Sequence[TaskFacts]) -> list[TaskState]:
    every = asked.states(period)
    return [every[t.id] for t in tasks if t.id in every]


def keeps(state: TaskState, status: str | None) -> bool:
    """Whether a task's state passes a status or timeliness filter."""
    if status is None:
        return True
    if status == "overdue":
        return state.overdue
    if status in _ACTIVE:
        return state.active
    return state.status == status


def _base(asked: Asked, period: Period | None, kind: str, **fields: object) -> Answer:
    view = asked.view
    return Answer(text="", kind=kind, period=period, scope_label=view.label, agency_id=view.agency_id,
                  agency_name=view.agency_name, frame=asked.frame, **fields)  # type: ignore[arg-type]  # fmt: skip


def _head(asked: Asked, period: Period | None) -> list[str]:
    lines = [header(period, asked.view.label)]
    if asked.view.note:
        lines.append(f"<i>{esc(asked.view.note)}</i>")
    return lines


# ---------------------------------------------------------------- topics


def _plan_words(asked: Asked) -> frozenset[str]:
    found: frozenset[str] | None = asked.facts.derived.get("plan_words")
    if found is None:
        found = frozenset(w for plan in asked.facts.context.plans for w in search_key(plan.title).split())
        asked.facts.derived["plan_words"] = found
    return found


def _holding(index: SearchIndex, word: str) -> set[int]:
    """The tasks holding a topic word: the word itself, (four letters or more) a word it starts,
    or (five letters or more) a close spelling of one ("tuyen truyn")."""
    found = set(index.postings.get(word, ()))
    if len(word) >= 4:
        start = bisect.bisect_left(index.vocabulary, word)
        for candidate in index.vocabulary[start:]:
            if not candidate.startswith(word):
                break
            found |= index.postings[candidate]
    if len(word) >= 5 and word not in index.postings:
        for candidate, _score, _ in process.extract(
            word, index.vocabulary, scorer=fuzz.ratio, score_cutoff=85, limit=3
        ):
            found |= index.postings[candidate]
    return found


def topic_tasks(asked: Asked, tasks: Sequence[TaskFacts], words: Sequence[str]) -> list[TaskFacts] | None:
    """The tasks a topic names, best first; None when the topic is the plan itself ("kế hoạch
    kiểm soát TTHC", "công tác bầu cử": its title's words, or words nearly every task has).

    Read off the search index (plans/search.py) of the snapshot: a task is kept when it holds every
    word of a short topic, all but one of a long one ("khai thác dữ liệu" is not "công khai dữ
    liệu"; short words "so", "ho" only whole: "số hóa hồ sơ" is not "rà soát … đơn giản hóa")."""
    if not words or not tasks:
        return None
    if set(words) <= _plan_words(asked) | {"ke", "hoach"}:
        return None
    key = (tuple(words), id(tasks))
    if key in asked.topics:
        return asked.topics[key]
    allowed = {t.id for t in tasks}
    index = search_index(asked.facts)
    covered: Counter[int] = Counter()
    for word in dict.fromkeys(words):
        covered.update(_holding(index, word) & allowed)
    floor = len(words) - (1 if len(words) >= 5 else 0)
    chosen = sorted(
        (t for t, n in covered.items() if n >= floor), key=lambda t: (-covered[t], index.positions[t])
    )
    found = None if len(chosen) >= max(3, 0.6 * len(tasks)) else [asked.facts.task_by_id[t] for t in chosen]
    asked.topics[key] = found  # nearly every task (None): the topic is what the whole plan is about
    return found


# ---------------------------------------------------------------- rate and counts


def rate(asked: Asked, period: Period) -> Answer:
    tasks = asked.tasks(period)
    counts = S.count(_states(asked, period, tasks), asked.today)
    lines = _head(asked, period)
    if counts.total == 0 and not asked.has_reports(period):
        return _done(_base(asked, period, "rate", no_data=True), [no_data_text(period, asked.view.label, 0)])
    if counts.total == 0:
        lines.append("Chưa có nhiệm vụ nào trong kế hoạch cho phạm vi này.")
        return _done(_base(asked, period, "rate", count=0), lines)
    if not asked.has_reports(period):
        return _done(
            _base(asked, period, "rate", no_data=True), [no_data_text(period, asked.view.label, counts.total)]
        )
    source = asked.source(period)
    lines.append(rate_line(counts.active, counts.total))
    if asked.frame.status == "done":  # "tỷ lệ đã xong": the share done, beside the commune's rate
        lines.append(f"Tỷ lệ đã thực hiện: <b>{percent(100.0 * counts.done / counts.total)}</b> "
                     f"({counts.done}/{counts.total} nhiệm vụ)")  # fmt: skip
    lines += [f"• {STATUS_NAMES[s]}: {n}" for s, n in
              ((S.DONE, counts.done), (S.IN_PROGRESS, counts.in_progress), (S.NOT_DONE, counts.not_done))]  # fmt: skip
    if counts.no_report:
        lines.append(f"• {STATUS_NAMES[S.NO_REPORT]}: {counts.no_report}")
    total = f"Tổng số nhiệm vụ: {counts.total}"
    if counts.on_demand:
        total += f" (trong đó {counts.on_demand} nhiệm vụ thực hiện khi có phát sinh)"
    lines += [total, f"Quá hạn: {counts.overdue}"]
    if counts.due:  # QĐ 42/2014/QĐ-TTg's figure, beside the commune's own rate, never instead of it
        lines.append(
            f"Tỷ lệ hoàn thành đúng hạn: {percent(100.0 * counts.on_time / counts.due)} "
            f"({counts.on_time}/{counts.due} nhiệm vụ đã đến hạn)"
        )
    lines += source_line(source)
    answer = _base(asked, period, "rate", rate=(counts.active, counts.total), source=source)
    return _done(answer, lines)


def count(asked: Asked, period: Period | None) -> Answer:
    frame = asked.frame
    tasks = asked.tasks(period)
    if frame.status is None or period is None:
        what = frame.count_of or "tasks"
        if what == "items":
            number, noun = len({item_of(t.code) for t in tasks}), "nội dung"
        elif what == "sections":
            number, noun = len({section_of(t) for t in tasks}), "mục"
        else:
            number, noun = len(tasks), "nhiệm vụ"
        lines = [*_head(asked, period), f"Kế hoạch có <b>{number}</b> {noun} trong phạm vi này."]
        if what == "tasks" and tasks and period is None:
            lines.append(
                f"({len({item_of(t.code) for t in tasks})} nội dung, {len({section_of(t) for t in tasks})} mục)"
            )
        return _done(_base(asked, period, "count", count=number), lines)
    states = _states(asked, period, tasks)
    status = frame.status
    if status in _NEEDS_REPORTS and not asked.has_reports(period):
        text = no_data_text(period, asked.view.label, len(tasks))
        return _done(_base(asked, period, "count", status=status, no_data=True), [text])
    number = sum(1 for s in states if keeps(s, status))
    word = (
        "quá hạn"
        if status == "overdue"
        else ("đã và đang thực hiện" if status in _ACTIVE else status_name(status).lower())
    )
    source = asked.source(period) if status != "overdue" else None
    lines = [
        *_head(asked, period),
        f"Có <b>{number}</b>/{len(states)} nhiệm vụ {esc(word)}.",
        *source_line(source),
    ]
    return _done(_base(asked, period, "count", status=status, count=number, source=source), lines)


# ---------------------------------------------------------------- lists


def listing(asked: Asked, period: Period, *, kind: str = "list") -> Answer:
    """Tasks of the scope for the period, filtered by status and topic, in plan order, paged."""
    frame = asked.frame
    tasks = asked.tasks(period)
    status = "no_report" if kind == "not_reported" else frame.status
    if status in _NEEDS_REPORTS and not asked.has_reports(period):
        status = (
            "no_report"  # nothing reported at all: every task is "chưa có báo cáo", none "chưa thực hiện"
        )
    topical = topic_tasks(asked, tasks, frame.topic) if frame.topic else None
    if topical is not None:
        tasks = topical
    if status == "no_report":
        states = [s for s in _states(asked, period, tasks) if not asked.reported(s, period)]
    else:
        states = [s for s in _states(asked, period, tasks) if keeps(s, status)]
    if topical is None:
        states.sort(key=lambda s: s.task.position)
    source = asked.source(period) if asked.has_reports(period) and status != "overdue" else None
    lines = _head(asked, period)
    what = "" if status is None else f" {_status_words(status)}"
    empty = not tasks and topical is None
    if empty:
        lines.append(_none_in_scope(asked))
    elif status != (frame.status if kind != "not_reported" else "no_report"):  # switched: say why
        asked_for = esc(_status_words(str(frame.status)))
        lines.append(f"Chưa có báo cáo nào cho kỳ này: chưa biết nhiệm vụ nào {asked_for}.")
    if empty:
        pass
    elif topical is not None and not states:
        lines.append(
            f"Không thấy nhiệm vụ nào{esc(what)} về «{esc(frame.topic_typed or ' '.join(frame.topic))}»."
        )
    elif not states:
        lines.append(f"Không có nhiệm vụ nào{esc(what)}.")
    else:
        noun = "nhiệm vụ liên quan" if topical is not None else "nhiệm vụ"
        lines.append(f"Có <b>{len(states)}</b> {noun}{esc(what)}:")
    on_page, page, pages = page_of(states, frame.page)
    shown = [task_line(s, today=asked.today, carried=status == "no_report" and s.report is not None)
             for s in on_page]  # fmt: skip
    if topical is not None:
        shown = _with_results(asked, on_page, shown)
    lines += shown + source_line(source)
    answer = _base(asked, period, "list" if kind != "not_reported" else "not_reported", status=status,
                   count=len(states), codes=tuple(s.task.code for s in states), source=source,
                   buttons=page_buttons(page, pages) + _card_buttons(states, page))  # fmt: skip
    if topical is not None:
        answer.extra["topic"] = True
    return _done(answer, lines)


def _with_results(asked: Asked, states: Sequence[TaskState], shown: list[str]) -> list[str]:
    """A topic's tasks with their latest result, its date and the figures it gives."""
    from plans.status import report_period
    from storage.queries.facts import report_notes

    ids = [s.report.id for s in states if s.report is not None]
    notes = report_notes(session=asked.session, report_ids=ids) if ids else {}
    out: list[str] = []
    for line, state in zip(shown, states, strict=False):
        out.append(line)
        report = state.report
        if report is None:
            continue
        day = date_vi(min(report.reported_on, report_period(report)[1]))
        note = notes.get(report.id)
        figures = [r for r in asked.figures if r.task_id == state.task.id and not r.key.startswith("muc_tieu:")
                   and r.period_start <= report_period(report)[1] and r.period_end >= report_period(report)[0]]  # fmt: skip
        if note:
            out.append(f"   Kết quả ({day}): {esc(shorten(note, 160))}")
        for row in figures[:4]:
            # a label cut from the sentence ("Quý 1/2023 số hóa được 371 hồ sơ…") reads badly: the
            # indicator's own name then (the value still belongs to the key it was matched to)
            name = K.label_of(row.key) if re.search(r"\d", row.label) and row.key in K.BY_KEY else row.label
            out.append(f"   Số liệu: {esc(name)} — {esc(value_text(row.value, row.unit))} ({day})")
    return out


def _none_in_scope(asked: Asked) -> str:
    """Why a list is empty before any status: the scope has no task in the period."""
    view = asked.view
    if view.agency_id is None:
        return "Kế hoạch không có nhiệm vụ nào trong kỳ này."
    role = {"lead": "chủ trì", "coordinating": "phối hợp", "any": "chủ trì hay phối hợp"}[view.role]
    return f"{esc(view.agency_name or 'Đơn vị')} không {role} nhiệm vụ nào trong kỳ này."


def _status_words(status: str) -> str:
    if status == "overdue":
        return "quá hạn"
    if status in _ACTIVE:
        return "đã và đang thực hiện"
    return status_name(status).lower()


def _card_buttons(states: Sequence[TaskState], page: int) -> tuple[tuple[Button, ...], ...]:
    """A button per task of a short list (a topic, a few tasks): its card."""
    from reports.answers.words import PAGE_SIZE

    shown = list(states[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
    if not shown or len(shown) > 5:
        return ()
    return tuple(
        (Button(f"{s.task.code} {shorten(plain_content(s.task.content), 30)}", "card", str(s.task.id)),)
        for s in shown
    )


def upcoming(asked: Asked, period: Period) -> Answer:
    tasks = asked.tasks(period)
    states = _states(asked, period, tasks)
    start = max(period.start, asked.today)
    items = ST.upcoming_list(states, start, period.end) if start <= period.end else []
    lines = _head(asked, period)
    if not items:
        lines.append("Không có nhiệm vụ nào đến hạn trong kỳ này.")
    else:
        lines.append(f"Có <b>{len(items)}</b> nhiệm vụ đến hạn, chưa thực hiện xong:")
    on_page, page, pages = page_of(items, asked.frame.page)
    shown = [task_line(s, due=due) for s, due in on_page]
    answer = _base(asked, period, "upcoming", count=len(items), codes=tuple(s.task.code for s, _ in items),
                   buttons=page_buttons(page, pages))  # fmt: skip
    return _done(answer, lines + shown)


def _done(answer: Answer, lines: list[str]) -> Answer:
    answer.text = "\n".join(lines)
    return answer
