"""A re-import after an admin's corrections (issue 14): a correction the new document does not
contradict is kept, one it contradicts gives way to the document, a task the admin added stays."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from handlers.import_texts import diff_lines
from plans.corrections import Editor, add_task, edit_task, find_task, remove_task
from plans.importing import plan_diff, store_plan
from plans.parsing.deadlines import parse_deadline
from plans.parsing.importer import parse_file
from plans.parsing.types import ParsedPlan
from storage.db import Database
from storage.models import AuditLog, Task
from storage.models_people import TaskEdit
from tests.support.builders import add_official
from tests.support.task_rows import agency_links as _links
from tests.support.task_rows import task_row as _task
from tests.support.thanh_xa_nodes import DTT

ADMIN = 11
BOT = Editor(ADMIN, "bot")


def _imported(db: Database, plan_files: dict[str, Path]) -> tuple[ParsedPlan, dict[str, int]]:
    parsed = parse_file(plan_files["thanh-xa-2023-q1.docx"], filename="thanh-xa.docx")
    result = db.call(store_plan, parsed=parsed, organization_name=None, today=date(2023, 5, 1))

    def admin(session: Session) -> dict[str, int]:
        add_official(
            session,
            ADMIN,
            "Phạm Thị Mây",
            organization_id=result.organization_id,
            agency_id=None,
            role="admin",
        )
        tasks = session.exec(select(Task).where(Task.plan_id == result.plan_id)).all()
        return {t.code: t.id for t in tasks if t.id is not None}

    return parsed, db.call(admin)


def _reimport(db: Database, parsed: ParsedPlan) -> Any:
    return db.call(store_plan, parsed=parsed, organization_name=None, today=date(2023, 5, 1))


def test_reimport_keeps_a_correction_the_document_does_not_contradict(
    db: Database, plan_files: dict[str, Path]
) -> None:
    parsed, codes = _imported(db, plan_files)
    original = _task(db, codes["III.3"])
    db.call(edit_task, editor=BOT, task_id=codes["III.3"], field="deadline", value="Chậm nhất ngày 15/9/2023")
    db.call(
        edit_task,
        editor=BOT,
        task_id=codes["III.3"],
        field="content",
        value="Nội dung do quản trị viên sửa hẳn",
    )
    db.call(edit_task, editor=BOT, task_id=codes["III.3"], field="lead", value="Đài truyền thanh xã")
    db.call(remove_task, editor=BOT, task_id=codes["III.2"])
    with Session(db.engine) as s:
        preview = plan_diff(session=s, parsed=parsed, organization_name=None)
    assert preview.changed == [] and preview.added == [] and preview.removed == []
    assert {(c.code, c.fields[0]) for c in preview.kept_corrections} == {
        ("III.3", "Thời hạn"),
        ("III.3", "Nội dung"),
        ("III.3", "Chủ trì"),
        ("III.2", "Xoá nhiệm vụ"),
    }
    result = _reimport(db, parsed)  # the same document again
    assert result.diff.contradicted_corrections == []
    task = _task(db, codes["III.3"])
    assert task.id == original.id
    assert (task.deadline_text, task.deadline_kind, task.deadline_due) == (
        "Chậm nhất ngày 15/9/2023",
        "date",
        date(2023, 9, 15),
    )
    assert task.content == "Nội dung do quản trị viên sửa hẳn"
    assert {name for name, role in _links(db, codes["III.3"]) if role == "lead"} == {DTT}
    assert _task(db, codes["III.2"]).removed
    assert len(db.call(find_task, organization_id=result.organization_id, code="III.2")) == 0
    again = _reimport(db, parsed)  # and a third time: still kept
    assert len(again.diff.kept_corrections) == 4
    assert _task(db, codes["III.3"]).deadline_due == date(2023, 9, 15)


def test_reimport_applies_a_document_that_contradicts_the_correction(
    db: Database, plan_files: dict[str, Path]
) -> None:
    parsed, codes = _imported(db, plan_files)
    db.call(edit_task, editor=BOT, task_id=codes["III.3"], field="deadline", value="Chậm nhất ngày 15/9/2023")
    db.call(edit_task, editor=BOT, task_id=codes["III.4"], field="product", value="Báo cáo của quản trị viên")
    october = parse_deadline("Tháng 10/2023", year=2023, span=(2023, 2023))
    nodes = [replace(n, deadline=october) if n.code == "III.3" else n for n in parsed.nodes]
    revised = replace(parsed, nodes=nodes, source_filename="thanh-xa-v2.docx")
    with Session(db.engine) as s:
        preview = plan_diff(session=s, parsed=revised, organization_name=None)
    assert [(c.code, c.fields) for c in preview.contradicted_corrections] == [("III.3", ["Thời hạn"])]
    assert [c.code for c in preview.changed] == ["III.3"]
    assert [(c.code, c.fields) for c in preview.kept_corrections] == [("III.4", ["Sản phẩm"])]
    shown = "\n".join(diff_lines(preview))  # what the admin reads in the bot's import preview
    assert "Giữ chỉnh sửa của quản trị viên (1):" in shown
    assert "Văn bản mới khác chỉnh sửa của quản trị viên (theo văn bản mới) (1):" in shown
    assert "• III.3 · " in shown and "(Thời hạn)" in shown
    result = _reimport(db, revised)
    assert [(c.code, c.fields) for c in result.diff.contradicted_corrections] == [("III.3", ["Thời hạn"])]
    task = _task(db, codes["III.3"])
    assert (task.deadline_text, task.deadline_kind, task.deadline_due) == (
        "Tháng 10/2023",
        "month",
        date(2023, 10, 31),
    )
    assert _task(db, codes["III.4"]).product == "Báo cáo của quản trị viên"
    with Session(db.engine) as s:
        ended = s.exec(select(TaskEdit).where(TaskEdit.source == "import")).one()
        assert (ended.field, ended.old_value, ended.new_value) == (
            "deadline",
            "Chậm nhất ngày 15/9/2023",
            "Tháng 10/2023",
        )
        assert s.exec(select(AuditLog).where(AuditLog.action == "correction_contradicted")).one()
    # the original document imported again now changes the deadline back: the correction has ended
    back = _reimport(db, parsed)
    assert back.diff.contradicted_corrections == []
    assert _task(db, codes["III.3"]).deadline_text != "Chậm nhất ngày 15/9/2023"


def test_reimport_keeps_a_task_the_admin_added(db: Database, plan_files: dict[str, Path]) -> None:
    parsed, codes = _imported(db, plan_files)
    with Session(db.engine) as s:
        plan_id = s.exec(select(Task.plan_id).where(Task.id == codes["III.2"])).one()
    added = db.call(
        add_task,
        editor=BOT,
        plan_id=plan_id,
        section="III",
        content="Tập huấn dịch vụ công trực tuyến cho người dân",
        lead="Đài truyền thanh xã",
        deadline="Quý III/2023",
    )
    assert added.code == "III.6"
    with Session(db.engine) as s:
        preview = plan_diff(session=s, parsed=parsed, organization_name=None)
    assert preview.removed == []  # the document does not drop it: it never had it
    assert [(c.code, c.fields) for c in preview.kept_corrections] == [("III.6", ["Thêm nhiệm vụ"])]
    result = _reimport(db, parsed)
    assert result.diff.removed == []
    task = _task(db, added.task_id)
    assert (task.code, task.removed, task.deadline_kind) == ("III.6", False, "quarter")
    # a revised document that now has its own III.6: the admin's task moves to the next number
    extra = replace(
        next(n for n in parsed.nodes if n.code == "III.5"),
        code="III.6",
        number="6.",
        content="Một nhiệm vụ mới hoàn toàn khác của văn bản sửa đổi",
    )
    revised = replace(parsed, nodes=[*parsed.nodes, extra])
    _reimport(db, revised)
    task = _task(db, added.task_id)
    assert (task.code, task.removed) == ("III.7", False)
