"""Near a quarter's end the compact digest offers "📝 Báo cáo quý", which starts /baocaoky, and
"✅ Xong" on a task line opens /xong with Đã thực hiện chosen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.offline.harness import BotHarness
from bot.runtime.sender import TelegramSender
from reminders.digest_daily import MAX_LINES
from reminders.dispatch import run_reminders
from storage.db import Database
from tests.support.period_world import OFFICIAL, build_commune

# Two weeks before Q4/2025 ends: continuous tasks without their report are reminded.
QUARTER_END_SOON = datetime.combine(datetime(2025, 12, 17).date(), time(9), ZoneInfo("Asia/Ho_Chi_Minh"))


async def test_quarter_end_digest_is_compact_and_its_button_starts_the_period_report(
    db: Database, harness_factory: Callable[..., BotHarness]
) -> None:
    build_commune(db, count=23)
    async with harness_factory(clock_at=QUARTER_END_SOON) as h:
        assert h.settings is not None
        an = h.user(OFFICIAL, "An")  # the chat exists before the digest is sent
        report = await run_reminders(
            db=h.db,
            sender=TelegramSender(h.application.bot),
            config=h.settings.reminder_config(),
            now=QUARTER_END_SOON,
        )
        assert report.sent >= 1
        digest = h.messages(an)[-1]
        lines = digest.text.split("\n")
        assert len(lines) <= MAX_LINES, lines
        assert "Cần báo cáo Quý IV/2025 (23)" in digest.text and "… và 15 việc khác" in digest.text
        assert digest.text.count("hạn báo cáo") == 1
        [question] = await h.press(an, digest, "📝 Báo cáo quý")
        assert "Báo cáo Quý IV/2025" in question.text and "nhiệm vụ 1/23" in question.text
        assert not h.errors
