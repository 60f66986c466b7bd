"""The bots of one deployment (one per province, say): adding, listing, removing them and binding
organizations to them. An organization without a bot of its own is served by the default bot (the
TELEGRAM_BOT_TOKEN of the settings). A token is shown only masked and never logged."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from plans.officials import menu_holders
from storage.models import AuditLog
from storage.queries import bots as q
from storage.queries.facts import find_organization
from storage.queries.keyvalue import load_keys, put_value

TOKEN = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
HINTS = "bot_hint"  # KeyValue namespace: officials told which bot sends their organization's reminders


class BotError(ValueError):
    """A request about bots that cannot be done; the message says why, in one line."""


@dataclass(frozen=True)
class BotView:
    name: str
    masked_token: str
    organizations: tuple[str, ...]


def serving(bindings: dict[int, int], bot_id: int | None) -> Callable[[int | None], bool]:
    """Whether an organization's officials are written to by this bot (None: the default bot, which
    serves every organization not bound to another, and officials of no organization)."""
    if bot_id is None:
        return lambda organization_id: organization_id is None or organization_id not in bindings
    return lambda organization_id: organization_id is not None and bindings.get(organization_id) == bot_id


def served_by(bindings: dict[int, int], bot_id: int | None) -> Callable[[int | None], bool] | None:
    """What a bot's reminder pass may write to, from the deployment's bindings; None: everyone (the
    default bot of a deployment where no organization is bound to another bot)."""
    if not bindings and bot_id is None:
        return None
    return serving(bindings, bot_id)


def token_serving(*, session: Session, organization_id: int | None) -> str | None:
    """The token of the registered bot serving the organization; None for the default bot (an
    organization bound to none, or no organization)."""
    found = q.serving_bot(session=session, organization_id=organization_id) if organization_id else None
    if found is None or found[0] is None:
        return None
    return q.bot_token(session=session, bot_id=found[0])


def mask(token: str) -> str:
    """ "123456789:AAE…xyz" → "123456789:••••…wxyz": the bot id stays readable, the secret does not."""
    bot_id, _, secret = token.partition(":")
    return f"{bot_id}:••••{secret[-4:]}" if secret else "••••"


def list_bots(*, session: Session) -> list[BotView]:
    return [BotView(bot.name, mask(bot.token), tuple(orgs)) for bot, orgs in q.bot_accounts(session=session)]


def add_bot(
    *, session: Session, name: str, token: str, organizations: list[str], default_token: str | None = None
) -> BotView:
    name, token = name.strip().lower(), token.strip()
    if not NAME.match(name):
        raise BotError(f"bot name {name!r}: use lower-case letters, digits, - and _ (e.g. lamdong)")
    if not TOKEN.match(token):
        raise BotError("the token does not look like a Telegram bot token (digits, a colon, then the secret)")
    if token == default_token:
        raise BotError("that token is the default bot's (TELEGRAM_BOT_TOKEN)")
    if q.bot_by_name(session=session, name=name) is not None:
        raise BotError(f"a bot named {name!r} already exists")
    if q.bot_by_token(session=session, token=token) is not None:
        raise BotError("that token is already registered under another name")
    bot = q.add_bot_account(session=session, name=name, token=token)
    bound = _bind(session, bot.id, organizations)
    session.add(AuditLog(action="bot.add", detail={"bot": name, "organizations": bound}))
    return BotView(name, mask(token), tuple(bound))


def bind_organizations(*, session: Session, name: str | None, organizations: list[str]) -> list[str]:
    """Serve these organizations by the named bot (None: the default bot again)."""
    bot_id: int | None = None
    if name is not None:
        bot = q.bot_by_name(session=session, name=name.strip().lower())
        if bot is None:
            raise BotError(f"no bot named {name!r}")
        bot_id = bot.id
    bound = _bind(session, bot_id, organizations)
    session.add(AuditLog(action="bot.bind", detail={"bot": name, "organizations": bound}))
    return bound


def remove_bot(*, session: Session, name: str) -> tuple[str, ...]:
    """Remove a bot; its organizations go back to the default bot (their names are returned)."""
    bot = q.bot_by_name(session=session, name=name.strip().lower())
    if bot is None:
        raise BotError(f"no bot named {name!r}")
    orgs = next((tuple(o) for b, o in q.bot_accounts(session=session) if b.id == bot.id), ())
    q.delete_bot_account(session=session, bot=bot)
    session.add(AuditLog(action="bot.remove", detail={"bot": bot.name, "organizations": list(orgs)}))
    return orgs


def _bind(session: Session, bot_id: int | None, organizations: list[str]) -> list[str]:
    names: list[str] = []
    for wanted in organizations:
        found = find_organization(session=session, name=wanted)
        if found is None:
            raise BotError(f"no single organization matches {wanted!r}")
        q.bind_organization(session=session, organization_id=found[0], bot_id=bot_id)
        names.append(found[1])
    return names


def menu_holders_of(*, session: Session, bot_id: int | None) -> list[tuple[int, str]]:
    """The leaders' and admins' chats that get their command menu from this bot (None: the default
    bot): those of the organizations it serves; every one when the deployment has a single bot."""
    bindings = q.organization_bots(session=session)
    if not bindings and bot_id is None:
        return menu_holders(session=session)
    serves = serving(bindings, bot_id)
    return [(chat, role) for chat, role, org in q.menu_holder_rows(session=session) if serves(org)]


@dataclass(frozen=True)
class ServedElsewhere:
    """An official writing to one bot while another sends their organization's reminders."""

    bot_id: int | None  # the bot that serves their organization (None: the default bot)
    organization: str


def served_elsewhere_once(
    *, session: Session, organization_id: int | None, bot_id: int | None, telegram_user_id: int
) -> ServedElsewhere | None:
    """The bot serving the official's organization when it is not `bot_id`, the first time only:
    the answer is recorded, so each official is told once per bot."""
    if organization_id is None:
        return None
    found = q.serving_bot(session=session, organization_id=organization_id)
    if found is None or found[0] == bot_id:
        return None
    key = f"{bot_id or 0}:{telegram_user_id}"
    if load_keys(session=session, wanted=[(HINTS, key)]):
        return None
    put_value(session=session, namespace=HINTS, key=key, value=found[0] or 0)
    return ServedElsewhere(found[0], found[1])
