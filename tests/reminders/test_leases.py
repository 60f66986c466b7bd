"""Issue 17: leases on digest claims. A pass killed while a 429 kept it waiting leaves claims that a
later pass sends once their lease has run out; a live pass renews its leases, so nobody resends
what it is still sending; the scheduler runs a pass just after the lease when claims were held."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import select

from bot.offline.fake import FakeTelegram
from bot.runtime.jobs import MAX_RETAKES, RETAKE_JOB, schedule_retake
from storage.db import Database
from storage.models import DigestLog
from storage.queries.escalations import claim_escalations, renew_escalation_leases
from storage.queries.reminders import claim_digests, renew_leases
from tests.support.reminder_world import World

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2025, 11, 20)
LEASE_SECONDS = 4


def _seed(world: World, count: int) -> dict[int, int]:
    """Officials with a task due today: chat id → official id."""
    org = world.organization("UBND xã Thanh Xá")
    vp = world.agency(org, "Văn phòng HĐND và UBND xã")
    plan = world.plan(org)
    world.task(
        plan,
        "II.1",
        "Niêm yết, công khai TTHC",
        due=DAY,
        lead=[vp],
        deadline_text="Chậm nhất ngày 20/11/2025",
    )
    return {3000 + n: world.official(3000 + n, f"Cán bộ {n}", org=org, agency=vp) for n in range(count)}


def _claims(db: Database) -> list[DigestLog]:
    with db.session() as session:
        return list(session.exec(select(DigestLog)).all())


def test_a_live_lease_is_kept_and_a_lapsed_one_taken_over(db: Database, world: World) -> None:
    (official_id,) = _seed(world, 1).values()
    now = datetime(2025, 11, 20, 0, 45, tzinfo=UTC)
    lease = timedelta(seconds=90)
    first = db.call(claim_digests, day=DAY, kind="daily", official_ids=[official_id], now=now,
                    stale_before=now - timedelta(minutes=10), lease_until=now + lease)  # fmt: skip
    assert first == [official_id]
    later = now + timedelta(seconds=60)
    # Another pass a minute later: the lease still runs (a 429 may be keeping the first pass waiting).
    assert db.call(claim_digests, day=DAY, kind="daily", official_ids=[official_id], now=later,
                   stale_before=later - timedelta(minutes=10), lease_until=later + lease) == []  # fmt: skip
    assert db.call(renew_leases, day=DAY, kind="daily", official_ids=[official_id], until=later + lease) == 1
    # Two minutes after the claim the renewed lease still holds; once it runs out, the claim is taken.
    two = now + timedelta(minutes=2)
    assert db.call(claim_digests, day=DAY, kind="daily", official_ids=[official_id], now=two,
                   stale_before=two - timedelta(minutes=10), lease_until=two + lease) == []  # fmt: skip
    lapsed = later + lease + timedelta(seconds=1)
    assert db.call(claim_digests, day=DAY, kind="daily", official_ids=[official_id], now=lapsed,
                   stale_before=lapsed - timedelta(minutes=10), lease_until=lapsed + lease) == [official_id]  # fmt: skip
    (row,) = _claims(db)
    assert (row.status, row.attempts) == ("claimed", 2)


def _runner(env: dict[str, str]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "bot.cli", "remind", "--at", "2025-11-20T07:45"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_kill_9_during_a_pass_then_every_official_gets_one_digest(
    database_url: str, db: Database, world: World
) -> None:
    chats = _seed(world, 6)
    env = dict(os.environ)
    with FakeTelegram.run_in_thread() as tg:
        for chat in chats:
            tg.user(chat, f"Cán bộ {chat}")
        env.update(
            {
                "DATABASE_URL": database_url,
                "TELEGRAM_BOT_TOKEN": tg.token,
                "TELEGRAM_API_BASE_URL": tg.base_url,
                "TELEGRAM_API_FILE_URL": tg.file_url,
                "PLANBOT_TIMEZONE": "Asia/Ho_Chi_Minh",
                "PLANBOT_REMINDER_TIME": "07:30",
                "PLANBOT_LOG_LEVEL": "WARNING",
                "PLANBOT_REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
            }
        )
        # Flood control answers every first attempt with a ten-minute wait: the pass sits waiting.
        tg.fail_next("sendMessage", error="429", times=100, retry_after=600)
        stuck = _runner(env)
        deadline = time.monotonic() + 60
        while not tg.calls_to("sendMessage") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert tg.calls_to("sendMessage"), "the pass never tried to send"
        time.sleep(LEASE_SECONDS * 0.6)  # at least one renewal went out while it waited
        os.kill(stuck.pid, signal.SIGKILL)
        stuck.communicate(timeout=30)
        tg.clear_faults()
        assert {r.status for r in _claims(db)} == {"claimed"} and len(_claims(db)) == len(chats)

        # Right after the restart the dead pass's leases still run: nothing is sent twice.
        early = _runner(env)
        out, err = early.communicate(timeout=120)
        assert early.returncode == 0, (out, err)
        delivered: Counter[int] = Counter(
            int(c.params["chat_id"]) for c in tg.calls_to("sendMessage") if not c.error
        )
        leases = [r.lease_until for r in _claims(db) if r.status == "claimed"]
        if leases:  # the restart came before the leases ran out (the usual case)
            time.sleep(max(0.0, max(_aware(t) for t in leases if t).timestamp() - time.time()) + 0.5)
        late = _runner(env)
        out, err = late.communicate(timeout=120)
        assert late.returncode == 0, (out, err)
        delivered = Counter(int(c.params["chat_id"]) for c in tg.calls_to("sendMessage") if not c.error)
    assert delivered == Counter(dict.fromkeys(chats, 1)), delivered
    assert {r.status for r in _claims(db)} == {"sent"}


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _Jobs:
    def __init__(self) -> None:
        self.scheduled: list[tuple[float, str]] = []

    def get_jobs_by_name(self, name: str) -> list[str]:
        return [n for _w, n in self.scheduled if n == name]

    def run_once(self, callback: Any, when: float, name: str, job_kwargs: Any) -> None:
        self.scheduled.append((when, name))


class _App:
    def __init__(self) -> None:
        self.job_queue = _Jobs()
        self.bot_data: dict[str, Any] = {}


def test_held_claims_bring_a_pass_just_after_the_lease_a_few_times_a_day() -> None:
    app = _App()
    assert schedule_retake(app, timedelta(seconds=90), DAY)
    assert not schedule_retake(app, timedelta(seconds=90), DAY)  # one is already waiting
    assert app.job_queue.scheduled == [(95.0, RETAKE_JOB)]
    for _ in range(MAX_RETAKES * 2):
        app.job_queue.scheduled.clear()
        schedule_retake(app, timedelta(seconds=90), DAY)
    assert app.bot_data["reminder_retakes"][DAY] == MAX_RETAKES
    app.job_queue.scheduled.clear()
    assert schedule_retake(app, timedelta(seconds=90), DAY + timedelta(days=1))  # a new day


def test_escalation_claims_are_leased_too(db: Database, world: World) -> None:
    org = world.organization("UBND xã Thanh Xá")
    agency = world.agency(org, "Văn phòng HĐND và UBND xã")
    leader = world.official(4001, "Lê Văn Bình", org=org, agency=None, role="leader")
    row = {
        "organization_id": org, "kind": "missing_report", "subject_id": agency, "task_id": None,
        "agency_id": agency, "period_start": date(2025, 7, 1), "period_end": date(2025, 9, 30),
        "official_id": leader, "days_overdue": 0,
    }  # fmt: skip
    now = datetime(2025, 10, 21, 0, 45, tzinfo=UTC)
    lease = timedelta(seconds=90)

    def claim(at: datetime) -> dict[Any, int]:
        return db.call(claim_escalations, rows=[row], now=at, stale_before=at - timedelta(minutes=10),
                       lease_until=at + lease)  # fmt: skip

    (escalation_id,) = claim(now).values()
    assert claim(now + timedelta(seconds=60)) == {}  # the first pass is still sending
    assert db.call(renew_escalation_leases, ids=[escalation_id], until=now + timedelta(seconds=150)) == 1
    assert claim(now + timedelta(seconds=120)) == {}  # renewed
    assert list(claim(now + timedelta(seconds=151)).values()) == [escalation_id]  # its pass died
