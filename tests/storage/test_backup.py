"""`planbot backup` / `planbot restore`: every row of every table survives, on SQLite and PostgreSQL.

The source is always a fresh SQLite file; the target is the `db` fixture's database, so with
PLANBOT_TEST_DATABASE_URL set this also proves the SQLite → PostgreSQL migration path.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from bot.cli import main
from storage.backup import dump_rows, row_counts
from storage.db import Database
from storage.models import (
    Agency,
    AgencyAlias,
    AgencyGroupMember,
    AuditLog,
    CalendarDay,
    DigestLog,
    Escalation,
    Explanation,
    IndicatorValue,
    Invite,
    KeyValue,
    Official,
    Organization,
    Plan,
    ProcessedUpdate,
    ProgressReport,
    ReminderLog,
    ReportDocument,
    ReportTemplate,
    Task,
    TaskAgency,
)
from storage.models_people import (
    BotAccount,
    BotOrganization,
    DashboardLogin,
    GroupChat,
    JoinRequest,
    TaskAssignee,
    TaskEdit,
)

WHEN = datetime(2025, 11, 18, 0, 30, 15, 123456, tzinfo=UTC)


def populate(session: Session) -> None:
    org = Organization(id=1, name="UBND xã Thanh Xá", name_key="ubnd xa thanh xa", created_at=WHEN)
    session.add(org)
    session.flush()
    vhxh = Agency(id=3, organization_id=1, name="Văn hóa - Xã hội", name_key="van hoa - xa hoi")
    ktht = Agency(id=4, organization_id=1, name="Kinh tế - Hạ tầng", name_key="kinh te - ha tang")
    group = Agency(
        id=5, organization_id=1, name="Các ban, ngành, đoàn thể", name_key="cac ban nganh doan the"
    )
    session.add_all([vhxh, ktht, group])
    session.flush()
    session.add_all(
        [
            AgencyAlias(agency_id=3, alias="Phòng VH-XH", alias_key="phong vh-xh"),
            AgencyGroupMember(group_id=5, member_id=3),
            AgencyGroupMember(group_id=5, member_id=4),
        ]
    )
    leader = Official(
        id=7,
        telegram_user_id=5_000_000_001,  # beyond 32 bits
        chat_id=5_000_000_001,
        full_name="Đỗ Mạnh Hùng",
        organization_id=1,
        agency_id=3,
        role="leader",
        reminder_time="07:30",
        reminders_enabled=False,
    )
    session.add(leader)
    session.flush()
    session.add(
        Invite(
            id=3,
            code="moi-VHXH-01",
            organization_id=1,
            agency_id=3,
            created_by=7,
            expires_at=WHEN + timedelta(days=7),
            used_at=None,
            max_uses=20,
            use_count=1,
            needs_approval=True,
        )
    )
    plan = Plan(
        id=2,
        organization_id=1,
        title="Kế hoạch chuyển đổi số năm 2025",
        number="25/KH-UBND",
        issued_on=date(2025, 2, 14),
        year=2025,
        source_filename="ke-hoach-25.docx",
        created_at=WHEN,
        updated_at=WHEN,
    )
    session.add(plan)
    session.flush()
    # The parent has the larger id: a restore inserting by id alone would break the foreign key.
    section = Task(id=20, plan_id=2, code="II", number="II", kind="section", level=1, content="NHIỆM VỤ")
    session.add(section)
    session.flush()
    task = Task(
        id=11,
        plan_id=2,
        parent_id=20,
        code="II.1",
        number="1",
        content="Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        content_key="so hoa ho so, ket qua giai quyet thu tuc hanh chinh",
        deadline_text="Quý III/2025",
        deadline_kind="quarter",
        deadline_due=date(2025, 9, 30),
        deadline_start=date(2025, 7, 1),
        targets=[{"label": "tỷ lệ hồ sơ", "value": 100, "unit": "%", "note": None}],
    )
    session.add(task)
    session.flush()
    session.add_all(
        [TaskAgency(task_id=11, agency_id=3), TaskAgency(task_id=11, agency_id=4, role="coordinate")]
    )
    first = ProgressReport(
        id=30,
        task_id=11,
        official_id=7,
        status="in_progress",
        note="Đã số hóa 73,3% hồ sơ",
        kpi_value=73.3,
        reported_on=date(2025, 9, 15),
        created_at=WHEN,
    )
    session.add(first)
    session.flush()
    second = ProgressReport(
        id=31,
        task_id=11,
        official_id=7,
        status="done",
        reported_on=date(2025, 9, 29),
        period_start=date(2025, 7, 1),
        period_end=date(2025, 9, 30),
        supersedes_id=30,
        attachment_file_id="BQACAgUAAxkBAAIB",
        attachment_name="Báo cáo 112/BC-UBND.pdf",
        attachment_size=123_456,
        created_at=WHEN + timedelta(seconds=1),
    )
    session.add(second)
    session.flush()
    session.add(
        ReportDocument(report_id=31, doc_type="Báo cáo", number="112/BC-UBND", issued_on=date(2025, 9, 28))
    )
    session.add(
        ReminderLog(
            official_id=7,
            task_id=11,
            occurrence=date(2025, 9, 30),
            offset_days=3,
            day=date(2025, 9, 27),
            status="sent",
            claimed_at=WHEN,
            sent_at=WHEN + timedelta(seconds=2),
        )
    )
    session.add(
        DigestLog(
            official_id=7, day=date(2025, 9, 27), status="sent", attempts=1, message_id=42, claimed_at=WHEN
        )
    )
    session.add(
        AuditLog(
            at=WHEN,
            actor_user_id=5_000_000_001,
            action="import",
            detail={"tệp": "ke-hoach-25.docx", "số dòng": 2},
        )
    )
    session.add(
        KeyValue(namespace="user_data", key="5000000001", value={"draft": {"task_id": 11}}, updated_at=WHEN)
    )
    session.add(ProcessedUpdate(update_id=812_345_678, digest="0" * 32, processed_at=WHEN))
    session.add(
        IndicatorValue(
            organization_id=1,
            key="ho_so_truc_tuyen",
            label="hồ sơ trực tuyến",
            value=120,
            unit="hồ sơ",
            period_start=date(2025, 11, 1),
            period_end=date(2025, 11, 30),
            source="Báo cáo tháng 11/2025",
            created_at=WHEN,
        )
    )
    session.add(
        CalendarDay(
            organization_id=1, day=date(2025, 11, 22), working=True, note="Làm bù ngày 2/9", created_at=WHEN
        )
    )
    session.add(
        ReportTemplate(
            organization_id=1,
            file_name="Mẫu báo cáo xã.docx",
            content=b"PK\x03\x04 m\xe1\xba\xabu",
            placeholders=["trich_yeu", "ty_le"],
            uploaded_by=5_000_000_001,
            uploaded_at=WHEN,
        )
    )
    session.add(
        Escalation(
            id=40,
            organization_id=1,
            kind="overdue",
            subject_id=11,
            task_id=11,
            period_start=date(2025, 10, 1),
            period_end=date(2025, 12, 31),
            official_id=7,
            days_overdue=12,
            status="sent",
            attempts=1,
            claimed_at=WHEN,
            sent_at=WHEN,
            message_id=43,
            reminded_at=WHEN,
        )
    )
    session.flush()
    session.add(
        Explanation(
            organization_id=1,
            kind="overdue",
            subject_id=11,
            task_id=11,
            agency_id=3,
            period_start=date(2025, 10, 1),
            period_end=date(2025, 12, 31),
            escalation_id=40,
            requested_by=7,
            requested_at=WHEN,
            answer="Chờ hướng dẫn của Sở Nội vụ",
            answered_by=7,
            answered_at=WHEN,
            attachment_file_id="BQACAgUAAxkBAAIC",
            attachment_name="Công văn 15/SNV.pdf",
            attachment_size=2048,
        )
    )

    session.flush()
    session.add_all(
        [
            TaskAssignee(task_id=11, official_id=7, assigned_by=7, assigned_at=WHEN),
            JoinRequest(
                invite_id=3, telegram_user_id=5_000_000_002, chat_id=5_000_000_002, full_name="Lò Thị Mai",
                status="pending", created_at=WHEN,
            ),
            GroupChat(chat_id=-1_002_000_000_123, organization_id=1, title="UBND xã — điều hành", bound_by=7,
                      created_at=WHEN),
            DashboardLogin(token_hash="f" * 64, official_id=7, expires_at=WHEN + timedelta(minutes=10),
                           created_at=WHEN),
            TaskEdit(task_id=11, field="deadline", old_value="Quý III/2025", new_value="30/9/2025",
                     official_id=7, actor_user_id=5_000_000_001, created_at=WHEN),
            BotAccount(id=2, name="lamdong", token="123456:ABC-fake", created_at=WHEN),
        ]
    )  # fmt: skip
    session.flush()
    session.add(BotOrganization(organization_id=1, bot_id=2))


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'source.db'}")
    with database.session() as session:
        populate(session)
    yield database
    database.dispose()


def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str, *argv: str) -> int:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PLANBOT_LOG_LEVEL", "WARNING")
    return main(list(argv))


def snapshot(database: Database) -> dict[str, list[dict[str, Any]]]:
    return dict(dump_rows(database))


def test_backup_and_restore_keep_every_row_of_every_table(
    source: Database,
    db: Database,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = tmp_path / "planbot-2025-11-18.jsonl.gz"
    assert cli(monkeypatch, tmp_path, str(source.url), "backup", str(backup)) == 0
    assert "Backed up" in capsys.readouterr().out
    with gzip.open(backup, "rt", encoding="utf-8") as stream:
        header = stream.readline()
    assert '"format": "planbot-backup"' in header and '"alembic_revision"' in header
    assert "Số hóa hồ sơ" in gzip.decompress(backup.read_bytes()).decode()  # readable, not \u-escaped

    assert cli(monkeypatch, tmp_path, database_url, "restore", str(backup)) == 0
    assert "Restored" in capsys.readouterr().out
    expected, restored = snapshot(source), snapshot(db)
    assert all(rows for rows in expected.values()), [name for name, rows in expected.items() if not rows]
    assert restored == expected
    task = next(r for r in restored["task"] if r["id"] == 11)
    assert task["deadline_due"] == date(2025, 9, 30) and task["targets"][0]["label"] == "tỷ lệ hồ sơ"
    assert next(r for r in restored["organization"])["created_at"] == WHEN

    # New rows continue after the restored ids (PostgreSQL sequences were moved past them).
    with db.session() as session:
        org = Organization(
            name="UBND xã Thanh Lâm", name_key="ubnd xa thanh lam", created_at=datetime.now(UTC)
        )
        session.add(org)
        session.flush()
        report = ProgressReport(task_id=11, status="done", reported_on=date(2025, 10, 1))
        session.add(report)
        session.flush()
        assert (org.id, report.id) == (2, 32)


def test_restore_refuses_a_non_empty_database_unless_forced(
    source: Database,
    db: Database,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = tmp_path / "sao-luu.jsonl.gz"
    assert cli(monkeypatch, tmp_path, str(source.url), "backup", str(backup)) == 0
    with db.session() as session:
        session.add(Organization(id=9, name="UBND phường Bến Thành", name_key="ubnd phuong ben thanh"))
    capsys.readouterr()

    assert cli(monkeypatch, tmp_path, database_url, "restore", str(backup)) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "the database is not empty (organization); use --force" in line
    assert row_counts(db)["organization"] == 1 and row_counts(db)["task"] == 0

    assert cli(monkeypatch, tmp_path, database_url, "restore", "--force", str(backup)) == 0
    assert snapshot(db) == snapshot(source)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "bad-line", "missing-end"])
def test_a_damaged_backup_is_one_clear_error_and_changes_nothing(
    damage: str,
    source: Database,
    db: Database,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = tmp_path / "backup.jsonl.gz"
    assert cli(monkeypatch, tmp_path, str(source.url), "backup", str(backup)) == 0
    data = backup.read_bytes()
    lines = gzip.decompress(data).decode().splitlines(keepends=True)
    if damage == "garbage":
        backup.write_bytes(b"PK\x03\x04 day khong phai ban sao luu")
    elif damage == "truncated":
        backup.write_bytes(data[: len(data) // 2])
    elif damage == "bad-line":
        lines[5] = lines[5][: len(lines[5]) // 2] + "\n"
        backup.write_bytes(gzip.compress("".join(lines).encode()))
    else:
        backup.write_bytes(gzip.compress("".join(lines[:-1]).encode()))
    capsys.readouterr()

    assert cli(monkeypatch, tmp_path, database_url, "restore", str(backup)) == 1
    err = capsys.readouterr().err
    [line] = err.strip().splitlines()
    assert line.startswith(f"planbot restore: {backup}: ") and line.endswith("nothing was changed")
    assert "Traceback" not in err
    assert sum(row_counts(db).values()) == 0  # one transaction: the rows before the damage are gone too
