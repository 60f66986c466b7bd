"""Officials: look-up and the admins named in PLANBOT_ADMIN_IDS."""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from storage.models import Official, Role

_BY_TELEGRAM_ID = select(Official).where(col(Official.telegram_user_id) == bindparam("telegram_user_id"))


def official_by_telegram_id(*, session: Session, telegram_user_id: int) -> Official | None:
    # The statement is built once: this runs for every update (bot/dedupe.py).
    return session.exec(_BY_TELEGRAM_ID, params={"telegram_user_id": telegram_user_id}).first()


def ensure_config_admin(
    *, session: Session, telegram_user_id: int, full_name: str, username: str | None, chat_id: int | None
) -> Official:
    """A user listed in PLANBOT_ADMIN_IDS is an admin from their first message."""
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    if official is None:
        official = Official(
            telegram_user_id=telegram_user_id,
            full_name=full_name,
            username=username,
            chat_id=chat_id,
            role=Role.admin,
        )
    else:
        official.role = Role.admin
        official.active = True
        if chat_id is not None:
            official.chat_id = chat_id
    session.add(official)
    session.flush()
    return official


# --- Admin views of officials (/canbo, /toi) -------------------------------------------------


def officials_of_agency(*, session: Session, agency_id: int) -> list[Official]:
    """Active officials of an agency, by name."""
    return list(
        session.exec(
            select(Official)
            .where(Official.agency_id == agency_id, Official.active == True)  # noqa: E712
            .order_by(Official.full_name)  # type: ignore[arg-type]
        ).all()
    )


def deactivate_official(*, session: Session, official_id: int) -> Official | None:
    """Mark an official inactive (history keeps their name); returns None when unknown."""
    official = session.get(Official, official_id)
    if official is None:
        return None
    official.active = False
    session.add(official)
    session.flush()
    return official


def official_by_id(*, session: Session, official_id: int) -> Official | None:
    return session.get(Official, official_id)


def ensure_official(
    *,
    session: Session,
    telegram_user_id: int,
    full_name: str,
    role: str,
    organization_id: int | None,
    agency_id: int | None,
) -> Official:
    """Create or update the official behind a Telegram user (used by `planbot chat --as`)."""
    official = official_by_telegram_id(session=session, telegram_user_id=telegram_user_id)
    if official is None:
        official = Official(telegram_user_id=telegram_user_id, full_name=full_name)
    official.full_name = full_name
    official.role = role
    official.organization_id = organization_id
    official.agency_id = agency_id
    official.chat_id = telegram_user_id
    official.active = True
    session.add(official)
    session.flush()
    return official


def set_official_head(*, session: Session, official_id: int, is_head: bool) -> Official | None:
    """Mark (or unmark) an official as the head of their agency; None when unknown."""
    official = session.get(Official, official_id)
    if official is None:
        return None
    official.is_head = is_head
    session.add(official)
    session.flush()
    return official


def heads_of_organization(*, session: Session, organization_id: int) -> list[Official]:
    """The active heads of agency of an organization."""
    return list(
        session.exec(
            select(Official).where(
                col(Official.organization_id) == organization_id,
                col(Official.is_head).is_(True),
                col(Official.active).is_(True),
            )
        ).all()
    )
