"""Per-role command menus: which command each role sees in Telegram's "/" menu.

The default scope carries the official's menu (a stranger sees it too: /start and /help answer
them, the rest say how to register). Leaders and admins get their own menu in their private chat
(BotCommandScopeChat), set when they join or are promoted and once at start-up. The menu only
shows commands: every command still checks the role itself (handlers/auth.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from storage.models import Role

logger = logging.getLogger(__name__)

STRANGER = "stranger"
MENU_ROLES = (STRANGER, Role.official.value, Role.leader.value, Role.admin.value)
COMMANDS_KEY = "menu_commands"  # bot_data: the (name, description) list bot/app.py offers

_ALL = frozenset(MENU_ROLES)
_OFFICIAL = frozenset({Role.official.value, Role.leader.value, Role.admin.value})
_LEADER = frozenset({Role.leader.value, Role.admin.value})
_ADMIN = frozenset({Role.admin.value})

# Every command of bot/app.py's COMMANDS must have a row (tests/bot/test_command_menus.py).
COMMAND_ROLES: dict[str, frozenset[str]] = {
    "start": _ALL,
    "help": _ALL,
    "viec": _OFFICIAL,
    "viectoi": _OFFICIAL,
    "tim": _OFFICIAL,
    "xong": _OFFICIAL,
    "capnhat": _OFFICIAL,
    "tiendo": _OFFICIAL,
    "baocaoky": _OFFICIAL,
    "toi": _OFFICIAL,
    "quahan": _OFFICIAL,
    "nhac": _OFFICIAL,
    "huy": _OFFICIAL,
    "tyle": _LEADER,
    "donvi": _LEADER,
    "chitieu": _LEADER,
    "chuabaocao": _LEADER,
    "baocao": _LEADER,
    "dashboard": _LEADER,
    "ganxa": _LEADER,
    "moi": _ADMIN,
    "canbo": _ADMIN,
    "kehoach": _ADMIN,
    "maubaocao": _ADMIN,
    "lichnghi": _ADMIN,
    "nhom": _ADMIN,
    "coquan": _ADMIN,
    "truongdonvi": _ADMIN,
}


def menu_for(role: str, commands: Iterable[tuple[str, str]]) -> list[BotCommand]:
    """The commands a role sees, in the offered order; a command without a row is shown to admins
    only (a new command is never shown to someone it may not be meant for)."""
    menu = []
    for name, description in commands:
        roles = COMMAND_ROLES.get(name, _ADMIN)
        if role in roles:
            menu.append(BotCommand(name, description))
    return menu


def has_own_menu(role: str | None) -> bool:
    return role in (Role.leader.value, Role.admin.value)


async def set_default_menu(bot: Any, commands: Sequence[tuple[str, str]]) -> None:
    await bot.set_my_commands(menu_for(Role.official.value, commands), scope=BotCommandScopeDefault())


async def set_chat_menu(bot: Any, commands: Sequence[tuple[str, str]], *, chat_id: int, role: str) -> bool:
    """One call: the role's menu in this private chat (an official's: the chat's own menu removed).
    False when Telegram refused (a blocked bot, an unknown chat): the default menu then applies."""
    scope = BotCommandScopeChat(chat_id)
    try:
        if has_own_menu(role):
            await bot.set_my_commands(menu_for(role, commands), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError as exc:
        logger.warning("Could not set the command menu of chat %s: %s", chat_id, exc)
        return False
    return True


async def set_menu(context: Any, *, chat_id: int | None, role: str | None, was: str | None = None) -> bool:
    """After someone joins or changes role: their chat's menu. Nothing to do for an official who
    never had a menu of their own (`was` is their role before, when known)."""
    commands = context.bot_data.get(COMMANDS_KEY)
    if chat_id is None or role is None or not commands:
        return False
    if not has_own_menu(role) and not has_own_menu(was):
        return False
    return await set_chat_menu(context.bot, commands, chat_id=chat_id, role=role)


async def install_menus(
    bot: Any, commands: Sequence[tuple[str, str]], holders: Iterable[tuple[int, str]]
) -> int:
    """At start-up: the default menu, then one call per leader's or admin's chat; how many were set."""
    try:
        await set_default_menu(bot, commands)
    except TelegramError as exc:
        logger.warning("Could not set the default command menu: %s", exc)
    done = 0
    seen: set[int] = set()
    for chat_id, role in holders:
        if chat_id in seen or not has_own_menu(role):
            continue
        seen.add(chat_id)
        done += await set_chat_menu(bot, commands, chat_id=chat_id, role=role)
    return done
