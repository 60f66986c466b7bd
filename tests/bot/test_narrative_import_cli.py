"""`planbot import` of the Khúc Thừa Dụ November 2025 narrative report: --dry-run and --json show the
figures and store nothing; a plain import stores them as the period's indicator values; `planbot
ask` then answers the leaders' question from them. Values read by hand from the report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from storage.db import Database
from storage.models import IndicatorValue, Organization

SEED = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "seeds"
    / "khuc-thua-du-2025-11-monthly-report.txt"
)

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared/seeds are not beside the repository")


@pytest.fixture
def cli_db(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return db.url


def stored(db: Database) -> list[IndicatorValue]:
    with Session(db.engine) as session:
        return list(session.exec(select(IndicatorValue)).all())


def test_dry_run_json_shows_the_figures_and_stores_nothing(
    cli_db: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(SEED), "--dry-run", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["kind"] == "narrative_report"
    assert (document["period"], document["period_start"], document["period_end"]) == (
        "Tháng 11/2025",
        "2025-11-01",
        "2025-11-30",
    )
    assert document["organization"] == "UBND xã Khúc Thừa Dụ"
    assert document["source"] == "Báo cáo tháng 11/2025"
    figures = {(f["label"], f["value"], f["unit"]) for f in document["indicators"]}
    assert {
        ("hồ sơ tiếp nhận", 1236.0, "hồ sơ"),
        ("hồ sơ tiếp nhận trực tuyến", 120.0, "hồ sơ"),
        ("hồ sơ tiếp nhận trực tiếp", 1108.0, "hồ sơ"),
        ("hồ sơ đã giải quyết", 1221.0, "hồ sơ"),
        ("TTHC trực tuyến toàn trình", 219.0, "thủ tục"),
        ("tiếp nhận hồ sơ trực tuyến", 90.2, "%"),
    } <= figures
    assert "Báo cáo số 357/BC-UBND ngày 18/11/2025" in document["documents"]
    assert document["stored_values"] is None
    assert stored(db) == []


def test_import_stores_the_period_then_planbot_ask_answers(
    cli_db: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(SEED), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Kỳ báo cáo: Tháng 11/2025" in out
    assert "  Hồ sơ tiếp nhận: 1.236 hồ sơ" in out.split("\n")
    assert "  Hồ sơ tiếp nhận trực tuyến: 120 hồ sơ" in out.split("\n")
    assert "Chạy thử (--dry-run): chưa lưu gì." in out
    assert stored(db) == []

    assert main(["import", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Đã lưu số liệu Tháng 11/2025 của UBND xã Khúc Thừa Dụ (nguồn: Báo cáo tháng 11/2025)." in out
    online = [v for v in stored(db) if v.key == "ho_so_truc_tuyen"]
    assert [(v.value, v.period_start, v.period_end, v.source) for v in online] == [
        (120.0, date(2025, 11, 1), date(2025, 11, 30), "Báo cáo tháng 11/2025")
    ]
    count = len(stored(db))
    assert main(["import", str(SEED)]) == 0  # the same report again replaces its rows
    capsys.readouterr()
    assert len(stored(db)) == count
    with Session(db.engine) as session:
        assert [o.name for o in session.exec(select(Organization)).all()] == ["UBND xã Khúc Thừa Dụ"]

    question = "tháng 11 có bao nhiêu hồ sơ trực tuyến?"
    assert main(["ask", question, "--org", "Khúc Thừa Dụ", "--at", "2025-12-03"]) == 0
    answer = capsys.readouterr().out
    assert "120 hồ sơ" in answer and "Báo cáo tháng 11/2025" in answer, answer


def test_a_file_with_neither_table_nor_figures_is_refused(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "cong-van.txt"
    letter.write_text("CÔNG VĂN\nVề việc mời họp giao ban.\n", encoding="utf-8")
    assert main(["import", str(letter)]) == 1
    assert "Không tìm thấy bảng nhiệm vụ" in capsys.readouterr().err
