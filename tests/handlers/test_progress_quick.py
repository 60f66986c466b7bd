"""/xong means done (Đã thực hiện chosen, still changeable; /capnhat asks), "Sửa" keeps what was
given, and the card hands back the files attached to a task's reports."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select

from bot.offline.harness import BotHarness
from handlers.ui.callbacks import OpenCard
from handlers.ui.callbacks_period import ReportAttachment
from storage.models import ProgressReport, ReportDocument
from tests.support.commune import TTPVHCC, VHXH, World


def reports(h: BotHarness) -> list[ProgressReport]:
    with h.db.session() as session:
        return list(session.exec(select(ProgressReport).order_by(ProgressReport.id)).all())  # type: ignore[arg-type]


async def test_xong_preselects_done_and_the_status_can_still_be_changed(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [docs] = await h.send(lan, "/xong II.1")
        assert "Tình trạng: Đã thực hiện" in docs.text and "(bắt buộc)" in docs.text
        [status] = await h.press(lan, docs, "Đổi tình trạng")
        assert status.button_texts[:3] == ["Đã thực hiện", "Đang thực hiện", "Chưa thực hiện"]
        [docs] = await h.press(lan, status, "Đang thực hiện")
        assert "(không bắt buộc)" in docs.text and "Đổi tình trạng" not in docs.button_texts
        [attach] = await h.press(lan, docs, "Bỏ qua")
        [summary] = await h.press(lan, attach, "Bỏ qua")
        assert "Tình trạng: Đang thực hiện" in summary.text
        await h.press(lan, summary, "Gửi")
        assert [r.status for r in reports(h)] == ["in_progress"]

        # /capnhat keeps the full choice of status.
        [status] = await h.send(lan, "/capnhat II.1")
        assert "Tình trạng thực hiện?" in status.text and "Đã thực hiện" in status.button_texts
        # "/xong" searched by words preselects done too.
        [choices] = await h.send(lan, "/xong so hoa")
        [docs] = await h.press(lan, choices, "II.3")
        assert "Tình trạng: Đã thực hiện" in docs.text
        assert not h.errors


async def test_edit_from_the_summary_keeps_the_document_and_the_file(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        [docs] = await h.send(lan, "/xong II.1")
        [understood] = await h.send(lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
        [attach] = await h.press(lan, understood, "Đúng")
        [summary] = await h.send_document(lan, "bc.pdf", b"%PDF-1.4 bc", "application/pdf")
        assert "23/KH-UBND" in summary.text and "bc.pdf" in summary.text
        # Sửa → Văn bản: the document typed before can be kept with one tap.
        [menu] = await h.press(lan, summary, "Sửa")
        [docs] = await h.press(lan, menu, "Văn bản")
        [summary] = await h.press(lan, docs, "Giữ văn bản đã nhập")
        assert "23/KH-UBND" in summary.text and "bc.pdf" in summary.text
        # Sửa → Tình trạng: the document and the file stay.
        [menu] = await h.press(lan, summary, "Sửa")
        [status] = await h.press(lan, menu, "Tình trạng")
        [summary] = await h.press(lan, status, "Đang thực hiện")
        assert "Tình trạng: Đang thực hiện" in summary.text
        assert "23/KH-UBND" in summary.text and "bc.pdf" in summary.text
        # Sửa → Tệp đính kèm: "Giữ tệp …" keeps it; a new document replaces the old one.
        [menu] = await h.press(lan, summary, "Sửa")
        [attach] = await h.press(lan, menu, "Tệp đính kèm")
        [summary] = await h.press(lan, attach, "Giữ tệp bc.pdf")
        assert "bc.pdf" in summary.text
        [menu] = await h.press(lan, summary, "Sửa")
        [docs] = await h.press(lan, menu, "Văn bản")
        [understood] = await h.send(lan, "Quyết định số 561/QĐ-UBND ngày 20/08/2025")
        [summary] = await h.press(lan, understood, "Đúng")
        assert "561/QĐ-UBND" in summary.text and "23/KH-UBND" not in summary.text
        await h.press(lan, summary, "Gửi")
        [report] = reports(h)
        assert report.status == "in_progress" and report.attachment_name == "bc.pdf"
        with h.db.session() as session:
            assert [d.number for d in session.exec(select(ReportDocument)).all()] == ["561/QĐ-UBND"]
        assert not h.errors


async def test_the_card_sends_back_a_reports_file_to_whoever_may_see_the_task(
    world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    world.add_official(101, "Nguyễn Thị Lan", TTPVHCC)
    world.add_official(102, "Trần Văn Hùng", VHXH)
    world.add_official(103, "Phạm Lãnh Đạo", None, role="leader")
    async with harness_factory() as h:
        lan, hung, leader = h.user(101, "Lan"), h.user(102, "Hùng"), h.user(103, "Đạo")
        [_docs] = await h.send(lan, "/xong IV.1")
        [understood] = await h.send(lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025")
        await h.press(lan, understood, "Đúng")
        [summary] = await h.send_document(lan, "bc.pdf", b"%PDF-1.4 bc", "application/pdf")
        [_done] = await h.press(lan, summary, "Gửi")
        [report] = reports(h)
        task = world.tasks["IV.1"]

        [card] = await h.press_data(
            leader, (await h.send(leader, "/toi"))[0].message_id, OpenCard(task).data()
        )
        assert "📎 bc.pdf" in card.button_texts
        [sent] = await h.press(leader, card, "📎 bc.pdf")
        assert sent.document is not None and sent.document.file_id == report.attachment_file_id
        assert "IV.1" in sent.caption

        # Another agency's official does not see IV.1: a forged press gets nothing.
        [hint] = await h.send(hung, "/toi")
        assert await h.press_data(hung, hint.message_id, ReportAttachment(report.id or 0).data()) == []
        assert h.last_answer is not None and "Không có quyền" in str(h.last_answer.get("text"))
        assert not h.errors
