"""Where a short step of an update runs (storage/db.Database.run_step): on SQLite in the event
loop's own thread, unless another of this process's threads is writing; on a server database on the
database's threads, like run()."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from sqlmodel import Session

from storage.db import Database
from storage.queries.keyvalue import load_keys, put_value


def _where(*, session: Session, tag: str) -> tuple[int, object]:
    """The thread the step ran in, and what it read in its transaction."""
    put_value(session=session, namespace="step", key=tag, value={"tag": tag})
    return threading.get_ident(), load_keys(session=session, wanted=[("step", tag)])[("step", tag)]


async def test_a_step_runs_in_the_loops_thread_on_sqlite(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'steps.db'}")
    try:
        thread, value = await db.run_step(_where, tag="a")
        assert thread == threading.get_ident()
        assert value == {"tag": "a"}
        # Committed like run()'s work: another session reads it.
        assert db.call(load_keys, wanted=[("step", "a")]) == {("step", "a"): {"tag": "a"}}
        # run() still hops: the long work keeps the loop free.
        thread, _value = await db.run(_where, tag="b")
        assert thread != threading.get_ident()
    finally:
        db.dispose()


async def test_a_step_hops_while_another_thread_writes_and_the_loop_stays_free(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'steps.db'}")
    writing, finish = threading.Event(), threading.Event()

    def long_writer() -> None:  # an import, say, on another thread of this process
        with db.session() as session:
            put_value(session=session, namespace="step", key="import", value={"rows": 100})
            writing.set()
            finish.wait(5)

    writer = threading.Thread(target=long_writer)
    writer.start()
    try:
        assert writing.wait(5)
        step = asyncio.create_task(db.run_step(_where, tag="c"))
        ticks = 0
        for _ in range(5):  # the loop keeps running other chats' work while the step waits
            await asyncio.sleep(0.01)
            ticks += 1
        assert ticks == 5 and not step.done()
        finish.set()
        thread, value = await asyncio.wait_for(step, 5)
        assert thread != threading.get_ident()
        assert value == {"tag": "c"}
    finally:
        finish.set()
        writer.join(5)
        db.dispose()


async def test_a_step_on_the_test_database_reads_its_own_writes(db: Database) -> None:
    """On the PostgreSQL pass a step is a hop to the database's threads (a network round trip
    would block every chat); on SQLite it stays in the loop's thread."""
    thread, value = await db.run_step(_where, tag="d")
    assert value == {"tag": "d"}
    assert (thread == threading.get_ident()) is db.is_sqlite
