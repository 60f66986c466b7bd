"""Group agencies: "Các công chức chuyên môn thuộc UBND xã" leads tasks on behalf of its member
agencies. An admin sees and sets each group's members (/nhom, `planbot agency members`); an
official of a member agency acts for the group's tasks (plans/access.py reads the membership).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session

from storage.models import AuditLog
from storage.queries.groups import (
    add_group_member,
    group_member_ids,
    organization_agencies,
    remove_group_member,
)
from storage.text import fold

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencyRef:
    id: int
    name: str


@dataclass(frozen=True)
class GroupView:
    group: AgencyRef
    members: tuple[AgencyRef, ...]
    candidates: tuple[AgencyRef, ...]  # the organization's other (non-group) agencies


def group_views(*, session: Session, organization_id: int) -> list[GroupView]:
    """Every group agency of the organization with its members, sorted by the folded name."""
    agencies = organization_agencies(session=session, organization_id=organization_id)
    refs = {a.id: AgencyRef(a.id, a.name) for a in agencies if a.id is not None}
    groups = [refs[a.id] for a in agencies if a.is_group and a.id is not None]
    singles = sorted(
        (refs[a.id] for a in agencies if not a.is_group and a.id is not None), key=lambda r: fold(r.name)
    )
    members = group_member_ids(session=session, group_ids=[g.id for g in groups])
    return [
        GroupView(
            group,
            tuple(sorted((refs[m] for m in members[group.id] if m in refs), key=lambda r: fold(r.name))),
            tuple(singles),
        )
        for group in sorted(groups, key=lambda r: fold(r.name))
    ]


def groups_without_members(*, session: Session, organization_id: int) -> list[AgencyRef]:
    return [v.group for v in group_views(session=session, organization_id=organization_id) if not v.members]


def set_member(
    *,
    session: Session,
    organization_id: int,
    group_id: int,
    member_id: int,
    member: bool,
    actor_user_id: int | None,
) -> GroupView | None:
    """Add or remove one member of a group, both of the organization; None if either is not."""
    views = {v.group.id: v for v in group_views(session=session, organization_id=organization_id)}
    view = views.get(group_id)
    if view is None or member_id not in {c.id for c in view.candidates}:
        return None
    changed = (
        add_group_member(session=session, group_id=group_id, member_id=member_id)
        if member
        else remove_group_member(session=session, group_id=group_id, member_id=member_id)
    )
    if changed:
        session.add(
            AuditLog(
                actor_user_id=actor_user_id,
                action="group_member_added" if member else "group_member_removed",
                detail={"group_id": group_id, "member_id": member_id},
            )
        )
        session.flush()
    return {v.group.id: v for v in group_views(session=session, organization_id=organization_id)}[group_id]
