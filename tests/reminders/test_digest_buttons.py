"""The buttons of a real digest open the task card and start a progress report in the bot."""

from __future__ import annotations

from bot.offline.harness import BotHarness
from bot.runtime.sender import TelegramSender
from bot.settings import Settings
from reminders.dispatch import run_reminders
from tests.support.commune import MORNING, TTPVHCC, build_world


def _settings(harness: BotHarness) -> Settings:
    assert harness.settings is not None
    return harness.settings


async def test_digest_buttons_open_card_and_start_report(harness: BotHarness) -> None:
    world = build_world(harness.db)
    world.add_official(501, "Nguyễn Văn An", TTPVHCC)
    user = harness.user(501, "An")
    report = await run_reminders(
        db=harness.db,
        sender=TelegramSender(harness.application.bot),
        config=_settings(harness).reminder_config(),
        now=MORNING,
    )
    assert report.sent == 1
    digest = harness.messages(user)[-1]
    assert "Nhắc việc" in digest.text or "việc" in digest.text
    open_button = next(b for row in digest.buttons for b in row if b.text.startswith("📄"))
    replies = await harness.press(user, digest, open_button.text)
    card = replies[-1]
    assert card.message_id != digest.message_id  # the digest stays as it was
    assert "Trung tâm Phục vụ hành chính công" in card.text
    assert any("Báo cáo tiến độ" in t for t in card.button_texts)

    # "✅ Xong": the /xong flow for that task with Đã thực hiện chosen: only the document is asked.
    done_button = next(b for row in digest.buttons for b in row if b.text.startswith("✅ Xong"))
    replies = await harness.press(user, digest, done_button.text)
    assert any("Tình trạng: Đã thực hiện" in m.text and "(bắt buộc)" in m.text for m in replies)
    assert any("Đổi tình trạng" in t for m in replies for t in m.button_texts)
    assert not harness.errors
