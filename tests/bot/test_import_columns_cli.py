"""`planbot import` of a plan whose header cannot be mapped: the refusal lists the header cells,
numbered, and `--columns` imports it with the admin's assignment (the CLI twin of the bot's buttons)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from storage.db import Database
from storage.models import Plan, Task
from tests.handlers.test_import_columns import ODD
from tests.support.documents.builders import build_docx


@pytest.fixture
def cli_db(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return db.url


def test_unmapped_header_then_columns(
    cli_db: str, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_docx(ODD, tmp_path / "an-binh.docx")
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Không nhận ra tiêu đề các cột" in err
    assert "1. TT; 2. Việc cần làm; 3. Người phụ trách; 4. Người cùng làm; 5. Hạn chót; 6. Đầu ra" in err

    columns = "stt=1,noidung=2,chutri=3,phoihop=4,thoihan=5,sanpham=6"
    assert main(["import", str(path), "--columns", columns]) == 0
    assert "2 mục, 3 nội dung, 3 nhiệm vụ" in capsys.readouterr().out
    with Session(db.engine) as session:
        assert session.exec(select(Plan)).one().number == "12/KH-UBND"
        tasks = {t.code: t for t in session.exec(select(Task).where(Task.kind == "task")).all()}
    assert sorted(tasks) == ["I.1", "I.2", "II.1"]
    assert (tasks["I.1"].deadline_due, tasks["I.1"].product) == (date(2026, 6, 30), "Báo cáo rà soát")
    assert tasks["I.2"].lead_text == "Công chức Tư pháp - Hộ tịch"


@pytest.mark.parametrize("columns", ["chutri=3", "noidung=0", "noidung=2,noidung=3", "ai=2,noidung=1"])
def test_bad_columns_are_refused(
    cli_db: str, tmp_path: Path, columns: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_docx(ODD, tmp_path / "an-binh.docx")
    with pytest.raises(SystemExit) as refused:
        main(["import", str(path), "--columns", columns])
    assert refused.value.code == 2
    assert "--columns" in capsys.readouterr().err
