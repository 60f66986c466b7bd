"""Telegram group chats bound to an organization (optionally one agency): who may bind one, the
scope a group's answers have, and the claim that posts a group's weekly summary exactly once.

A group's answers never show more than the asker may see: the view is the group's scope (its
agency, or the whole commune) narrowed to the asker's own (plans/access*.py through the viewer).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from plans.directory import find_agencies
from storage.models import Agency, AuditLog, KeyValue, Official, Organization, Role
from storage.models_people import GroupChat

logger = logging.getLogger(__name__)

WEEKLY_NAMESPACE = "group_weekly"  # KeyValue: one row per group and ISO week, claimed before posting


@dataclass(frozen=True)
class Bound:
    status: str  # ok | denied | no_agency | ambiguous_agency | no_organization
    organization_name: str = ""
    agency_name: str | None = None
    rebound: bool = False  # the group was bound before (to this or another scope)


@dataclass(frozen=True)
class GroupScope:
    group_id: int
    chat_id: int
    organization_id: int
    agency_id: int | None
    title: str


def _may_bind(official: Official) -> bool:
    return official.active and official.role in (Role.leader, Role.admin)


def _organization_for(session: Session, official: Official, agency: Agency | None) -> int | None:
    if agency is not None:
        return agency.organization_id
    if official.organization_id is not None:
        return official.organization_id
    orgs = session.exec(select(Organization.id)).all()  # an admin of every organization: only one?
    return orgs[0] if len(orgs) == 1 else None


def bind_group(
    *, session: Session, official: Official, chat_id: int, title: str, agency_text: str = ""
) -> Bound:
    """Bind (or re-bind) a group to the official's organization, optionally one of its agencies."""
    if not _may_bind(official) or chat_id >= 0:
        return Bound("denied")
    agency: Agency | None = None
    if agency_text.strip():
        found = find_agencies(session=session, name=agency_text, organization_id=official.organization_id)
        if not found:
            return Bound("no_agency")
        if len(found) > 1:
            return Bound("ambiguous_agency")
        agency = found[0]
    org_id = _organization_for(session, official, agency)
    if org_id is None:
        return Bound("no_organization")
    if official.organization_id is not None and official.organization_id != org_id:
        return Bound("denied")
    group = session.exec(select(GroupChat).where(col(GroupChat.chat_id) == chat_id)).first()
    rebound = group is not None and group.active
    if group is None:
        group = GroupChat(chat_id=chat_id, organization_id=org_id)
    group.organization_id = org_id
    group.agency_id = agency.id if agency is not None else None
    group.title = title[:255]
    group.bound_by = official.id
    group.active = True
    session.add(group)
    session.add(
        AuditLog(
            actor_user_id=official.telegram_user_id,
            action="group_bound",
            detail={"chat_id": chat_id, "organization_id": org_id, "agency_id": group.agency_id},
        )
    )
    org = session.get(Organization, org_id)
    return Bound("ok", org.name if org else "", agency.name if agency else None, rebound)


def unbind_group(*, session: Session, official: Official, chat_id: int) -> bool:
    group = session.exec(select(GroupChat).where(col(GroupChat.chat_id) == chat_id)).first()
    if group is None or not group.active or not _may_bind(official):
        return False
    if official.organization_id is not None and official.organization_id != group.organization_id:
        return False
    group.active = False
    session.add(group)
    session.add(
        AuditLog(actor_user_id=official.telegram_user_id, action="group_unbound", detail={"chat_id": chat_id})
    )
    return True


def group_scope(*, session: Session, chat_id: int) -> GroupScope | None:
    group = session.exec(
        select(GroupChat).where(col(GroupChat.chat_id) == chat_id, col(GroupChat.active).is_(True))
    ).first()
    if group is None or group.id is None:
        return None
    return GroupScope(group.id, group.chat_id, group.organization_id, group.agency_id, group.title)


def group_viewer(asker: Official, scope: GroupScope) -> Official | None:
    """The viewer a group's answer is computed for: the group's scope within the asker's. None when
    the asker belongs to another organization. Never attached to a session (read-only)."""
    if asker.organization_id is not None and asker.organization_id != scope.organization_id:
        return None
    leader = asker.role in (Role.leader, Role.admin)
    if scope.agency_id is None:
        agency_id = asker.agency_id
        role = asker.role
    elif leader or asker.agency_id == scope.agency_id:
        agency_id, role = scope.agency_id, Role.official.value  # the group's agency only
    else:
        agency_id, role = asker.agency_id, Role.official.value  # their own agency, never the group's
    return Official(
        id=asker.id,
        telegram_user_id=asker.telegram_user_id,
        full_name=asker.full_name,
        organization_id=scope.organization_id,
        agency_id=agency_id,
        role=role,
        active=True,
    )


def summary_viewer(scope: GroupScope) -> Official:
    """Whom a weekly summary is written for: a leader of the commune, or an official of the group's
    agency (read-only, never stored)."""
    role = Role.official.value if scope.agency_id is not None else Role.leader.value
    return Official(
        telegram_user_id=0,
        full_name=scope.title or "Nhóm",
        organization_id=scope.organization_id,
        agency_id=scope.agency_id,
        role=role,
        active=True,
    )


def summary_groups(*, session: Session) -> list[GroupScope]:
    rows = session.exec(
        select(GroupChat).where(col(GroupChat.active).is_(True), col(GroupChat.weekly_summary).is_(True))
    ).all()
    return [GroupScope(g.id, g.chat_id, g.organization_id, g.agency_id, g.title) for g in rows if g.id]


def week_key(group_id: int, day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{group_id}:{year}-W{week:02d}"


def claim_week(*, session: Session, group_id: int, day: date, now: datetime | None = None) -> bool:
    """True for the one pass that may post this group's summary this week (a unique row)."""
    key = week_key(group_id, day)
    try:
        with session.begin_nested():
            session.add(
                KeyValue(
                    namespace=WEEKLY_NAMESPACE,
                    key=key,
                    value={"status": "claimed", "at": (now or datetime.now(UTC)).isoformat()},
                )
            )
    except IntegrityError:
        return False
    return True


def finish_week(*, session: Session, group_id: int, day: date, sent: bool, message_id: int | None) -> None:
    """After posting: mark the claim sent, or drop it so a later pass tries again."""
    row = session.get(KeyValue, (WEEKLY_NAMESPACE, week_key(group_id, day)))
    if row is None:
        return
    if sent:
        row.value = {"status": "sent", "message_id": message_id}
        row.updated_at = datetime.now(UTC)
        session.add(row)
    else:
        session.delete(row)
