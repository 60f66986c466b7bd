"""End to end through the fake Bot API: exactly once, restarts, 429, 403, 5xx, two processes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from bot.offline.fake import FakeTelegram
from bot.runtime.sender import TelegramSender, build_bot
from bot.settings import Settings
from reminders.dispatch import run_reminders
from reminders.sending import Pacer
from storage.db import Database
from storage.models import DigestLog, Official, ReminderLog
from tests.support.reminder_world import World, make_settings

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
THURSDAY = datetime(2025, 11, 20, 7, 45, tzinfo=HCM)  # after the default 07:30
ROOT = Path(__file__).resolve().parents[2]


def seed(world: World) -> dict[str, int]:
    org = world.organization("UBND xã Thanh Xá")
    vp = world.agency(org, "Văn phòng HĐND và UBND xã")
    tt = world.agency(org, "Trung tâm Phục vụ hành chính công")
    plan = world.plan(org)
    today_task = world.task(
        plan,
        "II.2.1",
        "Niêm yết, công khai TTHC <xã> & Cổng TTĐT",
        due=date(2025, 11, 20),
        lead=[vp],
        deadline_text="Chậm nhất ngày 20/11/2025",
    )
    coord_task = world.task(
        plan,
        "III.1",
        "Số hóa hồ sơ, kết quả giải quyết TTHC",
        due=date(2025, 11, 21),
        lead=[tt],
        coordinating=[vp],
    )
    lan = world.official(101, "Nguyễn Thị Lan", org=org, agency=vp)
    hung = world.official(102, "Trần Văn Hùng", org=org, agency=tt)
    return {
        "org": org,
        "vp": vp,
        "tt": tt,
        "plan": plan,
        "today": today_task,
        "coord": coord_task,
        "lan": lan,
        "hung": hung,
    }


def digest_rows(db: Database) -> list[DigestLog]:
    with db.session() as session:
        return list(session.exec(select(DigestLog).order_by(col(DigestLog.official_id))).all())


def sends_per_chat(tg: FakeTelegram) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in tg.calls_to("sendMessage"))


@pytest.fixture
def cfg(database_url: str) -> Settings:
    return make_settings(database_url)


async def test_digest_arrives_once_and_a_second_trigger_sends_nothing(
    db: Database, world: World, cfg: Settings
) -> None:
    ids = seed(world)
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(102, "Hùng")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            first = await run_reminders(
                db=db, sender=TelegramSender(bot), config=cfg.reminder_config(), now=THURSDAY
            )
            second = await run_reminders(
                db=db,
                sender=TelegramSender(bot),
                config=cfg.reminder_config(),
                now=THURSDAY + timedelta(hours=2),
            )
        assert (first.sent, second.sent, second.planned) == (2, 0, 0)
        assert sends_per_chat(tg) == {101: 1, 102: 1}
        lan = tg.messages_to(101)[0]
        assert "Hôm nay" in lan.text and "II.2.1" in lan.text and "Phối hợp" in lan.text
        assert "&lt;xã&gt; &amp; Cổng" in (lan.html or "") and "<xã> & Cổng" in lan.text
        assert lan.buttons[0][0].callback_data == f"pr:xong:{ids['today']}"  # ✅ Xong
        assert lan.buttons[0][1].callback_data == f"t:n:{ids['today']}"
        hung = tg.messages_to(102)[0]
        assert "Sắp đến hạn" in hung.text and "hạn ngày mai 21/11/2025" in hung.text
    rows = digest_rows(db)
    assert [(r.status, r.day, r.message_id is not None) for r in rows] == [
        (("sent", date(2025, 11, 20), True))
    ] * 2
    with db.session() as session:
        logs = session.exec(select(ReminderLog)).all()
    assert {(log.task_id, log.offset_days, log.status) for log in logs} == {
        (ids["today"], 0, "sent"),
        (ids["coord"], 1, "sent"),
    }


async def test_nothing_before_the_reminder_time_except_for_early_birds(
    db: Database, world: World, cfg: Settings
) -> None:
    ids = seed(world)
    with db.session() as session:
        hung = session.get(Official, ids["hung"])
        assert hung is not None
        hung.reminder_time = "06:30"
        session.add(hung)
    report = await run_reminders(
        db=db,
        sender=None,
        config=cfg.reminder_config(),
        now=datetime(2025, 11, 19, 23, 45, tzinfo=UTC),
        dry_run=True,
    )
    # 23:45 UTC on 19/11 is 06:45 on 20/11 in Vietnam: only the 06:30 official is due
    assert report.day == date(2025, 11, 20)
    assert [d.official_id for d in report.previews] == [ids["hung"]]
    saturday = await run_reminders(
        db=db,
        sender=None,
        config=cfg.reminder_config(),
        now=datetime(2025, 11, 22, 9, 0, tzinfo=HCM),
        dry_run=True,
    )
    assert not saturday.working_day and saturday.previews == []


async def test_restart_between_claim_and_send_sends_exactly_once(
    db: Database, world: World, cfg: Settings
) -> None:
    ids = seed(world)
    now = datetime.now(UTC)
    with db.session() as session:
        # Lan's digest was claimed an hour ago by a process that died before sending;
        # Hùng's was claimed a moment ago by a process that is sending it right now.
        session.add(
            DigestLog(official_id=ids["lan"], day=date(2025, 11, 20), claimed_at=now - timedelta(hours=1))
        )
        session.add(DigestLog(official_id=ids["hung"], day=date(2025, 11, 20), claimed_at=now))
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(102, "Hùng")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            report = await run_reminders(
                db=db, sender=TelegramSender(bot), config=cfg.reminder_config(), now=THURSDAY
            )
            again = await run_reminders(
                db=db, sender=TelegramSender(bot), config=cfg.reminder_config(), now=THURSDAY
            )
        assert (report.sent, report.skipped) == (1, 1)
        assert again.sent == 0
        assert sends_per_chat(tg) == {101: 1}
    lan = next(r for r in digest_rows(db) if r.official_id == ids["lan"])
    assert (lan.status, lan.attempts) == ("sent", 1)


async def test_429_retry_after_is_honoured(db: Database, world: World, cfg: Settings) -> None:
    seed(world)
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(102, "Hùng")
        tg.fail_next("sendMessage", error="429", retry_after=1)
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            report = await run_reminders(
                db=db, sender=TelegramSender(bot), config=cfg.reminder_config(), now=THURSDAY
            )
        assert (report.sent, report.rate_limited, report.failed) == (2, 1, 0)
        assert sum(sends_per_chat(tg).values()) == 3  # one refused, then each chat once
        delivered = {m.chat_id for chat in (101, 102) for m in tg.messages_to(chat)}
        assert delivered == {101, 102}
        calls = tg.calls_to("sendMessage")
        refused = next(c for c in calls if c.error)
        retried = [c for c in calls if not c.error and c.params["chat_id"] == refused.params["chat_id"]]
        assert len(retried) == 1 and retried[0].time - refused.time >= 0.95  # waited retry_after


def test_pacer_spaces_sends_to_one_chat() -> None:
    import asyncio

    async def main() -> list[float]:
        pacer = Pacer(rate=1000)
        loop = asyncio.get_running_loop()
        times = []
        for _ in range(2):
            await pacer.wait(7)
            times.append(loop.time())
        return times

    first, second = asyncio.run(main())
    assert second - first >= 0.99


async def test_blocked_user_is_marked_skipped_and_listed_for_admins(
    db: Database, world: World, cfg: Settings
) -> None:
    ids = seed(world)
    with db.session() as session:  # only Lan is due on the first day
        hung = session.get(Official, ids["hung"])
        assert hung is not None
        hung.reminders_enabled = False
        session.add(hung)
    admin = world.official(900, "Phạm Quản Trị", org=ids["org"], agency=None, role="admin")
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(900, "Quản trị")
        tg.fail_next("sendMessage", error="403")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            report = await run_reminders(
                db=db, sender=TelegramSender(bot), config=cfg.reminder_config(), now=THURSDAY
            )
            assert (report.blocked, report.sent) == (1, 0)
            # the admins' next digest (here: a later run the same day) lists her; she gets nothing more
            again = await run_reminders(
                db=db,
                sender=TelegramSender(bot),
                config=cfg.reminder_config(),
                now=THURSDAY + timedelta(hours=1),
            )
            assert (again.planned, again.sent) == (1, 1)
            friday = await run_reminders(
                db=db,
                sender=TelegramSender(bot),
                config=cfg.reminder_config(),
                now=THURSDAY + timedelta(days=1),
            )
            assert friday.sent == 1  # the admin once more (blocked since the previous working day)
            monday = await run_reminders(
                db=db,
                sender=TelegramSender(bot),
                config=cfg.reminder_config(),
                now=THURSDAY + timedelta(days=4),
            )
            assert monday.planned == 1  # only the weekly digest: her block is no longer news
        assert sends_per_chat(tg) == {101: 1, 900: 3}
        assert "Nguyễn Thị Lan" not in (tg.messages_to(900)[2].text or "")
        notice = tg.messages_to(900)[0].text or ""
        assert "Cán bộ không nhận được tin nhắn" in notice
        assert "Nguyễn Thị Lan (Văn phòng HĐND và UBND xã)" in notice
    with db.session() as session:
        lan = session.get(Official, ids["lan"])
        assert lan is not None and lan.reachable is False
    statuses = {(r.official_id, r.day): r.status for r in digest_rows(db)}
    assert statuses[(ids["lan"], date(2025, 11, 20))] == "blocked"
    assert statuses[(admin, date(2025, 11, 21))] == "sent"


@pytest.mark.parametrize("fault", ["500", "502", "reset"])
async def test_server_errors_are_retried(db: Database, world: World, cfg: Settings, fault: str) -> None:
    seed(world)
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(102, "Hùng")
        tg.fail_next("sendMessage", error=fault, times=2)  # type: ignore[arg-type]
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            report = await run_reminders(
                db=db,
                sender=TelegramSender(bot),
                config=cfg.reminder_config(),
                now=THURSDAY,
                backoff_base=0.01,
            )
        assert (report.sent, report.failed, report.retried) == (2, 0, 2)
        assert {c: len(tg.messages_to(c)) for c in (101, 102)} == {101: 1, 102: 1}


async def test_a_send_that_keeps_failing_is_retried_on_the_next_run(
    db: Database, world: World, cfg: Settings
) -> None:
    seed(world)
    async with FakeTelegram() as tg:
        tg.user(101, "Lan")
        tg.user(102, "Hùng")
        tg.fail_next("sendMessage", error="500", times=8)
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            first = await run_reminders(
                db=db,
                sender=TelegramSender(bot),
                config=cfg.reminder_config(),
                now=THURSDAY,
                backoff_base=0.01,
            )
            assert first.failed == 2 and first.sent == 0
            assert {r.status for r in digest_rows(db)} == {"failed"}
            second = await run_reminders(
                db=db,
                sender=TelegramSender(bot),
                config=cfg.reminder_config(),
                now=THURSDAY,
                backoff_base=0.01,
            )
        assert second.sent == 2
        assert {c: len(tg.messages_to(c)) for c in (101, 102)} == {101: 1, 102: 1}
    assert {(r.status, r.attempts) for r in digest_rows(db)} == {("sent", 2)}


async def test_weekly_digest_for_leaders_on_monday(db: Database, world: World, cfg: Settings) -> None:
    ids = seed(world)
    leader = world.official(500, "Vũ Văn Chủ Tịch", org=ids["org"], agency=None, role="leader")
    world.report(ids["coord"], "in_progress", date(2025, 11, 14))
    monday = datetime(2025, 11, 17, 8, 0, tzinfo=HCM)
    report = await run_reminders(db=db, sender=None, config=cfg.reminder_config(), now=monday, dry_run=True)
    weekly = [d for d in report.previews if d.kind == "weekly"]
    assert [d.official_id for d in weekly] == [leader]
    text = weekly[0].text
    assert "Tổng hợp tuần 17/11–23/11/2025" in text
    assert "Tỷ lệ hoàn thành Quý IV/2025 đến nay (đã và đang thực hiện): <b>50,0%</b>" in text
    assert "II.2.1" in text and "III.1" in text  # both fall due this week
    tuesday = await run_reminders(
        db=db, sender=None, config=cfg.reminder_config(), now=monday + timedelta(days=1), dry_run=True
    )
    assert all(d.kind == "daily" for d in tuesday.previews)


def test_two_runner_processes_never_double_send(database_url: str, db: Database, world: World) -> None:
    ids = seed(world)
    for n in range(30):
        world.official(2000 + n, f"Cán bộ {n}", org=ids["org"], agency=ids["vp"])
    env = dict(os.environ)
    with FakeTelegram.run_in_thread() as tg:
        for n in range(30):
            tg.user(2000 + n, f"Cán bộ {n}")
        tg.user(101, "Lan")
        tg.user(102, "Hùng")
        env.update(
            {
                "DATABASE_URL": database_url,
                "TELEGRAM_BOT_TOKEN": tg.token,
                "TELEGRAM_API_BASE_URL": tg.base_url,
                "TELEGRAM_API_FILE_URL": tg.file_url,
                "PLANBOT_TIMEZONE": "Asia/Ho_Chi_Minh",
                "PLANBOT_REMINDER_TIME": "07:30",
                "PLANBOT_LOG_LEVEL": "WARNING",
            }
        )
        command = [sys.executable, "-m", "bot.cli", "remind", "--at", "2025-11-20T07:45"]
        runners = [
            subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        outputs = [r.communicate(timeout=120) for r in runners]
        assert [r.returncode for r in runners] == [0, 0], outputs
        per_chat = sends_per_chat(tg)
    assert len(per_chat) == 32 and set(per_chat.values()) == {1}, per_chat
    assert {r.status for r in digest_rows(db)} == {"sent"}
