"""Plan import in the bot, end to end over the fake Bot API: preview, Lưu, Huỷ, re-import diff, refusals."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from bot.offline.fake.types import BotMessage
from bot.offline.harness import BotHarness
from handlers.import_files import pending_dir
from handlers.import_texts import ADMIN_ONLY_TEXT, CANCELLED_TEXT, STALE_TEXT
from handlers.ui.texts import NO_PERMISSION_TEXT, STRANGER_TEXT
from plans.parsing.importer import MESSAGES
from plans.samples import SAMPLE_PLAN
from storage.db import Database
from storage.models import Agency, Organization, Plan, ProgressReport, Task
from tests.support.commune import TTPVHCC, World
from tests.support.documents.builders import build_docx
from tests.support.documents.thanh_xa import THANH_XA, TX_ROWS

ADMIN = 1
OTHER_ADMIN = 2
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SUMMARY = "4 mục, 14 nội dung, 30 nhiệm vụ"
OLD_III4 = "Thực hiện Số hóa hồ sơ, kết quả giải quyết TTHC bảo đảm chỉ tiêu được giao."
OLD_III5 = "Thanh toán trực tuyến nghĩa vụ tài chính"
NEW_IV3 = "Tổ chức hội nghị tập huấn nghiệp vụ cho công chức Bộ phận Một cửa của xã"


@pytest.fixture(autouse=True)
def _own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pending imports go under the system temp dir: point it at the test's own directory."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def sample() -> bytes:
    return SAMPLE_PLAN.read_bytes()


def count(db: Database, model: type, *where: object) -> int:
    with Session(db.engine) as session:
        statement = select(func.count()).select_from(model)
        for condition in where:
            statement = statement.where(condition)  # type: ignore[arg-type]
        return int(session.exec(statement).one())


def imported_tasks(db: Database, *, removed: bool = False) -> int:
    """Live tasks of the imported plan (Kế hoạch số 25/KH-UBND, 2023)."""
    with Session(db.engine) as session:
        plan = session.exec(select(Plan).where(Plan.number == "25/KH-UBND", Plan.year == 2023)).first()
    if plan is None:
        return 0
    return count(db, Task, Task.plan_id == plan.id, Task.kind == "task", Task.removed == removed)


def pending_files() -> list[Path]:
    folder = pending_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


async def preview(
    h: BotHarness, user: object, content: bytes, name: str = "thanh-xa-2023-q1.docx"
) -> BotMessage:
    replies = await h.send_document(user, name, content, DOCX)  # type: ignore[arg-type]
    assert replies, "the bot did not answer the document"
    assert replies[-1].button_texts == ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"], replies[-1].text
    return replies[-1]


def revised_docx(path: Path) -> bytes:
    """The Thanh Xá plan revised: III.4 reworded, III.5 dropped, IV.3 added."""
    rows = []
    for row in TX_ROWS:
        if isinstance(row, list) and row[1] == OLD_III4:
            row = [row[0], OLD_III4 + " Năm 2023 đạt tối thiểu 60% hồ sơ", *row[2:]]
        if isinstance(row, list) and row[1].startswith(OLD_III5):
            continue
        rows.append(row)
    rows.append(
        [
            "3",
            NEW_IV3,
            "Văn phòng HĐND và UBND xã",
            "",
            "Quý II/2023",
            "Hội nghị được tổ chức",
            "Chưa thực hiện",
        ]
    )
    return build_docx(replace(THANH_XA, rows=rows), path).read_bytes()


async def test_admin_previews_then_saves_the_thanh_xa_plan(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = await preview(h, admin, sample())
        save_data = shown.all_buttons[0].callback_data or ""
        text = shown.text
        assert "Xem trước kế hoạch (chưa lưu)" in text
        assert SUMMARY in text
        assert "Kết quả Quý I/2023: 22/30 nhiệm vụ đã và đang thực hiện (73,3%)" in text
        assert "Nhập vào: UBND xã Thanh Xá" in text
        assert "5 nhiệm vụ đầu" in text
        assert "I.1 · Xây dựng văn bản chỉ đạo" in text
        assert "Văn phòng HĐND và UBND xã · Thường xuyên trong năm 2023" in text
        assert "Kế hoạch này đã có" not in text
        assert all(len(b.callback_data or "") <= 64 for b in shown.all_buttons)
        # Nothing is stored before Lưu; the bytes wait in a temp file.
        assert count(db, Plan) == 0 and count(db, Task) == 0 and count(db, Organization) == 0
        assert len(pending_files()) == 1

        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text and SUMMARY in done.text
        assert "UBND xã Thanh Xá" in done.text
        assert "Đã nhập 30 kết quả thực hiện từ tệp." in done.text
        assert "Cơ quan mới tạo" in done.text and "+ Văn phòng HĐND và UBND xã" in done.text
        assert h.tg.message(shown.chat_id, shown.message_id).button_texts == []  # no second press
        assert pending_files() == []

        assert count(db, Plan) == 1
        assert count(db, Task, Task.kind == "task") == 30
        assert count(db, ProgressReport) == 30
        assert count(db, ProgressReport, ProgressReport.status.in_(["done", "in_progress"])) == 22  # type: ignore[attr-defined]
        with Session(db.engine) as session:
            plan = session.exec(select(Plan)).one()
            assert plan.number == "25/KH-UBND" and plan.year == 2023

        # Pressing Lưu again (the data of the old button) stores nothing twice.
        await h.press_data(admin, shown.message_id, save_data)
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        assert count(db, Plan) == 1 and count(db, ProgressReport) == 30
        assert not h.errors


async def test_cancel_stores_nothing(harness_factory: Callable[..., BotHarness], db: Database) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây")
        shown = await preview(h, admin, sample())
        save_data = shown.all_buttons[0].callback_data or ""
        cancelled = (await h.press(admin, shown, "Huỷ"))[-1]
        assert cancelled.text == CANCELLED_TEXT
        assert count(db, Plan) == 0 and count(db, Task) == 0 and count(db, Agency) == 0
        assert pending_files() == []
        await h.press_data(admin, shown.message_id, save_data)
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        assert count(db, Plan) == 0
        assert not h.errors


async def test_reimport_of_a_revised_plan_lists_the_changes(
    world: World, harness_factory: Callable[..., BotHarness], db: Database, tmp_path: Path
) -> None:
    world.add_official(50, "Phạm Thị Mây", None, role="admin")  # an admin of UBND xã Thanh Xá
    async with harness_factory() as h:
        admin = h.user(50, "Mây")
        first = await preview(h, admin, sample())
        assert "Nhập vào: UBND xã Thanh Xá" in first.text
        await h.press(admin, first, "Lưu")
        assert imported_tasks(db) == 30

        shown = await preview(h, admin, revised_docx(tmp_path / "v2.docx"), "thanh-xa-v2.docx")
        text = shown.text
        assert "Kế hoạch này đã có (cùng cơ quan, năm và số): thêm 1, sửa 1, bỏ 1 nhiệm vụ" in text
        assert "Thêm (1):\n• IV.3 · Tổ chức hội nghị tập huấn nghiệp vụ" in text
        assert "Sửa (1):\n• III.4 · Thực hiện Số hóa hồ sơ" in text and "(nội dung)" in text
        assert "Bỏ (1):\n• III.5 · Thanh toán trực tuyến nghĩa vụ tài chính" in text
        with Session(db.engine) as session:  # still the first version until Lưu
            stored = session.exec(select(Task).where(Task.code == "III.4")).one()
            assert stored.content == OLD_III4

        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã cập nhật kế hoạch" in done.text
        assert "Thêm 1, sửa 1, bỏ 1 nhiệm vụ" in done.text
        assert count(db, Plan, Plan.organization_id == world.org_id) == 2  # the world's plan + this one
        assert imported_tasks(db) == 30 and imported_tasks(db, removed=True) == 1
        assert count(db, ProgressReport) == 31  # the first import's 30 results kept, IV.3's added
        assert not h.errors


async def test_official_and_stranger_documents_are_refused(
    world: World, harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [refused] = await h.send_document(lan, "ke-hoach.docx", sample(), DOCX)
        assert refused.text == ADMIN_ONLY_TEXT and refused.button_texts == []
        stranger = h.user(999, "Khách")
        [hello] = await h.send_document(stranger, "ke-hoach.docx", sample(), DOCX)
        assert hello.text == STRANGER_TEXT
        assert h.tg.calls_to("getFile") == []
        assert imported_tasks(db) == 0
        assert not h.errors


async def test_progress_conversation_gets_the_attachment_first(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        await h.send(lan, "/capnhat")  # /capnhat asks the status (/xong chooses Đã thực hiện)
        [choices] = await h.send(lan, "so hoa ho so")
        [status] = await h.press(lan, choices, "II.3")
        await h.press(lan, status, "Đã thực hiện")
        [understood] = await h.send(lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
        [attach] = await h.press(lan, understood, "Đúng")
        assert "PDF, Word" in attach.text
        [kpi] = await h.send_document(lan, "KH-23-2025.pdf", b"%PDF-1.4 ke hoach", "application/pdf")
        assert ADMIN_ONLY_TEXT not in kpi.text
        assert "tối thiểu 60,0%" in kpi.text
        assert not h.errors


async def test_file_over_20_mb_is_refused_before_download(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây")
        [refused] = await h.send_document(admin, "ke-hoach.docx", b"PK", DOCX, file_size=21 * 1024 * 1024)
        assert refused.text == MESSAGES["too_big"]
        assert "20 MB" in refused.text
        assert h.tg.calls_to("getFile") == []
        assert count(db, Plan) == 0
        assert not h.errors


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("ke-hoach.docx", b"PK\x03\x04 this is not a real zip archive", MESSAGES["corrupted"]),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, MESSAGES["encrypted"]),
        ("ghi-chu.txt", "Xin chào, đây không phải kế hoạch.".encode(), MESSAGES["no_table"]),
    ],
)
async def test_bad_files_get_one_vietnamese_sentence(
    harness_factory: Callable[..., BotHarness], db: Database, name: str, content: bytes, expected: str
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây")
        [refused] = await h.send_document(admin, name, content)
        assert refused.text == expected and refused.button_texts == []
        assert count(db, Plan) == 0 and count(db, Organization) == 0
        assert pending_files() == []
        assert not h.errors


async def test_unsupported_type_is_refused_without_download(
    harness_factory: Callable[..., BotHarness],
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây")
        [refused] = await h.send_document(admin, "anh-chup.jpg", b"\xff\xd8\xff\xe0", "image/jpeg")
        assert "«anh-chup.jpg» không thuộc loại được hỗ trợ" in refused.text
        assert "Word (.docx)" in refused.text
        assert h.tg.calls_to("getFile") == []


async def test_forged_and_foreign_buttons_are_refused(
    world: World, harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory(admin_ids=[ADMIN, OTHER_ADMIN]) as h:
        admin = h.user(ADMIN, "Mây")
        shown = await preview(h, admin, sample())
        real = shown.all_buttons[0].callback_data or ""
        assert real.startswith("imp:save:")

        await h.press_data(admin, shown.message_id, "imp:save:AAAAAAAAAAAA")
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        await h.press_data(admin, shown.message_id, "imp:save:../../etc/passwd")
        # not data any button of this bot carries: the generic "stale button" answer, nothing done
        assert "không còn dùng được" in str((h.last_answer or {}).get("text"))

        # Another admin replaying the real token: it is not theirs.
        other = h.user(OTHER_ADMIN, "Hùng")
        [hello] = await h.send(other, "/start")
        await h.press_data(other, hello.message_id, real)
        assert STALE_TEXT in str((h.last_answer or {}).get("text"))
        # An official replaying it: not an admin at all.
        lan = h.user(101, "Lan")
        [lan_hello] = await h.send(lan, "/start")
        await h.press_data(lan, lan_hello.message_id, real)
        assert NO_PERMISSION_TEXT in str((h.last_answer or {}).get("text"))
        assert imported_tasks(db) == 0

        # The owner's own button still works afterwards.
        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert count(db, ProgressReport) == 30
        assert not h.errors


async def test_save_after_restart_downloads_the_file_again(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[ADMIN]) as h:
        admin = h.user(ADMIN, "Mây")
        shown = await preview(h, admin, sample())
        for path in pending_files():  # another host, or the temp dir was cleaned
            path.unlink()
        await h.restart()  # the pending import survives in the persisted user_data
        downloads = len(h.tg.calls_to("getFile"))
        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert len(h.tg.calls_to("getFile")) == downloads + 1
        assert count(db, Task, Task.kind == "task") == 30
        assert not h.errors
