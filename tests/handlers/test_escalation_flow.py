"""Escalation end to end, over the fake Bot API: the leader in charge gets the notice, "Nhắc đơn vị"
reminds the agency once, "Yêu cầu giải trình" reaches its officials, who answer with a text and a
document; the leader gets the answer, the card shows it, the report writes it as the reason."""

from __future__ import annotations

from collections.abc import Callable

from bot.offline.harness import BotHarness
from bot.runtime.sender import TelegramSender
from handlers.ui.texts import NO_PERMISSION_TEXT
from plans.periods import PeriodPolicy, quarter
from reminders.escalation_dispatch import run_escalations
from reports.outputs.report_data import build_report
from storage.db import Database
from tests.support.escalation_world import NOW, VP, commune
from tests.support.reminder_world import World

ANSWER = "Chờ Sở Nội vụ hướng dẫn quy trình rà soát; đã xin ý kiến bằng Công văn số 15/UBND ngày 10/11/2025."


async def test_notice_reminder_explanation_answer_card_and_report(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    ids = commune(World(db))
    async with harness_factory() as h:
        leader, officer, other = (
            h.user(100, "An", "Trần Văn"),
            h.user(200, "Hoa", "Lê Thị"),
            h.user(101, "Mây"),
        )
        config = h.settings.reminder_config(h.application.bot_data["services"].clock)  # type: ignore[union-attr]
        sent = await run_escalations(
            db=h.db, sender=TelegramSender(h.application.bot), config=config, now=NOW
        )
        assert sent.sent == 4
        leader, officer, other = (
            h.user(100, "An", "Trần Văn"),
            h.user(200, "Hoa", "Lê Thị"),
            h.user(101, "Mây"),
        )
        notices = h.messages(leader)
        assert len(notices) == 3 and len(h.messages(other)) == 1
        overdue = next(m for m in notices if "quá hạn" in m.text)
        assert overdue.text.startswith("⚠️ Nhiệm vụ quá hạn 26 ngày làm việc")
        assert overdue.button_texts == ["📣 Nhắc đơn vị", "📝 Yêu cầu giải trình", "📄 II.2"]

        told = await h.press(leader, overdue, "Nhắc đơn vị")
        assert told[-1].text == f"Đã nhắc 1 cán bộ của {VP}."
        reminder = h.messages(officer)[-1]
        assert reminder.text.startswith("🔔 Lãnh đạo nhắc việc (Trần Văn An)")
        assert (
            "Nhiệm vụ II.2 Rà soát, đơn giản hóa thủ tục hành chính đã quá hạn 26 ngày làm việc."
            in reminder.text
        )
        assert reminder.button_texts == ["📄 II.2", "✍️ Báo cáo II.2"]
        again = await h.press(leader, overdue, "Nhắc đơn vị")
        assert "trước đó" in again[-1].text and len(h.messages(officer)) == 1  # once per notice

        forged = await h.press_data(
            officer, reminder.message_id, overdue.button("Yêu cầu giải trình").callback_data or ""
        )
        assert forged[-1].text == "Chỉ lãnh đạo của xã/phường được dùng nút này."
        asked = await h.press(leader, overdue, "Yêu cầu giải trình")
        assert asked[-1].text == f"Đã yêu cầu {VP} giải trình (1 cán bộ nhận được)."
        request = h.messages(officer)[-1]
        assert request.text.startswith("📝 Yêu cầu giải trình (Trần Văn An, 20/11/2025)")
        assert request.button_texts == ["✍️ Giải trình"]
        twice = await h.press(leader, overdue, "Yêu cầu giải trình")
        assert (
            twice[-1].text.startswith(f"Đã yêu cầu {VP} giải trình về nhiệm vụ II.2")
            and len(h.messages(officer)) == 3  # reminder, the refusal of the forged press, the request
        )

        prompt = await h.press(officer, request, "Giải trình")
        assert "Nhập nội dung giải trình" in prompt[-1].text
        file_prompt = await h.send(officer, ANSWER)
        assert file_prompt[-1].text.startswith("Gửi kèm văn bản") and "Bỏ qua" in file_prompt[-1].button_texts
        summary = await h.send_document(officer, "Công văn 15.pdf", b"%PDF-1.4 cong van", "application/pdf")
        assert summary[-1].text.startswith("Xác nhận giải trình") and ANSWER in summary[-1].text
        done = await h.press(officer, summary[-1], "Gửi")
        assert done[-1].text == "✅ Đã lưu giải trình và gửi lãnh đạo. Cảm ơn anh/chị!"

        answer, document = h.messages(leader)[-2:]
        assert answer.text.startswith(f"📝 Giải trình của {VP} (Lê Thị Hoa)")
        assert ANSWER in answer.text
        assert document.document is not None and document.document.content == b"%PDF-1.4 cong van"

        card = await h.send(leader, "/tim II.2")
        assert (
            "Giải trình:" in card[-1].text and ANSWER[:60] in card[-1].text and "Lê Thị Hoa" in card[-1].text
        )
        assert "📎 Công văn 15.pdf" in card[-1].text
        assert not h.errors

    data = db.call(
        build_report,
        organization_id=ids.org,
        period=quarter(2025, 4),
        today=NOW.date(),
        policy=PeriodPolicy(),
    )
    row = next(r for r in data.rows if r.code == "II.2")
    assert row.result == f"Chưa có báo cáo. Lý do chưa hoàn thành: {ANSWER}"
    assert row.unfinished and row.explanation == ANSWER


async def test_only_the_agency_answers_and_the_document_is_optional(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    world = World(db)
    ids = commune(world)
    world.official(300, "Ngô Văn Bình", org=ids.org, agency=ids.vh)
    async with harness_factory() as h:
        leader, officer, outsider = (
            h.user(100, "An", "Trần Văn"),
            h.user(200, "Hoa", "Lê Thị"),
            h.user(300, "Bình"),
        )
        config = h.settings.reminder_config(h.application.bot_data["services"].clock)  # type: ignore[union-attr]
        await run_escalations(db=h.db, sender=TelegramSender(h.application.bot), config=config, now=NOW)
        overdue = next(m for m in h.messages(leader) if "quá hạn" in m.text)
        await h.press(leader, overdue, "Yêu cầu giải trình")
        request = h.messages(officer)[-1]
        own = await h.send(outsider, "/viec")
        refused = await h.press_data(outsider, own[-1].message_id, request.all_buttons[0].callback_data or "")
        assert refused[-1].text == NO_PERMISSION_TEXT  # another agency's official

        prompt = await h.press(officer, request, "Giải trình")
        cancelled = await h.press(officer, prompt[-1], "Huỷ")
        assert cancelled[-1].text == "Đã huỷ giải trình. Chưa có gì được lưu."
        await h.press(officer, request, "Giải trình")
        asked_file = await h.send(officer, "Chưa bố trí được cán bộ")
        summary = await h.press(officer, asked_file[-1], "Bỏ qua")
        assert "📎" not in summary[-1].text
        retyped = await h.press(officer, summary[-1], "Sửa")
        assert retyped[-1].text == "Nhập lại nội dung giải trình."
        await h.send(officer, "Cán bộ phụ trách nghỉ ốm; đã giao người thay từ 24/11/2025")
        summary = await h.send(officer, "bỏ qua")
        assert "Cán bộ phụ trách nghỉ ốm" in summary[-1].text
        done = await h.press(officer, summary[-1], "Gửi")
        assert done[-1].text.startswith("✅ Đã lưu giải trình và gửi lãnh đạo")
        told = h.messages(leader)[-1]
        assert "Cán bộ phụ trách nghỉ ốm" in told.text and told.document is None
        stale = await h.press(officer, summary[-1], "Gửi")
        assert not [m for m in stale if "Đã lưu" in m.text]  # the draft is gone: nothing is saved twice
        assert not h.errors
