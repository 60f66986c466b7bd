"""Officials as the bot's handlers see them: who is writing, an agency's roster, deactivation.

Authorisation lives here, not in the handlers: an admin acts on the agencies and officials of
their own organization only (an admin named in the settings, without one, on every organization).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from storage.models import Agency, AuditLog, Official, Role
from storage.queries.officials import (
    deactivate_official,
    ensure_config_admin,
    official_by_id,
    official_by_telegram_id,
    officials_of_agency,
)


def official_for_user(
    *,
    session: Session,
    telegram_user_id: int,
    config_admin: bool = False,
    full_name: str = "",
    username: str | None = None,
    chat_id: int | None = None,
) -> Official | None:
    """The registered, active official behind a Telegram user; an admin named in the settings is
    created on their first message."""
    if config_admin:
        return ensure_config_admin(
            session=session,
            telegram_user_id=telegram_user_id,
            full_name=full_name,
            username=username,
            chat_id=chat_id,
        )
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    return official if official is not None and official.active else None


def may_administer(admin: Official, agency: Agency | None) -> bool:
    return (
        agency is not None
        and admin.active
        and admin.role == Role.admin
        and (admin.organization_id is None or agency.organization_id == admin.organization_id)
    )


def agency_for_admin(*, session: Session, admin: Official, agency_id: int) -> Agency | None:
    agency = session.get(Agency, agency_id)
    return agency if may_administer(admin, agency) else None


@dataclass(frozen=True)
class Roster:
    agency: Agency
    officials: list[Official]


def agency_roster(*, session: Session, admin: Official, agency_id: int) -> Roster | None:
    """An agency's active officials, for an admin who may administer it."""
    agency = agency_for_admin(session=session, admin=admin, agency_id=agency_id)
    if agency is None or agency.id is None:
        return None
    return Roster(agency, officials_of_agency(session=session, agency_id=agency.id))


def official_for_admin(*, session: Session, admin: Official, official_id: int) -> Official | None:
    """Another official an admin may act on (never themself)."""
    target = official_by_id(session=session, official_id=official_id)
    if target is None or target.id == admin.id or target.agency_id is None:
        return None
    agency = session.get(Agency, target.agency_id)
    return target if may_administer(admin, agency) else None


def deactivate(*, session: Session, admin: Official, official_id: int) -> Official | None:
    """Stop an official's access (their reports keep their name); None when not allowed."""
    target = official_for_admin(session=session, admin=admin, official_id=official_id)
    if target is None:
        return None
    done = deactivate_official(session=session, official_id=official_id)
    session.add(
        AuditLog(
            actor_user_id=admin.telegram_user_id,
            action="official_deactivated",
            detail={"official_id": official_id, "by": admin.id},
        )
    )
    return done


class RegistrationError(ValueError):
    """The official cannot be registered as asked; the message says why, in Vietnamese."""


def register_official(
    *, session: Session, telegram_user_id: int, full_name: str, role: str, agency_name: str | None
) -> str:
    """Register a Telegram user directly as an official of the first organization (the offline
    `planbot chat --as`); the agency is found the way admins type it. Returns a line to show."""
    from plans.directory import agencies_of, find_agencies
    from storage.queries.facts import organizations
    from storage.queries.officials import ensure_official

    found = organizations(session=session)
    organization = found[0] if found else None
    agency: Agency | None = None
    if organization is not None:
        every = agencies_of(session=session, organization_id=organization[0])
        if agency_name:
            agencies = find_agencies(session=session, name=agency_name, organization_id=organization[0])
            if not agencies:
                names = "; ".join(a.name for a in every) or "chưa có"
                raise RegistrationError(f"Không tìm thấy đơn vị «{agency_name}». Các đơn vị: {names}")
            agency = agencies[0]
        elif role == Role.official:
            agency = next((a for a in every if not a.is_group), None)
    elif agency_name:
        raise RegistrationError("Chưa có xã/phường nào trong cơ sở dữ liệu: hãy nhập kế hoạch trước.")
    ensure_official(
        session=session,
        telegram_user_id=telegram_user_id,
        full_name=full_name,
        role=role,
        organization_id=organization[0] if organization else None,
        agency_id=agency.id if agency else None,
    )
    where = f", {agency.name}" if agency else ""
    org = f" — {organization[1]}" if organization else ""
    return f"Bạn là {full_name} ({role}{where}{org}), mã Telegram {telegram_user_id}."


def menu_holders(*, session: Session) -> list[tuple[int, str]]:
    """(private chat id, role) of every active leader and admin the bot can write to: the chats that
    get a command menu of their own (handlers/menus.py)."""
    rows = session.exec(
        select(Official).where(
            col(Official.active).is_(True),
            col(Official.role).in_([Role.leader.value, Role.admin.value]),
            col(Official.chat_id).is_not(None),
        )
    ).all()
    return [(o.chat_id, o.role) for o in rows if o.chat_id is not None]
