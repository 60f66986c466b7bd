"""The bots of a deployment that serves several (BotAccount) and the organizations each serves."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Official, Organization, Role
from storage.models_people import BotAccount, BotOrganization


def bot_accounts(*, session: Session) -> list[tuple[BotAccount, list[str]]]:
    """Every bot with the names of the organizations bound to it, by name."""
    bots = session.exec(select(BotAccount).order_by(col(BotAccount.name))).all()
    bound = session.exec(
        select(BotOrganization.bot_id, Organization.name)
        .join(Organization, col(Organization.id) == col(BotOrganization.organization_id))
        .order_by(col(Organization.name_key))
    ).all()
    names: dict[int, list[str]] = {}
    for bot_id, name in bound:
        names.setdefault(bot_id, []).append(name)
    return [(bot, names.get(bot.id or 0, [])) for bot in bots]


def bot_by_name(*, session: Session, name: str) -> BotAccount | None:
    return session.exec(select(BotAccount).where(BotAccount.name == name)).first()


def bot_by_token(*, session: Session, token: str) -> BotAccount | None:
    return session.exec(select(BotAccount).where(BotAccount.token == token)).first()


def add_bot_account(*, session: Session, name: str, token: str) -> BotAccount:
    bot = BotAccount(name=name, token=token)
    session.add(bot)
    session.flush()
    return bot


def delete_bot_account(*, session: Session, bot: BotAccount) -> None:
    for link in session.exec(select(BotOrganization).where(BotOrganization.bot_id == bot.id)).all():
        session.delete(link)
    # The links go first: no relationship orders the two deletes, and the database's cascade
    # would otherwise remove the links under the session (a "0 rows matched" warning).
    session.flush()
    session.delete(bot)


def bind_organization(*, session: Session, organization_id: int, bot_id: int | None) -> None:
    """Serve the organization by this bot (None: by the default bot)."""
    link = session.get(BotOrganization, organization_id)
    if bot_id is None:
        if link is not None:
            session.delete(link)
        return
    if link is None:
        session.add(BotOrganization(organization_id=organization_id, bot_id=bot_id))
    else:
        link.bot_id = bot_id
        session.add(link)


def organization_bots(*, session: Session) -> dict[int, int]:
    """Organization id → the id of the bot serving it (organizations not listed: the default bot)."""
    return {
        o: b for o, b in session.exec(select(BotOrganization.organization_id, BotOrganization.bot_id)).all()
    }


def serving_bot(*, session: Session, organization_id: int) -> tuple[int | None, str] | None:
    """(the id of the bot serving the organization, None for the default bot; its name), or None
    when there is no such organization."""
    organization = session.get(Organization, organization_id)
    if organization is None:
        return None
    link = session.get(BotOrganization, organization_id)
    return (link.bot_id if link is not None else None), organization.name


def bot_token(*, session: Session, bot_id: int) -> str | None:
    bot = session.get(BotAccount, bot_id)
    return bot.token if bot is not None else None


def menu_holder_rows(*, session: Session) -> list[tuple[int, str, int | None]]:
    """(private chat id, role, organization id) of every active leader and admin with a chat."""
    rows = session.exec(
        select(Official.chat_id, Official.role, Official.organization_id).where(
            col(Official.active).is_(True),
            col(Official.role).in_([Role.leader.value, Role.admin.value]),
            col(Official.chat_id).is_not(None),
        )
    ).all()
    return [(chat, role, org) for chat, role, org in rows if chat is not None]
