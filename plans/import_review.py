"""What an admin decides in a plan-import preview before saving, and the save that honours it:

- each agency the plan names that the commune does not have yet is created (the default, as before)
  or mapped to one of the commune's agencies; a mapping is kept as an AgencyAlias, so the next
  import of the same spelling finds that agency by itself;
- each group agency the plan names ("Các công chức chuyên môn …") that has no members gets the
  members the admin picks (plans/groups.py owns the membership), so its tasks have someone
  responsible from the first day.

The review is read without writing; ``store_reviewed`` writes in the caller's transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process
from sqlmodel import Session

from plans.agencies import AgencyMatcher, agency_key, is_group_agency
from plans.groups import group_views, set_member
from plans.importing import ImportResult, matched_names, store_plan
from plans.parsing.agency_split import clean_name
from plans.parsing.types import ParsedPlan
from storage.models import AgencyAlias, AuditLog
from storage.queries.groups import group_member_ids
from storage.queries.plans import agencies_with_aliases, organization_by_name
from storage.text import fold, nfc

logger = logging.getLogger(__name__)

SUGGESTIONS = 3
MAX_NEW = 8  # agencies asked about in one preview (the rest are created, as before)
MAX_CANDIDATES = 40


@dataclass(frozen=True)
class Suggestion:
    agency_id: int
    name: str
    score: float


@dataclass(frozen=True)
class NewAgency:
    written: str  # as the plan writes it
    name: str  # the name it would be created with
    suggestions: tuple[Suggestion, ...]  # the commune's agencies it may be, best first


@dataclass(frozen=True)
class ImportReview:
    new_agencies: tuple[NewAgency, ...] = ()
    empty_groups: tuple[str, ...] = ()  # group agencies of the plan without members
    candidates: tuple[str, ...] = ()  # the single agencies a group's members are picked from

    @property
    def asks(self) -> bool:
        return bool(self.new_agencies or self.empty_groups)

    def to_json(self) -> dict[str, Any]:
        return {
            "new": [
                {
                    "written": a.written,
                    "name": a.name,
                    "suggestions": [[s.agency_id, s.name, s.score] for s in a.suggestions],
                }
                for a in self.new_agencies
            ],
            "groups": list(self.empty_groups),
            "candidates": list(self.candidates),
        }

    @classmethod
    def from_json(cls, data: object) -> ImportReview:
        if not isinstance(data, dict):
            return cls()
        new = tuple(
            NewAgency(
                str(a["written"]),
                str(a["name"]),
                tuple(Suggestion(int(s[0]), str(s[1]), float(s[2])) for s in a.get("suggestions", [])),
            )
            for a in data.get("new", [])
        )
        return cls(new, tuple(map(str, data.get("groups", []))), tuple(map(str, data.get("candidates", []))))


@dataclass
class ImportChoices:
    """The admin's answers: new agency index → existing agency id (absent or 0 = create it), and
    group index → candidate indexes (of the review's lists)."""

    agencies: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "agencies": {str(k): v for k, v in self.agencies.items()},
            "members": {str(k): v for k, v in self.members.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> ImportChoices:
        if not isinstance(data, dict):
            return cls()
        agencies = {int(k): int(v) for k, v in dict(data.get("agencies") or {}).items()}
        members = {int(k): [int(i) for i in v] for k, v in dict(data.get("members") or {}).items()}
        return cls(agencies, members)


def _suggestions(written: str, known: Sequence[tuple[int, str]]) -> tuple[Suggestion, ...]:
    keys = {agency_id: agency_key(name) for agency_id, name in known}
    names = dict(known)
    found = process.extract(agency_key(written), keys, scorer=fuzz.WRatio, processor=None, limit=SUGGESTIONS)
    return tuple(
        Suggestion(agency_id, names[agency_id], round(float(score), 1)) for _, score, agency_id in found
    )


def import_review(*, session: Session, parsed: ParsedPlan, organization_name: str | None) -> ImportReview:
    """The questions a preview asks (nothing is written; the session is rolled back)."""
    try:
        resolver = matched_names(session=session, parsed=parsed, organization_name=organization_name)
        org = organization_by_name(
            session=session, name=(organization_name or parsed.organization or "").strip()
        )
        known = agencies_with_aliases(session=session, organization_id=org.id) if org and org.id else []
        existing = [(a.id, a.name) for a, _ in known if a.id is not None]
        groups_of_org = {a.name: a.id for a, _ in known if a.is_group and a.id is not None}
        members = group_member_ids(session=session, group_ids=[i for i in groups_of_org.values() if i])
    finally:
        session.rollback()
    new: list[NewAgency] = []
    seen: set[str] = set()
    for resolution in resolver.resolved.values():
        if resolution.how != "new" or resolution.name in seen or not existing:
            continue  # a commune with no agencies yet has nothing to map to: every one is created
        seen.add(resolution.name)
        new.append(NewAgency(resolution.written, resolution.name, _suggestions(resolution.written, existing)))
    canonical = sorted({r.name for r in resolver.resolved.values()}, key=fold)
    empty = tuple(
        name
        for name in canonical
        if is_group_agency(name) and (name not in groups_of_org or not members.get(groups_of_org[name] or 0))
    )
    singles = {name for _, name in existing if not is_group_agency(name)}
    singles |= {name for name in canonical if not is_group_agency(name)}
    candidates = tuple(sorted(singles, key=fold)[:MAX_CANDIDATES]) if empty else ()
    return ImportReview(tuple(new[:MAX_NEW]), empty, candidates)


def store_reviewed(
    *,
    session: Session,
    parsed: ParsedPlan,
    organization_name: str | None,
    review: ImportReview | None = None,
    choices: ImportChoices | None = None,
    actor_user_id: int | None = None,
    today: date | None = None,
) -> ImportResult:
    """store_plan with the admin's answers: the mapped spellings become aliases first (so the store's
    own matcher links them to the chosen agencies), then the chosen members join the empty groups."""
    review = review or ImportReview()
    choices = choices or ImportChoices()
    name = (organization_name or parsed.organization or "").strip()
    org = organization_by_name(session=session, name=name) if name else None
    mapped: list[dict[str, Any]] = []
    if org is not None and org.id is not None:
        own = {a.id: a for a, _ in agencies_with_aliases(session=session, organization_id=org.id)}
        for index, agency_id in sorted(choices.agencies.items()):
            if not 0 <= index < len(review.new_agencies) or agency_id not in own:
                continue  # 0 (create) or an agency of another commune: created as before
            written = review.new_agencies[index].written
            # keyed the way the store's matcher keys a written name, so it finds the chosen agency
            key = agency_key(clean_name(nfc(written)))
            session.add(AgencyAlias(agency_id=agency_id, alias=written, alias_key=key))
            mapped.append({"written": written, "agency_id": agency_id})
        session.flush()
    result = store_plan(session=session, parsed=parsed, organization_name=organization_name, today=today)
    added = _add_members(session, result.organization_id, review, choices, actor_user_id)
    if mapped or added:
        session.add(
            AuditLog(
                actor_user_id=actor_user_id,
                action="import_review",
                detail={"plan_id": result.plan_id, "mapped": mapped, "members": added},
            )
        )
        session.flush()
    return result


def _add_members(
    session: Session,
    organization_id: int,
    review: ImportReview,
    choices: ImportChoices,
    actor_user_id: int | None,
) -> list[list[int]]:
    """Resolve the picked names to the agencies now stored and add them (plans.groups.set_member)."""
    picked = {g: c for g, c in choices.members.items() if 0 <= g < len(review.empty_groups) and c}
    if not picked:
        return []
    views = group_views(session=session, organization_id=organization_id)
    matcher = AgencyMatcher((v.group.id, v.group.name, ()) for v in views)
    # with their aliases: a picked spelling the admin mapped to an existing agency («Là …») finds it
    singles = AgencyMatcher(
        (a.id, a.name, aliases)
        for a, aliases in agencies_with_aliases(session=session, organization_id=organization_id)
        if a.id is not None and not a.is_group
    )
    added: list[list[int]] = []
    for group_index, candidate_indexes in sorted(picked.items()):
        group = matcher.match(review.empty_groups[group_index])
        if group.agency_id is None:
            continue
        for candidate in candidate_indexes:
            if not 0 <= candidate < len(review.candidates):
                continue
            member = singles.match(review.candidates[candidate])
            if member.agency_id is None:
                continue
            view = set_member(
                session=session,
                organization_id=organization_id,
                group_id=group.agency_id,
                member_id=member.agency_id,
                member=True,
                actor_user_id=actor_user_id,
            )
            if view is not None:
                added.append([group.agency_id, member.agency_id])
    logger.info("import review added %s group members in organization %s", len(added), organization_id)
    return added


def toggle_member(choices: ImportChoices, group: int, candidate: int) -> bool:
    """Add or remove one picked member; True when it is now picked."""
    current = choices.members.setdefault(group, [])
    if candidate in current:
        current.remove(candidate)
        return False
    current.append(candidate)
    return True
