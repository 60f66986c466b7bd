"""Personal due dates: the day one assignee is to finish a task by, within the task's own
(TaskAssignee.due_date), set by whoever may assign the task (plans/access.py may_assign).

What is due and overdue stays the status model's call (plans/status.py task_state, which the digest
of reminders/due.py asks): a personal date is handed to it as the task seen by its assignee
(`personal_task`), so nothing here decides on its own that something is late.
- a one-off task: the personal date is its due day for them (an undated one becomes dated);
- a continuous, recurring or on-demand task: the personal date is one more milestone for them, due
  unless a done report covers it. A recurring task's overdue still follows its occurrences (the
  status model reads its rule, not its milestones); the personal date is reminded ahead like a
  milestone, and it can never lie after the occurrence it stands before.
The agency's other officials keep the task's own dates.

The limit ("the task's own due date for the period"): a one-off task's due day (its plan's end when
it has none); the next occurrence of a recurring task; for a continuous or on-demand task the next
milestone, else the end of the current reporting period (its report is due for it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from plans.periods import PeriodPolicy
from plans.snapshot import OrgFacts
from plans.status import ONE_OFF_KINDS, task_state
from plans.tasks import TaskLine, Today
from storage.facts import ReportFacts, TaskFacts
from storage.text import fold

PERSONAL = "Hạn riêng"
_DAY = re.compile(r"^(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?$")


def personal_task(task: TaskFacts, due: date) -> TaskFacts:
    """The task as the assignee with this personal date sees it (for the status model and digest)."""
    if task.deadline_kind in ONE_OFF_KINDS:
        kind = "date" if task.deadline_kind == "unknown" else task.deadline_kind
        return replace(task, due=due, deadline_kind=kind)
    return replace(task, milestones=tuple(sorted({*task.milestones, (due, PERSONAL)})))


def own_limit(
    task: TaskFacts, reports: Sequence[ReportFacts], today: date, policy: PeriodPolicy
) -> date | None:
    """The task's own due date for the current period: a personal date may not lie after it."""
    if task.deadline_kind in ONE_OFF_KINDS:
        return task.due or task.plan_end
    period = policy.containing(today)
    state = task_state(task, reports, period, today)
    if task.deadline_kind == "recurring":
        return state.due or task.due
    return min(state.due, period.end) if state.due is not None else period.end


def parse_due(text: str, today: date) -> date | None:
    """ "15/3", "15/03/2026", "ngày 15-3-26": a day; without a year, the first such day from today."""
    found = _DAY.match(" ".join(fold(text).lower().split()))
    if not found:
        return None
    day, month = int(found[1]), int(found[2])
    try:
        if found[3]:
            year = int(found[3])
            return date(year + 2000 if year < 100 else year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def personal_line(facts: OrgFacts, line: TaskLine, due: date, today: Today) -> TaskLine:
    """A list line of "Việc của tôi" with the assignee's personal date: its state by that date."""
    task = facts.task_by_id.get(line.id)
    if task is None:
        return replace(line, personal_due=due)
    state = task_state(personal_task(task, due), facts.reports.get(task.id, ()), today.period, today.day)
    return replace(line, state=state, status=state.status, personal_due=due)
