"""Engine, sessions and migrations. Nothing is created at import time: main() builds a Database."""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Threads that run database work for the event loop. SQLite takes one writer at a time and the work
# is mostly Python under one GIL: a few threads keep the loop free without contending for the write
# lock (64 concurrent updates on asyncio's default pool halved throughput; BENCHMARKS.md). A server
# database works in its own processes, so more threads overlap its round trips.
SQLITE_WORKERS = 2
SERVER_WORKERS = 8

P = ParamSpec("P")
T = TypeVar("T")


def normalize_url(url: str) -> str:
    """Let users write postgresql:// and still get the psycopg 3 driver we ship."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# SQLite lets one connection write at a time. A second writer does not queue: it sleeps in SQLite's
# busy handler (1, 2, 5, 10 … ms) and tries again, so two of this process's threads writing at once
# cost milliseconds each time (measured: the per-update lock take and release went from about 1 ms
# to 5–6 ms under a burst; BENCHMARKS.md). Writers of one process therefore queue on a lock of their
# own, one per database file, shared by every engine on it; other processes still meet SQLite's.
WRITE_WAIT = 10.0  # seconds; past it, the write goes ahead and SQLite's busy timeout applies
_WRITE_LOCKS: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()
_WRITING = "planbot_writing"
_READS = ("SELECT", "PRAGMA")


def _write_lock(path: str) -> threading.Lock:
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(path, threading.Lock())


def _serialize_writers(engine: Engine, lock: threading.Lock) -> None:
    """Hold `lock` from a connection's first write to the end of its transaction.

    pysqlite opens a transaction at the first INSERT/UPDATE/DELETE (reads before it run on their
    own), so that statement is where SQLite's write lock is taken, and where this one is."""

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if conn.info.get(_WRITING) or statement.lstrip()[:6].upper() in _READS:
            return
        if lock.acquire(timeout=WRITE_WAIT):
            conn.info[_WRITING] = True
        else:
            logger.warning("Waited %s s for this process's SQLite writer; writing anyway", WRITE_WAIT)

    def _release(info: dict[str, Any]) -> None:
        if info.pop(_WRITING, False):
            lock.release()

    event.listen(engine, "commit", lambda conn: _release(conn.info))
    event.listen(engine, "rollback", lambda conn: _release(conn.info))
    # A connection given back to the pool without either (its transaction reset by the pool).
    event.listen(engine, "checkin", lambda _dbapi, record: _release(record.info))


def _sqlite_file(url: str) -> str | None:
    """The resolved path of a SQLite database file; None for memory or another database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return str(Path(parsed.database or "").resolve())


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        path = _sqlite_file(url)
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 10}}
        if path is None:
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if path is not None:
            _serialize_writers(engine, _write_lock(path))
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply every migration (idempotent); used whenever a command opens the database."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


class Database:
    """The session factory shared by the bot, the scheduler and the CLI."""

    def __init__(self, url: str, *, migrate: bool = True, workers: int | None = None) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url)
        self.workers = workers or (SQLITE_WORKERS if self.is_sqlite else SERVER_WORKERS)
        self._executor: ThreadPoolExecutor | None = None
        path = _sqlite_file(self.url)
        self._writer = _write_lock(path) if path is not None else None
        self._steps_inline = self.is_sqlite  # see run_step
        if migrate:
            upgrade(self.engine)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One session and one commit per use case; rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def call(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """Run fn(session=..., **kwargs) in one transaction."""
        with self.session() as session:
            return fn(session=session, **kwargs)

    async def run(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """The same, off the event loop, so a slow query never blocks other chats."""
        return await self.run_in_thread(functools.partial(self.call, fn, **kwargs))

    async def run_step(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """run() for one short step of an update: the user's lock and state, a list, a card, a
        search, a question, a progress step. Work that may be long (an import, a report file, a
        fan-out, the warm-up) uses run().

        On SQLite the step runs in the event loop's own thread. Its statements are local and take
        microseconds to a millisecond; the hop to a worker thread and back cost more than that
        under load, because the woken thread then fights the loop for the GIL (measured: about
        10 ms of CPU per update with the hops, about 6 without; BENCHMARKS.md). When another of
        this process's threads is writing, the step would only wait for it, so it hops as before
        and the loop stays free. A server database is a network round trip: always a hop."""
        if self._steps_inline and not (self._writer is not None and self._writer.locked()):
            return self.call(fn, **kwargs)
        return await self.run(fn, **kwargs)

    async def run_in_thread(self, work: Callable[[], T]) -> T:
        """Run work on this database's threads (see `workers`)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="planbot-db")
        return await asyncio.get_running_loop().run_in_executor(self._executor, work)

    def dispose(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self.engine.dispose()
