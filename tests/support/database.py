"""The test database: a fresh SQLite file, or PLANBOT_TEST_DATABASE_URL emptied before use."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.db import Database

TEST_DATABASE_ENV = "PLANBOT_TEST_DATABASE_URL"


def empty_all_tables(database: Database) -> None:
    tables = [table.name for table in SQLModel.metadata.sorted_tables]
    with database.engine.begin() as connection:
        # DELETE, children first: on a few rows it is ~20x faster than TRUNCATE (new files per table).
        for name in reversed(tables):
            connection.execute(text(f'DELETE FROM "{name}"'))
        if database.engine.dialect.name == "postgresql":
            # What TRUNCATE … RESTART IDENTITY did: ids start at 1 again in every test.
            connection.execute(
                text(
                    "SELECT setval(c.oid, 1, false) FROM pg_class c "
                    "WHERE c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace"
                )
            )
