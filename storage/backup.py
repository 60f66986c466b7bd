"""Portable backups: every table as gzip-compressed JSON lines, restorable on SQLite or PostgreSQL.

Layout, one JSON object per line:
    {"format": "planbot-backup", "version": 1, "alembic_revision": ..., "tables": [...], ...}   header
    {"t": "organization", "r": {"id": 1, "name": ..., "created_at": "2025-01-02T03:04:05"}}     rows
    {"end": true, "rows": {"organization": 1, ...}}                                           trailer
Tables come in dependency order (parents first, and parent rows first inside self-referencing tables),
so a restore inserts them as they stream by. Dates and times are ISO strings decoded by column type;
JSON columns are kept as JSON. The trailer's counts catch a truncated file.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import logging
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import JSON, Connection, LargeBinary, Table, TypeDecorator, func, select, text
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.db import Database

logger = logging.getLogger(__name__)

FORMAT = "planbot-backup"
VERSION = 1
BATCH = 1000
GZIP_MAGIC = b"\x1f\x8b"


class BackupError(Exception):
    """The file is not a usable backup, or the target refuses it; the message is one line for users."""


@dataclass
class BackupSummary:
    revision: str | None
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def tables() -> list[Table]:
    return list(SQLModel.metadata.sorted_tables)


def current_revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no alembic_version table: an unmigrated database
        return None


# ---------------------------------------------------------------------- values
def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decoder(table: Table, name: str) -> Any:
    column_type = table.c[name].type
    if isinstance(column_type, TypeDecorator):  # e.g. SQLModel's UTCDateTime: decode as what it wraps
        column_type = column_type.impl_instance
    if isinstance(column_type, JSON):
        return None  # kept as parsed JSON
    if isinstance(column_type, LargeBinary):
        return lambda v: base64.b64decode(v["$b64"])
    try:
        python_type = column_type.python_type
    except NotImplementedError:
        return None
    if python_type is datetime:
        return datetime.fromisoformat
    if python_type is date:
        return date.fromisoformat
    if python_type is time:
        return time.fromisoformat
    if python_type is Decimal:
        return Decimal
    return None


def _self_parents(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order rows so a row referencing its own table (task.parent_id) comes after its parent."""
    columns = _self_parents(table)
    [key] = [c.name for c in table.primary_key.columns]
    pending, ordered = list(rows), []
    done: set[Any] = set()
    while pending:
        ready = [r for r in pending if all(r[c] is None or r[c] in done for c in columns)]
        if not ready:  # a cycle: keep the rest as they are; the database will say what is wrong
            ordered.extend(pending)
            break
        ordered.extend(ready)
        done.update(r[key] for r in ready)
        ready_ids = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in ready_ids]
    return ordered


# ---------------------------------------------------------------------- backup
def _table_rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execute(select(table).order_by(*order))
    if _self_parents(table):
        yield from _parents_first(table, [dict(row._mapping) for row in result])
        return
    for row in result:
        yield dict(row._mapping)


def write_backup(database: Database, out: IO[bytes]) -> BackupSummary:
    """Stream every table into `out` (gzip JSON lines) from one consistent snapshot."""
    with database.engine.connect() as connection:
        if database.is_sqlite:
            connection.exec_driver_sql("BEGIN")  # pysqlite would otherwise read each table separately
        else:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        summary = BackupSummary(revision=current_revision(connection))
        with gzip.GzipFile(fileobj=out, mode="wb") as gz, io.TextIOWrapper(gz, encoding="utf-8") as stream:
            header = {
                "format": FORMAT,
                "version": VERSION,
                "alembic_revision": summary.revision,
                "tables": [t.name for t in tables()],
                "dialect": database.engine.dialect.name,
                "created_at": datetime.now(UTC).isoformat(),
            }
            stream.write(json.dumps(header, ensure_ascii=False) + "\n")
            for table in tables():
                count = 0
                for row in _table_rows(connection, table):
                    record = {"t": table.name, "r": {k: _encode(v) for k, v in row.items()}}
                    stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
                summary.rows[table.name] = count
            stream.write(json.dumps({"end": True, "rows": summary.rows}) + "\n")
        connection.rollback()
    return summary


def backup_to_file(database: Database, path: Path) -> BackupSummary:
    """Write to a temporary file first so a failed backup never replaces a good one."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as out:
            summary = write_backup(database, out)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return summary


# ---------------------------------------------------------------------- restore
def _lines(raw: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    start = raw.read(2)
    raw.seek(0)
    stream: Any = gzip.GzipFile(fileobj=raw, mode="rb") if start == GZIP_MAGIC else raw
    try:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError:
                raise BackupError(f"line {number} is not UTF-8 text") from None
            except json.JSONDecodeError as exc:
                raise BackupError(f"line {number} is not valid JSON ({exc.msg})") from None
            if not isinstance(value, dict):
                raise BackupError(f"line {number} is not a JSON object")
            yield number, value
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        raise BackupError(f"the file is damaged or truncated ({exc or type(exc).__name__})") from None


def _read_header(lines: Iterator[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    try:
        _, header = next(lines)
    except StopIteration:
        raise BackupError("the file is empty") from None
    if header.get("format") != FORMAT:
        raise BackupError("the first line is not a planbot backup header")
    if header.get("version") != VERSION:
        raise BackupError(f"unsupported backup format version {header.get('version')!r} (expected {VERSION})")
    return header


def non_empty_tables(connection: Connection) -> list[str]:
    return [
        t.name for t in tables() if connection.execute(select(func.count()).select_from(t)).scalar_one() > 0
    ]


def _clear(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables())
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    for table in reversed(tables()):
        connection.execute(table.delete())  # Core: bypasses the ORM's append-only guard, on purpose


def reset_sequences(connection: Connection) -> None:
    """PostgreSQL: point every serial/identity sequence past the restored ids."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].type.python_type is not int:
            continue
        column = keys[0].name
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table.name}"'
            ),
            {"table": f'"{table.name}"', "column": column},
        )


class _Inserter:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.known = {t.name: t for t in tables()}
        self.decoders: dict[str, dict[str, Any]] = {}
        self.table: Table | None = None
        self.batch: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}

    def add(self, number: int, record: dict[str, Any]) -> None:
        name, row = record.get("t"), record.get("r")
        if not isinstance(name, str) or not isinstance(row, dict):
            raise BackupError(f"line {number} is not a table row")
        table = self.known.get(name)
        if table is None:
            raise BackupError(f"line {number}: unknown table {name!r} (a backup of a newer planbot?)")
        if self.table is not table:
            self.flush()
            self.table = table
            self.decoders[name] = {c.name: _decoder(table, c.name) for c in table.columns}
        decoders = self.decoders[name]
        decoded: dict[str, Any] = {}
        for key, value in row.items():
            if key not in decoders:
                raise BackupError(f"line {number}: table {name!r} has no column {key!r}")
            decode = decoders[key]
            try:
                decoded[key] = decode(value) if decode is not None and value is not None else value
            except (ValueError, TypeError, KeyError) as exc:
                raise BackupError(f"line {number}: bad value for {name}.{key} ({exc})") from None
        self.batch.append(decoded)
        self.counts[name] = self.counts.get(name, 0) + 1
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.table is not None and self.batch:
            self.connection.execute(self.table.insert(), self.batch)
        self.batch = []


def restore(database: Database, raw: IO[bytes], *, force: bool = False) -> BackupSummary:
    """Load a backup into `database` (migrated to head) in one transaction; all or nothing."""
    lines = _lines(raw)
    header = _read_header(lines)
    revision = header.get("alembic_revision")
    with database.engine.begin() as connection:
        target_revision = current_revision(connection)
        if revision != target_revision:
            logger.warning(
                "The backup's schema revision %s differs from the database's %s; restoring matching columns",
                revision,
                target_revision,
            )
        busy = non_empty_tables(connection)
        if busy and not force:
            raise BackupError(
                f"the database is not empty ({', '.join(busy[:5])}{'…' if len(busy) > 5 else ''}); "
                "use --force to replace its contents"
            )
        if busy:
            logger.info("Clearing %d non-empty tables before restoring", len(busy))
            _clear(connection)
        inserter = _Inserter(connection)
        trailer: dict[str, Any] | None = None
        for number, record in lines:
            if trailer is not None:
                raise BackupError(f"line {number}: data after the end marker")
            if record.get("end") is True:
                inserter.flush()
                trailer = record
                continue
            inserter.add(number, record)
        if trailer is None:
            raise BackupError("the file is truncated (no end marker)")
        expected = {k: v for k, v in (trailer.get("rows") or {}).items() if v}
        if expected != inserter.counts:
            raise BackupError("the file is damaged (row counts differ from its end marker)")
        reset_sequences(connection)
    return BackupSummary(revision=revision, rows=inserter.counts)


def restore_from_file(database: Database, path: Path, *, force: bool = False) -> BackupSummary:
    with path.open("rb") as raw:
        return restore(database, raw, force=force)


def row_counts(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        return {
            t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()
        }


def dump_rows(database: Database) -> Iterable[tuple[str, list[dict[str, Any]]]]:
    """Every row of every table, ordered by primary key (for comparisons in tests and checks)."""
    with database.engine.connect() as connection:
        for table in tables():
            order = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(table).order_by(*order)).all()
            yield table.name, [dict(row._mapping) for row in rows]
