"""The /xong conversation end to end: every step, cancel, idle expiry, a restart in the middle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

import handlers.progress.draft as progress_draft
from bot.offline.harness import BotHarness
from storage.models import KeyValue, ProgressReport, ReportDocument
from tests.support.commune import TTPVHCC, VHXH, World


def reports(h: BotHarness) -> list[ProgressReport]:
    with h.db.session() as session:
        return list(session.exec(select(ProgressReport).order_by(ProgressReport.id)).all())  # type: ignore[arg-type]


def documents(h: BotHarness) -> list[ReportDocument]:
    with h.db.session() as session:
        return list(session.exec(select(ReportDocument).order_by(ReportDocument.id)).all())  # type: ignore[arg-type]


async def test_full_report_with_documents_attachment_and_kpi(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan", "Nguyễn Thị")
        [ask] = await h.send(lan, "/capnhat")
        assert "nhiệm vụ nào" in ask.text
        [choices] = await h.send(lan, "so hoa ho so")
        [status] = await h.press(lan, choices, "II.3")
        assert "Số hóa hồ sơ" in status.text
        assert status.button_texts[:3] == ["Đã thực hiện", "Đang thực hiện", "Chưa thực hiện"]
        [docs] = await h.press(lan, status, "Đã thực hiện")
        assert "(bắt buộc)" in docs.text and "Bỏ qua" not in docs.button_texts
        [understood] = await h.send(
            lan, "KH 23/KH-UBND ngày 15/8/2025 và Quyết định số 561/QĐ-UBND ngày 20/08/2025"
        )
        assert "Kế hoạch số 23/KH-UBND ngày 15/08/2025" in understood.text
        assert "561/QĐ-UBND" in understood.text
        [attach] = await h.press(lan, understood, "Đúng")
        assert "PDF, Word" in attach.text
        [kpi] = await h.send_document(lan, "KH-23-2025.pdf", b"%PDF-1.4 ke hoach", "application/pdf")
        assert "tối thiểu 60,0%" in kpi.text
        [bad] = await h.send(lan, "khoảng sáu mươi")
        assert "Không đọc được số" in bad.text
        [summary] = await h.send(lan, "61,3")
        assert "Kết quả chỉ tiêu: 61,3% (chỉ tiêu 60,0% — đạt)" in summary.text
        assert "KH-23-2025.pdf" in summary.text
        assert summary.button_texts == ["Gửi", "Sửa", "Huỷ"]
        assert reports(h) == []  # nothing stored before Gửi
        [done] = await h.press(lan, summary, "Gửi")
        assert "Đã ghi nhận" in done.text

        [report] = reports(h)
        assert report.status == "done" and report.kpi_value == pytest.approx(61.3)
        assert report.attachment_name == "KH-23-2025.pdf" and report.attachment_file_id
        assert report.attachment_size == len(b"%PDF-1.4 ke hoach")
        assert report.reporter_name == "Nguyễn Thị Lan"
        assert [(d.doc_type, d.number) for d in documents(h)] == [
            ("Kế hoạch", "23/KH-UBND"),
            ("Quyết định", "561/QĐ-UBND"),
        ]
        assert not h.errors


async def test_not_done_asks_the_reason_and_keeps_unparsable_text_as_note(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(102, "Trần Văn Hùng", VHXH)
    async with harness_factory() as h:
        hung = h.user(102, "Hùng")
        [choices] = await h.send(hung, "/capnhat tuyen truyen")
        [status] = await h.press(hung, choices, "III.1")
        [reason] = await h.press(hung, status, "Chưa thực hiện")
        assert "Lý do" in reason.text
        [docs] = await h.send(hung, "Chờ kinh phí năm sau")
        assert "(không bắt buộc)" in docs.text
        [unsure] = await h.send(hung, "đã gửi tờ trình lên huyện, chưa có số")
        assert "không nhận ra" in unsure.text
        [again] = await h.press(hung, unsure, "Nhập lại")
        assert "Văn bản chứng minh" in again.text
        [unsure] = await h.send(hung, "đã gửi tờ trình lên huyện, chưa có số")
        [attach] = await h.press(hung, unsure, "Lưu làm ghi chú")
        [summary] = await h.press(hung, attach, "Bỏ qua")  # no KPI target on III.1
        assert "Chưa thực hiện" in summary.text and "Chờ kinh phí năm sau" in summary.text
        await h.press(hung, summary, "Gửi")
        [report] = reports(h)
        assert report.status == "not_done"
        assert report.note == "Chờ kinh phí năm sau\nđã gửi tờ trình lên huyện, chưa có số"
        assert documents(h) == []


async def test_done_requires_a_document_and_oversized_files_are_refused(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        # An exact code opens the task at once; "xong" means done: only the document is asked.
        [docs] = await h.send(lan, "/xong II.1")
        assert "Tình trạng: Đã thực hiện" in docs.text and "(bắt buộc)" in docs.text
        assert docs.button_texts == ["Đổi tình trạng", "Huỷ"]
        stale = await h.press_data(
            lan, docs.message_id, "p:d:docs-skip"
        )  # forged skip of a required document
        assert all("PDF, Word" not in (m.text or "") for m in stale)
        [understood] = await h.send(lan, "Thông báo số 12/TB-UBND ngày 05/7/2025")
        [attach] = await h.press(lan, understood, "Đúng")
        assert "Bỏ qua" in attach.button_texts
        [too_big] = await h.send_document(
            lan, "scan.pdf", b"%PDF", "application/pdf", file_size=25 * 1024 * 1024
        )
        assert "Tệp quá lớn" in too_big.text and "20 MB" in too_big.text
        [wrong_kind] = await h.send_document(lan, "bang.xlsx", b"PK", "application/vnd.ms-excel")
        assert "Chỉ nhận tệp PDF, Word hoặc ảnh" in wrong_kind.text
        [summary] = await h.send_photo(lan, b"\xff\xd8\xff jpeg")
        assert "Tệp đính kèm" in summary.text
        await h.press(lan, summary, "Gửi")
        [report] = reports(h)
        assert report.attachment_file_id and report.attachment_name == "ảnh chụp.jpg"


async def test_cancel_at_any_step_and_edit_from_the_summary(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(102, "Trần Văn Hùng", VHXH)
    async with harness_factory() as h:
        hung = h.user(102, "Hùng")
        [status] = await h.send(hung, "/capnhat III.1")
        [cancelled] = await h.send(hung, "/huy")
        assert "Đã huỷ" in cancelled.text
        [nothing] = await h.send(hung, "/huy")
        assert "Không có thao tác nào" in nothing.text
        # The old status buttons are stale now.
        await h.press_data(hung, status.message_id, "p:st:done")
        assert reports(h) == []

        [status] = await h.send(hung, "/capnhat III.1")
        [docs] = await h.press(hung, status, "Đang thực hiện")
        await h.press(hung, docs, "Bỏ qua")
        [summary] = await h.send_photo(hung, b"\xff\xd8\xff jpeg")
        assert "Tệp đính kèm: ảnh chụp.jpg" in summary.text
        [menu] = await h.press(hung, summary, "Sửa")
        assert "Sửa phần nào" in menu.text
        [status_again] = await h.press(hung, menu, "Tình trạng")
        assert "Tình trạng thực hiện" in status_again.text
        # "done" needs its document, then back to the summary: the file sent before is kept
        [docs] = await h.press(hung, status_again, "Đã thực hiện")
        [understood] = await h.send(hung, "Kế hoạch số 27/KH-UBND ngày 09/3/2025")
        [summary] = await h.press(hung, understood, "Đúng")
        assert "Tình trạng: <b>Đã thực hiện</b>" in (summary.html or "")
        assert "Tệp đính kèm: ảnh chụp.jpg" in summary.text and "27/KH-UBND" in summary.text
        [cancelled] = await h.press(hung, summary, "Huỷ")
        assert "Đã huỷ" in cancelled.text
        assert reports(h) == []


async def test_idle_conversation_expires(
    world: World, harness_factory: Callable[..., BotHarness], monkeypatch: pytest.MonkeyPatch
) -> None:
    world.add_official(102, "Trần Văn Hùng", VHXH)
    async with harness_factory() as h:
        hung = h.user(102, "Hùng")
        [status] = await h.send(hung, "/capnhat III.1")
        later = datetime.now(UTC) + timedelta(minutes=16)
        monkeypatch.setattr(progress_draft, "now", lambda: later)
        [expired] = await h.press(hung, status, "Đang thực hiện")
        assert "quá 15 phút" in expired.text
        [hint] = await h.send(hung, "/huy")
        assert "Không có thao tác nào" in hint.text
        assert reports(h) == []


def _age_draft(h: BotHarness, user_id: int, by: timedelta) -> None:
    """Move the stored draft's last step back in time, as if the user had left it that long."""

    def age(*, session: Session) -> None:
        row = session.get(KeyValue, ("user_data", str(user_id)))
        assert row is not None
        value = dict(row.value)
        draft = dict(value[progress_draft.KEY])
        draft["touched"] = (datetime.fromisoformat(draft["touched"]) - by).isoformat()
        value[progress_draft.KEY] = draft
        row.value = value
        session.add(row)

    h.db.call(age)


async def test_conversation_timeout_handler_says_goodbye(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    """PTB's own timeout (while the bot keeps running) ends the conversation with a message, once the
    stored draft really lies idle: if another process went on with it, the timer here says nothing."""
    world.add_official(102, "Trần Văn Hùng", VHXH)
    async with harness_factory() as h:
        hung = h.user(102, "Hùng")
        await h.send(hung, "/capnhat III.1")
        conversation = next(
            handler
            for group in h.application.handlers.values()
            for handler in group
            if getattr(handler, "name", None) == "progress"
        )
        assert conversation.conversation_timeout == 15 * 60
        jobs = [j for j in h.application.job_queue.jobs() if "_trigger_timeout" in repr(j.callback)]
        assert len(jobs) == 1
        before = len(h.tg.events)
        await jobs[0].run(h.application)  # the draft was touched just now (elsewhere, say): silence
        assert h.new_messages(hung.id, since=before) == []
        [status] = await h.send(hung, "/capnhat III.1")  # the report goes on
        assert "Tình trạng thực hiện" in status.text

        jobs = [j for j in h.application.job_queue.jobs() if "_trigger_timeout" in repr(j.callback)]
        _age_draft(h, 102, timedelta(minutes=16))
        before = len(h.tg.events)
        await jobs[-1].run(h.application)  # the timer of the report started again
        await h.tg.wait_until(lambda: len(h.tg.events) > before)
        [goodbye] = h.new_messages(hung.id, since=before)
        assert "quá 15 phút" in goodbye.text
        stored = h.db.call(lambda session: session.get(KeyValue, ("user_data", "102")))
        assert stored is None or progress_draft.KEY not in (stored.value or {})
        [answer] = await h.send(hung, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
        assert "Tình trạng thực hiện" not in answer.text and "Tôi hiểu là" not in answer.text


async def test_conversation_survives_a_restart(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [choices] = await h.send(lan, "/capnhat so hoa")
        [status] = await h.press(lan, choices, "II.3")
        [docs] = await h.press(lan, status, "Đang thực hiện")
        assert "(không bắt buộc)" in docs.text
        await h.restart()
        [understood] = await h.send(lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
        assert "Tôi hiểu là" in understood.text
        [attach] = await h.press(lan, understood, "Đúng")
        await h.restart()
        [kpi] = await h.press(lan, attach, "Bỏ qua")
        assert "tối thiểu 60,0%" in kpi.text
        [summary] = await h.send(lan, "61.3%")
        assert "Đang thực hiện" in summary.text
        await h.press(lan, summary, "Gửi")
        [report] = reports(h)
        assert report.kpi_value == pytest.approx(61.3) and report.status == "in_progress"


async def test_two_officials_report_on_the_same_task_and_a_correction_supersedes(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    world.add_official(102, "Trần Văn Hùng", VHXH)

    async def report(h: BotHarness, user_id: int, name: str, status_label: str) -> None:
        user = h.user(user_id, name)
        [card] = await h.send(user, "/tim II.3")  # an exact code: the card at once
        [status] = await h.press(user, card, "Báo cáo tiến độ")
        [docs] = await h.press(user, status, status_label)
        assert "Văn bản chứng minh" in docs.text
        [understood] = await h.send(user, "Báo cáo số 194/BC-UBND ngày 02/10/2025")
        [attach] = await h.press(user, understood, "Đúng")
        [kpi] = await h.press(user, attach, "Bỏ qua")
        [summary] = await h.press(user, kpi, "Bỏ qua")
        await h.press(user, summary, "Gửi")

    async with harness_factory() as h:
        await report(h, 101, "Lan", "Đang thực hiện")
        await report(h, 102, "Hùng", "Đã thực hiện")
        first, second = reports(h)
        assert (first.official_id, second.official_id) != (None, None)
        assert first.supersedes_id is None and second.supersedes_id is None
        await report(h, 101, "Lan", "Đã thực hiện")  # Lan corrects her report of today
        third = reports(h)[-1]
        assert third.supersedes_id == first.id
        lan = h.user(101, "Lan")
        [card] = await h.send(lan, "/tim II.3")
        assert "Lịch sử báo cáo (3)" in card.text and "(đã được sửa)" in card.text
