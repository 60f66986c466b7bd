"""Who may see and who may report a task: the one rule every list, card, search, answer, digest
and the dashboard ask.

- An inactive account sees nothing.
- Leaders and admins of an organization see all of its tasks; an admin named in the settings with
  no organization of their own sees every organization's.
- An official sees the tasks their agency leads or coordinates, and the tasks of every group agency
  their agency belongs to ("Các công chức chuyên môn thuộc UBND xã" stands for its members).
- Officials of a lead or coordinating agency may report on a task, and so may admins; leaders read.
- A person a task is assigned to (TaskAssignee) always sees and may report it, whatever their agency.
- Leaders and admins assign a task to officials of its lead and coordinating agencies (a group
  agency's members included); the head of a lead agency (Official.is_head, set by an admin:
  plans/heads.py) assigns it within their own agency. Other officials do not assign (they still see
  who is assigned), nor do the heads of coordinating agencies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from storage.facts import TaskFacts
from storage.models import LinkRole, Official, Role

Link = Literal["lead", "coordinating"]


@dataclass(frozen=True)
class Viewer:
    """What the rule needs to know about the person looking (plain data: no session needed)."""

    official_id: int | None
    role: str
    active: bool
    organization_id: int | None
    agency_ids: frozenset[int]  # their agency and the group agencies it belongs to
    assigned: frozenset[int] = frozenset()  # the tasks assigned to them in person
    is_head: bool = False  # the head of their agency (Official.is_head)

    @property
    def sees_organization(self) -> bool:
        return self.role in (Role.leader, Role.admin)

    def sees_organization_of(self, organization_id: int) -> bool:
        if not self.active:
            return False
        if self.organization_id is None:
            return self.role == Role.admin
        return self.organization_id == organization_id


def viewer_of(
    official: Official, groups: Mapping[int, frozenset[int]], assigned: frozenset[int] = frozenset()
) -> Viewer:
    """The viewer behind an official; `groups` maps an agency to the group agencies it belongs to,
    `assigned` holds the tasks assigned to them (storage/queries/assignments.py)."""
    agencies: frozenset[int] = frozenset()
    if official.agency_id is not None:
        agencies = frozenset({official.agency_id, *groups.get(official.agency_id, ())})
    return Viewer(
        official.id,
        official.role,
        official.active,
        official.organization_id,
        agencies,
        assigned,
        bool(official.is_head),
    )


def link_of(task: TaskFacts, agency_ids: frozenset[int]) -> Link | None:
    """How the viewer's agencies take part in a task: lead before coordinating."""
    if not task.lead_agency_ids.isdisjoint(agency_ids):
        return LinkRole.lead.value  # type: ignore[return-value]
    if not task.coordinating_agency_ids.isdisjoint(agency_ids):
        return LinkRole.coordinating.value  # type: ignore[return-value]
    return None


def may_see(viewer: Viewer, task: TaskFacts) -> bool:
    if not viewer.sees_organization_of(task.organization_id):
        return False
    if viewer.sees_organization or task.id in viewer.assigned:
        return True
    return link_of(task, viewer.agency_ids) is not None


def may_report(viewer: Viewer, task: TaskFacts) -> bool:
    if not may_see(viewer, task):
        return False
    if viewer.role == Role.admin or task.id in viewer.assigned:
        return True
    return link_of(task, viewer.agency_ids) is not None


def may_assign(viewer: Viewer, task: TaskFacts) -> bool:
    """Leaders and admins of the task's organization, and the head of a lead agency."""
    if not may_see(viewer, task):
        return False
    if viewer.sees_organization:
        return True
    return viewer.is_head and link_of(task, viewer.agency_ids) == LinkRole.lead.value


def assignable_agencies(
    viewer: Viewer, task: TaskFacts, own_agency_id: int | None, members: Mapping[int, frozenset[int]]
) -> frozenset[int]:
    """The agencies whose officials this viewer may assign the task to; `members` maps a group
    agency to its member agencies."""
    if not may_assign(viewer, task):
        return frozenset()
    if viewer.sees_organization:
        linked = task.lead_agency_ids | task.coordinating_agency_ids
        return frozenset({*linked, *(m for a in linked for m in members.get(a, ()))})
    return frozenset({own_agency_id}) if own_agency_id is not None else frozenset()


def may_see_statistics_of(viewer: Viewer, organization_id: int) -> bool:
    """Statistics of a whole organization: its leaders and admins (officials get their agency's)."""
    return viewer.sees_organization and viewer.sees_organization_of(organization_id)


def may_correct(viewer: Viewer, organization_id: int) -> bool:
    """Correcting an organization's imported tasks and agencies: its admins only (issue 14)."""
    return viewer.active and viewer.role == Role.admin and viewer.sees_organization_of(organization_id)
