"""Who may see and who may report a task: the one rule every list, card, search, answer, digest
and the dashboard ask.

- An inactive account sees nothing.
- Leaders and admins of an organization see all of its tasks; an admin named in the settings with
  no organization of their own sees every organization's.
- An official sees the tasks their agency leads or coordinates, and the tasks of every group agency
  their agency belongs to ("Các công chức chuyên môn thuộc UBND xã" stands for its members).
- Officials of a lead or coordinating agency may report on a task, and so may admins; leaders read.
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

    @property
    def sees_organization(self) -> bool:
        return self.role in (Role.leader, Role.admin)

    def sees_organization_of(self, organization_id: int) -> bool:
        if not self.active:
            return False
        if self.organization_id is None:
            return self.role == Role.admin
        return self.organization_id == organization_id


def viewer_of(official: Official, groups: Mapping[int, frozenset[int]]) -> Viewer:
    """The viewer behind an official; `groups` maps an agency to the group agencies it belongs to."""
    agencies: frozenset[int] = frozenset()
    if official.agency_id is not None:
        agencies = frozenset({official.agency_id, *groups.get(official.agency_id, ())})
    return Viewer(official.id, official.role, official.active, official.organization_id, agencies)


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
    return viewer.sees_organization or link_of(task, viewer.agency_ids) is not None


def may_report(viewer: Viewer, task: TaskFacts) -> bool:
    if not may_see(viewer, task):
        return False
    return viewer.role == Role.admin or link_of(task, viewer.agency_ids) is not None


def may_see_statistics_of(viewer: Viewer, organization_id: int) -> bool:
    """Statistics of a whole organization: its leaders and admins (officials get their agency's)."""
    return viewer.sees_organization and viewer.sees_organization_of(organization_id)
