"""Migrations: an empty database gets every table, a second upgrade changes nothing, and the migrated
schema is exactly the models (alembic's autogenerate comparison finds no difference)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from bot.cli import main
from bot.commands.db import safe_url
from storage.db import MIGRATIONS, Database, alembic_config, upgrade

EXPECTED_TABLES = {
    "organization",
    "agency",
    "agencyalias",
    "agencygroupmember",
    "official",
    "invite",
    "plan",
    "task",
    "taskagency",
    "progressreport",
    "reportdocument",
    "reminderlog",
    "digestlog",
    "auditlog",
    "keyvalue",
    "calendarday",
    "indicatorvalue",
    "reporttemplate",
    "escalation",
    "explanation",
}


def _head() -> str:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def _revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@pytest.fixture
def empty_sqlite(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'empty.db'}", migrate=False)


def test_upgrade_on_an_empty_database_creates_every_table(empty_sqlite: Database) -> None:
    assert inspect(empty_sqlite.engine).get_table_names() == []
    upgrade(empty_sqlite.engine)
    tables = set(inspect(empty_sqlite.engine).get_table_names())
    assert tables >= EXPECTED_TABLES
    assert set(SQLModel.metadata.tables) | {"alembic_version"} == tables
    assert _revision(empty_sqlite) == _head()


def test_upgrading_twice_is_a_no_op(empty_sqlite: Database) -> None:
    upgrade(empty_sqlite.engine)
    before = {
        t: inspect(empty_sqlite.engine).get_columns(t) for t in inspect(empty_sqlite.engine).get_table_names()
    }
    upgrade(empty_sqlite.engine)
    after = {
        t: inspect(empty_sqlite.engine).get_columns(t) for t in inspect(empty_sqlite.engine).get_table_names()
    }
    assert [str(c) for c in before.items()] == [str(c) for c in after.items()]
    assert _revision(empty_sqlite) == _head()


def test_migrated_schema_matches_the_models(db: Database) -> None:
    """Works on the test database too (PostgreSQL when PLANBOT_TEST_DATABASE_URL is set)."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_single_linear_history() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
    assert (MIGRATIONS / "versions").is_dir()


def test_db_upgrade_command(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = database_url  # a fresh SQLite file, or the PostgreSQL test database
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out
    assert "up to date" in out
    db = Database(url, migrate=False)
    try:
        assert _revision(db) == _head()
        assert set(inspect(db.engine).get_table_names()) >= EXPECTED_TABLES
    finally:
        db.dispose()


def test_db_upgrade_reports_an_unreachable_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("planbot: cannot open the database at DATABASE_URL=sqlite:///")
    assert "unable to open database file" in err[0]


def test_the_password_is_hidden_in_messages() -> None:
    assert (
        safe_url("postgresql://planbot:s3cret@db:5432/planbot")
        == "postgresql+psycopg://planbot:***@db:5432/planbot"
    )


def test_existing_reports_are_carried_into_their_reporting_period(empty_sqlite: Database) -> None:
    """0003: a report sent through the bot before reports had periods belongs to the calendar quarter
    it was sent in (where the old rules counted it); an imported result keeps the period it had."""
    from alembic import command
    from sqlalchemy import text

    cfg = alembic_config(empty_sqlite.url)
    with empty_sqlite.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0002")
    with empty_sqlite.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organization (id, name, name_key, created_at) VALUES (1, 'X', 'x', '2023-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO plan (id, organization_id, title, year, status, created_at, updated_at) "
                "VALUES (1, 1, 'KH', 2023, 'active', '2023-01-01', '2023-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO task (id, plan_id, code, kind, level, position, content, content_key, deadline_kind, "
                "targets, removed, created_at) VALUES (1, 1, 'I.1', 'task', 2, 0, 'c', 'c', 'continuous', '[]', 0, "
                "'2023-01-01')"
            )
        )
        for report_id, day, start, end, source in (
            (1, "2023-04-05", None, None, "bot"),
            (2, "2023-12-31", None, None, "bot"),
            (3, "2023-03-31", "2023-01-01", "2023-03-31", "import"),
        ):
            connection.execute(
                text(
                    "INSERT INTO progressreport (id, task_id, status, reported_on, period_start, period_end, source, "
                    "created_at) VALUES (:id, 1, 'done', :day, :start, :end, :source, '2023-04-05')"
                ),
                {"id": report_id, "day": day, "start": start, "end": end, "source": source},
            )
    upgrade(empty_sqlite.engine)
    with empty_sqlite.engine.connect() as connection:
        periods = connection.execute(
            text("SELECT id, period_start, period_end FROM progressreport ORDER BY id")
        ).all()
        plan = connection.execute(text("SELECT period_start, period_end FROM plan")).one()
    assert [(r[0], str(r[1]), str(r[2])) for r in periods] == [
        (1, "2023-04-01", "2023-06-30"),
        (2, "2023-10-01", "2023-12-31"),
        (3, "2023-01-01", "2023-03-31"),
    ]
    assert (str(plan[0]), str(plan[1])) == ("2023-01-01", "2023-12-31")
