"""Per-role command menus: the default scope has the official's menu, leaders' and admins' chats get
their own (BotCommandScopeChat) at start-up, on joining and at a configured admin's first /start."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.app import COMMANDS
from bot.offline.harness import BotHarness
from handlers.menus import COMMAND_ROLES, MENU_ROLES, menu_for
from storage.db import Database
from storage.queries.invites import create_invite
from tests.support.commune import VHXH, World, build_world

ADMIN = 9001


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def names(commands: list[dict[str, object]]) -> list[str]:
    return [str(c["command"]) for c in commands]


def test_every_command_has_a_role_entry() -> None:
    missing = [name for name, _ in COMMANDS if name not in COMMAND_ROLES]
    assert not missing, f"commands without a row in handlers/menus.py COMMAND_ROLES: {missing}"
    for name, roles in COMMAND_ROLES.items():
        assert roles and roles <= set(MENU_ROLES), name
        assert "admin" in roles, f"/{name}: an admin sees every command"


def test_menus_grow_with_the_role() -> None:
    menus = {role: [c.command for c in menu_for(role, COMMANDS)] for role in MENU_ROLES}
    assert set(menus["stranger"]) <= set(menus["official"]) <= set(menus["leader"]) <= set(menus["admin"])
    assert menus["admin"] == [name for name, _ in COMMANDS]
    assert "moi" not in menus["leader"] and "moi" in menus["admin"]
    assert "tyle" in menus["leader"] and "canbo" not in menus["official"]
    assert {"start", "help"} <= set(menus["stranger"])


async def test_startup_sets_the_default_and_one_menu_per_leader_and_admin(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Cán bộ", VHXH)
    world.add_official(102, "Lãnh đạo", None, "leader")
    world.add_official(103, "Quản trị", None, "admin")
    world.add_official(104, "Lãnh đạo chưa mở bot", None, "leader")  # the fake knows no chat 104
    h = harness_factory()
    for user_id in (101, 102, 103):
        h.tg.user(user_id, "Người")
    async with h:
        default = names(h.tg.commands)
        assert default == [c.command for c in menu_for("official", COMMANDS)]
        assert "moi" not in default and "viec" in default
        assert "chat:101" not in h.tg.scoped_commands  # an official has the default menu
        leader = names(h.tg.scoped_commands["chat:102"])
        assert "tyle" in leader and "moi" not in leader
        assert "moi" in names(h.tg.scoped_commands["chat:103"])
        calls = h.tg.calls_to("setMyCommands")
        assert len(calls) == 4  # default + one per leader or admin; chat 104's refusal is only logged
        assert [c.error is not None for c in calls].count(True) == 1
        # The rest of the start-up went on: the bot answers.
        [hello] = await h.send(h.tg.users[101], "/start")
        assert "Xin chào" in hello.text
        assert h.errors == []


async def test_a_new_leader_and_a_configured_admin_get_their_menu(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    with world.db.session() as session:
        code = create_invite(
            session=session, organization_id=world.org_id, agency_id=world.agencies[VHXH], role="leader"
        ).code
    async with harness_factory(admin_ids=[ADMIN]) as h:
        before = len(h.tg.calls_to("setMyCommands"))
        leader = h.user(201, "Lãnh đạo mới")
        await h.send(leader, f"/start {code}")
        assert "tyle" in names(h.tg.scoped_commands["chat:201"])
        admin = h.user(ADMIN, "Quản trị")
        await h.send(admin, "/start")
        assert "moi" in names(h.tg.scoped_commands[f"chat:{ADMIN}"])
        assert len(h.tg.calls_to("setMyCommands")) == before + 2
        official = h.user(202, "Cán bộ")
        await h.send(official, "/start")
        assert len(h.tg.calls_to("setMyCommands")) == before + 2  # nothing to set for an official

        # Deactivated by the admin: the leader's own menu goes (the default menu applies again).
        [listing] = await h.send(admin, "/canbo van hoa")
        if "Ngừng" not in " ".join(listing.button_texts):
            [listing] = await h.press(admin, listing, "Thanh Xá")
        [confirm] = await h.press(admin, listing, "Lãnh đạo mới")
        await h.press(admin, confirm, "Xác nhận ngừng")
        assert "chat:201" not in h.tg.scoped_commands
        assert h.tg.calls_to("deleteMyCommands")[-1].params["scope"] == {"type": "chat", "chat_id": 201}
        assert h.errors == []


async def test_fake_checks_scopes(harness: BotHarness) -> None:
    """The fake refuses what Telegram refuses: an unknown chat or scope type."""
    from telegram import BotCommand, BotCommandScopeChat
    from telegram.error import BadRequest

    bot = harness.application.bot
    try:
        await bot.set_my_commands([BotCommand("viec", "Việc")], scope=BotCommandScopeChat(-777))
    except BadRequest as exc:
        assert re.search("chat not found", str(exc), re.I)
    else:  # pragma: no cover
        raise AssertionError("an unknown chat must be refused")
    harness.user(55, "A")
    await bot.set_my_commands([BotCommand("viec", "Việc")], scope=BotCommandScopeChat(55))
    assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeChat(55))] == ["viec"]


async def test_a_leader_invited_again_as_an_official_loses_the_leaders_menu(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(301, "Lãnh đạo cũ", VHXH, "leader")
    with world.db.session() as session:
        code = create_invite(
            session=session, organization_id=world.org_id, agency_id=world.agencies[VHXH], role="official"
        ).code
    h = harness_factory()
    person = h.tg.user(301, "Lãnh đạo cũ")
    async with h:
        assert "tyle" in names(h.tg.scoped_commands["chat:301"])  # set at start-up
        [welcome] = await h.send(person, f"/start {code}")
        assert "cán bộ" in welcome.text
        assert "chat:301" not in h.tg.scoped_commands  # the default (official's) menu again
        assert h.errors == []
