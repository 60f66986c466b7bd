"""`planbot plan edit`: the operator corrects an imported task or agency from the command line (issue 14):
the same use cases as the bot's "✏️ Sửa", audited with source "cli"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from storage.db import Database
from storage.models import Agency, AuditLog, Task, TaskAgency
from storage.models_people import TaskEdit
from tests.support.builders import add_plan, add_task
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import DTT, TTDT, VHXH


@pytest.fixture
def tx(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return db.call(seed_thanh_xa)


def _task(db: Database, task_id: int) -> Task:
    with Session(db.engine) as s:
        task = s.get(Task, task_id)
        assert task is not None
        return task


def test_edit_a_deadline_prints_old_and_new(
    db: Database, tx: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["plan", "edit", "--task", "III.2", "--field", "deadline", "--value", "Chậm nhất ngày 15/9/2023"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "changed: III.2 deadline (Thời hạn)" in out
    assert "old: Thường xuyên trong năm 2023 → Thường xuyên (01/01/2023–31/12/2023)" in out
    assert "new: Chậm nhất ngày 15/9/2023 → Chậm nhất 15/09/2023" in out
    task = _task(db, tx["III.2"])
    assert (task.deadline_kind, task.deadline_due) == ("date", date(2023, 9, 15))
    with Session(db.engine) as s:
        edit = s.exec(select(TaskEdit)).one()
        assert (edit.field, edit.source, edit.actor_user_id) == ("deadline", "cli", None)
        audit = s.exec(select(AuditLog).where(AuditLog.action == "task_corrected")).one()
        assert audit.detail["source"] == "cli"
    # the same value again changes nothing and writes nothing
    assert (
        main(
            ["plans", "edit", "--task", "iii.2", "--field", "deadline", "--value", "Chậm nhất ngày 15/9/2023"]
        )
        == 0
    )
    assert "unchanged: III.2" in capsys.readouterr().out
    with Session(db.engine) as s:
        assert len(s.exec(select(TaskEdit)).all()) == 1


def test_edit_lead_targets_and_remove(
    db: Database, tx: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "edit", "--task", "III.2", "--field", "lead", "--value", "Văn hóa xã hội xã"]) == 0
    assert f"new: {VHXH}" in capsys.readouterr().out
    with Session(db.engine) as s:
        leads = s.exec(
            select(TaskAgency).where(TaskAgency.task_id == tx["III.2"], TaskAgency.role == "lead")
        ).all()
        assert [link.agency_id for link in leads] == [tx[VHXH]]
    value = "Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%"
    assert main(["plan", "edit", "--task", "III.2", "--field", "targets", "--value", value]) == 0
    assert _task(db, tx["III.2"]).targets == [{"metric": "hồ sơ giải quyết trực tuyến", "min_percent": 50.0}]
    capsys.readouterr()
    assert main(["plan", "edit", "--task", "III.2", "--remove"]) == 0
    assert "removed: III.2" in capsys.readouterr().out
    assert _task(db, tx["III.2"]).removed
    assert main(["plan", "edit", "--task", "III.2", "--remove"]) == 2
    assert "no task III.2" in capsys.readouterr().err


def test_rename_and_map_an_agency(
    db: Database, tx: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["plan", "edit", "--agency", "van hoa xa hoi xa", "--rename", "Công chức Văn hóa - Xã hội"]) == 0
    )
    assert f"renamed: {VHXH} → Công chức Văn hóa - Xã hội" in capsys.readouterr().out
    assert main(["plan", "edit", "--agency", DTT, "--map-to", TTDT]) == 0
    assert f"mapped: {DTT} → {TTDT}" in capsys.readouterr().out
    with Session(db.engine) as s:
        assert s.get(Agency, tx[VHXH]).name == "Công chức Văn hóa - Xã hội"  # type: ignore[union-attr]
        assert s.get(Agency, tx[DTT]) is None
    assert main(["plan", "edit", "--agency", "Phòng Không Có", "--rename", "X"]) == 2
    assert "Không tìm thấy cơ quan" in capsys.readouterr().err


def test_usage_errors_and_ambiguous_codes(
    db: Database, tx: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "edit", "--task", "III.2"]) == 2
    assert "--field F --value TEXT or --remove" in capsys.readouterr().err
    assert main(["plan", "edit", "--task", "III.2", "--field", "deadline"]) == 2
    assert "--field needs --value" in capsys.readouterr().err
    assert main(["plan", "edit", "--agency", DTT]) == 2
    assert "--rename NEW or --map-to OTHER" in capsys.readouterr().err
    assert main(["plan", "edit", "--task", "III.2", "--field", "content", "--value", "  "]) == 2
    assert "không được để trống" in capsys.readouterr().err

    def second_plan(session: Session) -> int:
        plan = add_plan(session, tx["org"], "Kế hoạch chuyển đổi số năm 2023", year=2023)
        add_task(session, plan, "III.2", "Số hóa hồ sơ", lead=[tx[DTT]], kind="task", level=2)
        return plan

    plan = db.call(second_plan)
    assert main(["plan", "edit", "--task", "III.2", "--field", "product", "--value", "Báo cáo"]) == 2
    assert "give --plan ID" in capsys.readouterr().err
    assert (
        main(
            [
                "plan",
                "edit",
                "--task",
                "III.2",
                "--plan",
                str(plan),
                "--field",
                "product",
                "--value",
                "Báo cáo",
            ]
        )
        == 0
    )
    with Session(db.engine) as s:
        edited = s.exec(select(Task).where(Task.plan_id == plan)).one()
        assert edited.product == "Báo cáo"


def test_add_a_task_to_a_section(
    db: Database, tx: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    plan = str(tx["plan"])
    assert main(["plan", "edit", "--add-to", "IV", "--value", "Tập huấn cho công chức một cửa"]) == 2
    assert "needs --plan ID, --value CONTENT and --lead NAME" in capsys.readouterr().err
    args = ["plan", "edit", "--add-to", "IV", "--plan", plan, "--value", "Tập huấn cho công chức một cửa"]
    assert main([*args, "--lead", TTDT, "--deadline", "Quý III/2023"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added: IV.") and "Tập huấn cho công chức một cửa" in out
    code = out.split()[1]
    with Session(db.engine) as s:
        task = s.exec(select(Task).where(Task.plan_id == tx["plan"], Task.code == code)).one()
        assert (task.kind, task.deadline_kind, task.deadline_due) == ("task", "quarter", date(2023, 9, 30))
        assert s.exec(select(TaskEdit).where(TaskEdit.field == "added")).one().source == "cli"
    assert main(["plan", "edit", "--add-to", "IX", "--plan", plan, "--value", "x", "--lead", TTDT]) == 2
    assert "Kế hoạch không có mục «IX»" in capsys.readouterr().err
