"""An admin's corrections of imported tasks (issue 14): each field re-read as the importer reads it,
removal and addition, agency renames and merges, the audit rows, the permission rule, and a
re-import that keeps a correction unless the document contradicts it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, col, select

from plans.agency_corrections import map_agency, rename_agency
from plans.correction_fields import CorrectionError
from plans.corrections import Editor, add_task, edit_task, find_task, propose_edit, remove_task
from storage.db import Database
from storage.models import Agency, AgencyAlias, AuditLog, Official, ProgressReport, TaskAgency
from storage.models_people import TaskEdit
from tests.support.builders import add_official, add_organization
from tests.support.task_rows import agency_links as _links
from tests.support.task_rows import task_row as _task
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
