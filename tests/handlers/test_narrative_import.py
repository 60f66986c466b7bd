"""A narrative monthly report sent as a plan (Khúc Thừa Dụ, November 2025, /work/shared/seeds): the
admin sees its period, figures and cited documents, presses Lưu, and the leaders' KPI question then
answers from the stored figures with the report as its source. Expected values read by hand from
the report: "Tháng 11, năm 2025, đã tiếp nhận giải quyết 1.236 hồ sơ … Tiếp nhận trực tuyến: 120 hồ
sơ", "Tỷ lệ tiếp nhận hồ sơ trực tuyến đạt 90,2%", "Báo cáo số 357/BC-UBND ngày 18/11/2025"."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from sqlmodel import Session, select

from bot.offline.harness import BotHarness
from handlers.import_texts import STALE_TEXT
from handlers.narrative_import import CANCELLED_TEXT
from plans.parsing.importer import MESSAGES
from storage.db import Database
from storage.models import AuditLog, IndicatorValue, Official, Organization

SEED = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "seeds"
    / "khuc-thua-du-2025-11-monthly-report.txt"
)
ORG = "UBND xã Khúc Thừa Dụ"
ADMIN, LEADER = 1, 50
DECEMBER_3 = datetime(2025, 12, 3, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared/seeds are not beside the repository")


@pytest.fixture(autouse=True)
def _own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def values(db: Database) -> list[IndicatorValue]:
    with Session(db.engine) as session:
        return list(session.exec(select(IndicatorValue)).all())


def add_leader(db: Database) -> None:
    with Session(db.engine) as session:
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


def report_docx(path: Path) -> bytes:
    """The same report as Word lays it out, with its header block (a two-column table) giving its number."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ KHÚC THỪA DỤ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 371/BC-UBND"
    table.cell(1, 1).text = "Khúc Thừa Dụ, ngày 02 tháng 12 năm 2025"
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(str(path))
    return path.read_bytes()


async def test_admin_imports_the_report_then_a_leader_asks(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN], clock_at=DECEMBER_3) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = (await h.send_document(admin, SEED.name, SEED.read_bytes(), "text/plain"))[-1]
        text = shown.text
        assert shown.button_texts == ["Lưu", "Huỷ"], text
        assert MESSAGES["no_table"] not in text
        assert "Xem trước báo cáo số liệu (chưa lưu)" in text
        assert "Kỳ báo cáo: Tháng 11/2025" in text
        assert "Nguồn: Báo cáo tháng 11/2025" in text
        assert f"Nhập vào: {ORG}" in text
        for line in (
            "• Hồ sơ tiếp nhận: 1.236 hồ sơ",
            "• Hồ sơ tiếp nhận trực tuyến: 120 hồ sơ",
            "• Hồ sơ tiếp nhận trực tiếp: 1.108 hồ sơ",
            "• Hồ sơ kỳ trước chuyển sang: 8 hồ sơ",
            "• Hồ sơ giải quyết trước hạn: 1.217 hồ sơ",
            "• TTHC trực tuyến toàn trình: 219 thủ tục",
            "• Tiếp nhận hồ sơ trực tuyến: 90,2%",
            "• Hồ sơ giải quyết liên thông: 156 hồ sơ",
            "• Báo cáo số 357/BC-UBND ngày 18/11/2025",
            "• Kế hoạch số 15/KH-UBND ngày 04/08/2025",
            "• Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016",
        ):
            assert line in text.split("\n"), line
        assert "Số liệu (26):" in text and "Văn bản được dẫn (12):" in text
        assert values(db) == []  # nothing before Lưu
        save_data = shown.all_buttons[0].callback_data or ""

        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu số liệu Tháng 11/2025 (nguồn: Báo cáo tháng 11/2025)" in done.text
        assert h.tg.message(shown.chat_id, shown.message_id).button_texts == []
        stored = values(db)
        online = [v for v in stored if v.key == "ho_so_truc_tuyen"]
        assert [(v.value, v.unit, v.period_start, v.period_end, v.source) for v in online] == [
            (120.0, "hồ sơ", date(2025, 11, 1), date(2025, 11, 30), "Báo cáo tháng 11/2025")
        ]
        assert {v.key: v.value for v in stored if v.key in ("ho_so_tiep_nhan", "ty_le_truc_tuyen")} == {
            "ho_so_tiep_nhan": 1236.0,
            "ty_le_truc_tuyen": 90.2,
        }
        with Session(db.engine) as session:
            audit = session.exec(select(AuditLog).where(AuditLog.action == "narrative_report_imported")).one()
            assert audit.actor_user_id == ADMIN and audit.detail["period"] == "Tháng 11/2025"

        # the old Lưu again stores nothing twice
        count = len(stored)
        await h.press_data(admin, shown.message_id, save_data)
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        assert len(values(db)) == count

        add_leader(db)
        leader = h.user(LEADER, "Lãnh", "Đạo")
        answer = (await h.send(leader, "tháng 11 có bao nhiêu hồ sơ trực tuyến?"))[-1].text
        assert "120 hồ sơ" in answer and "Báo cáo tháng 11/2025" in answer, answer
        assert not h.errors


async def test_a_word_report_with_its_number_is_the_source(
    harness_factory: Callable[..., BotHarness], db: Database, tmp_path: Path
) -> None:
    async with harness_factory(admin_ids=[ADMIN], clock_at=DECEMBER_3) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        content = report_docx(tmp_path / "bao-cao-thang-11.docx")
        shown = (await h.send_document(admin, "bao-cao-thang-11.docx", content, DOCX))[-1]
        assert "Nguồn: Báo cáo số 371/BC-UBND ngày 02/12/2025" in shown.text, shown.text
        assert "• Hồ sơ tiếp nhận trực tuyến: 120 hồ sơ" in shown.text
        await h.press(admin, shown, "Lưu")
        online = [v for v in values(db) if v.key == "ho_so_truc_tuyen"]
        assert [(v.value, v.source) for v in online] == [(120.0, "Báo cáo số 371/BC-UBND ngày 02/12/2025")]
        add_leader(db)
        answer = (await h.send(h.user(LEADER, "Lãnh", "Đạo"), "tháng 11 có bao nhiêu hồ sơ trực tuyến?"))[-1]
        assert "120 hồ sơ" in answer.text and "371/BC-UBND" in answer.text, answer.text
        assert not h.errors


async def test_cancel_stores_nothing_and_others_cannot_press(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN, 2], clock_at=DECEMBER_3) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = (await h.send_document(admin, SEED.name, SEED.read_bytes(), "text/plain"))[-1]
        other = h.user(2, "Khác", "Quản trị")
        own = (await h.send_document(other, SEED.name, SEED.read_bytes(), "text/plain"))[-1]
        # the first admin's token pressed by another admin: not an import of theirs
        await h.press_data(other, own.message_id, shown.all_buttons[0].callback_data or "")
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        assert values(db) == []
        await h.press_data(admin, shown.message_id, "nr:d:save:forgedtoken1")
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        cancelled = (await h.press(admin, shown, "Huỷ"))[-1]
        assert cancelled.text == CANCELLED_TEXT
        assert values(db) == []
        assert not h.errors


async def test_a_text_with_neither_table_nor_figures_is_still_refused(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        letter = "CÔNG VĂN\nVề việc mời họp\nKính gửi các cơ quan chuyên môn, mời dự họp giao ban.".encode()
        refused = (await h.send_document(admin, "cong-van.txt", letter, "text/plain"))[-1]
        assert refused.text == MESSAGES["no_table"] and refused.button_texts == []
        # a plan written in prose names a period and figures, but its "đạt 80%" is a target, not a result
        plan = (
            "KẾ HOẠCH\nKiểm soát thủ tục hành chính năm 2026\n"
            "1. Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 80%; tiếp nhận trực tuyến: 1.020 hồ sơ."
        ).encode()
        refused = (await h.send_document(admin, "ke-hoach.txt", plan, "text/plain"))[-1]
        assert refused.text == MESSAGES["no_table"] and refused.button_texts == []
        assert values(db) == []
        assert not h.errors
