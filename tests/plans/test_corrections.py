"""An admin's corrections of imported tasks (issue 14): each field re-read as the importer reads it,
removal and addition, agency renames and merges, the audit rows, the permission rule, and a
re-import that keeps a correction unless the document contradicts it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from handlers.import_texts import diff_lines
from plans.agency_corrections import map_agency, rename_agency
from plans.correction_fields import CorrectionError
from plans.corrections import Editor, add_task, edit_task, find_task, propose_edit, remove_task
from plans.importing import plan_diff, store_plan
from plans.parsing.deadlines import parse_deadline
from plans.parsing.importer import parse_file
from plans.parsing.types import ParsedPlan
from storage.db import Database
from storage.models import Agency, AgencyAlias, AuditLog, Official, ProgressReport, Task, TaskAgency
from storage.models_people import TaskEdit
from tests.support.builders import add_official, add_organization
from tests.support.thanh_xa import seed_thanh_xa
from tests.support.thanh_xa_nodes import CCCM, DTT, ND, VHXH, VP

ADMIN, OFFICIAL, LEADER, OTHER_ADMIN = 11, 12, 13, 14
BOT = Editor(ADMIN, "bot")


@pytest.fixture
def tx(db: Database) -> dict[str, int]:
    def seed(session: Session) -> dict[str, int]:
        ids = seed_thanh_xa(session)
        add_official(
            session, ADMIN, "Phạm Thị Mây", organization_id=ids["org"], agency_id=ids[VP], role="admin"
        )
        add_official(session, OFFICIAL, "Vũ Thị Thu", organization_id=ids["org"], agency_id=ids[VP])
        add_official(
            session, LEADER, "Lê Văn Lãnh", organization_id=ids["org"], agency_id=None, role="leader"
        )
        other = add_organization(session, "UBND xã Bên Cạnh")
        add_official(session, OTHER_ADMIN, "Trần Văn Lạ", organization_id=other, agency_id=None, role="admin")
        return ids

    return db.call(seed)


def _task(db: Database, task_id: int) -> Task:
    with Session(db.engine) as s:
        task = s.get(Task, task_id)
        assert task is not None
        return task


def _links(db: Database, task_id: int) -> set[tuple[str, str]]:
    with Session(db.engine) as s:
        rows = s.exec(
            select(Agency.name, TaskAgency.role)
            .join(TaskAgency, col(TaskAgency.agency_id) == col(Agency.id))
            .where(TaskAgency.task_id == task_id)
        ).all()
        return {(name, role) for name, role in rows}


DEADLINES: list[tuple[str, dict[str, Any]]] = [
    ("Chậm nhất ngày 15/9/2025", {"deadline_kind": "date", "deadline_due": date(2025, 9, 15)}),
    (
        "Thường xuyên",
        {
            "deadline_kind": "continuous",
            "deadline_start": date(2023, 1, 1),
            "deadline_due": date(2023, 12, 31),
        },
    ),
    ("trước ngày 18 hàng tháng", {"deadline_kind": "recurring", "recurrence": "monthly:18"}),
    ("Quý III/2023", {"deadline_kind": "quarter", "deadline_due": date(2023, 9, 30)}),
    ("Khi có yêu cầu", {"deadline_kind": "on_demand", "deadline_due": None}),
]


@pytest.mark.parametrize(("text", "expected"), DEADLINES, ids=[t for t, _ in DEADLINES])
def test_a_deadline_is_read_again_as_the_importer_reads_it(
    db: Database, tx: dict[str, int], text: str, expected: dict[str, Any]
) -> None:
    outcome = db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="deadline", value=text)
    assert outcome.changed and outcome.old_shown.startswith("Thường xuyên trong năm 2023")
    task = _task(db, tx["I.1"])
    assert task.deadline_text == text
    for key, value in expected.items():
        assert getattr(task, key) == value, key


def test_the_proposal_shows_the_deadline_as_planbot_understood_it(db: Database, tx: dict[str, int]) -> None:
    proposal = db.call(
        propose_edit, editor=BOT, task_id=tx["I.1"], field="deadline", value="Chậm nhất ngày 15/9/2025"
    )
    assert proposal.new_shown == "Chậm nhất ngày 15/9/2025 → Chậm nhất 15/09/2025"
    assert proposal.old_shown == "Thường xuyên trong năm 2023 → Thường xuyên (01/01/2023–31/12/2023)"
    assert _task(db, tx["I.1"]).deadline_kind == "continuous"  # nothing written
    recurring = db.call(
        propose_edit, editor=BOT, task_id=tx["I.1"], field="deadline", value="trước ngày 18 hàng tháng"
    )
    assert "Định kỳ hằng tháng, trước ngày 18" in recurring.new_shown


def test_content_product_and_targets(db: Database, tx: dict[str, int]) -> None:
    db.call(
        edit_task,
        editor=BOT,
        task_id=tx["I.1"],
        field="content",
        value="  Xây dựng   văn bản chỉ đạo năm 2023 ",
    )
    db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="product", value="Kế hoạch, văn bản chỉ đạo")
    db.call(
        edit_task,
        editor=BOT,
        task_id=tx["I.1"],
        field="targets",
        value="Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt tối thiểu 80%",
    )
    task = _task(db, tx["I.1"])
    assert task.content == "Xây dựng văn bản chỉ đạo năm 2023"
    assert task.content_key == "xay dung van ban chi dao nam 2023"
    assert task.product == "Kế hoạch, văn bản chỉ đạo"
    assert task.targets == [{"metric": "hồ sơ tiếp nhận trực tuyến", "min_percent": 80.0}]
    db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="product", value="không")
    assert _task(db, tx["I.1"]).product is None
    with pytest.raises(CorrectionError) as bad:
        db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="targets", value="làm cho tốt")
    assert bad.value.reason == "bad_value"
    with pytest.raises(CorrectionError):
        db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="content", value="   ")


def test_lead_and_coordinating_agencies(db: Database, tx: dict[str, int]) -> None:
    assert _links(db, tx["I.1"]) == {(VP, "lead"), (CCCM, "coordinating"), (ND, "coordinating")}
    proposal = db.call(
        propose_edit, editor=BOT, task_id=tx["I.1"], field="lead", value="Văn hóa xã hội xã; Ban Kinh tế xã"
    )
    assert proposal.new_shown == f"{VHXH}; Ban Kinh tế xã (cơ quan mới)"
    assert proposal.new_agencies == ("Ban Kinh tế xã",)
    db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="lead", value="Văn hóa xã hội xã; Ban Kinh tế xã")
    db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="coordinating", value="Đài truyền thanh xã")
    assert _links(db, tx["I.1"]) == {(VHXH, "lead"), ("Ban Kinh tế xã", "lead"), (DTT, "coordinating")}
    task = _task(db, tx["I.1"])
    assert (task.lead_text, task.coordinating_text) == ("Văn hóa xã hội xã; Ban Kinh tế xã", DTT)
    db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="coordinating", value="-")
    assert _links(db, tx["I.1"]) == {(VHXH, "lead"), ("Ban Kinh tế xã", "lead")}


def test_every_change_is_audited_and_an_unchanged_value_is_not(db: Database, tx: dict[str, int]) -> None:
    db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="deadline", value="Chậm nhất ngày 15/9/2025")
    same = db.call(
        edit_task, editor=BOT, task_id=tx["I.1"], field="deadline", value="chậm nhất ngày 15/9/2025"
    )
    assert not same.changed
    db.call(edit_task, editor=Editor.operator(), task_id=tx["III.2"], field="product", value="Báo cáo")
    with Session(db.engine) as s:
        edits = s.exec(select(TaskEdit).order_by(col(TaskEdit.id))).all()
        admin = s.exec(select(Official).where(Official.telegram_user_id == ADMIN)).one()
        audit = s.exec(select(AuditLog).where(AuditLog.action == "task_corrected")).all()
    assert [(e.field, e.old_value, e.new_value, e.source, e.actor_user_id) for e in edits] == [
        ("deadline", "Thường xuyên trong năm 2023", "Chậm nhất ngày 15/9/2025", "bot", ADMIN),
        ("product", "Văn bản chỉ đạo, hướng dẫn, thực hiện.", "Báo cáo", "cli", None),
    ]
    assert edits[0].official_id == admin.id and edits[1].official_id is None
    assert [(a.detail["field"], a.detail["source"], a.actor_user_id) for a in audit] == [
        ("deadline", "bot", ADMIN),
        ("product", "cli", None),
    ]


@pytest.mark.parametrize("who", [OFFICIAL, LEADER, OTHER_ADMIN, 999])
def test_only_the_organizations_admins_may_correct(db: Database, tx: dict[str, int], who: int) -> None:
    editor = Editor(who, "bot")
    for call, kwargs in (
        (edit_task, {"task_id": tx["I.1"], "field": "content", "value": "x"}),
        (propose_edit, {"task_id": tx["I.1"], "field": "content", "value": "x"}),
        (remove_task, {"task_id": tx["I.1"]}),
        (add_task, {"plan_id": tx["plan"], "section": "I", "content": "x", "lead": VP}),
        (rename_agency, {"organization_id": tx["org"], "name": VP, "new_name": "VP"}),
    ):
        with pytest.raises(CorrectionError) as refused:
            db.call(call, editor=editor, **kwargs)
        assert refused.value.reason == "no_permission"
    with Session(db.engine) as s:
        assert s.exec(select(TaskEdit)).all() == []

    # an admin who was deactivated since is refused on the next call too
    def deactivate(session: Session) -> None:
        admin = session.exec(select(Official).where(Official.telegram_user_id == ADMIN)).one()
        admin.active = False
        session.add(admin)

    db.call(deactivate)
    with pytest.raises(CorrectionError):
        db.call(edit_task, editor=BOT, task_id=tx["I.1"], field="content", value="x")


def test_remove_keeps_the_reports_and_add_takes_the_next_code(db: Database, tx: dict[str, int]) -> None:
    db.call(remove_task, editor=BOT, task_id=tx["I.1"])
    task = _task(db, tx["I.1"])
    assert task.removed
    with Session(db.engine) as s:
        assert s.exec(select(ProgressReport).where(ProgressReport.task_id == tx["I.1"])).all()
    assert db.call(find_task, organization_id=tx["org"], code="i.1.") == []
    added = db.call(
        add_task,
        editor=BOT,
        plan_id=tx["plan"],
        section="I",
        content="Tuyên truyền Nghị định mới",
        lead="Trang TTĐT xã",
        deadline="Quý III/2023",
    )
    assert added.code == "I.2"
    new = _task(db, added.task_id)
    assert (new.kind, new.number, new.deadline_kind, new.deadline_due) == (
        "task",
        "2.",
        "quarter",
        date(2023, 9, 30),
    )
    assert _links(db, added.task_id) == {("Trang TTĐT xã", "lead")}
    with Session(db.engine) as s:
        fields = [e.field for e in s.exec(select(TaskEdit).order_by(col(TaskEdit.id))).all()]
    assert fields == ["removed", "added"]


def test_rename_and_map_agencies(db: Database, tx: dict[str, int]) -> None:
    renamed = db.call(
        rename_agency,
        editor=BOT,
        organization_id=tx["org"],
        name="Văn hóa xã hội xã",
        new_name="Công chức Văn hóa - Xã hội",
    )
    assert (renamed.old_name, renamed.new_name) == (VHXH, "Công chức Văn hóa - Xã hội")
    with Session(db.engine) as s:
        agency = s.get(Agency, tx[VHXH])
        assert agency is not None and agency.name == "Công chức Văn hóa - Xã hội"
        assert VHXH in [a.alias for a in s.exec(select(AgencyAlias).where(AgencyAlias.agency_id == tx[VHXH]))]
    with pytest.raises(CorrectionError):  # a name another agency has: that is a merge
        db.call(rename_agency, editor=BOT, organization_id=tx["org"], name=DTT, new_name=VP)
    tasks_of_dtt = [link for link in _all_links(db) if link[1] == tx[DTT]]
    merged = db.call(map_agency, editor=BOT, organization_id=tx["org"], name=DTT, target="Trang TTĐT xã")
    assert merged.tasks == len({t for t, _a, _r in tasks_of_dtt}) > 0
    with Session(db.engine) as s:
        assert s.get(Agency, tx[DTT]) is None
        aliases = [
            a.alias for a in s.exec(select(AgencyAlias).where(AgencyAlias.agency_id == tx["Trang TTĐT xã"]))
        ]
        assert DTT in aliases
        edits = s.exec(select(TaskEdit).where(TaskEdit.field == "agency")).all()
        assert {e.new_value for e in edits} == {"Công chức Văn hóa - Xã hội", "Trang TTĐT xã"}
    assert all(agency != tx[DTT] for _t, agency, _r in _all_links(db))
    for task_id, _agency, _role in tasks_of_dtt:
        assert any(name == "Trang TTĐT xã" for name, _role in _links(db, task_id))


def _all_links(db: Database) -> list[tuple[int, int, str]]:
    with Session(db.engine) as s:
        return [(link.task_id, link.agency_id, link.role) for link in s.exec(select(TaskAgency)).all()]


# --- re-import ------------------------------------------------------------------------------


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
