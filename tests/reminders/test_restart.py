"""The whole bot restarted while its scheduled reminder pass is sending: every digest arrives once."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.offline.fake import FakeTelegram
from bot.offline.harness import BotHarness
from bot.runtime import jobs as scheduling
from storage.db import Database
from storage.models import DigestLog
from tests.support.reminder_world import World

THURSDAY = datetime(2025, 11, 20, 7, 45, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
OFFICIALS = range(5001, 5041)  # 40 digests: more than a second of sending at Telegram's 30/s


def digests(tg: FakeTelegram) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in tg.calls_to("sendMessage") if c.error is None)


async def test_restart_during_a_scheduled_pass_sends_each_digest_once(
    db: Database, world: World, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = world.organization()
    vp = world.agency(org, "Văn phòng HĐND và UBND xã")
    plan = world.plan(org)
    world.task(plan, "II.2.1", "Niêm yết, công khai TTHC", due=date(2025, 11, 20), lead=[vp])
    for uid in OFFICIALS:
        world.official(uid, f"Cán bộ {uid}", org=org, agency=vp)
    monkeypatch.setattr(scheduling, "STARTUP_DELAY", 0.05)  # the catch-up pass, right after start
    async with FakeTelegram(enforce_limits=True) as tg:
        for uid in OFFICIALS:
            tg.user(uid, f"Cán bộ {uid}")
        async with BotHarness(
            database_url=database_url,
            tg=tg,
            scheduled_reminders=True,
            clock_at=THURSDAY,
            PLANBOT_TIMEZONE="Asia/Ho_Chi_Minh",
            PLANBOT_REMINDER_TIME="07:30",
        ) as h:
            assert await tg.wait_until(lambda: len(digests(tg)) >= 5, timeout=30)
            assert len(digests(tg)) < len(OFFICIALS), "the pass ended before the restart"
            await h.restart()  # stops polling and the JobQueue mid-pass, starts a new Application
            assert await tg.wait_until(lambda: len(digests(tg)) >= len(OFFICIALS), timeout=60)
            # The new Application's own catch-up pass has run and found nothing left to send.
            assert await tg.wait_until(lambda: _startup_pass_done(h), timeout=10)
            sent = digests(tg)
            [reply] = await h.send(h.user(OFFICIALS[0], "Cán bộ"), "/toi")  # the bot still answers
            assert "Thông tin của tôi" in reply.text
        assert set(sent.values()) == {1}
        assert set(sent) == set(OFFICIALS)
    with db.session() as session:
        rows = session.exec(select(DigestLog)).all()
    assert len(rows) == len(OFFICIALS)
    assert {row.status for row in rows} == {"sent"}


def _startup_pass_done(h: BotHarness) -> bool:
    """The new Application's catch-up job has run (a run_once job leaves the queue) and finished."""
    application = h.application
    if application is None or application.job_queue is None:
        return False
    lock = application.bot_data.get(scheduling.LOCK_KEY)
    return (
        lock is not None
        and not lock.locked()
        and not application.job_queue.get_jobs_by_name("reminders:startup")
    )
