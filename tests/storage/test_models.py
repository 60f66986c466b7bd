"""Tables and their constraints, on the migrated schema (SQLite here, PostgreSQL via PLANBOT_TEST_DATABASE_URL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.db import Database
from storage.models import (
    Agency,
    AppendOnlyError,
    DigestLog,
    Invite,
    KeyValue,
    LinkRole,
    Official,
    Organization,
    Plan,
    ProgressReport,
    ReminderLog,
    ReportDocument,
    ReportStatus,
    Task,
    TaskAgency,
    utcnow,
)
from storage.text import fold


@dataclass
class Commune:
    org_id: int
    agency_id: int
    coordinating_id: int
    official_id: int
    plan_id: int
    task_id: int


def _arrange(db: Database) -> Commune:
    with db.session() as session:
        org = Organization(name="UBND xã Thanh Xá", name_key=fold("UBND xã Thanh Xá"))
        session.add(org)
        session.flush()
        assert org.id is not None
        center = Agency(
            organization_id=org.id,
            name="Trung tâm Phục vụ hành chính công",
            name_key=fold("Trung tâm Phục vụ hành chính công"),
        )
        culture = Agency(
            organization_id=org.id, name="Phòng Văn hóa - Xã hội", name_key=fold("Phòng Văn hóa - Xã hội")
        )
        session.add_all([center, culture])
        session.flush()
        official = Official(
            telegram_user_id=5_000_000_001,
            full_name="Nguyễn Thị Hoa",
            organization_id=org.id,
            agency_id=center.id,
        )
        plan = Plan(
            organization_id=org.id,
            title="Kế hoạch chuyển đổi số năm 2025",
            number="25/KH-UBND",
            issued_on=date(2025, 2, 10),
            year=2025,
        )
        session.add_all([official, plan])
        session.flush()
        assert plan.id is not None
        task = Task(
            plan_id=plan.id,
            code="II.3",
            content="Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            content_key=fold("Số hóa hồ sơ"),
            deadline_text="Thường xuyên",
            deadline_kind="continuous",
            targets=[{"name": "Tỷ lệ số hóa", "value": 60.0, "unit": "%"}],
        )
        session.add(task)
        session.flush()
        assert (
            task.id is not None
            and center.id is not None
            and culture.id is not None
            and official.id is not None
        )
        session.add(TaskAgency(task_id=task.id, agency_id=center.id, role=LinkRole.lead))
        session.add(TaskAgency(task_id=task.id, agency_id=culture.id, role=LinkRole.coordinating))
        return Commune(org.id, center.id, culture.id, official.id, plan.id, task.id)


def _report(c: Commune, **kwargs: object) -> ProgressReport:
    values: dict[str, object] = {
        "task_id": c.task_id,
        "official_id": c.official_id,
        "status": ReportStatus.done,
        "reported_on": date(2025, 8, 20),
        "note": "Đã số hóa 61,3% hồ sơ",
    }
    values.update(kwargs)
    return ProgressReport(**values)  # type: ignore[arg-type]


def test_every_table_accepts_its_rows(db: Database) -> None:
    c = _arrange(db)
    with db.session() as session:
        report = _report(c, kpi_value=61.3, attachment_file_id="FILE1", attachment_name="KH 23.pdf")
        session.add(report)
        session.flush()
        assert report.id is not None
        session.add(
            ReportDocument(
                report_id=report.id,
                doc_type="Kế hoạch",
                number="23/KH-UBND",
                issued_on=date(2025, 8, 15),
                text="KH 23/KH-UBND ngày 15/8/2025",
            )
        )
        session.add(
            Invite(
                code="a" * 32,
                organization_id=c.org_id,
                agency_id=c.agency_id,
                expires_at=utcnow() + timedelta(days=7),
            )
        )
        session.add(KeyValue(namespace="user_data", key="42", value={"draft": {"task_id": c.task_id}}))
    with db.session() as session:
        task = session.get(Task, c.task_id)
        assert task is not None and task.targets == [{"name": "Tỷ lệ số hóa", "value": 60.0, "unit": "%"}]
        links = session.exec(select(TaskAgency).where(TaskAgency.task_id == c.task_id)).all()
        assert {(link.agency_id, link.role) for link in links} == {
            (c.agency_id, "lead"),
            (c.coordinating_id, "coordinating"),
        }
        [document] = session.exec(select(ReportDocument)).all()
        assert (document.doc_type, document.number, document.issued_on) == (
            "Kế hoạch",
            "23/KH-UBND",
            date(2025, 8, 15),
        )
        stored = session.get(KeyValue, ("user_data", "42"))
        assert stored is not None and stored.value == {"draft": {"task_id": c.task_id}}


def test_reminder_log_refuses_a_duplicate(db: Database) -> None:
    c = _arrange(db)
    key = {
        "official_id": c.official_id,
        "task_id": c.task_id,
        "occurrence": date(2025, 9, 30),
        "offset_days": 3,
        "day": date(2025, 9, 27),
    }
    with db.session() as session:
        session.add(ReminderLog(**key))  # type: ignore[arg-type]
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(ReminderLog(**key, status="sent"))  # type: ignore[arg-type]
    # Another offset of the same occurrence is another reminder.
    with db.session() as session:
        session.add(ReminderLog(**{**key, "offset_days": 1, "day": date(2025, 9, 29)}))  # type: ignore[arg-type]
    with db.session() as session:
        assert len(session.exec(select(ReminderLog)).all()) == 2


def test_digest_log_refuses_a_second_digest_the_same_day(db: Database) -> None:
    c = _arrange(db)
    with db.session() as session:
        session.add(DigestLog(official_id=c.official_id, day=date(2025, 9, 29)))
        session.add(DigestLog(official_id=c.official_id, day=date(2025, 9, 29), kind="weekly"))
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(DigestLog(official_id=c.official_id, day=date(2025, 9, 29)))


def test_progress_reports_are_never_updated_or_deleted(db: Database) -> None:
    c = _arrange(db)
    with db.session() as session:
        report = _report(c)
        session.add(report)
        session.flush()
        report_id = report.id
    with pytest.raises(AppendOnlyError), db.session() as session:
        stored = session.get(ProgressReport, report_id)
        assert stored is not None
        stored.status = ReportStatus.not_done
        stored.note = "sửa đè"
    with pytest.raises(AppendOnlyError), db.session() as session:
        stored = session.get(ProgressReport, report_id)
        session.delete(stored)
    with db.session() as session:
        stored = session.get(ProgressReport, report_id)
        assert stored is not None
        assert (stored.status, stored.note) == (ReportStatus.done, "Đã số hóa 61,3% hồ sơ")
        # A correction is a new row that supersedes the old one: both stay in the history.
        session.add(_report(c, status=ReportStatus.in_progress, note="Đính chính", supersedes_id=report_id))
    with db.session() as session:
        history = session.exec(select(ProgressReport).order_by(ProgressReport.id)).all()  # type: ignore[arg-type]
        assert [(r.status, r.supersedes_id) for r in history] == [("done", None), ("in_progress", report_id)]


def test_task_agency_links_are_unique_per_role(db: Database) -> None:
    c = _arrange(db)
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(TaskAgency(task_id=c.task_id, agency_id=c.agency_id, role=LinkRole.lead))
    with db.session() as session:  # the same agency may also coordinate (rare, but written so)
        session.add(TaskAgency(task_id=c.task_id, agency_id=c.agency_id, role=LinkRole.coordinating))


@pytest.mark.parametrize("what", ["official", "organization", "agency", "invite", "task_code"])
def test_unique_keys(db: Database, what: str) -> None:
    c = _arrange(db)
    with db.session() as session:
        session.add(Invite(code="MA-MOI-1", organization_id=c.org_id, expires_at=utcnow()))
    rows = {
        "official": Official(telegram_user_id=5_000_000_001, full_name="Người khác"),
        "organization": Organization(name="UBND xã Thanh Xá", name_key="x"),
        "agency": Agency(
            organization_id=c.org_id, name="TT PVHCC", name_key=fold("Trung tâm Phục vụ hành chính công")
        ),
        "invite": Invite(code="MA-MOI-1", organization_id=c.org_id, expires_at=utcnow()),
        "task_code": Task(plan_id=c.plan_id, code="II.3", content="trùng mã"),
    }
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(rows[what])


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Task(plan_id=987654, code="I.1", content="kế hoạch không tồn tại"))


def test_deleting_a_plan_removes_its_tasks_but_never_reports(db: Database) -> None:
    c = _arrange(db)
    with db.session() as session:
        other = Plan(organization_id=c.org_id, title="Kế hoạch phụ", year=2025)
        session.add(other)
        session.flush()
        assert other.id is not None
        task = Task(plan_id=other.id, code="I.1", content="Rà soát")
        session.add(task)
        session.flush()
        assert task.id is not None
        session.add(TaskAgency(task_id=task.id, agency_id=c.agency_id))
        other_id, other_task = other.id, task.id
    with db.session() as session:
        session.execute(text("DELETE FROM plan WHERE id = :id"), {"id": other_id})
    with db.session() as session:
        assert session.get(Task, other_task) is None
        assert session.exec(select(TaskAgency).where(TaskAgency.task_id == other_task)).all() == []
    # A plan whose tasks have progress reports cannot be deleted: the reports would be lost.
    with db.session() as session:
        session.add(_report(c))
    with pytest.raises(IntegrityError), db.session() as session:
        session.execute(text("DELETE FROM plan WHERE id = :id"), {"id": c.plan_id})


def test_sqlite_pragmas(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite only")

    def pragmas(session: Session) -> tuple[object, object]:
        foreign_keys = session.execute(text("PRAGMA foreign_keys")).scalar()
        journal = session.execute(text("PRAGMA journal_mode")).scalar()
        return foreign_keys, journal

    assert db.call(lambda session: pragmas(session)) == (1, "wal")
