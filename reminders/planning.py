"""Which digests are due at a moment (pure): the officials whose reminder time has passed, what is
due for each from their organization's snapshot, and the leaders' weekly digest."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time

from plans.lifecycle import current_tasks, tasks_for_period
from plans.snapshot import OrgFacts
from reminders.calendar import WorkCalendar, commune_calendar
from reminders.digest import Digest, render_weekly
from reminders.digest_daily import render_daily
from reminders.due import DueItem, Recipient, WeeklySummary, due_by_official, unassigned_items, weekly_summary
from reminders.policy import ReminderConfig
from storage.models import Official, Role
from storage.queries.reminders import RecipientSnapshot

DONE_STATUSES = frozenset({"sent", "blocked"})


def to_recipient(o: Official) -> Recipient:
    assert o.id is not None
    return Recipient(
        official_id=o.id,
        chat_id=o.chat_id if o.chat_id is not None else o.telegram_user_id,
        full_name=o.full_name,
        role=o.role,
        organization_id=o.organization_id,
        agency_id=o.agency_id,
        active=o.active,
        reachable=o.reachable,
        reminders_enabled=o.reminders_enabled,
        remind_coordinating=o.remind_coordinating,
        reminder_time=o.reminder_time,
    )


def _clock(text: str | None, default: time) -> time:
    if not text:
        return default
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return default


def organizations_of(snap: RecipientSnapshot) -> set[int]:
    return {o.organization_id for o in snap.officials if o.organization_id is not None}


def plan_digests(
    snap: RecipientSnapshot, orgs: Mapping[int, OrgFacts], *, now: datetime, config: ReminderConfig
) -> tuple[date, bool, list[Digest]]:
    """The digests due at `now` (officials whose reminder time has passed) not yet sent."""
    today = config.clock.local_day(now)
    calendars = {org: commune_calendar(config.calendar, changes) for org, changes in snap.calendar.items()}

    def calendar_of(org_id: int | None) -> WorkCalendar:
        return calendars.get(org_id, config.calendar) if org_id is not None else config.calendar

    # a working day for at least one commune with officials (each commune has its own days off)
    communes = {o.organization_id for o in snap.officials}
    working = any(calendar_of(org).is_working_day(today) for org in communes or {None})
    if not working:
        return today, False, []
    local_now = now.astimezone(config.clock.tz).time()
    recipients = [
        r
        for r in map(to_recipient, snap.officials)
        if r.can_receive
        and _clock(r.reminder_time, config.reminder_time) <= local_now
        and calendar_of(r.organization_id).is_working_day(today)
    ]
    daily_todo = [r for r in recipients if snap.digests.get((r.official_id, "daily")) not in DONE_STATUSES]
    by_org: dict[int | None, list[Recipient]] = defaultdict(list)
    for r in daily_todo:
        by_org[r.organization_id].append(r)
    digests: list[Digest] = []
    for org_id, people in by_org.items():
        cal = calendar_of(org_id)
        if not cal.is_working_day(today):  # the commune's own day off (or a public holiday)
            continue
        facts = orgs.get(org_id) if org_id is not None else None
        due = (
            due_by_official(
                current_tasks(facts.tasks, facts.context.plans, today, config.periods),
                facts.reports,
                people,
                today,
                cal,
                config.offsets,
                policy=config.periods,
                agency_groups=facts.context.members,
                assigned=snap.assignments,
                personal_due=snap.personal_due,
            )
            if facts is not None
            else {}
        )
        nobody = (
            _unassigned(snap, facts, org_id, today, cal, config)
            if facts is not None and any(r.role == Role.admin for r in people)
            else []
        )
        for r in people:
            assert r.chat_id is not None
            digest = render_daily(
                due.get(r.official_id),
                today,
                official_id=r.official_id,
                chat_id=r.chat_id,
                unreachable=_unreachable_for(r, snap) if r.role == Role.admin else [],
                unassigned=nobody if r.role == Role.admin else [],
            )
            if digest is not None:
                digests.append(digest)
    weekly_orgs = {
        r.organization_id
        for r in recipients
        if calendar_of(r.organization_id).first_working_day_of_week(today) == today
    }
    digests += _weekly(snap, orgs, [r for r in recipients if r.organization_id in weekly_orgs], today, config)
    return today, True, digests


def _weekly(
    snap: RecipientSnapshot,
    orgs: Mapping[int, OrgFacts],
    recipients: list[Recipient],
    today: date,
    config: ReminderConfig,
) -> list[Digest]:
    summaries: dict[int, WeeklySummary] = {}
    digests: list[Digest] = []
    for r in recipients:
        if r.role not in (Role.leader, Role.admin) or r.organization_id is None:
            continue
        if snap.digests.get((r.official_id, "weekly")) in DONE_STATUSES:
            continue
        facts = orgs.get(r.organization_id)
        if facts is None:
            continue
        org = r.organization_id
        if org not in summaries:
            period = config.periods.containing(today)
            summaries[org] = weekly_summary(
                org,
                tasks_for_period(facts.tasks, facts.context.plans, period, today, config.periods),
                facts.reports,
                today,
                policy=config.periods,
            )
        assert r.chat_id is not None
        digests.append(
            render_weekly(
                summaries[org],
                today,
                official_id=r.official_id,
                chat_id=r.chat_id,
                organization_name=facts.context.name,
                agency_names=facts.context.agency_names,
                unreachable=_unreachable_for(r, snap) if r.role == Role.admin else [],
            )
        )
    return digests


def _unassigned(
    snap: RecipientSnapshot,
    facts: OrgFacts,
    org_id: int | None,
    today: date,
    cal: WorkCalendar,
    config: ReminderConfig,
) -> list[DueItem]:
    empty_groups = facts.context.group_agencies - set(facts.context.members)
    if not empty_groups:
        return []
    staffed = {o.agency_id for o in snap.officials if o.organization_id == org_id and o.agency_id is not None}
    return unassigned_items(
        current_tasks(facts.tasks, facts.context.plans, today, config.periods),
        facts.reports,
        empty_groups,
        staffed,
        today,
        cal,
        config.offsets,
        policy=config.periods,
    )


def _unreachable_for(r: Recipient, snap: RecipientSnapshot) -> list[str]:
    return [name for org, name in snap.blocked if r.organization_id is None or org == r.organization_id]
