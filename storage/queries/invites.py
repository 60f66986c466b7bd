"""Invites: expiring codes that bind a Telegram user to an agency and a role. Most are single-use;
a shared agency link admits up to `max_uses` people, each one after an admin's approval when
`needs_approval` (a JoinRequest waits for the admin's tap, plans/join_requests.py).

Failed redemptions are recorded in the AuditLog table (action "invite_failed"), so the slow-down of
repeated wrong codes survives restarts and is shared by every bot process.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import true as sa_true
from sqlalchemy import update
from sqlmodel import Session, col, func, select

from storage.models import Agency, AuditLog, Invite, Official, Organization, Role
from storage.models_people import JoinRequest
from storage.queries.officials import official_by_telegram_id
from storage.text import fold

DEFAULT_DAYS = 7
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=10)
ROLES = (Role.official.value, Role.leader.value, Role.admin.value)
MAX_USES = 200


class InviteError(ValueError):
    """The invite cannot be created (unknown role, agency of another organization …)."""


@dataclass(frozen=True)
class RedeemResult:
    status: str  # ok | unknown | used | expired | already | throttled | pending | rejected
    official_id: int | None = None
    full_name: str | None = None
    role: str | None = None
    agency_name: str | None = None
    organization_name: str | None = None
    join_request_id: int | None = None  # "pending": the request the admins are asked about
    created: bool = False  # "pending": True the first time (the admins are told only once)
    previous_role: str | None = None  # "ok": the role before, for someone already registered


def new_code() -> str:
    """22 URL-safe characters (128 random bits): unguessable and within Telegram's 64-char start limit."""
    return secrets.token_urlsafe(16)


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes for values stored as UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def create_invite(
    *,
    session: Session,
    organization_id: int,
    agency_id: int | None,
    role: str,
    created_by: int | None = None,
    days: int = DEFAULT_DAYS,
    now: datetime | None = None,
    max_uses: int = 1,
    needs_approval: bool = False,
) -> Invite:
    if role not in ROLES:
        raise InviteError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if days < 1:
        raise InviteError("an invite must be valid for at least one day")
    if not 1 <= max_uses <= MAX_USES:
        raise InviteError(f"an invite admits 1 to {MAX_USES} people")
    if agency_id is not None:
        agency = session.get(Agency, agency_id)
        if agency is None or agency.organization_id != organization_id:
            raise InviteError("the agency does not belong to the organization")
    now = now or datetime.now(UTC)
    invite = Invite(
        code=new_code(),
        organization_id=organization_id,
        agency_id=agency_id,
        role=role,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=days),
        max_uses=max_uses,
        needs_approval=needs_approval,
    )
    session.add(invite)
    session.add(
        AuditLog(
            actor_user_id=None,
            action="invite_created",
            detail={
                "organization_id": organization_id,
                "agency_id": agency_id,
                "role": role,
                "max_uses": max_uses,
                "needs_approval": needs_approval,
            },
        )
    )
    session.flush()
    return invite


def recent_failures(*, session: Session, telegram_user_id: int, now: datetime | None = None) -> int:
    since = (now or datetime.now(UTC)) - FAILURE_WINDOW
    count = session.exec(
        select(func.count())
        .select_from(AuditLog)
        .where(
            AuditLog.action == "invite_failed",
            AuditLog.actor_user_id == telegram_user_id,
            col(AuditLog.at) >= since,
        )
    ).one()
    return int(count)


def _fail(session: Session, telegram_user_id: int, status: str, now: datetime) -> RedeemResult:
    session.add(
        AuditLog(at=now, actor_user_id=telegram_user_id, action="invite_failed", detail={"reason": status})
    )
    return RedeemResult(status)


def redeem_invite(
    *,
    session: Session,
    code: str,
    telegram_user_id: int,
    full_name: str,
    username: str | None,
    chat_id: int | None,
    now: datetime | None = None,
) -> RedeemResult:
    """Bind the user to the invite's organization, agency and role, exactly once."""
    now = now or datetime.now(UTC)
    if recent_failures(session=session, telegram_user_id=telegram_user_id, now=now) >= MAX_FAILURES:
        return RedeemResult("throttled")
    code = code.strip()
    invite = session.exec(select(Invite).where(Invite.code == code)).first() if 0 < len(code) <= 64 else None
    if invite is None:
        return _fail(session, telegram_user_id, "unknown", now)
    existing = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    was = existing.role if existing is not None and existing.active else None  # before admit() changes it
    if _joined_by(invite, existing, telegram_user_id):
        assert existing is not None
        return _describe(session, existing, "already")
    if used_up(invite):
        return _fail(session, telegram_user_id, "used", now)
    if _aware(invite.expires_at) < now:
        return _fail(session, telegram_user_id, "expired", now)
    if invite.needs_approval:
        return _ask_to_join(session, invite, telegram_user_id, full_name, username, chat_id)
    if not claim_use(session=session, invite=invite, telegram_user_id=telegram_user_id, now=now):
        return _fail(session, telegram_user_id, "used", now)
    official = admit(
        session=session,
        invite=invite,
        telegram_user_id=telegram_user_id,
        full_name=full_name,
        username=username,
        chat_id=chat_id,
        now=now,
    )
    return _describe(session, official, "ok", previous_role=was)


def used_up(invite: Invite) -> bool:
    # A single-use invite of before max_uses existed has used_at set and use_count 0.
    if invite.max_uses <= 1 and invite.used_at is not None:
        return True
    return invite.use_count >= invite.max_uses


def _joined_by(invite: Invite, official: Official | None, telegram_user_id: int) -> bool:
    """Opening the same link again after joining through it: "already", not "used"."""
    if official is None or not official.active:
        return False
    if invite.used_by_user_id == telegram_user_id:
        return True
    return (
        invite.max_uses > 1
        and official.organization_id == invite.organization_id
        and official.agency_id == invite.agency_id
    )


def claim_use(*, session: Session, invite: Invite, telegram_user_id: int, now: datetime) -> bool:
    """Count one use; conditional, so of simultaneous redemptions no more than max_uses succeed."""
    claimed = session.exec(
        update(Invite)
        .where(col(Invite.id) == invite.id, col(Invite.use_count) < invite.max_uses)
        .where(col(Invite.used_at).is_(None) if invite.max_uses <= 1 else sa_true())
        .values(
            use_count=col(Invite.use_count) + 1,
            used_at=func.coalesce(col(Invite.used_at), now),
            used_by_user_id=func.coalesce(col(Invite.used_by_user_id), telegram_user_id),
        )
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    session.refresh(invite)
    return True


def admit(
    *,
    session: Session,
    invite: Invite,
    telegram_user_id: int,
    full_name: str,
    username: str | None,
    chat_id: int | None,
    now: datetime,
    approved_by: int | None = None,
) -> Official:
    """Bind the user to the invite's organization, agency and role (the use is already claimed)."""
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    if official is None:
        official = Official(telegram_user_id=telegram_user_id, full_name=full_name)
    official.full_name = full_name or official.full_name
    official.username = username
    official.chat_id = chat_id
    official.organization_id = invite.organization_id
    if official.agency_id != invite.agency_id:
        official.is_head = False  # the head of their former agency is not the new one's
    official.agency_id = invite.agency_id
    # A config admin keeps admin rights whatever the invite says.
    if official.role != Role.admin or invite.role == Role.admin:
        official.role = invite.role
    official.active = True
    official.reachable = True
    session.add(official)
    session.flush()
    detail: dict[str, object] = {"invite_id": invite.id, "official_id": official.id, "role": official.role}
    if approved_by is not None:
        detail["approved_by"] = approved_by
    session.add(AuditLog(at=now, actor_user_id=telegram_user_id, action="invite_redeemed", detail=detail))
    return official


def _ask_to_join(
    session: Session,
    invite: Invite,
    telegram_user_id: int,
    full_name: str,
    username: str | None,
    chat_id: int | None,
) -> RedeemResult:
    assert invite.id is not None
    request = session.exec(
        select(JoinRequest).where(
            JoinRequest.invite_id == invite.id, JoinRequest.telegram_user_id == telegram_user_id
        )
    ).first()
    created = request is None
    if request is None:
        request = JoinRequest(
            invite_id=invite.id,
            telegram_user_id=telegram_user_id,
            chat_id=chat_id,
            full_name=full_name[:255] or str(telegram_user_id),
            username=username,
        )
        session.add(request)
        session.flush()
    elif request.status == "rejected":
        return RedeemResult("rejected", full_name=request.full_name)
    elif request.status == "approved":  # approved, then deactivated: the admins decide again
        request.status, request.decided_by, request.decided_at = "pending", None, None
        session.add(request)
        created = True
    agency = session.get(Agency, invite.agency_id) if invite.agency_id else None
    org = session.get(Organization, invite.organization_id)
    return RedeemResult(
        "pending",
        full_name=request.full_name,
        role=invite.role,
        agency_name=agency.name if agency else None,
        organization_name=org.name if org else None,
        join_request_id=request.id,
        created=created,
    )


def _describe(
    session: Session, official: Official, status: str, *, previous_role: str | None = None
) -> RedeemResult:
    agency = session.get(Agency, official.agency_id) if official.agency_id else None
    org = session.get(Organization, official.organization_id) if official.organization_id else None
    return RedeemResult(
        status,
        official_id=official.id,
        full_name=official.full_name,
        role=official.role,
        agency_name=agency.name if agency else None,
        organization_name=org.name if org else None,
        previous_role=previous_role,
    )


def organizations_named(*, session: Session, name: str | None) -> list[Organization]:
    orgs = list(session.exec(select(Organization).order_by(col(Organization.name))).all())
    if not name:
        return orgs
    key = fold(name)
    exact = [o for o in orgs if fold(o.name) == key]
    return exact or [o for o in orgs if key in fold(o.name)]


def agencies_for(*, session: Session, organization_id: int | None) -> list[Agency]:
    """Agencies an admin may invite to: those of their organization (all when they have none)."""
    stmt = select(Agency).where(col(Agency.is_group).is_(False))
    if organization_id is not None:
        stmt = stmt.where(Agency.organization_id == organization_id)
    return list(session.exec(stmt.order_by(col(Agency.organization_id), col(Agency.name))).all())


def agency_by_id(*, session: Session, agency_id: int) -> Agency | None:
    return session.get(Agency, agency_id)


def organization_names(*, session: Session) -> dict[int, str]:
    return {o.id: o.name for o in session.exec(select(Organization)).all() if o.id is not None}
