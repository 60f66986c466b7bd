"""`planbot demo` builds its database from the bundled sample plan and plays the tour offline."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlmodel import select

from bot.cli import main
from bot.offline.demo import prepare_demo
from storage.db import Database
from storage.models import Official, Task


def test_prepare_demo_imports_sample_and_officials(tmp_path: Path) -> None:
    info = prepare_demo(tmp_path)
    assert info.organization == "UBND xã Thanh Xá"
    assert info.tasks == 30
    db = Database(info.database_url)
    try:
        with db.session() as session:
            tasks = session.exec(select(Task).where(Task.kind == "task")).all()
            officials = session.exec(select(Official)).all()
        assert len(tasks) == 30
        assert {o.full_name for o in officials} >= {"Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Văn Bình"}
        assert all(o.agency_id is not None for o in officials)
    finally:
        db.dispose()
    # Running it again starts from a fresh database, not on top of the old one.
    again = prepare_demo(tmp_path)
    assert again.tasks == 30


def test_demo_tour_answers_the_golden_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nothing piped in: the tour is played
    assert main(["demo", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "30 nhiệm vụ" in out
    assert "Xin chào Phạm Thị Mây" in out
    assert "Số hóa hồ sơ" in out  # the search without diacritics found it
    assert "(đã và đang thực hiện): 73,3% (22/30 nhiệm vụ)" in out
    assert "Phòng Văn hóa - Xã hội: 50,0% (3/6)" in out


def test_demo_reads_piped_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("/toi\n"))
    assert main(["demo", "--dir", str(tmp_path), "--as", "official", "--agency", "VH-XH"]) == 0
    out = capsys.readouterr().out
    profile = out.split("bạn> /toi", 1)[1]  # only the piped line was played, not the tour
    assert "Phòng Văn hóa - Xã hội" in profile
    assert "tỷ lệ hoàn thành" not in profile.lower()
