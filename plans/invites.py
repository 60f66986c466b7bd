"""Invites: creating an agency's invite link and redeeming one (the bot and the CLI alike)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from plans.officials import agency_for_admin
from storage.models import Agency, AuditLog, Invite, Official, Organization, Role
from storage.queries.invites import (
    DEFAULT_DAYS,
    MAX_USES,
    ROLES,
    InviteError,
    RedeemResult,
    create_invite,
    redeem_invite,
)

__all__ = [
    "DEFAULT_DAYS",
    "MAX_USES",
    "ROLES",
    "InviteError",
    "RedeemResult",
    "agencies_to_invite",
    "create_agency_invite",
    "redeem",
]


@dataclass(frozen=True)
class AgencyChoice:
    id: int
    name: str
    organization: str


def agencies_to_invite(*, session: Session, admin: Official) -> list[AgencyChoice]:
    """The agencies an admin may invite officials to (their organization's, or all for an admin of
    every organization), group agencies included: someone may act for "Các công chức chuyên môn"."""
    stmt = select(Agency, Organization.name).join(
        Organization, col(Organization.id) == col(Agency.organization_id)
    )
    if admin.organization_id is not None:
        stmt = stmt.where(col(Agency.organization_id) == admin.organization_id)
    rows = session.exec(stmt.order_by(col(Agency.organization_id), col(Agency.name))).all()
    return [AgencyChoice(a.id or 0, a.name, org) for a, org in rows]


def create_agency_invite(
    *,
    session: Session,
    admin: Official | None,
    agency_id: int,
    role: str,
    days: int = DEFAULT_DAYS,
    max_uses: int = 1,
    needs_approval: bool = False,
) -> Invite:
    """An invite to an agency with a role; `admin` None is the command line (the operator). A shared
    link (max_uses > 1) admits several people, each after an admin's tap when needs_approval."""
    if role not in ROLES:
        raise InviteError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if admin is not None:
        agency = agency_for_admin(session=session, admin=admin, agency_id=agency_id)
    else:
        agency = session.get(Agency, agency_id)
    if agency is None or agency.id is None:
        raise InviteError("unknown agency, or not one you administer")
    if admin is not None and role == Role.admin and admin.role != Role.admin:
        raise InviteError("only an admin may invite an admin")
    invite = create_invite(
        session=session,
        organization_id=agency.organization_id,
        agency_id=agency.id,
        role=role,
        created_by=admin.id if admin is not None else None,
        days=days,
        max_uses=max_uses,
        needs_approval=needs_approval,
    )
    session.add(
        AuditLog(
            actor_user_id=admin.telegram_user_id if admin is not None else None,
            action="invite_for_agency",
            detail={"agency_id": agency.id, "role": role, "invite_id": invite.id, "max_uses": max_uses},
        )
    )
    return invite


def redeem(
    *,
    session: Session,
    code: str,
    telegram_user_id: int,
    full_name: str,
    username: str | None,
    chat_id: int | None,
) -> RedeemResult:
    return redeem_invite(
        session=session,
        code=code,
        telegram_user_id=telegram_user_id,
        full_name=full_name,
        username=username,
        chat_id=chat_id,
    )


@dataclass(frozen=True)
class SharedInvite:
    invite: Invite
    agency_name: str


def share_invite(
    *, session: Session, admin: Official, invite_id: int, max_uses: int, needs_approval: bool
) -> SharedInvite | None:
    """Turn an admin's fresh single-use invite into a shared one; None when it is not theirs to
    change (another organization's, already used, expired) or the numbers are out of range."""
    invite = session.get(Invite, invite_id)
    if invite is None or invite.agency_id is None or not 1 < max_uses <= MAX_USES:
        return None
    agency = agency_for_admin(session=session, admin=admin, agency_id=invite.agency_id)
    expires = invite.expires_at if invite.expires_at.tzinfo else invite.expires_at.replace(tzinfo=UTC)
    if agency is None or invite.used_at is not None or invite.use_count > 0 or expires < datetime.now(UTC):
        return None
    if invite.role == Role.admin and admin.role != Role.admin:
        return None
    invite.max_uses = max_uses
    invite.needs_approval = needs_approval
    session.add(invite)
    session.add(
        AuditLog(
            actor_user_id=admin.telegram_user_id,
            action="invite_shared",
            detail={"invite_id": invite.id, "max_uses": max_uses, "needs_approval": needs_approval},
        )
    )
    session.flush()
    return SharedInvite(invite, agency.name)
