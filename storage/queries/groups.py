"""Group agencies ("Các công chức chuyên môn") and their member agencies (keyword-only session;
they never commit)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Agency, AgencyGroupMember


def organization_agencies(*, session: Session, organization_id: int) -> list[Agency]:
    return list(
        session.exec(
            select(Agency).where(Agency.organization_id == organization_id).order_by(col(Agency.name))
        ).all()
    )


def group_member_ids(*, session: Session, group_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {g: set() for g in group_ids}
    if group_ids:
        for row in session.exec(
            select(AgencyGroupMember).where(col(AgencyGroupMember.group_id).in_(group_ids))
        ).all():
            found[row.group_id].add(row.member_id)
    return found


def add_group_member(*, session: Session, group_id: int, member_id: int) -> bool:
    if session.get(AgencyGroupMember, (group_id, member_id)) is not None:
        return False
    session.add(AgencyGroupMember(group_id=group_id, member_id=member_id))
    return True


def remove_group_member(*, session: Session, group_id: int, member_id: int) -> bool:
    row = session.get(AgencyGroupMember, (group_id, member_id))
    if row is None:
        return False
    session.delete(row)
    return True


def group_agency_ids(*, session: Session, organization_id: int) -> frozenset[int]:
    rows = session.exec(
        select(Agency.id).where(Agency.organization_id == organization_id, col(Agency.is_group).is_(True))
    ).all()
    return frozenset(i for i in rows if i is not None)
