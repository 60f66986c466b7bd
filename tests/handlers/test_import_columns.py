"""A plan whose header planbot cannot map ("Việc cần làm | Người phụ trách | Người cùng làm | Hạn chót |
Đầu ra"): the admin sees the header cells, says with buttons which column is which, then gets the
normal preview and saves the plan read with that assignment. Expected rows written by hand."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.offline.harness import BotHarness
from handlers.import_columns import CANCELLED_TEXT, NO_CONTENT_TEXT
from handlers.import_texts import STALE_TEXT
from storage.db import Database
from storage.models import Agency, Plan, Task, TaskAgency
from tests.support.documents.builders import build_docx
from tests.support.documents.model import PlanDoc

ADMIN, OFFICIAL_ADMINLESS = 1, 60
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADERS = ["TT", "Việc cần làm", "Người phụ trách", "Người cùng làm", "Hạn chót", "Đầu ra"]
ODD = PlanDoc(
    name="odd-header",
    columns=HEADERS,
    header_table=[
        ["ỦY BAN NHÂN DÂN\nXÃ AN BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 12/KH-UBND", "An Bình, ngày 15 tháng 01 năm 2026"],
    ],
    before=["KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2026", "PHỤ LỤC"],
    rows=[
        {"section": "I", "title": "Rà soát, công khai thủ tục hành chính"},
        ["1", "Rà soát thủ tục hành chính thuộc thẩm quyền của xã", "Văn phòng HĐND và UBND xã",
         "Công chức Tư pháp - Hộ tịch", "Trước ngày 30/6/2026", "Báo cáo rà soát"],
        ["2", "Công khai danh mục thủ tục hành chính tại Bộ phận Một cửa", "Công chức Tư pháp - Hộ tịch", "",
         "Quý III/2026", "Danh mục được niêm yết"],
        {"section": "II", "title": "Báo cáo"},
        ["1", "Báo cáo kết quả kiểm soát thủ tục hành chính", "Văn phòng HĐND và UBND xã", "",
         "Trước ngày 15/12/2026", "Báo cáo năm"],
    ],
)  # fmt: skip
ASSIGN = ["Số TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn", "Sản phẩm"]


@pytest.fixture(autouse=True)
def _own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def odd_docx(tmp_path: Path) -> bytes:
    return build_docx(ODD, tmp_path / "an-binh-2026.docx").read_bytes()


async def test_admin_assigns_the_columns_then_saves(
    harness_factory: Callable[..., BotHarness], db: Database, tmp_path: Path
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        asked = (await h.send_document(admin, "an-binh-2026.docx", odd_docx(tmp_path), DOCX))[-1]
        assert "Không nhận ra tiêu đề các cột" in asked.text
        for index, header in enumerate(HEADERS, start=1):
            assert f"{index}. {header}" in asked.text
        assert "Cột 1 «TT» là:" in asked.text
        assert asked.button_texts == [
            "Số TT",
            "Nội dung",
            "Chủ trì",
            "Phối hợp",
            "Thời hạn",
            "Sản phẩm",
            "Bỏ qua",
            "Huỷ",
        ]
        assert all(len(b.callback_data or "") <= 64 for b in asked.all_buttons)
        replies = []
        for label in ASSIGN:
            replies = await h.press(admin, asked, label)
            current = h.tg.message(asked.chat_id, asked.message_id)
            assert label not in current.button_texts  # a role is given to one column only
        current = h.tg.message(asked.chat_id, asked.message_id)
        assert "2. Việc cần làm → Nội dung" in current.text and "5. Hạn chót → Thời hạn" in current.text
        preview = replies[-1]
        assert preview.button_texts == ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"], preview.text
        assert "Xem trước kế hoạch (chưa lưu)" in preview.text
        assert "2 mục, 3 nội dung, 3 nhiệm vụ" in preview.text, preview.text
        assert "Nhập vào: UBND xã An Bình" in preview.text
        assert "I.1 · Rà soát thủ tục hành chính thuộc thẩm quyền của xã" in preview.text
        with Session(db.engine) as session:
            assert session.exec(select(Plan)).first() is None  # nothing before Lưu

        done = (await h.press(admin, preview, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text, done.text
        assert not h.errors
    with Session(db.engine) as session:
        plan = session.exec(select(Plan)).one()
        assert (plan.number, plan.year) == ("12/KH-UBND", 2026)
        tasks = {t.code: t for t in session.exec(select(Task).where(Task.kind == "task")).all()}
        assert sorted(tasks) == ["I.1", "I.2", "II.1"]
        assert tasks["I.1"].deadline_due == date(2026, 6, 30)
        assert tasks["I.1"].product == "Báo cáo rà soát"
        names = {a.id: a.name for a in session.exec(select(Agency)).all()}
        links = {
            (link.role, names[link.agency_id])
            for link in session.exec(select(TaskAgency).where(TaskAgency.task_id == tasks["I.1"].id)).all()
        }
        assert links == {
            ("lead", "Văn phòng HĐND và UBND xã"),
            ("coordinating", "Công chức Tư pháp - Hộ tịch"),
        }


async def test_skip_and_a_choice_without_content_starts_again(
    harness_factory: Callable[..., BotHarness], db: Database, tmp_path: Path
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        asked = (await h.send_document(admin, "an-binh-2026.docx", odd_docx(tmp_path), DOCX))[-1]
        for _ in HEADERS:
            await h.press(admin, asked, "Bỏ qua")
        again = h.tg.message(asked.chat_id, asked.message_id)
        assert NO_CONTENT_TEXT in again.text and "Cột 1 «TT» là:" in again.text
        # an old button of the walk (column 3 while column 1 is asked) does nothing
        old = next(b.callback_data for b in again.all_buttons if b.text == "Nội dung") or ""
        await h.press_data(admin, asked.message_id, old.replace(":0:", ":2:"))
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        for label in ["Bỏ qua", "Nội dung", "Chủ trì", "Bỏ qua", "Thời hạn", "Bỏ qua"]:
            replies = await h.press(admin, asked, label)
        preview = replies[-1]
        assert preview.button_texts == ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"], preview.text
        await h.press(admin, preview, "Huỷ")
        assert not h.errors
    with Session(db.engine) as session:
        assert session.exec(select(Plan)).first() is None


async def test_cancel_and_foreign_presses(
    harness_factory: Callable[..., BotHarness], db: Database, tmp_path: Path
) -> None:
    async with harness_factory(admin_ids=[ADMIN, 2]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        asked = (await h.send_document(admin, "an-binh-2026.docx", odd_docx(tmp_path), DOCX))[-1]
        data = asked.all_buttons[1].callback_data or ""
        other = h.user(2, "Khác", "Quản trị")
        own = (await h.send_document(other, "an-binh-2026.docx", odd_docx(tmp_path), DOCX))[-1]
        await h.press_data(other, own.message_id, data)  # the first admin's token
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        await h.press(admin, asked, "Huỷ")
        assert h.tg.message(asked.chat_id, asked.message_id).text == CANCELLED_TEXT
        await h.press_data(admin, asked.message_id, data)
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        assert not h.errors
