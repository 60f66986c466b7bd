"""`planbot import` of a report with a task table whose prose also gives figures (issue 14): the tasks
and results are imported as before, and the figures are stored as the period's indicator values too
(not with --dry-run or --no-figures); --json carries them under "narrative"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from storage.db import Database
from storage.models import IndicatorValue, Task
from tests.support.mixed_report import ORG, mixed_report_docx, plain_plan_docx


@pytest.fixture
def cli_db(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return db.url


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "bao-cao-thang-11.docx"
    path.write_bytes(mixed_report_docx())
    return path


def _counts(db: Database) -> tuple[int, int]:
    with Session(db.engine) as session:
        tasks = len(session.exec(select(Task).where(Task.kind == "task")).all())
        return tasks, len(session.exec(select(IndicatorValue)).all())


def test_import_stores_the_tasks_and_the_figures(
    cli_db: str, db: Database, report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(report)]) == 0
    out = capsys.readouterr().out.split("\n")
    assert (
        "Tệp này cũng có 4 chỉ số của kỳ Tháng 11/2025 (nguồn: Báo cáo số 371/BC-UBND ngày 02/12/2025):"
        in out
    )
    assert "  Hồ sơ tiếp nhận trực tuyến: 120 hồ sơ" in out
    assert (
        f"Đã lưu các chỉ số Tháng 11/2025 của {ORG} (nguồn: Báo cáo số 371/BC-UBND ngày 02/12/2025)." in out
    )
    with Session(db.engine) as session:
        online = session.exec(select(IndicatorValue).where(IndicatorValue.key == "ho_so_truc_tuyen")).one()
        assert (online.value, online.source) == (120.0, "Báo cáo số 371/BC-UBND ngày 02/12/2025")
    assert _counts(db)[0] == 3
    assert main(["ask", "tháng 11 có bao nhiêu hồ sơ trực tuyến?", "--org", ORG, "--at", "2025-12-03"]) == 0
    answer = capsys.readouterr().out
    assert "120 hồ sơ" in answer and "371/BC-UBND" in answer, answer


def test_no_figures_and_dry_run_store_no_figures(
    cli_db: str, db: Database, report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(report), "--dry-run", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["tasks"] == 3
    narrative = document["narrative"]
    assert (narrative["period"], narrative["source"], narrative["stored_values"]) == (
        "Tháng 11/2025",
        "Báo cáo số 371/BC-UBND ngày 02/12/2025",
        None,
    )
    assert {(f["label"], f["value"]) for f in narrative["indicators"]} == {
        ("hồ sơ tiếp nhận", 1236.0),
        ("hồ sơ tiếp nhận trực tuyến", 120.0),
        ("hồ sơ tiếp nhận trực tiếp", 1108.0),
        ("hồ sơ giải quyết trước hạn", 1217.0),
    }
    assert _counts(db) == (0, 0)
    assert main(["import", str(report), "--no-figures"]) == 0
    assert "Không lưu các chỉ số (--no-figures)." in capsys.readouterr().out
    assert _counts(db) == (3, 0)


def test_a_plain_plan_has_no_narrative_part(
    cli_db: str, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(plain_plan_docx())
    assert main(["import", str(path), "--dry-run", "--json"]) == 0
    assert "narrative" not in json.loads(capsys.readouterr().out)
