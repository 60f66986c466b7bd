"""A report with a task table AND figures in its prose (issue 14). Before, such a file was imported as a
task/results import only and its figures (1.236 hồ sơ, 120 trực tuyến, …) were not offered. Now the
admin sees "Tệp này cũng có 4 chỉ số …" beside the plan preview, and the two are saved (or skipped)
independently; the leaders' question then answers from the stored figures."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.offline.fake.types import BotMessage
from bot.offline.harness import BotHarness
from handlers.import_files import pending_dir
from handlers.import_texts import STALE_TEXT
from handlers.narrative_import import SKIPPED_TEXT
from storage.db import Database
from storage.models import IndicatorValue, Official, Organization, ProgressReport, Task
from tests.support.mixed_report import ORG, mixed_report_docx, plain_plan_docx

ADMIN, LEADER = 1, 50
DECEMBER_3 = datetime(2025, 12, 3, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PLAN_BUTTONS = ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"]


@pytest.fixture(autouse=True)
def _own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def _values(db: Database) -> list[IndicatorValue]:
    with Session(db.engine) as session:
        return list(session.exec(select(IndicatorValue)).all())


def _tasks(db: Database) -> list[Task]:
    with Session(db.engine) as session:
        return list(session.exec(select(Task).where(Task.kind == "task")).all())


def _offer(replies: list[BotMessage]) -> BotMessage:
    [offer] = [m for m in replies if "Tệp này cũng có" in (m.text or "")]
    return offer


async def test_figures_are_offered_beside_the_task_import_and_saved(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN], clock_at=DECEMBER_3) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        replies = await h.send_document(admin, "bao-cao-thang-11.docx", mixed_report_docx(), DOCX)
        preview, offer = replies[-1], _offer(replies)
        assert preview.button_texts == PLAN_BUTTONS, preview.text
        assert "Xem trước kế hoạch (chưa lưu)" in preview.text and "3 nhiệm vụ" in preview.text
        assert offer.button_texts == ["Lưu số liệu", "Bỏ qua"]
        lines = offer.text.split("\n")
        assert (
            lines[0] == "Tệp này cũng có 4 chỉ số của kỳ Tháng 11/2025 trong phần viết thành văn, lưu không?"
        )
        for line in (
            "Nguồn: Báo cáo số 371/BC-UBND ngày 02/12/2025",
            f"Nhập vào: {ORG}",
            "• Hồ sơ tiếp nhận: 1.236 hồ sơ",
            "• Hồ sơ tiếp nhận trực tuyến: 120 hồ sơ",
            "• Hồ sơ tiếp nhận trực tiếp: 1.108 hồ sơ",
            "• Hồ sơ giải quyết trước hạn: 1.217 hồ sơ",
        ):
            assert line in lines, line
        # one temp file for both: the plan import's own
        assert len(list(pending_dir().iterdir())) == 1
        assert _values(db) == [] and _tasks(db) == []

        done = (await h.press(admin, preview, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text and "Đã nhập 3 kết quả thực hiện từ tệp." in done.text
        assert _values(db) == []  # the figures wait for their own button
        saved = (await h.press(admin, offer, "Lưu số liệu"))[-1]  # the file is gone: downloaded again
        assert "Đã lưu số liệu Tháng 11/2025 (nguồn: Báo cáo số 371/BC-UBND ngày 02/12/2025)" in saved.text
        assert h.tg.message(offer.chat_id, offer.message_id).button_texts == []
        stored = {v.key: (v.value, v.period_start, v.period_end) for v in _values(db)}
        assert stored["ho_so_truc_tuyen"] == (120.0, date(2025, 11, 1), date(2025, 11, 30))
        assert stored["ho_so_tiep_nhan"][0] == 1236.0
        assert len(_tasks(db)) == 3
        with Session(db.engine) as session:
            assert len(session.exec(select(ProgressReport)).all()) == 3
            org = session.exec(select(Organization).where(Organization.name == ORG)).one()
            session.add(
                Official(
                    telegram_user_id=LEADER,
                    chat_id=LEADER,
                    full_name="Lãnh đạo",
                    organization_id=org.id,
                    role="leader",
                )
            )
            session.commit()
        answer = (await h.send(h.user(LEADER, "Lãnh", "Đạo"), "tháng 11 có bao nhiêu hồ sơ trực tuyến?"))[-1]
        assert "120 hồ sơ" in answer.text and "371/BC-UBND" in answer.text, answer.text
        assert not h.errors


async def test_skipping_the_figures_keeps_the_plan_preview(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN, 2], clock_at=DECEMBER_3) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        replies = await h.send_document(admin, "bao-cao-thang-11.docx", mixed_report_docx(), DOCX)
        preview, offer = replies[-1], _offer(replies)
        # another admin cannot press this admin's figures
        other = h.user(2, "Khác", "Quản trị")
        anchor = (await h.send(other, "/start"))[-1]
        await h.press_data(other, anchor.message_id, offer.all_buttons[0].callback_data or "")
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        skipped = (await h.press(admin, offer, "Bỏ qua"))[-1]
        assert skipped.text == SKIPPED_TEXT
        assert len(list(pending_dir().iterdir())) == 1  # the plan import's file is still there
        done = (await h.press(admin, preview, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert _values(db) == [] and len(_tasks(db)) == 3
        assert list(pending_dir().iterdir()) == []
        assert len(h.tg.calls_to("getFile")) == 1  # never downloaded again
        assert not h.errors


async def test_a_plan_without_prose_figures_offers_nothing_more(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN], clock_at=DECEMBER_3) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        replies = await h.send_document(admin, "ke-hoach.docx", plain_plan_docx(), DOCX)
        assert replies[-1].button_texts == PLAN_BUTTONS
        assert all("Tệp này cũng có" not in (m.text or "") for m in replies)
        assert all("nr:d" not in (b.callback_data or "") for m in replies for b in m.all_buttons)
        assert not h.errors
