"""/nhac through the real Application, and `planbot remind --dry-run`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from bot.cli import main
from bot.offline.harness import BotHarness
from storage.db import Database
from storage.models import Official
from tests.support.reminder_world import World


async def test_nhac_turns_off_changes_time_and_coordinating(
    db: Database, world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    org = world.organization()
    vp = world.agency(org, "Văn phòng HĐND và UBND xã")
    official_id = world.official(301, "Nguyễn Thị Lan", org=org, agency=vp)
    async with harness_factory() as h:
        h.application.bot_data["reminders_disabled"] = True
        lan = h.user(301, "Lan")
        replies = await h.send(lan, "/nhac")
        menu = replies[-1]
        assert "Cài đặt nhắc việc" in (menu.text or "") and "07:30 (mặc định)" in (menu.text or "")
        edited = await h.press(lan, menu, "🔕 Tắt nhắc việc")
        assert "Nhắc việc: đang tắt" in (edited[-1].text or "")
        picker = await h.press(lan, edited[-1], "🕖 Đổi giờ nhắc")
        assert "Chọn giờ" in (picker[-1].text or "")
        labels = [b.text for row in picker[-1].buttons for b in row]
        assert labels[0] == "06:00" and "20:00" in labels and "20:30" not in labels
        chosen = await h.press(lan, picker[-1], "06:30")
        assert "Giờ nhắc: 06:30" in (chosen[-1].text or "")
        final = await h.press(lan, chosen[-1], "Bỏ phần phối hợp")
        assert "Nhận phần việc phối hợp: không" in (final[-1].text or "")
        # a forged time is refused
        await h.press_data(lan, final[-1].message_id, "nhac:t:0315")
    with db.session() as session:
        row = session.get(Official, official_id)
        assert row is not None
        assert (row.reminders_enabled, row.reminder_time, row.remind_coordinating) == (False, "06:30", False)


async def test_nhac_refuses_strangers(harness_factory: Callable[..., BotHarness]) -> None:
    async with harness_factory() as h:
        h.application.bot_data["reminders_disabled"] = True
        stranger = h.user(999, "Khách")
        replies = await h.send(stranger, "/nhac")
        assert "chỉ dành cho cán bộ" in (replies[-1].text or "")


def test_remind_dry_run_prints_who_gets_what(
    database_url: str, world: World, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    org = world.organization()
    vp = world.agency(org, "Văn phòng HĐND và UBND xã")
    plan = world.plan(org)
    world.task(plan, "II.3", "Tuyên truyền kiểm soát TTHC năm 2025", due=date(2025, 11, 21), lead=[vp])
    world.official(301, "Nguyễn Thị Lan", org=org, agency=vp)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PLANBOT_TIMEZONE", "Asia/Ho_Chi_Minh")
    monkeypatch.setenv("PLANBOT_REMINDER_TIME", "07:30")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["remind", "--at", "2025-11-20T08:00", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Nhắc việc Thứ Năm, 20/11/2025" in out
    assert "II.3 Tuyên truyền kiểm soát TTHC năm 2025 — hạn ngày mai 21/11/2025" in out
    assert "1 tin nhắn sẽ được gửi (20/11/2025)." in out
    assert main(["remind", "--at", "2025-11-22T08:00", "--dry-run"]) == 0
    assert "không phải ngày làm việc" in capsys.readouterr().out
    assert main(["remind", "--at", "hôm qua", "--dry-run"]) == 2


async def test_jobs_are_scheduled_and_a_job_run_is_harmless_without_data(
    harness_factory: Callable[..., BotHarness],
) -> None:
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from bot.runtime.jobs import next_tick, reminder_job

    async with harness_factory(scheduled_reminders=True) as h:
        jobs = {job.name: job for job in h.application.job_queue.jobs()}
        assert {"reminders:startup", "reminders:daily", "reminders:tick"} <= set(jobs)
        assert jobs["reminders:tick"].job.misfire_grace_time == 3600
        await reminder_job(SimpleNamespace(application=h.application, bot=h.application.bot))
        h.application.bot_data["reminders_disabled"] = True
    assert next_tick(datetime(2025, 11, 20, 0, 31, 5, tzinfo=UTC)) == datetime(2025, 11, 20, 1, 0, tzinfo=UTC)
    assert next_tick(datetime(2025, 11, 20, 0, 0, 0, tzinfo=UTC)) == datetime(2025, 11, 20, 0, 30, tzinfo=UTC)
