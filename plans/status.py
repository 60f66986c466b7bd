"""The status model: what state a task is in, for a reporting period, as of a day.

Every output asks this module — list lines, cards, digests, the leaders' digest, /tyle, /quahan,
answers to questions, charts, report files and the dashboard — so they all agree.

Reports. Each progress report belongs to a reporting period (kỳ báo cáo: its `period_start` ..
`period_end`) as well as to the day it was sent (`reported_on`). As of a day, only reports sent on
or before it count; a correction supersedes what it corrects.

| deadline kind                       | status for period P                      | overdue (as of today)                 |
|-------------------------------------|------------------------------------------|---------------------------------------|
| one-off: date, month, quarter,      | the latest report about P; else done if  | due < today, due ≤ P.end, and not     |
| range, unknown                      | a report about an earlier period said    | reported done (in any period up to    |
|                                     | done ("done stays done"); else no report | today): a task reported done is never |
|                                     |                                          | overdue                               |
| continuous ("Thường xuyên")         | the latest report about P; else no report| a milestone written in its cell       |
|                                     |                                          | passed (≤ P.end, < today) without a   |
|                                     |                                          | done report for a period reaching it  |
| recurring ("trước ngày 18 hàng      | the latest report about P; else no report| its latest occurrence before today    |
| tháng")                             |                                          | (and ≤ P.end) missed: no done report  |
|                                     |                                          | about that occurrence's period        |
| on demand ("Khi có phát sinh")      | the latest report about P; else no report| never                                 |

"About P" means the report's period overlaps P (a monthly report counts for its quarter).

Timeliness (the classes of Quyết định 42/2014/QĐ-TTg):
- one-off tasks: hoàn thành đúng hạn (done by the due day), hoàn thành quá hạn (done after it),
  quá hạn (not done, due day passed), đang thực hiện trong hạn (in progress, not yet due),
  chưa đến hạn (not started, not yet due);
- continuous, recurring and on-demand tasks, per period: đã báo cáo / chưa báo cáo, and quá hạn
  when an occurrence or a milestone was missed.

The day a one-off task was done is the earlier of the day its first done report was sent and the
end of the period that report is about (a report sent on 5 April about Q1 says the work was done
in Q1).

Counting follows the commune's own arithmetic: the rate is (đã + đang thực hiện) / tổng số nhiệm
vụ; every task is counted once, on-demand ones included, so the lines of a breakdown add up to its
total. A period in which nothing at all was reported has no figures ("chưa có số liệu"), never 0%.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from plans.periods import Period
from plans.recurrence import occurrence_period, occurrences
from plans.wording import DONE, IN_PROGRESS, NO_REPORT, NOT_DONE
from storage.facts import ReportFacts, TaskFacts

__all__ = [
    "DONE",
    "IN_PROGRESS",
    "NOT_DONE",
    "NO_REPORT",
    "ONE_OFF_KINDS",
    "Counts",
    "TaskState",
    "count",
    "effective_reports",
    "occurrence_met",
    "report_period",
    "task_state",
    "task_states",
]

ONE_OFF_KINDS = frozenset({"date", "month", "quarter", "range", "unknown"})
RECURRING_LOOKBACK = timedelta(days=400)  # far enough back to find the latest occurrence of a yearly rule

# Timeliness classes.
ON_TIME, LATE, OVERDUE, ON_TRACK, NOT_YET_DUE = "on_time", "late", "overdue", "on_track", "not_yet_due"
REPORTED, NOT_REPORTED = "reported", "not_reported"
TIMELINESS_NAMES = {
    ON_TIME: "Hoàn thành đúng hạn",
    LATE: "Hoàn thành quá hạn",
    OVERDUE: "Quá hạn",
    ON_TRACK: "Đang thực hiện trong hạn",
    NOT_YET_DUE: "Chưa đến hạn",
    REPORTED: "Đã báo cáo",
    NOT_REPORTED: "Chưa báo cáo",
}


@dataclass(frozen=True)
class TaskState:
    task: TaskFacts
    period: Period
    status: str  # done | in_progress | not_done | no_report
    timeliness: str | None  # one of TIMELINESS_NAMES' keys; None when the task has no due day at all
    overdue: bool
    overdue_since: date | None  # the missed due day (one-off due, occurrence or milestone)
    due: date | None  # the due day that matters now: the one-off due, next occurrence or milestone
    report: ReportFacts | None  # the report the status comes from
    done_on: date | None = None

    @property
    def reported(self) -> bool:
        return self.status != NO_REPORT

    @property
    def reported_about_period(self) -> bool:
        """A report about this very period (not a one-off done carried forward from an earlier one)."""
        if self.report is None:
            return False
        start, end = report_period(self.report)
        return start <= self.period.end and end >= self.period.start

    @property
    def active(self) -> bool:
        """Counted in the commune's rate: done or in progress."""
        return self.status in (DONE, IN_PROGRESS)

    def days_overdue(self, today: date) -> int:
        return (today - self.overdue_since).days if self.overdue and self.overdue_since else 0


def report_period(r: ReportFacts) -> tuple[date, date]:
    """The period a report is about (a report without one speaks for the day it was sent)."""
    start = r.period_start or r.period_end or r.reported_on
    end = r.period_end or r.period_start or r.reported_on
    return start, end


def _order(r: ReportFacts) -> tuple[date, date, object, int]:
    return (report_period(r)[1], r.reported_on, r.created_at, r.id)


def effective_reports(reports: Iterable[ReportFacts]) -> dict[int, list[ReportFacts]]:
    """Reports per task without the superseded ones, newest first (latest period, then sent)."""
    all_reports = list(reports)
    superseded = {r.supersedes_id for r in all_reports if r.supersedes_id is not None}
    by_task: dict[int, list[ReportFacts]] = defaultdict(list)
    for r in all_reports:
        if r.id not in superseded:
            by_task[r.task_id].append(r)
    for items in by_task.values():
        items.sort(key=_order, reverse=True)
    return dict(by_task)


def _overlaps(r: ReportFacts, start: date, end: date) -> bool:
    r_start, r_end = report_period(r)
    return r_start <= end and r_end >= start


def _done_on(r: ReportFacts) -> date:
    return min(r.reported_on, report_period(r)[1])


def _occurrence_met(recurrence: str, occurrence: date, done: Sequence[ReportFacts]) -> bool:
    period = occurrence_period(recurrence, occurrence)
    return any(_overlaps(r, period.start, period.end) or period.contains(r.reported_on) for r in done)


def occurrence_met(task: TaskFacts, reports: Sequence[ReportFacts], day: date, today: date) -> bool:
    """Whether one occurrence of a recurring task (a due day of its rule) was reported done."""
    if not task.recurrence:
        return False
    done = [r for r in reports if r.status == DONE and r.reported_on <= today]
    return _occurrence_met(task.recurrence, day, done)


def _recurring(
    task: TaskFacts, counted: Sequence[ReportFacts], period: Period, today: date
) -> tuple[bool, date | None, date | None]:
    """(overdue, the missed occurrence, the next one) of a recurring task."""
    if not task.recurrence:
        return False, None, None
    # Without a known start (a plan whose header gave no year) only the period's own occurrences
    # count: a task is never late for a month before its plan existed.
    lo = task.start or task.plan_start or period.start
    hi = min(period.end, today - timedelta(days=1))
    if task.due is not None:
        hi = min(hi, task.due)
    try:
        past = occurrences(task.recurrence, max(lo, today - RECURRING_LOOKBACK), hi) if lo <= hi else []
        upcoming = occurrences(task.recurrence, max(today, lo), task.due or today + RECURRING_LOOKBACK)
    except ValueError:  # a rule this version does not know: never overdue rather than crash
        return False, None, None
    following = upcoming[0] if upcoming else None
    if not past:
        return False, None, following
    latest = past[-1]
    done = [r for r in counted if r.status == DONE]
    if _occurrence_met(task.recurrence, latest, done):
        return False, None, following
    return True, latest, following


def _milestones(
    task: TaskFacts, counted: Sequence[ReportFacts], period: Period, today: date
) -> tuple[bool, date | None, date | None]:
    """(overdue, the first missed milestone, the next one) of a task with dated milestones."""
    missed: date | None = None
    following: date | None = None
    done_until = max((report_period(r)[1] for r in counted if r.status == DONE), default=None)
    for day, _text in sorted(task.milestones):
        if day >= today:
            following = following or day
            continue
        if day <= period.end and (done_until is None or done_until < day) and missed is None:
            missed = day
    return missed is not None, missed, following


def task_state(task: TaskFacts, reports: Sequence[ReportFacts], period: Period, today: date) -> TaskState:
    """The state of one task for a period as of `today`, from its effective reports (newest first)."""
    counted = [r for r in reports if r.reported_on <= today]
    about = next((r for r in counted if _overlaps(r, period.start, period.end)), None)
    one_off = task.deadline_kind in ONE_OFF_KINDS
    status, source = (about.status, about) if about is not None else (NO_REPORT, None)
    done_reports = [r for r in counted if r.status == DONE]
    if one_off and about is None:
        earlier = next((r for r in done_reports if report_period(r)[0] <= period.end), None)
        if earlier is not None:
            status, source = DONE, earlier
    if status not in (DONE, IN_PROGRESS, NOT_DONE, NO_REPORT):
        status = NOT_DONE
    if one_off:
        return _one_off_state(task, period, today, status, source, done_reports)
    if task.deadline_kind == "recurring":
        overdue, since, due = _recurring(task, counted, period, today)
    else:
        overdue, since, due = _milestones(task, counted, period, today)
    if task.deadline_kind == "on_demand" and not task.milestones:
        overdue, since = False, None
    if overdue and status == DONE:
        # An occurrence (or milestone) was missed: the work of the period is not done, whatever an
        # earlier occurrence's report said — and a task shown done is never shown overdue.
        status = IN_PROGRESS
    timeliness = OVERDUE if overdue else (REPORTED if about is not None else NOT_REPORTED)
    return TaskState(task, period, status, timeliness, overdue, since, due, source)


def _one_off_state(
    task: TaskFacts,
    period: Period,
    today: date,
    status: str,
    source: ReportFacts | None,
    done_reports: Sequence[ReportFacts],
) -> TaskState:
    due = task.due
    first_done = min((_done_on(r) for r in done_reports if report_period(r)[0] <= period.end), default=None)
    ever_done = bool(done_reports)
    if due is None:
        return TaskState(task, period, status, None, False, None, None, source, first_done)
    timeliness: str | None
    if status == DONE:
        timeliness = ON_TIME if first_done is None or first_done <= due else LATE
        return TaskState(task, period, status, timeliness, False, None, due, source, first_done)
    overdue = due < today and due <= period.end and not ever_done
    if overdue:
        timeliness = OVERDUE
    elif status == IN_PROGRESS:
        timeliness = ON_TRACK
    else:
        timeliness = NOT_YET_DUE if due >= today else None
    return TaskState(task, period, status, timeliness, overdue, due if overdue else None, due, source)


def task_states(
    tasks: Sequence[TaskFacts],
    reports: Mapping[int, Sequence[ReportFacts]],
    period: Period,
    today: date,
) -> list[TaskState]:
    """The state of every task (reports: effective reports per task, newest first)."""
    empty: tuple[ReportFacts, ...] = ()
    return [task_state(t, reports.get(t.id, empty), period, today) for t in tasks]


@dataclass(frozen=True)
class Counts:
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_done: int = 0
    no_report: int = 0
    overdue: int = 0
    on_demand: int = 0  # of the total: tasks done when the need arises
    due: int = 0  # one-off tasks whose due day has come (đến hạn) in the period
    on_time: int = 0  # of those, done by their due day
    reported_about: int = 0  # tasks with a report about this period itself

    @property
    def active(self) -> int:
        """Đã và đang thực hiện."""
        return self.done + self.in_progress

    @property
    def reported(self) -> int:
        return self.total - self.no_report

    @property
    def has_data(self) -> bool:
        """False when nothing at all was reported about the period: there is no figure to give
        ("Chưa có số liệu báo cáo quý II/2023"), even if one-off tasks done earlier carry forward."""
        return self.reported_about > 0

    @property
    def completion_rate(self) -> float | None:
        """The commune's rate, percent: (đã + đang thực hiện) / tổng số nhiệm vụ."""
        return 100.0 * self.active / self.total if self.total and self.has_data else None

    @property
    def done_rate(self) -> float | None:
        return 100.0 * self.done / self.total if self.total and self.has_data else None

    @property
    def on_time_rate(self) -> float | None:
        """Tỷ lệ hoàn thành đúng hạn: done by their due day / tasks whose due day has come."""
        return 100.0 * self.on_time / self.due if self.due else None


def count(states: Iterable[TaskState], today: date | None = None) -> Counts:
    total = done = in_progress = not_done = no_report = overdue = on_demand = due = on_time = about = 0
    for s in states:
        total += 1
        about += s.reported_about_period
        if s.status == DONE:
            done += 1
        elif s.status == IN_PROGRESS:
            in_progress += 1
        elif s.status == NO_REPORT:
            no_report += 1
        else:
            not_done += 1
        overdue += s.overdue
        on_demand += s.task.deadline_kind == "on_demand"
        task_due = s.task.due if s.task.deadline_kind in ONE_OFF_KINDS else None
        reached = task_due is not None and task_due <= s.period.end and (today is None or task_due < today)
        if reached:
            due += 1
            on_time += s.timeliness == ON_TIME
    return Counts(total, done, in_progress, not_done, no_report, overdue, on_demand, due, on_time, about)
