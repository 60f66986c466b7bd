"""Join requests on a shared invite that needs approval: who is asked, and an admin's decision.

Every decision is re-authorised here: only an active admin of the invite's organization (or an
admin of every organization) decides, each request once, and an approval takes one of the
invite's remaining uses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from storage.models import Agency, AuditLog, Invite, Official, Role
from storage.models_people import JoinRequest
from storage.queries.invites import admit, claim_use, used_up
from storage.queries.officials import official_by_telegram_id

logger = logging.getLogger(__name__)

APPROVED, REJECTED, PENDING = "approved", "rejected", "pending"


@dataclass(frozen=True)
class Applicant:
    request_id: int
    full_name: str
    username: str | None
    agency_name: str
    role: str
    invite_id: int


@dataclass(frozen=True)
class Decision:
    status: str  # approved | rejected | decided (already, by someone) | no_uses | expired | denied
    request_id: int
    full_name: str = ""
    chat_id: int | None = None  # the applicant's private chat, to tell them
    agency_name: str = ""
    role: str = ""
    official_id: int | None = None  # approved: the official admitted
    previous_role: str | None = None  # approved: their role before, when already registered


def _may_decide(admin: Official, invite: Invite) -> bool:
    return (
        admin.active
        and admin.role == Role.admin
        and (admin.organization_id is None or admin.organization_id == invite.organization_id)
    )


def applicant(*, session: Session, request_id: int) -> Applicant | None:
    request = session.get(JoinRequest, request_id)
    invite = session.get(Invite, request.invite_id) if request is not None else None
    if request is None or invite is None or invite.id is None:
        return None
    agency = session.get(Agency, invite.agency_id) if invite.agency_id else None
    return Applicant(
        request_id=request_id,
        full_name=request.full_name,
        username=request.username,
        agency_name=agency.name if agency else "",
        role=invite.role,
        invite_id=invite.id,
    )


def approvers(*, session: Session, request_id: int) -> list[int]:
    """Chat ids of the admins asked: those of the invite's organization, else the admins of every
    organization (the configured ones), so a request never waits unseen."""
    request = session.get(JoinRequest, request_id)
    invite = session.get(Invite, request.invite_id) if request is not None else None
    if invite is None:
        return []
    admins = session.exec(
        select(Official).where(
            Official.role == Role.admin,
            col(Official.active).is_(True),
            col(Official.chat_id).is_not(None),
        )
    ).all()
    own = [a.chat_id for a in admins if a.organization_id == invite.organization_id and a.chat_id]
    every = [a.chat_id for a in admins if a.organization_id is None and a.chat_id]
    return sorted(set(own or every))


def pending_of_invite(*, session: Session, admin: Official, invite_id: int) -> list[int] | None:
    """The ids of an invite's pending requests, oldest first; None when the admin may not decide."""
    invite = session.get(Invite, invite_id)
    if invite is None or not _may_decide(admin, invite):
        return None
    rows = session.exec(
        select(JoinRequest.id)
        .where(JoinRequest.invite_id == invite_id, JoinRequest.status == PENDING)
        .order_by(col(JoinRequest.created_at), col(JoinRequest.id))
    ).all()
    return [r for r in rows if r is not None]


def decide(
    *, session: Session, admin: Official, request_id: int, approve: bool, now: datetime | None = None
) -> Decision:
    now = now or datetime.now(UTC)
    request = session.get(JoinRequest, request_id)
    invite = session.get(Invite, request.invite_id) if request is not None else None
    if request is None or invite is None or not _may_decide(admin, invite):
        return Decision("denied", request_id)
    agency = session.get(Agency, invite.agency_id) if invite.agency_id else None

    def outcome(status: str, admitted: Official | None = None, was: str | None = None) -> Decision:
        return Decision(
            status,
            request_id,
            full_name=request.full_name,
            chat_id=request.chat_id or request.telegram_user_id,  # a private chat has the user's id
            agency_name=agency.name if agency else "",
            role=invite.role,
            official_id=admitted.id if admitted is not None else None,
            previous_role=was,
        )

    if request.status != PENDING:
        return outcome("decided")
    was: str | None = None
    admitted: Official | None = None
    if approve:
        expires = invite.expires_at if invite.expires_at.tzinfo else invite.expires_at.replace(tzinfo=UTC)
        if expires < now:
            return outcome("expired")
        if used_up(invite) or not claim_use(
            session=session, invite=invite, telegram_user_id=request.telegram_user_id, now=now
        ):
            return outcome("no_uses")
        before = official_by_telegram_id(session=session, telegram_user_id=request.telegram_user_id)
        was = before.role if before is not None and before.active else None
        admitted = admit(
            session=session,
            invite=invite,
            telegram_user_id=request.telegram_user_id,
            full_name=request.full_name,
            username=request.username,
            chat_id=request.chat_id or request.telegram_user_id,
            now=now,
            approved_by=admin.id,
        )
    request.status = APPROVED if approve else REJECTED
    request.decided_by = admin.id
    request.decided_at = now
    session.add(request)
    session.add(
        AuditLog(
            at=now,
            actor_user_id=admin.telegram_user_id,
            action="join_approved" if approve else "join_rejected",
            detail={"request_id": request_id, "invite_id": invite.id, "user": request.telegram_user_id},
        )
    )
    logger.info("Admin %s %s join request %s", admin.id, request.status, request_id)
    return outcome(request.status, admitted, was)
