"""Faults end to end: the Bot API failing on replies, updates delivered twice, the database busy.

After every fault the bot answers the next message, sends no duplicate reply for one update, and
writes nothing half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import func, select

from bot.app import BUSY_TEXT, ERROR_TEXT
from bot.offline.fake import BotMessage, FakeUser
from bot.offline.harness import BotHarness
from handlers import import_files
from handlers.import_texts import DOWNLOAD_FAILED_TEXT
from plans.samples import SAMPLE_PLAN
from storage.db import Database
from storage.models import Plan, ProgressReport, ReportDocument, Task
from tests.support.commune import TTPVHCC, World, build_world

PROFILE = "Thông tin của tôi"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def count(world: World, model: Any) -> int:
    with world.db.session() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def count_in(db: Database, model: Any, *where: Any) -> int:
    with db.session() as session:
        statement = select(func.count()).select_from(model)
        for condition in where:
            statement = statement.where(condition)
        return int(session.exec(statement).one())


def texts(messages: list[BotMessage]) -> list[str]:
    return [m.text for m in messages]


@pytest.fixture
def lan_world(db: Database) -> World:
    world = build_world(db)  # the handlers' small commune (its fixture lives in tests/handlers)
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    return world


# ---------------------------------------------------------------- the Bot API failing on replies


@pytest.mark.parametrize("fault", ["429", "500", "502", "reset", "timeout"])
async def test_reply_failure_then_recovery(
    fault: str, lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        h.tg.timeout_hold = 2.0
        lan = h.user(101, "Lan", "Nguyễn Thị")
        h.tg.fail_next("sendMessage", error=fault)  # type: ignore[arg-type]
        first = await h.send(lan, "/toi")
        profiles = [m for m in first if PROFILE in m.text]
        assert len(profiles) <= 1, texts(first)  # never the same reply twice for one update
        if fault == "429":
            # The rate limiter waits retry_after and sends again: the user just gets the answer.
            assert texts(first) == [profiles[0].text] and not h.errors
        else:
            # The reply was lost: the error handler apologises instead (and at most once).
            assert profiles or texts(first) == [ERROR_TEXT], texts(first)
        failed = [c for c in h.tg.calls_to("sendMessage") if c.error]
        assert len(failed) == 1
        second = await h.send(lan, "/toi")  # the bot recovered by itself
        assert len(second) == 1 and PROFILE in second[0].text


async def test_several_faults_in_a_row_then_recovery(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        h.tg.fail_next("sendMessage", error="502", times=2)  # the reply and the apology both fail
        replies = await h.send(lan, "/viec")
        assert replies == []  # nothing reached the user, but the bot did not die
        assert h.errors
        replies = await h.send(lan, "/viec")
        assert len(replies) == 1 and "Việc của" in replies[0].text


async def test_edit_and_callback_answer_failures(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [listing] = await h.send(lan, "/viec")
        # The press is answered while the page is read: its answer failing leaves the page shown.
        h.tg.fail_next("answerCallbackQuery", error="500")
        await h.press(lan, listing, "▶")
        assert "trang 2/2" in h.tg.message(listing.chat_id, listing.message_id).text
        h.tg.fail_next("editMessageText", error="reset")
        await h.press(lan, listing, "◀")
        assert "trang 2/2" in h.tg.message(listing.chat_id, listing.message_id).text  # not edited
        [page1] = await h.press(lan, listing, "◀")  # pressed again: works
        assert "trang 1/2" in page1.text and page1.message_id == listing.message_id
        # The listing and at most one apology per failed press; never a duplicate page.
        assert len(h.tg.messages_to(lan)) <= 3
        assert sum("trang " in m.text for m in h.tg.messages_to(lan)) == 1


async def test_getupdates_failure_loses_nothing(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        h.tg.fail_next("getUpdates", error="502")
        h.tg.fail_next("getUpdates", error="reset")
        replies = await h.send(lan, "/toi")
        assert len(replies) == 1 and PROFILE in replies[0].text


# ---------------------------------------------------------------- the same update twice


async def _to_summary(h: BotHarness, lan: FakeUser) -> BotMessage:
    await h.send(lan, "/capnhat")  # /capnhat asks the status (/xong chooses Đã thực hiện)
    [choices] = await h.send(lan, "so hoa ho so")
    [status] = await h.press(lan, choices, "II.3")
    await h.press(lan, status, "Đã thực hiện")
    [understood] = await h.send(lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
    await h.press(lan, understood, "Đúng")
    await h.send(lan, "bỏ qua")
    [summary] = await h.send(lan, "61,3")
    assert summary.button_texts == ["Gửi", "Sửa", "Huỷ"]
    return summary


async def test_same_submit_delivered_twice_stores_one_report(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        summary = await _to_summary(h, lan)
        button = summary.button("Gửi")
        assert button.callback_data is not None
        update_id = h.tg.add_callback(lan, message_id=summary.message_id, data=button.callback_data)
        h.tg.redeliver(update_id)  # in the same batch, as after a crash before the offset was confirmed
        await h.wait_processed(update_id)
        await h.send(lan, "/toi")  # updates run in order: the copy has been handled by now
        assert count(lan_world, ProgressReport) == 1
        assert count(lan_world, ReportDocument) == 1
        confirmations = [m for m in h.tg.messages_to(lan) if "Đã ghi nhận" in m.text]
        assert len(confirmations) == 1
        assert not h.errors


async def test_late_copy_of_a_handled_update_is_ignored(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    """Delivered again after it was handled and confirmed (a webhook retry, another process)."""
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        await h.send(lan, "/toi")
        handled = h.last_update_id
        assert handled is not None
        await h.send(lan, "/help")  # the next poll confirms the offset past `handled`
        h.tg.redeliver(handled)
        await h.send(lan, "/help")
        assert sum(PROFILE in m.text for m in h.tg.messages_to(lan)) == 1


# ---------------------------------------------------------------- file downloads failing


@pytest.mark.parametrize(
    # A download is a GET: aiohttp sends it once more by itself when the kept-alive connection it
    # went out on is reset, so only a second reset reaches the user.
    ("method", "fault", "times"),
    [("getFile", "500", 1), ("download", "500", 1), ("download", "reset", 2)],
)
async def test_plan_import_download_failure_then_resend(
    method: str, fault: str, times: int, harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    async with harness_factory(admin_ids=[1]) as h:
        admin = h.user(1, "Mây", "Phạm Thị")
        h.tg.fail_next(method, error=fault, times=times)  # type: ignore[arg-type]
        [sorry] = await h.send_document(admin, "thanh-xa-2023-q1.docx", SAMPLE_PLAN.read_bytes(), DOCX)
        assert sorry.text == DOWNLOAD_FAILED_TEXT and sorry.button_texts == []
        assert count_in(db, Plan) == 0 and count_in(db, Task) == 0  # nothing half-written
        shown = (await h.send_document(admin, "thanh-xa-2023-q1.docx", SAMPLE_PLAN.read_bytes(), DOCX))[-1]
        assert shown.button_texts == ["Lưu", "Huỷ", "✏️ Sửa nhiệm vụ"]  # sending the file again works
        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert count_in(db, Plan) == 1 and count_in(db, Task, Task.kind == "task") == 30
        assert len(h.tg.calls_to("getFile")) == 2


async def test_plan_import_redownload_on_save_fails_then_resend(
    harness_factory: Callable[..., BotHarness], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lưu after a restart lost the kept copy: the file is fetched again, and that fails."""
    monkeypatch.setattr(import_files, "read_bytes", lambda path: None)
    async with harness_factory(admin_ids=[1]) as h:
        admin = h.user(1, "Mây", "Phạm Thị")
        shown = (await h.send_document(admin, "thanh-xa-2023-q1.docx", SAMPLE_PLAN.read_bytes(), DOCX))[-1]
        h.tg.fail_next("download", error="502")
        replies = await h.press(admin, shown, "Lưu")
        assert texts(replies)[-1] == DOWNLOAD_FAILED_TEXT
        assert count_in(db, Plan) == 0 and count_in(db, Task) == 0
        shown = (await h.send_document(admin, "thanh-xa-2023-q1.docx", SAMPLE_PLAN.read_bytes(), DOCX))[-1]
        done = (await h.press(admin, shown, "Lưu"))[-1]
        assert "Đã lưu kế hoạch" in done.text
        assert count_in(db, Plan) == 1


async def _to_attachment(h: BotHarness, lan: FakeUser) -> BotMessage:
    await h.send(lan, "/capnhat")  # /capnhat asks the status (/xong chooses Đã thực hiện)
    [choices] = await h.send(lan, "so hoa ho so")
    [status] = await h.press(lan, choices, "II.3")
    await h.press(lan, status, "Đã thực hiện")
    [understood] = await h.send(lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
    [attach] = await h.press(lan, understood, "Đúng")
    assert "PDF, Word" in attach.text
    return attach


async def test_progress_attachment_with_telegram_failing_then_resend(
    lan_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    """The progress conversation keeps only the file_id (no download), so a broken file route cannot
    hurt it; a failed reply leaves the step as it was and sending the file again moves on."""
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        await _to_attachment(h, lan)
        h.tg.fail_next("getFile", error="500")
        h.tg.fail_next("download", error="500")
        h.tg.fail_next("sendMessage", error="500")  # the answer to the file is lost
        replies = await h.send_document(lan, "KH-23-2025.pdf", b"%PDF-1.4 ke hoach", "application/pdf")
        assert texts(replies) == [ERROR_TEXT]  # the polite apology, once
        assert count(lan_world, ProgressReport) == 0  # nothing half-written
        [kpi] = await h.send_document(lan, "KH-23-2025.pdf", b"%PDF-1.4 ke hoach", "application/pdf")
        assert "tối thiểu 60,0%" in kpi.text  # the retry works: on to the KPI step
        [summary] = await h.send(lan, "61,3")
        assert "KH-23-2025.pdf" in summary.text
        replies = await h.press(lan, summary, "Gửi")
        assert any("Đã ghi nhận" in t for t in texts(replies)), texts(replies)
        assert count(lan_world, ProgressReport) == 1


# ---------------------------------------------------------------- the database busy


@pytest.fixture
def flaky_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Arm with the name of a query function: its next call writes, then fails like a locked SQLite
    database before the commit (so the transaction must roll back)."""
    armed: list[str] = []
    original = Database.call

    def call(self: Database, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        name = getattr(fn, "__name__", "")
        if name in armed:
            armed.remove(name)
            with self.session() as session:
                fn(session=session, **kwargs)
                session.flush()
                raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database is locked"))
        return original(self, fn, **kwargs)

    monkeypatch.setattr(Database, "call", call)
    yield armed


async def test_database_locked_during_submit(
    lan_world: World, harness_factory: Callable[..., BotHarness], flaky_db: list[str]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        summary = await _to_summary(h, lan)
        flaky_db.append("submit_report")
        replies = await h.press(lan, summary, "Gửi")
        assert texts(replies) == [BUSY_TEXT]
        assert not flaky_db, "the fault was not triggered"
        assert count(lan_world, ProgressReport) == 0  # nothing half-written
        assert count(lan_world, ReportDocument) == 0
        # The draft survived: pressing Gửi again saves the report once.
        replies = await h.press(lan, summary, "Gửi")
        assert any("Đã ghi nhận" in t for t in texts(replies)), texts(replies)
        assert count(lan_world, ProgressReport) == 1
        assert count(lan_world, ReportDocument) == 1


async def test_database_unreachable_for_one_query(
    lan_world: World, harness_factory: Callable[..., BotHarness], flaky_db: list[str]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        flaky_db.append("task_list_and_mine")
        replies = await h.send(lan, "/viec")
        assert texts(replies) == [BUSY_TEXT]
        replies = await h.send(lan, "/viec")
        assert len(replies) == 1 and "Việc của" in replies[0].text
