"""Updates of different users run concurrently; one user's updates run one at a time, in order."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.runtime.update_processor import PerUserUpdateProcessor, ordering_key


def update(update_id: int, user_id: int) -> Update:
    user = User(user_id, f"User {user_id}", is_bot=False)
    chat = Chat(user_id, Chat.PRIVATE)
    message = Message(update_id, date=None, chat=chat, from_user=user, text="hi")  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_one_users_updates_run_in_order_and_others_do_not_wait() -> None:
    processor = PerUserUpdateProcessor(running=8)
    log: list[str] = []
    slow_started = asyncio.Event()
    release = asyncio.Event()

    async def handle(name: str, *, slow: bool = False) -> None:
        log.append(f"start {name}")
        if slow:
            slow_started.set()
            await release.wait()
        await asyncio.sleep(0)
        log.append(f"end {name}")

    async with processor:
        first = asyncio.create_task(processor.process_update(update(1, 7), handle("A1", slow=True)))
        second = asyncio.create_task(processor.process_update(update(2, 7), handle("A2")))
        other = asyncio.create_task(processor.process_update(update(3, 8), handle("B1")))
        await slow_started.wait()
        await other  # user 8 is not held up by user 7's slow update
        assert "end B1" in log and "start A2" not in log  # A2 waits for A1
        release.set()
        await asyncio.gather(first, second)
    assert log.index("end A1") < log.index("start A2")
    assert processor._locks == {} and processor._holders == {}  # nothing kept for idle users


async def test_many_updates_of_one_user_keep_their_order() -> None:
    processor = PerUserUpdateProcessor(running=4)
    seen: list[int] = []

    async def handle(n: int) -> None:
        await asyncio.sleep(0.001 * (n % 3))  # uneven work must not reorder them
        seen.append(n)

    async with processor:
        await asyncio.gather(*(processor.process_update(update(n, 7), handle(n)) for n in range(30)))
    assert seen == list(range(30))


async def test_a_flood_from_one_user_leaves_running_slots_for_others() -> None:
    processor = PerUserUpdateProcessor(running=2)
    release = asyncio.Event()
    started: list[int] = []

    async def slow(n: int) -> None:
        started.append(n)
        await release.wait()

    async def quick() -> None:
        started.append(-1)

    async with processor:
        flood = [asyncio.create_task(processor.process_update(update(n, 7), slow(n))) for n in range(20)]
        await asyncio.sleep(0.01)
        await asyncio.wait_for(processor.process_update(update(99, 8), quick()), 1)  # not stuck behind
        assert started == [0, -1]  # user 7's other 19 updates wait for their turn, not for a slot
        release.set()
        await asyncio.gather(*flood)
    assert started[2:] == list(range(1, 20))


def test_ordering_key() -> None:
    assert ordering_key(update(1, 42)) == 42
    assert ordering_key("not an update") is None
    assert ordering_key(Update(5)) is None
