"""Officials: look-up and the admins named in PLANBOT_ADMIN_IDS."""

from __future__ import annotations

from sqlmodel import Session, select

from storage.models import Official, Role


def official_by_telegram_id(*, session: Session, telegram_user_id: int) -> Official | None:
    return session.exec(select(Official).where(Official.telegram_user_id == telegram_user_id)).first()


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
