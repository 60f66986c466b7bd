"""Heads of agency (Official.is_head): the officials who assign their agency's tasks to its people
(plans/access.py may_assign). An admin sets and clears them, in the bot (/truongdonvi) or from the
command line (`planbot official head`); every change is audited (`official_head_set` /
`official_head_cleared`). An agency may have more than one (a head and deputies who assign).

An admin acts on the agencies of their own organization only (plans/officials.py may_administer);
an admin named in the settings without one, on every organization's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session

from plans.officials import agency_for_admin
from storage.models import Agency, AuditLog, Official
from storage.queries.officials import (
    heads_of_organization,
    official_by_id,
    officials_of_agency,
    set_official_head,
)
from storage.text import fold

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Member:
    official_id: int
    full_name: str
    username: str | None
    is_head: bool


@dataclass(frozen=True)
class HeadRoster:
    """An agency's active officials, its heads marked."""

    agency_id: int
    agency_name: str
    members: tuple[Member, ...]

    @property
    def heads(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.is_head)


@dataclass(frozen=True)
class HeadChange:
    roster: HeadRoster
    full_name: str
    is_head: bool  # after the change
    changed: bool


def _roster(session: Session, agency: Agency) -> HeadRoster:
    assert agency.id is not None
    people = officials_of_agency(session=session, agency_id=agency.id)
    members = tuple(
        Member(o.id, o.full_name, o.username, bool(o.is_head))
        for o in sorted(people, key=lambda o: (not o.is_head, fold(o.full_name)))
        if o.id is not None
    )
    return HeadRoster(agency.id, agency.name, members)


def head_roster(*, session: Session, admin: Official, agency_id: int) -> HeadRoster | None:
    """The roster of an agency the admin may administer; None otherwise."""
    agency = agency_for_admin(session=session, admin=admin, agency_id=agency_id)
    return _roster(session, agency) if agency is not None else None


def set_head(
    *,
    session: Session,
    official_id: int,
    is_head: bool,
    actor_user_id: int | None,
    by: int | None,
    source: str,
) -> HeadChange | None:
    """Make an active official of an agency its head, or not (audited); None when unknown, inactive
    or without an agency. Authorisation is the caller's (head_toggle for the bot, the CLI's operator)."""
    target = official_by_id(session=session, official_id=official_id)
    if target is None or not target.active or target.agency_id is None:
        return None
    agency = session.get(Agency, target.agency_id)
    if agency is None:
        return None
    changed = bool(target.is_head) != is_head
    if changed:
        set_official_head(session=session, official_id=official_id, is_head=is_head)
        session.add(
            AuditLog(
                actor_user_id=actor_user_id,
                action="official_head_set" if is_head else "official_head_cleared",
                detail={"official_id": official_id, "agency_id": agency.id, "by": by, "source": source},
            )
        )
        session.flush()
        logger.info("official %s head of agency %s: %s (%s)", official_id, agency.id, is_head, source)
    return HeadChange(_roster(session, agency), target.full_name, is_head, changed)


def head_toggle(
    *, session: Session, admin: Official, agency_id: int, official_id: int, actor_user_id: int | None
) -> HeadChange | None:
    """An admin's press on an official of the roster: head ↔ not head. None when the admin may not
    administer the agency or the official is not one of its active officials."""
    roster = head_roster(session=session, admin=admin, agency_id=agency_id)
    member = next((m for m in roster.members if m.official_id == official_id), None) if roster else None
    if member is None:
        return None
    return set_head(
        session=session,
        official_id=official_id,
        is_head=not member.is_head,
        actor_user_id=actor_user_id,
        by=admin.id,
        source="bot",
    )


def heads_by_agency(*, session: Session, organization_id: int) -> dict[int, list[str]]:
    """agency id → the names of its heads, for the CLI's listing."""
    found: dict[int, list[str]] = {}
    for o in heads_of_organization(session=session, organization_id=organization_id):
        if o.agency_id is not None:
            found.setdefault(o.agency_id, []).append(o.full_name)
    return {agency: sorted(names, key=fold) for agency, names in found.items()}


def rosters_named(*, session: Session, organization_id: int, agency: str | None) -> list[HeadRoster]:
    """The rosters of the organization's agencies matching `agency` (as people type it), or of
    every agency with officials when None (the command line)."""
    from plans.directory import agencies_of, find_agencies

    if agency is None:
        every = agencies_of(session=session, organization_id=organization_id)
    else:
        every = find_agencies(session=session, name=agency, organization_id=organization_id)
    rosters = [_roster(session, a) for a in every]
    return [r for r in rosters if r.members or agency is not None]
