"""SQLite writers of one process queue on a lock of their own instead of sleeping in SQLite's busy
handler (storage/db.py): held from a transaction's first write to its commit or rollback, shared by
every engine on the same file, never taken by reads."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import Database, _write_lock
from storage.queries.keyvalue import put_value


@pytest.fixture
def sqlite_file(tmp_path: Path) -> tuple[str, threading.Lock]:
    path = tmp_path / "w.db"
    return f"sqlite:///{path}", _write_lock(str(path.resolve()))


def test_held_from_the_first_write_to_the_commit_and_not_by_reads(
    sqlite_file: tuple[str, threading.Lock],
) -> None:
    url, lock = sqlite_file
    db = Database(url)
    try:
        with db.session() as session:
            session.execute(text("SELECT count(*) FROM keyvalue")).all()
            assert not lock.locked()  # a read takes nothing
            put_value(session=session, namespace="t", key="a", value={"n": 1})
            assert lock.locked()
            put_value(session=session, namespace="t", key="b", value={"n": 2})  # the same transaction
        assert not lock.locked()  # committed

        with pytest.raises(RuntimeError), db.session() as session:
            put_value(session=session, namespace="t", key="c", value={"n": 3})
            assert lock.locked()
            raise RuntimeError("the use case fails")
        assert not lock.locked()  # rolled back
        with db.session() as session:
            session.execute(text("SELECT 1")).all()
            assert not lock.locked()
        assert (
            db.call(lambda *, session: session.execute(text("SELECT count(*) FROM keyvalue")).scalar()) == 2
        )
    finally:
        db.dispose()


def test_a_second_engine_on_the_file_waits_for_the_first_writer(
    sqlite_file: tuple[str, threading.Lock],
) -> None:
    """Two Database objects (the persistence's and the services', say) share the file's lock: the
    second writer waits for the first one's commit and then succeeds, with no 'database is locked'."""
    url, lock = sqlite_file
    first, second = Database(url), Database(url, migrate=False)
    writing, release = threading.Event(), threading.Event()
    finished: list[float] = []

    def slow_writer() -> None:
        with first.session() as session:
            put_value(session=session, namespace="t", key="slow", value={"n": 1})
            writing.set()
            release.wait(10)

    def other_writer() -> None:
        second.call(put_value, namespace="t", key="other", value={"n": 2})
        finished.append(time.monotonic())

    try:
        slow = threading.Thread(target=slow_writer)
        slow.start()
        assert writing.wait(10) and lock.locked()
        other = threading.Thread(target=other_writer)
        other.start()
        time.sleep(0.2)
        assert finished == []  # queued behind the first writer
        released_at = time.monotonic()
        release.set()
        slow.join(10)
        other.join(10)
        assert finished and finished[0] >= released_at
        assert not lock.locked()
        rows = first.call(
            lambda *, session: session.execute(text("SELECT key FROM keyvalue ORDER BY key")).all()
        )
        assert [key for (key,) in rows] == ["other", "slow"]
    finally:
        first.dispose()
        second.dispose()
