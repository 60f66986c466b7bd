"""Database calls per update (issue 17): the update's claim rides in the state lock's take, and a
conversation step's state and draft are written together."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlmodel import select

from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import KeyValue, ProcessedUpdate
from tests.support.commune import TTPVHCC, World, build_world

PROFILE = "Thông tin của tôi"


@pytest.fixture
def lan_world(db: Database) -> World:
    world = build_world(db)
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    return world


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the functions run through Database.call, in order."""
    names: list[str] = []
    original = Database.call

    def call(self: Database, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        names.append(getattr(fn, "__name__", ""))
        return original(self, fn, **kwargs)

    monkeypatch.setattr(Database, "call", call)
    yield names


async def test_the_claim_is_made_with_the_lock_and_a_copy_still_stops(
    lan_world: World, harness_factory: Callable[..., BotHarness], calls: list[str]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        [reply] = await h.send(lan, "/toi")
        assert PROFILE in reply.text
        calls.clear()
        [reply] = await h.send(lan, "/toi")
        assert PROFILE in reply.text
        assert "begin_update" not in calls  # no call of its own: the take claimed the update
        # The previous update's release may land after calls.clear(): it is not waited for.
        assert calls.count("take") == 1
        update_id = h.last_update_id
        assert update_id is not None
        with h.db.session() as session:
            assert session.get(ProcessedUpdate, update_id) is not None
        shared = h.application.update_processor.shared
        assert shared.started == {}  # every stashed claim was picked up

        h.tg.redeliver(update_id)  # the copy is claimed with the lock too, and stops
        sent = len(h.tg.calls_to("sendMessage"))
        await h.send(lan, "/help")  # one user's updates run in order: the copy is handled by now
        assert len(h.tg.calls_to("sendMessage")) == sent + 1
        assert not h.errors


async def test_no_lock_is_left_behind_after_a_restart(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        for _ in range(3):
            [reply] = await h.send(lan, "/toi")
            assert PROFILE in reply.text
        await h.restart()  # shutdown waits for the releases still under way
        rows = h.db.call(lambda session: list(session.exec(select(KeyValue)).all()))
        assert not [r for r in rows if r.namespace == "user_lock"]


async def test_a_list_and_a_search_are_one_database_call_each_after_the_take(
    lan_world: World, harness_factory: Callable[..., BotHarness], calls: list[str]
) -> None:
    """/viec reads the list and the official's own count together; free text is asked of the question
    engine and, not being a question, searched in the same call."""
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        await h.send(lan, "/help")
        for text, use_case, shown in [
            ("/viec", "task_list_and_mine", "Việc của"),
            ("tiếp nhận hồ sơ", "answer_or_search", "tiếp nhận"),
        ]:
            calls.clear()
            [reply] = await h.send(lan, text)
            assert shown.lower() in reply.text.lower()
            handlers = [name for name in calls if name not in ("take", "release", "give_back")]
            assert handlers == [use_case], calls
        assert not h.errors
