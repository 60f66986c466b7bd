"""Benchmark (not a test): one reminder pass to N officials against a fake Bot API enforcing
30 messages/second overall and 1/second per chat.

    .venv/bin/python benchmarks/reminder_fanout.py --officials 10000
    .venv/bin/python benchmarks/reminder_fanout.py --officials 300 --no-write   # a quick check

Prints the digest compute time, the send rate vs 30/s, the number of 429 answers, and checks that
every official got exactly one message. 10,000 digests take about 10,000 / 30 ≈ 6 minutes.
The figures are written into the "reminder_fanout" section of BENCHMARKS.md (unless --no-write).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.results import verdict, write_section
from bot.offline.fake import FakeTelegram
from bot.runtime.sender import TelegramSender, build_bot
from bot.settings import load_settings
from reminders.dispatch import organization_snapshots, run_reminders
from reminders.planning import organizations_of, plan_digests
from storage.db import Database
from storage.models import Agency, Official, Organization, Plan, Task, TaskAgency
from storage.queries.reminders import load_recipients
from storage.text import fold

NOW = datetime(2025, 11, 20, 7, 45, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
FIRST_USER = 100_000


def populate(db: Database, officials: int, agencies: int = 20, tasks: int = 60) -> None:
    with db.session() as session:
        org = Organization(name="UBND xã Thanh Xá", name_key=fold("UBND xã Thanh Xá"))
        session.add(org)
        session.flush()
        assert org.id is not None
        agency_rows = [
            Agency(organization_id=org.id, name=f"Đơn vị {i}", name_key=f"don vi {i}")
            for i in range(agencies)
        ]
        session.add_all(agency_rows)
        plan = Plan(organization_id=org.id, title="Kế hoạch kiểm soát TTHC năm 2025", year=2025)
        session.add(plan)
        session.flush()
        assert plan.id is not None
        for i in range(tasks):
            task = Task(
                plan_id=plan.id,
                code=f"II.{i + 1}",
                content=f"Niêm yết, công khai thủ tục hành chính số {i + 1} tại Bộ phận Một cửa",
                deadline_kind="date",
                deadline_due=date(2025, 11, 20 + i % 2),
            )
            session.add(task)
            session.flush()
            assert task.id is not None
            agency_id = agency_rows[i % agencies].id
            assert agency_id is not None
            session.add(TaskAgency(task_id=task.id, agency_id=agency_id, role="lead"))
        session.add_all(
            Official(
                telegram_user_id=FIRST_USER + n,
                chat_id=FIRST_USER + n,
                full_name=f"Cán bộ {n}",
                organization_id=org.id,
                agency_id=agency_rows[n % agencies].id,
            )
            for n in range(officials)
        )


def render(
    officials: int,
    load_s: float,
    compute_s: float,
    sent: int,
    elapsed: float,
    answered_429: int,
    failed: int,
    lost: int,
    duplicated: int,
) -> str:
    rate = sent / elapsed if elapsed else 0.0
    share = rate / 30
    compute = load_s + compute_s
    return "\n".join(
        [
            "## Reminder fan-out (issue 7 #2)",
            "",
            f"Command: `.venv/bin/python benchmarks/reminder_fanout.py --officials {officials}`",
            "",
            f"{officials:,} officials with due tasks, one reminder pass against the fake Bot API enforcing "
            "30 messages/s overall and 1/s per chat (429 with `retry_after` beyond them).",
            "",
            "| Figure | Value | Goal |",
            "|---|---:|---|",
            f"| Digests computed (load {load_s:.2f} s + compute {compute_s:.2f} s) | {compute:.2f} s | "
            f"{verdict(compute < 5)} (< 5 s) |",
            f"| Sent | {sent:,} in {elapsed:.1f} s | — |",
            f"| Sustained send rate | {rate:.1f} msg/s = {share:.1%} of 30/s | {verdict(share >= 0.9)} (≥ 90%) |",
            f"| 429 answers | {answered_429} | — |",
            f"| Failed | {failed} | — |",
            f"| Lost (official without a digest) | {lost} | {verdict(lost == 0)} (0) |",
            f"| Duplicated (more than one digest) | {duplicated} | {verdict(duplicated == 0)} (0) |",
        ]
    )


async def main(officials: int, write: bool = True) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        db = Database(url)
        populate(db, officials)
        settings = load_settings(DATABASE_URL=url, PLANBOT_TIMEZONE="Asia/Ho_Chi_Minh")
        started = time.perf_counter()
        snap = db.call(load_recipients, day=NOW.date())
        orgs = db.call(organization_snapshots, organization_ids=organizations_of(snap))
        loaded = time.perf_counter()
        _day, _working, digests = plan_digests(snap, orgs, now=NOW, config=settings.reminder_config())
        computed = time.perf_counter()
        print(f"{len(digests)} digests: load {loaded - started:.2f} s, compute {computed - loaded:.2f} s")
        async with FakeTelegram(enforce_limits=True) as tg:
            for n in range(officials):
                tg.user(FIRST_USER + n, f"Cán bộ {n}")
            async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
                t0 = time.perf_counter()
                report = await run_reminders(
                    db=db, sender=TelegramSender(bot), config=settings.reminder_config(), now=NOW
                )
                elapsed = time.perf_counter() - t0
            per_chat = Counter(int(c.params["chat_id"]) for c in tg.calls_to("sendMessage") if not c.error)
            answered_429 = sum(1 for c in tg.calls_to("sendMessage") if c.error and "Too Many" in c.error)
        db.dispose()
    rate = report.sent / elapsed if elapsed else 0.0
    exactly_once = len(per_chat) == officials and set(per_chat.values()) == {1}
    print(f"sent {report.sent} in {elapsed:.1f} s = {rate:.1f} msg/s (limit 30/s)")
    print(f"429 answers: {answered_429}; failed: {report.failed}; exactly one each: {exactly_once}")
    if write:
        lost = officials - len(per_chat)
        duplicated = sum(1 for n in per_chat.values() if n > 1)
        write_section(
            "reminder_fanout",
            render(
                officials,
                loaded - started,
                computed - loaded,
                report.sent,
                elapsed,
                answered_429,
                report.failed,
                lost,
                duplicated,
            ),
        )
    return 0 if exactly_once else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--officials", type=int, default=10_000, help="fewer for a quick run, e.g. 300")
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.officials, write=not args.no_write)))
