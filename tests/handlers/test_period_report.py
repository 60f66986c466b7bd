"""/baocaoky end to end: a whole quarter in one sitting, counted in taps; Như kỳ trước, Bỏ qua,
evidence typed or reused, a file, Sửa from the summary, resuming, and /baocao typed by an official."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlmodel import select

from bot.offline.fake import BotMessage
from bot.offline.harness import BotHarness
from plans.periods import quarter
from plans.progress import submit_report
from storage.db import Database
from storage.models import ProgressReport, ReportDocument
from tests.support.period_world import LEADER, OFFICIAL, build_commune


def stored(h: BotHarness) -> list[ProgressReport]:
    with h.db.session() as session:
        return list(session.exec(select(ProgressReport).order_by(ProgressReport.id)).all())  # type: ignore[arg-type]


def documents(h: BotHarness) -> list[ReportDocument]:
    with h.db.session() as session:
        return list(session.exec(select(ReportDocument).order_by(ReportDocument.id)).all())  # type: ignore[arg-type]


class Counter:
    """Counts what the official does: every message typed and every button pressed."""

    def __init__(self, h: BotHarness, user: object) -> None:
        self.h, self.user, self.actions = h, user, 0

    async def send(self, text: str) -> list[BotMessage]:
        self.actions += 1
        return await self.h.send(self.user, text)  # type: ignore[arg-type]

    async def press(self, message: BotMessage, label: str) -> list[BotMessage]:
        self.actions += 1
        return await self.h.press(self.user, message, label)  # type: ignore[arg-type]


async def test_a_23_task_agency_reports_its_quarter_in_at_most_50_taps(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    commune = build_commune(db)
    async with harness_factory() as h:
        an = Counter(h, h.user(OFFICIAL, "An", "Nguyễn Văn"))
        [question] = await an.send("/baocaoky")
        assert "Báo cáo Quý IV/2025" in question.text and "nhiệm vụ 1/23" in question.text
        assert question.button_texts == ["Đã thực hiện", "Đang thực hiện", "Chưa thực hiện", "Bỏ qua"]
        summary: BotMessage | None = None
        for number in range(1, 24):
            [asked] = await an.press(question, "Đã thực hiện")
            assert asked.message_id == question.message_id  # edited in place
            assert "(bắt buộc)" in asked.text
            if number == 1:
                assert "Không có văn bản" not in asked.button_texts  # done needs its document
                replies = await an.send("Kế hoạch số 23/KH-UBND ngày 15/8/2025")
            else:
                replies = await an.press(asked, "23/KH-UBND")  # one tap: the document cited before
            answered = h.tg.message(question.chat_id, question.message_id)
            assert answered.text.startswith("✅ I.") and "23/KH-UBND" in answered.text
            assert not answered.button_texts
            [question] = [m for m in replies if m.message_id != asked.message_id]
            if number < 23:
                assert f"nhiệm vụ {number + 1}/23" in question.text
            else:
                summary = question
        assert summary is not None and "Xác nhận báo cáo Quý IV/2025" in summary.text
        assert "Đã thực hiện: 23" in summary.text
        assert summary.button_texts == ["Gửi", "Sửa", "Huỷ"]
        assert stored(h) == []  # nothing before Gửi
        [saved] = await an.press(summary, "Gửi")
        assert "Đã lưu báo cáo Quý IV/2025: 23 nhiệm vụ" in saved.text
        assert an.actions <= 50, an.actions
        reports = stored(h)
        assert len(reports) == 23 and {r.status for r in reports} == {"done"}
        assert {r.task_id for r in reports} == {commune.tasks[f"I.{i}"] for i in range(1, 24)}
        assert all((r.period_start, r.period_end) == (date(2025, 10, 1), date(2025, 12, 31)) for r in reports)
        assert [(d.doc_type, d.number) for d in documents(h)] == [("Kế hoạch", "23/KH-UBND")] * 23
        # Reported: a new sitting has nothing left to ask.
        [nothing] = await h.send(h.user(OFFICIAL, "An"), "/baocaoky")
        assert "không còn nhiệm vụ nào cần báo cáo Quý IV/2025" in nothing.text
        assert not h.errors


async def test_same_as_last_period_skip_reason_file_and_edit_from_the_summary(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    commune = build_commune(db, count=3)

    def last_quarter(session: object) -> None:
        submit_report(
            session=session,  # type: ignore[arg-type]
            telegram_user_id=OFFICIAL,
            task_id=commune.tasks["I.1"],
            status="done",
            reported_on=date(2025, 9, 25),
            period=quarter(2025, 3),
            note="Đã tiếp nhận 120 hồ sơ",
            documents=[
                {"doc_type": "Báo cáo", "number": "45/BC-UBND", "issued_on": "2025-09-24", "text": None}
            ],
            attachment={"file_id": "old-file", "name": "bc-q3.pdf", "size": 1000},
        )

    h0 = db
    with h0.session() as session:
        last_quarter(session)
    async with harness_factory() as h:
        an = h.user(OFFICIAL, "An")
        [first] = await h.send(an, "/baocaoky")
        assert "Kỳ trước (Quý III/2025): Đã thực hiện" in first.text and "45/BC-UBND" in first.text
        assert "Như kỳ trước" in first.button_texts
        [_, second] = await h.press(an, first, "Như kỳ trước")
        assert "nhiệm vụ 2/3" in second.text and "Như kỳ trước" not in second.button_texts
        [reason] = await h.press(an, second, "Chưa thực hiện")
        assert "Lý do" in reason.text
        [_, third] = await h.send(an, "Chờ kinh phí")
        [docs] = await h.press(an, third, "Đang thực hiện")
        assert "(không bắt buộc)" in docs.text
        assert "45/BC-UBND" in " ".join(docs.button_texts)  # cited in this sitting by Như kỳ trước
        [with_file] = await h.send_document(an, "anh.pdf", b"%PDF-1.4", "application/pdf")
        assert with_file.message_id == docs.message_id and "Đã nhận tệp anh.pdf" in with_file.text
        [_, summary] = await h.press(an, with_file, "Không có văn bản")
        assert "I.2 Chưa thực hiện" in summary.text and "Chờ kinh phí" in summary.text
        assert "anh.pdf" in summary.text
        # Sửa: only the task chosen is asked again; its file is kept.
        [menu] = await h.press(an, summary, "Sửa")
        assert menu.button_texts[:3] == ["I.1", "I.2", "I.3"]
        [_, again] = await h.press(an, menu, "I.3")
        assert "Đã chọn: Đang thực hiện" in again.text
        [docs] = await h.press(an, again, "Đã thực hiện")
        assert "Đã nhận tệp anh.pdf" in docs.text
        [_, summary] = await h.send(an, "Quyết định số 561/QĐ-UBND ngày 20/08/2025")
        assert "Xác nhận báo cáo" in summary.text and "561/QĐ-UBND" in summary.text
        [saved] = await h.press(an, summary, "Gửi")
        assert "3 nhiệm vụ" in saved.text
        by_task = {r.task_id: r for r in stored(h) if r.period_start == date(2025, 10, 1)}
        assert by_task[commune.tasks["I.1"]].status == "done"
        assert by_task[commune.tasks["I.1"]].attachment_file_id == "old-file"
        assert by_task[commune.tasks["I.1"]].note == "Đã tiếp nhận 120 hồ sơ"
        assert by_task[commune.tasks["I.2"]].status == "not_done"
        assert by_task[commune.tasks["I.2"]].note == "Chờ kinh phí"
        assert by_task[commune.tasks["I.3"]].status == "done"
        assert by_task[commune.tasks["I.3"]].attachment_name == "anh.pdf"
        numbers = {d.report_id: d.number for d in documents(h)}
        assert numbers[by_task[commune.tasks["I.1"]].id] == "45/BC-UBND"  # type: ignore[index]
        assert numbers[by_task[commune.tasks["I.3"]].id] == "561/QĐ-UBND"  # type: ignore[index]
        assert not h.errors


async def test_skip_resume_cancel_and_stale_or_forged_presses(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    commune = build_commune(db, count=2)
    async with harness_factory() as h:
        an = h.user(OFFICIAL, "An")
        [first] = await h.send(an, "/baocaoky")
        [_, second] = await h.press(an, first, "Bỏ qua")
        # A press on the answered task's message changes nothing.
        assert await h.press_data(an, first.message_id, f"pr:st:{commune.tasks['I.1']}:done") == []
        # A forged "no document" on a done task is refused.
        [docs] = await h.press(an, second, "Đã thực hiện")
        await h.press_data(an, docs.message_id, f"pr:nd:{commune.tasks['I.2']}")
        assert h.tg.message(docs.chat_id, docs.message_id).text == docs.text
        # Left and taken up again: the same task is asked.
        await h.restart()
        [resumed] = await h.send(an, "/baocaoky")
        assert "nhiệm vụ 2/2" in resumed.text
        [_, summary] = await h.press(an, resumed, "Bỏ qua")
        assert "Bỏ qua: 2" in summary.text
        # Sửa lists the tasks in the summary's message; "◀ Quay lại" brings the summary back there.
        [menu] = await h.press(an, summary, "Sửa")
        assert menu.message_id == summary.message_id and menu.button_texts[:2] == ["I.1", "I.2"]
        [back] = await h.press(an, menu, "Quay lại")
        assert back.message_id == summary.message_id and back.button_texts == ["Gửi", "Sửa", "Huỷ"]
        summary = back
        [cancelled] = await h.press(an, summary, "Huỷ")
        assert "Đã huỷ" in cancelled.text
        assert stored(h) == []
        assert not h.errors


@pytest.mark.parametrize("text", ["/baocao", "/baocaoky"])
async def test_an_official_typing_baocao_gets_the_period_report(
    text: str, db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    build_commune(db, count=2)
    async with harness_factory() as h:
        [question] = await h.send(h.user(OFFICIAL, "An"), text)
        assert "Báo cáo Quý IV/2025" in question.text and "Không có quyền" not in question.text
        leader = await h.send(h.user(LEADER, "Bình"), "/baocao")
        assert any(m.document is not None for m in leader)  # leaders keep the report document
        assert not h.errors


async def test_only_the_agencys_own_tasks_are_asked(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    commune = build_commune(db, count=1)
    async with harness_factory() as h:
        an = h.user(OFFICIAL, "An")
        [question] = await h.send(an, "/baocaoky")
        assert "nhiệm vụ 1/1" in question.text and "I.1" in question.text
        # A forged status for another agency's task is not this sitting's task: ignored.
        assert await h.press_data(an, question.message_id, f"pr:st:{commune.tasks['X.1']}:done") == []
        assert not h.errors
