"""The agency directory: finding an organization's agencies by the names people type."""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from plans.agencies import AgencyMatcher
from storage.models import Agency, AgencyAlias, Official
from storage.text import fold, fold_processor

FUZZY_MIN = 90.0  # below this a typed agency name is not trusted for an invite


def find_agencies(*, session: Session, name: str, organization_id: int | None = None) -> list[Agency]:
    """Agencies whose name or alias matches `name` (exact folded key first, else fuzzy)."""
    # Group agencies too: an official may act for "Các công chức chuyên môn thuộc UBND xã".
    stmt = select(Agency)
    if organization_id is not None:
        stmt = stmt.where(Agency.organization_id == organization_id)
    agencies = list(session.exec(stmt.order_by(col(Agency.name))).all())
    key = fold(name)
    exact = [a for a in agencies if fold(a.name) == key]
    if exact:
        return exact
    aliases: dict[int, list[str]] = {}
    ids = [a.id for a in agencies]
    for alias in session.exec(select(AgencyAlias).where(col(AgencyAlias.agency_id).in_(ids))).all():
        aliases.setdefault(alias.agency_id, []).append(alias.alias)
    by_alias = [a for a in agencies if any(fold(x) == key for x in aliases.get(a.id or 0, []))]
    if by_alias:
        return by_alias
    matcher = AgencyMatcher([(a.id or 0, a.name, aliases.get(a.id or 0, [])) for a in agencies])
    by_id = {a.id: a for a in agencies}
    matches = [m for m in matcher.search(name, limit=5) if m.agency_id in by_id and m.score >= FUZZY_MIN]
    if matches:
        # Several equal scores (same name in two communes) are all offered; weaker ones are not.
        best = matches[0].score
        return [by_id[m.agency_id] for m in matches if m.score >= best - 2]
    # Every typed word in the name ("trung tam phuc vu"), else a close token match (typos).
    words = fold_processor(name).split()
    contained = [a for a in agencies if words and all(w in fold_processor(a.name).split() for w in words)]
    if contained:
        return contained
    return [
        a for a in agencies if fuzz.token_set_ratio(fold_processor(name), fold_processor(a.name)) >= FUZZY_MIN
    ]


def agency_label(*, session: Session, official: Official) -> str | None:
    """The name of the official's agency, as the plan writes it."""
    if official.agency_id is None:
        return None
    agency = session.get(Agency, official.agency_id)
    return agency.name if agency else None


def agencies_of(*, session: Session, organization_id: int) -> list[Agency]:
    """Every agency of an organization, in the order they were created (the plan's order)."""
    stmt = select(Agency).where(Agency.organization_id == organization_id).order_by(col(Agency.id))
    return list(session.exec(stmt).all())
