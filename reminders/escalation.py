"""Escalation (pure): what a leader in charge must hear of, and the notice that tells them.

- A task of a current plan overdue (plans/status.py) for more than `escalate_after_days` working
  days (reminders/calendar.py), in the current reporting period.
- An agency whose lead tasks still have no report about the period just ended once its reporting
  window has closed (plans/periods.py: window_end).

The leader in charge of an agency is a leader registered for it (the invite's agency); where none
is, every leader of the organization; where there is no leader, its admins. Each notice is sent once
per task or agency, period and leader (storage/queries/escalations.py claims it); it carries two
buttons, "Nhắc đơn vị" and "Yêu cầu giải trình".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from plans.lifecycle import ARCHIVED, current_tasks, tasks_for_period
from plans.periods import Period
from plans.snapshot import OrgFacts, states
from plans.wording import STATUS_NAMES
from reminders.digest import Button, Digest, esc
from reminders.due import Recipient, expand_agencies
from reminders.planning import to_recipient
from reminders.policy import ReminderConfig
from storage.facts import TaskFacts
from storage.models import EscalationKind, Role
from storage.text import date_vi, shorten

OVERDUE = EscalationKind.overdue.value
MISSING = EscalationKind.missing_report.value


@dataclass(frozen=True)
class EscalationDue:
    kind: str  # overdue | missing_report
    organization_id: int
    subject_id: int  # the task, or the agency
    period: Period
    agency_ids: frozenset[int]  # the task's lead agencies, or the agency
    task: TaskFacts | None = None
    overdue_since: date | None = None
    days_overdue: int = 0  # working days
    missing: int = 0  # tasks without a report about the period
    total: int = 0
    window_end: date | None = None


@dataclass(frozen=True)
class Notice:
    due: EscalationDue
    recipient: Recipient

    @property
    def key(self) -> tuple[str, int, date, date, int]:
        d = self.due
        return (d.kind, d.subject_id, d.period.start, d.period.end, self.recipient.official_id)

    def row(self) -> dict[str, Any]:
        """The Escalation columns of the claim."""
        d = self.due
        return {
            "organization_id": d.organization_id,
            "kind": d.kind,
            "subject_id": d.subject_id,
            "task_id": d.task.id if d.task is not None else None,
            "agency_id": d.subject_id if d.kind == MISSING else None,
            "period_start": d.period.start,
            "period_end": d.period.end,
            "official_id": self.recipient.official_id,
            "days_overdue": d.days_overdue,
        }


def overdue_tasks(facts: OrgFacts, today: date, config: ReminderConfig) -> list[EscalationDue]:
    """Tasks of current plans overdue for more than the configured number of working days."""
    limit = config.escalate_after_days
    if limit is None:
        return []
    period = config.periods.containing(today)
    every = states(facts, period, today)
    found: list[EscalationDue] = []
    for task in current_tasks(facts.tasks, facts.context.plans, today, config.periods):
        state = every.get(task.id)
        if state is None or not state.overdue or state.overdue_since is None:
            continue
        days = config.calendar.working_days_between(state.overdue_since, today)
        if days > limit:
            found.append(
                EscalationDue(
                    OVERDUE,
                    task.organization_id,
                    task.id,
                    period,
                    task.lead_agency_ids,
                    task=task,
                    overdue_since=state.overdue_since,
                    days_overdue=days,
                )
            )
    return found


def silent_agencies(
    facts: OrgFacts, organization_id: int, today: date, config: ReminderConfig
) -> list[EscalationDue]:
    """Agencies with lead tasks still without a report about the period just ended, once its
    reporting window has closed."""
    if config.escalate_after_days is None:
        return []
    ended = config.periods.last_ended(today)
    close = config.periods.window_end(ended)
    if today <= close:
        return []
    plans = [p for p in facts.context.plans if p.status != ARCHIVED]
    every = states(facts, ended, today)
    missing: dict[int, int] = {}
    total: dict[int, int] = {}
    for task in tasks_for_period(facts.tasks, plans, ended, today):
        state = every.get(task.id)
        for agency_id in task.lead_agency_ids:
            total[agency_id] = total.get(agency_id, 0) + 1
            if state is not None and not state.reported:
                missing[agency_id] = missing.get(agency_id, 0) + 1
    return [
        EscalationDue(
            MISSING,
            organization_id,
            agency_id,
            ended,
            frozenset({agency_id}),
            missing=count,
            total=total[agency_id],
            window_end=close,
        )
        for agency_id, count in sorted(missing.items())
    ]


def leaders_in_charge(
    agency_ids: Iterable[int], people: Sequence[Recipient], groups: Mapping[int, Iterable[int]]
) -> list[Recipient]:
    """Leaders registered for one of the agencies (or a group of them); else every leader; else the
    organization's admins. Only those who can receive messages."""
    wanted = expand_agencies(agency_ids, groups)
    leaders = [p for p in people if p.role == Role.leader and p.can_receive]
    in_charge = [p for p in leaders if p.agency_id is not None and p.agency_id in wanted]
    if in_charge:
        return in_charge
    if leaders:
        return leaders
    return [p for p in people if p.role == Role.admin and p.can_receive]


def plan_escalations(
    officials: Sequence[Any], orgs: Mapping[int, OrgFacts], today: date, config: ReminderConfig
) -> list[Notice]:
    """Every notice due today (working days only), one per subject, period and leader in charge."""
    if config.escalate_after_days is None or not config.calendar.is_working_day(today):
        return []
    by_org: dict[int, list[Recipient]] = {}
    for official in officials:
        person = to_recipient(official)
        if person.organization_id is not None:
            by_org.setdefault(person.organization_id, []).append(person)
    notices: list[Notice] = []
    for org_id, facts in orgs.items():
        people = by_org.get(org_id, [])
        groups = facts.context.members
        for due in [*overdue_tasks(facts, today, config), *silent_agencies(facts, org_id, today, config)]:
            notices.extend(
                Notice(due, leader) for leader in leaders_in_charge(due.agency_ids, people, groups)
            )
    return notices


def _names(ids: Iterable[int], names: Mapping[int, str]) -> str:
    return "; ".join(sorted(names.get(a, "?") for a in ids))


def render_notice(
    notice: Notice, escalation_id: int, *, organization: str, names: Mapping[int, str]
) -> Digest:
    """The message to the leader, HTML-escaped, with "Nhắc đơn vị" and "Yêu cầu giải trình"."""
    due, person = notice.due, notice.recipient
    assert person.chat_id is not None
    actions = (
        Button("📣 Nhắc đơn vị", "remind", escalation_id),
        Button("📝 Yêu cầu giải trình", "explain", escalation_id),
    )
    if due.kind == OVERDUE and due.task is not None:
        task = due.task
        lines = [
            f"⚠️ <b>Nhiệm vụ quá hạn {due.days_overdue} ngày làm việc</b>",
            esc(organization),
            "",
            f"<b>{esc(task.code)}</b> {esc(shorten(task.content, 300))}",
            f"Chủ trì: {esc(_names(task.lead_agency_ids, names))}",
        ]
        if task.deadline_text:
            lines.append(f"Thời hạn: {esc(shorten(task.deadline_text, 200))}")
        if due.overdue_since is not None:
            lines.append(f"Hạn đã qua: {date_vi(due.overdue_since)}")
        buttons: tuple[tuple[Button, ...], ...] = (actions, (Button(f"📄 {task.code}", "card", task.id),))
    else:
        agency = names.get(due.subject_id, "?")
        lines = [
            f"⚠️ <b>Đơn vị chưa báo cáo {esc(due.period.label)}</b>",
            esc(organization),
            "",
            f"<b>{esc(agency)}</b>: {STATUS_NAMES['no_report'].lower()} {due.missing}/{due.total} nhiệm vụ chủ trì.",
        ]
        if due.window_end is not None:
            lines.append(f"Hạn báo cáo {date_vi(due.window_end)} đã qua.")
        buttons = (actions,)
    lines += [
        "",
        "Bấm «Nhắc đơn vị» để nhắc cán bộ của đơn vị, «Yêu cầu giải trình» để yêu cầu đơn vị giải trình.",
    ]
    return Digest(person.official_id, person.chat_id, "escalation", "\n".join(lines), buttons)
