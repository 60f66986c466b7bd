"""The questions a plan-import preview asks before Lưu, end to end through the bot:
- a group agency of the plan without members ("Các công chức chuyên môn thuộc UBND xã" of the Thanh
  Xá plan): the admin picks its members before saving, and they are set when Lưu is pressed;
- an agency the commune does not have yet: «Tạo mới» (default) or «Là …» an existing one, which is
  then kept as that agency's alias and linked to its tasks."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.offline.harness import BotHarness
from handlers.import_texts import STALE_TEXT
from plans.importing import store_plan
from plans.parsing.importer import parse_file
from plans.samples import SAMPLE_PLAN
from storage.db import Database
from storage.models import Agency, AgencyAlias, AgencyGroupMember, AuditLog, Task, TaskAgency
from tests.support.documents.builders import build_docx
from tests.support.documents.thanh_xa import THANH_XA, TX_ROWS

ADMIN = 1
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GROUP = "Các công chức chuyên môn thuộc UBND xã"
CULTURE = "Công chức Văn hóa và Thông tin xã"
RADIO = "Đài truyền thanh xã"
NEW_SPELLING = "Bộ phận Văn hóa - Thông tin xã"  # the commune's CULTURE, as a revised plan writes it
NEW_AGENCY = "Ban Chỉ huy Quân sự xã"  # really new


@pytest.fixture(autouse=True)
def _own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def agencies(db: Database) -> dict[int, Agency]:
    with Session(db.engine) as session:
        return {a.id or 0: a for a in session.exec(select(Agency)).all()}


def leads(db: Database, code: str) -> set[str]:
    names = {i: a.name for i, a in agencies(db).items()}
    with Session(db.engine) as session:
        task = session.exec(select(Task).where(Task.code == code, Task.removed == False)).one()  # noqa: E712
        rows = session.exec(
            select(TaskAgency).where(TaskAgency.task_id == task.id, TaskAgency.role == "lead")
        )
        return {names[r.agency_id] for r in rows}


async def test_members_of_an_empty_group_are_picked_before_saving(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        replies = await h.send_document(admin, "thanh-xa-2023-q1.docx", SAMPLE_PLAN.read_bytes(), DOCX)
        review, preview = replies[-2], replies[-1]
        assert preview.button_texts == ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"]
        assert (
            "Cơ quan nhóm chưa có thành viên (chọn thành viên ở tin nhắn trên trước khi bấm Lưu)"
            in preview.text
        )
        assert "Trước khi lưu kế hoạch" in review.text
        assert f"• {GROUP}: chưa chọn" in review.text
        assert f"Thành viên: {GROUP}" in review.button_texts
        assert "Cơ quan chưa có trong danh sách" not in review.text  # a new commune: every agency is created

        panel = (await h.press(admin, review, f"Thành viên: {GROUP}"))[-1]
        assert f"▫️ {CULTURE}" in panel.button_texts and f"▫️ {RADIO}" in panel.button_texts
        assert not any(GROUP in b for b in panel.button_texts)  # a group is not its own member
        await h.press(admin, panel, f"▫️ {CULTURE}")
        await h.press(admin, panel, f"▫️ {RADIO}")
        await h.press(admin, panel, f"✅ {RADIO}")  # pressed again: removed
        shown = h.tg.message(panel.chat_id, panel.message_id)
        assert f"✅ {CULTURE}" in shown.button_texts and f"▫️ {RADIO}" in shown.button_texts
        assert f"• {CULTURE}" in shown.text
        summary = h.tg.message(review.chat_id, review.message_id)  # the questions show the answers so far
        assert f"• {GROUP}: {CULTURE}" in summary.text and "• Ngành dọc tại xã: chưa chọn" in summary.text
        assert agencies(db) == {}  # nothing stored before Lưu

        done = (await h.press(admin, preview, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert f"• {GROUP}" not in done.text  # no longer listed as a group without members
        await h.press(admin, panel, f"▫️ {RADIO}")  # the import is saved: its buttons are stale
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        assert not h.errors
    by_name = {a.name: i for i, a in agencies(db).items()}
    with Session(db.engine) as session:
        members = [(m.group_id, m.member_id) for m in session.exec(select(AgencyGroupMember)).all()]
        assert members == [(by_name[GROUP], by_name[CULTURE])]
        assert session.exec(select(AuditLog).where(AuditLog.action == "group_member_added")).one()


def _revised(path: Path) -> bytes:
    """The Thanh Xá plan again, with I.1 led by a new spelling of the culture officer and II.1.1 by a
    really new agency."""
    rows = []
    for row in TX_ROWS:
        if isinstance(row, list) and row[1] == "Xây dựng văn bản chỉ đạo của":
            row = [row[0], row[1], NEW_SPELLING, *row[3:]]
        elif isinstance(row, list) and row[1].startswith("Triển khai việc tổ chức thực hiện các nhiệm vụ về"):
            row = [row[0], row[1], NEW_AGENCY, *row[3:]]  # the lead cell is merged over II.1.1–II.1.5
        rows.append(row)
    return build_docx(replace(THANH_XA, rows=rows), path).read_bytes()


async def test_new_agencies_are_created_or_mapped_by_the_admin(
    harness_factory: Callable[..., BotHarness], db: Database, tmp_path: Path
) -> None:
    db.call(store_plan, parsed=parse_file(SAMPLE_PLAN, filename=SAMPLE_PLAN.name), organization_name=None)
    before = {a.name for a in agencies(db).values()}
    assert CULTURE in before and NEW_SPELLING not in before
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        replies = await h.send_document(admin, "thanh-xa-sua.docx", _revised(tmp_path / "sua.docx"), DOCX)
        review, preview = replies[-2], replies[-1]
        assert preview.button_texts == ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"]
        assert "Cơ quan chưa có trong danh sách của xã (không chọn thì tạo mới):" in review.text
        assert f"• {NEW_SPELLING} — tạo mới" in review.text
        assert f"• {NEW_AGENCY} — tạo mới" in review.text
        assert f"Cơ quan: {NEW_SPELLING}" in review.button_texts

        panel = (await h.press(admin, review, f"Cơ quan: {NEW_SPELLING}"))[-1]
        assert panel.button_texts[0] == "✅ Tạo mới"
        assert panel.button_texts[1] == f"Là {CULTURE}", panel.button_texts  # the best match first
        assert len(panel.button_texts) == 4  # Tạo mới and the three best matches
        # an agency id that is not one of the offered matches is refused
        forged = (panel.all_buttons[1].callback_data or "").rsplit(":", 1)[0] + ":999"
        await h.press_data(admin, panel.message_id, forged)
        await h.press(admin, panel, f"Là {CULTURE}")
        shown = h.tg.message(panel.chat_id, panel.message_id)
        assert f"✅ Là {CULTURE}" in shown.button_texts and "Tạo mới" in shown.button_texts
        assert f"Đang chọn: là {CULTURE}" in shown.text
        summary = h.tg.message(review.chat_id, review.message_id)
        assert (
            f"• {NEW_SPELLING} — là {CULTURE}" in summary.text and f"• {NEW_AGENCY} — tạo mới" in summary.text
        )

        # the new spelling picked as a member of the (still empty) group: it is the mapped agency
        members = (await h.press(admin, review, f"Thành viên: {GROUP}"))[-1]
        await h.press(admin, members, f"▫️ {NEW_SPELLING}")

        done = (await h.press(admin, preview, "Lưu"))[-1]
        assert "Đã cập nhật kế hoạch" in done.text, done.text
        assert f"+ {NEW_AGENCY}" in done.text and f"+ {NEW_SPELLING}" not in done.text
        assert not h.errors
    after = {a.name for a in agencies(db).values()}
    assert after - before == {NEW_AGENCY}  # the mapped spelling is no new agency
    assert leads(db, "I.1") == {CULTURE}
    assert leads(db, "II.1.1") == {NEW_AGENCY}
    culture_id = next(i for i, a in agencies(db).items() if a.name == CULTURE)
    with Session(db.engine) as session:
        aliases = [(a.agency_id, a.alias) for a in session.exec(select(AgencyAlias)).all()]
        assert (culture_id, NEW_SPELLING) in aliases
        audit = session.exec(select(AuditLog).where(AuditLog.action == "import_review")).one()
        assert audit.detail["mapped"] == [{"written": NEW_SPELLING, "agency_id": culture_id}]
        group_id = next(i for i, a in agencies(db).items() if a.name == GROUP)
        stored = [(m.group_id, m.member_id) for m in session.exec(select(AgencyGroupMember)).all()]
        assert stored == [(group_id, culture_id)]
