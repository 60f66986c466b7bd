"""The bots of a deployment that serves several (BotAccount) and the organizations each serves."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Organization
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
