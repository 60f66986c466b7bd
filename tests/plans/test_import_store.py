"""Storing an import (CLI and store_plan), --json / --dry-run, and re-importing a revised plan."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from bot.cli import main
from plans.importing import plan_diff, store_plan
from plans.parsing.importer import parse_file
from storage.db import Database
from storage.models import (
    Agency,
    AgencyAlias,
    Organization,
    Plan,
    ProgressReport,
    ReportDocument,
    Task,
    TaskAgency,
)


def _count(db: Database, model: type) -> int:
    with Session(db.engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


@pytest.fixture
def cli_db(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test database (emptied; PostgreSQL when PLANBOT_TEST_DATABASE_URL is set) for the CLI."""
    url = db.url
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return url


def test_cli_import_stores_everything(
    cli_db: str, plan_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(plan_files["thanh-xa-2023-q1.docx"])]) == 0
    out = capsys.readouterr().out
    assert "4 mục, 14 nội dung, 30 nhiệm vụ" in out
    assert "Kết quả Quý I/2023: 22/30 nhiệm vụ đã và đang thực hiện (73,3%)" in out
    db = Database(cli_db)
    try:
        with Session(db.engine) as session:
            org = session.exec(select(Organization)).one()
            assert org.name == "UBND xã Thanh Xá"
            plan = session.exec(select(Plan)).one()
            assert (plan.number, plan.year, plan.issued_on) == ("25/KH-UBND", 2023, date(2023, 3, 9))
            tasks = session.exec(select(Task).where(Task.kind == "task")).all()
            assert len(tasks) == 30
            reports = session.exec(select(ProgressReport)).all()
            assert len(reports) == 30
            assert sum(r.status in ("done", "in_progress") for r in reports) == 22
            assert {r.source for r in reports} == {"import"}
            assert {(r.reported_on, r.period_start) for r in reports} == {
                (date(2023, 3, 31), date(2023, 1, 1))
            }
            i1 = session.exec(select(Task).where(Task.code == "I.1")).one()
            i1_report = session.exec(select(ProgressReport).where(ProgressReport.task_id == i1.id)).one()
            docs = session.exec(select(ReportDocument).where(ReportDocument.report_id == i1_report.id)).all()
            assert [(d.doc_type, d.number) for d in docs][:1] == [("Kế hoạch", "25/KH-UBND")]
            assert len(docs) == 7
            kpi = session.exec(select(Task).where(Task.code == "II.1.2")).one()
            assert (
                session.exec(select(ProgressReport.kpi_value).where(ProgressReport.task_id == kpi.id)).one()
                == 78.5
            )
            vp = session.exec(select(Agency).where(Agency.name == "Văn phòng HĐND và UBND xã")).one()
            assert not vp.is_group
            aliases = session.exec(select(AgencyAlias.alias).where(AgencyAlias.agency_id == vp.id)).all()
            assert "HĐND-UBND" in aliases
            group = session.exec(
                select(Agency).where(Agency.name == "Các công chức chuyên môn thuộc UBND xã")
            ).one()
            assert group.is_group
            lead = session.exec(
                select(TaskAgency).where(TaskAgency.task_id == i1.id, TaskAgency.role == "lead")
            ).all()
            assert [link.agency_id for link in lead] == [vp.id]
            ii2 = session.exec(select(Task).where(Task.code == "II.2")).one()
            assert ii2.kind == "group"
            child = session.exec(select(Task).where(Task.code == "II.2.3")).one()
            assert child.parent_id == ii2.id and child.deadline_kind == "continuous"
    finally:
        db.dispose()


def test_cli_json_shape_and_dry_run_writes_nothing(
    cli_db: str, plan_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(plan_files["chi-linh-2025.docx"]), "--json", "--dry-run"]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)  # exactly one JSON document on stdout
    assert set(document) == {"plan", "summary", "tasks"}
    assert document["plan"] == {
        "title": "Kế hoạch kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông năm 2025",
        "number": "112/KH-UBND",
        "issued_on": "2025-08-15",
        "organization": "UBND phường Chí Linh",
        "year": 2025,
    }
    assert document["summary"] == {"sections": 3, "items": 16, "tasks": 33}
    task = document["tasks"][10]
    assert set(task) == {
        "code",
        "section",
        "content",
        "lead",
        "coordinating",
        "deadline",
        "product",
        "targets",
        "result",
    }
    assert set(task["deadline"]) == {"text", "kind", "due", "start", "recurrence"}
    by_code = {t["code"]: t for t in document["tasks"]}
    assert by_code["II.3.2"]["deadline"] == {
        "text": "Trước 30/8/2025",
        "kind": "date",
        "due": "2025-08-30",
        "start": None,
        "recurrence": None,
    }
    assert by_code["I.1"]["lead"] == ["Trung tâm Phục vụ hành chính công"]  # the canonical name
    assert by_code["III.3.2"]["targets"][0]["min_percent"] == 60.0
    assert by_code["I.1"]["result"] is None
    db = Database(cli_db)
    try:
        assert _count(db, Plan) == 0 and _count(db, Task) == 0 and _count(db, Agency) == 0
    finally:
        db.dispose()


def test_cli_json_result_documents(
    cli_db: str, plan_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(plan_files["thanh-xa-2023-q1.xlsx"]), "--json", "--dry-run"]) == 0
    document = json.loads(capsys.readouterr().out)
    by_code = {t["code"]: t for t in document["tasks"]}
    assert by_code["II.3.5"]["result"]["status"] == "done"
    assert by_code["II.3.5"]["result"]["documents"] == [
        {"type": "Thông báo", "number": "16/TB-UBND", "date": "2023-04-12"}
    ]


def test_cli_bad_file_prints_the_sentence_and_writes_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "ke-hoach.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["import", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Tệp bị hỏng hoặc không mở được" in captured.err


def test_reimport_updates_tasks_and_keeps_reports(db: Database, plan_files: dict[str, Path]) -> None:
    first = parse_file(plan_files["thanh-xa-2023-q1.docx"], filename="thanh-xa.docx")
    with db.session() as session:
        stored = store_plan(session=session, parsed=first, organization_name=None)
    assert not stored.diff.is_update and _count(db, ProgressReport) == 30

    revised = parse_file(plan_files["thanh-xa-2023-q1.docx"], filename="thanh-xa-v2.docx")
    nodes = []
    for node in revised.nodes:
        if node.code == "III.4":
            continue  # dropped in the revision
        if node.code == "III.2":
            node = replace(node, content=node.content + " (bổ sung năm 2023)")
        nodes.append(node)
    extra = replace(
        next(n for n in revised.nodes if n.code == "IV.2"),
        code="IV.3",
        number="3",
        content="Tổng kết công tác kiểm soát TTHC năm 2023",
        result=None,
    )
    nodes.append(extra)
    revised.nodes = nodes

    with db.session() as session:
        preview = plan_diff(session=session, parsed=revised, organization_name=None)
    assert preview.is_update
    assert [c.code for c in preview.added] == ["IV.3"]
    assert [c.code for c in preview.changed] == ["III.2"]
    assert [c.code for c in preview.removed] == ["III.4"]
    assert _count(db, Task) == len(first.nodes)  # the preview wrote nothing

    with db.session() as session:
        result = store_plan(session=session, parsed=revised, organization_name=None)
    assert result.plan_id == stored.plan_id
    assert [c.code for c in result.added] == ["IV.3"]
    assert [c.code for c in result.changed] == ["III.2"] and "content" in result.changed[0].fields
    assert [c.code for c in result.removed] == ["III.4"]
    assert result.reports_added == 0  # the same results are not imported twice
    with Session(db.engine) as session:
        assert _count(db, Plan) == 1
        assert _count(db, ProgressReport) == 30  # every report kept
        removed = session.exec(select(Task).where(Task.removed == True)).all()  # noqa: E712
        assert [t.content for t in removed] == [n.content for n in first.nodes if n.code == "III.4"]
        kept = session.exec(select(Task).where(Task.code == "III.2")).one()
        assert kept.content.endswith("(bổ sung năm 2023)")
        assert (
            session.exec(
                select(func.count())
                .select_from(ProgressReport)
                .where(ProgressReport.task_id == removed[0].id)
            ).one()
            == 1
        )
        assert session.exec(select(Task).where(Task.code == "IV.3")).one().removed is False


def test_reimport_tells_a_replaced_task_from_a_reworded_one(
    db: Database, plan_files: dict[str, Path]
) -> None:
    """Two different Thanh Xá tasks share much wording (WRatio 90 for II.1.5 and III.4): a task
    replaced at the same code must not inherit the old task's reports; a rewording keeps them."""
    first = parse_file(plan_files["thanh-xa-2023-q1.docx"], filename="thanh-xa.docx")
    with db.session() as session:
        store_plan(session=session, parsed=first, organization_name=None)
    by_code = {n.code: n for n in first.nodes}
    revised = parse_file(plan_files["thanh-xa-2023-q1.docx"], filename="thanh-xa-v2.docx")
    nodes = []
    for node in revised.nodes:
        if node.code == "II.1.5":  # replaced: a task much like III.4 (which stays) at this number
            node = replace(node, content=by_code["III.4"].content + " cấp xã", result=None)
        elif node.code == "II.4":  # reworded: the abbreviation officials use
            node = replace(node, content=node.content.replace("thủ tục hành chính", "TTHC") + " năm 2023")
        nodes.append(node)
    revised.nodes = nodes
    with db.session() as session:
        result = store_plan(session=session, parsed=revised, organization_name=None)
    assert "II.1.5" in [c.code for c in result.added]  # a new task, not the old one "changed"
    assert "II.1.5" in [c.code for c in result.removed]
    assert "II.4" in [c.code for c in result.changed]
    with Session(db.engine) as session:
        current = session.exec(select(Task).where(Task.code == "II.1.5")).one()
        assert (
            session.exec(
                select(func.count()).select_from(ProgressReport).where(ProgressReport.task_id == current.id)
            ).one()
            == 0
        )  # the replaced task's result stays with the removed one
        reworded = session.exec(select(Task).where(Task.code == "II.4")).one()
        assert (
            session.exec(
                select(func.count()).select_from(ProgressReport).where(ProgressReport.task_id == reworded.id)
            ).one()
            == 1
        )


def test_renumbered_but_unchanged_tasks_are_not_changes(db: Database, plan_files: dict[str, Path]) -> None:
    """III.4 dropped and III.5 moved up to III.4 with its text unchanged: one removal, one task
    renumbered, nothing to review as changed — and the moved task keeps its reports."""
    first = parse_file(plan_files["thanh-xa-2023-q1.docx"], filename="thanh-xa.docx")
    with db.session() as session:
        store_plan(session=session, parsed=first, organization_name=None)
    old_35 = next(n for n in first.nodes if n.code == "III.5")
    revised = parse_file(plan_files["thanh-xa-2023-q1.docx"], filename="thanh-xa-v2.docx")
    nodes = []
    for node in revised.nodes:
        if node.code == "III.4":
            continue
        if node.code == "III.5":
            node = replace(node, code="III.4", number="4")
        nodes.append(node)
    revised.nodes = nodes
    with db.session() as session:
        preview = plan_diff(session=session, parsed=revised, organization_name=None)
    assert preview.changed == [] and preview.added == []
    assert [c.code for c in preview.removed] == ["III.4"]
    assert [(c.code, c.fields) for c in preview.renumbered] == [("III.4", ["III.5"])]
    assert preview.renumbered[0].content == old_35.content
