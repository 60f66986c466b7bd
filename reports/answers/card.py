"""Questions about one task: its state for the period, its lead, its deadline, the documents of
its latest report ("nhiệm vụ II.3 thế nào", "II.4.1 ai chủ trì?", "việc lập quy chế hạn khi nào").
The task is named by its code, else by the words of its content (the plan's search index)."""

from __future__ import annotations

import math

from plans import status as S
from plans.periods import Period
from plans.tasks import search_index
from plans.wording import status_name
from reports.answers.context import Asked
from reports.answers.result import Answer, Button
from reports.answers.words import esc, header, source_line
from storage.facts import TaskFacts
from storage.text import date_vi, shorten


def one_task(asked: Asked, period: Period | None, task: TaskFacts) -> Answer:
    frame = asked.frame
    state_period = period or asked.policy.default_for_questions(asked.today)
    state = asked.states(state_period).get(task.id)
    names = asked.facts.context.agency_names
    leads = [names.get(a, "?") for a in sorted(task.lead_agency_ids)]
    lines = [
        header(period, asked.view.label),
        f"<b>Nhiệm vụ {esc(task.code)}</b>: {esc(shorten(task.content, 300))}",
    ]
    if frame.field == "lead":
        lines.append(f"Chủ trì: <b>{esc('; '.join(leads) or 'chưa ghi')}</b>")
    lines.append(
        f"Thời hạn: {esc(task.deadline_text or 'chưa ghi')}"
        + (f" (hạn {date_vi(task.due)})" if task.due and task.deadline_kind in S.ONE_OFF_KINDS else "")
    )
    if frame.field != "lead" and leads:
        lines.append(f"Chủ trì: {esc('; '.join(leads))}")
    docs: tuple[str, ...] = ()
    status = state.status if state is not None else None
    if state is not None:
        lines.append(f"Tình trạng {esc(state_period.label)}: <b>{esc(status_name(state.status))}</b>")
        if state.overdue and state.overdue_since:
            lines.append(f"Quá hạn từ {date_vi(state.overdue_since)}.")
        if state.report is not None:
            docs = tuple(doc_key(d) for d in state.report.documents)
            lines += [f"• {esc(d)}" for d in state.report.documents]
    agency_id = (
        next(iter(sorted(task.lead_agency_ids)), None) if frame.field == "lead" else asked.view.agency_id
    )
    answer = Answer(text="", kind="task", period=period, scope_label=asked.view.label, agency_id=agency_id,
                    agency_name=names.get(agency_id) if agency_id else None, status=status, codes=(task.code,),
                    docs=docs, frame=frame,
                    buttons=((Button("Mở thẻ nhiệm vụ", "card", str(task.id)),),))  # fmt: skip
    if state is not None and state.report is not None and period is not None:
        answer.source = asked.source(state_period)
        lines += source_line(answer.source)
    return _done(answer, lines)


def find_task(asked: Asked, period: Period | None) -> TaskFacts | None:
    """The task a question names: its code, else the one task its words describe."""
    tasks = asked.tasks(period) or list(asked.facts.tasks)
    by_code = {t.code.upper(): t for t in tasks}
    for code in asked.frame.codes:
        if code in by_code:
            return by_code[code]
    if asked.frame.codes:
        return None
    words = [w for w in asked.frame.topic if w not in ("han", "ai", "xong")]
    if not words:
        return None
    hits = search_index(asked.facts).search(" ".join(words), {t.id for t in tasks}, limit=3)
    if not hits or hits[0].matched < math.ceil(0.6 * len(words)):
        return None
    return asked.facts.task_by_id[hits[0].task_id]


def doc_key(written: str) -> str:
    """A cited document as answers list it: its number ("25/KH-UBND"), else its text."""
    from plans.parsing.references import parse_references

    refs = parse_references(written)
    return refs[0].number if refs and refs[0].number else written


def _done(answer: Answer, lines: list[str]) -> Answer:
    answer.text = "\n".join(lines)
    return answer
