"""Escalation: what reaches the leader in charge (a task overdue for more than N working days, an
agency without its period report once the window closed), sent exactly once — on a second pass,
after a restart, and when two processes run the pass at the same moment."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from reminders.digest import Digest
from reminders.dispatch import organization_snapshots
from reminders.escalation import MISSING, OVERDUE, leaders_in_charge, plan_escalations
from reminders.escalation_dispatch import run_escalations
from reminders.sending import Delivery
from storage.db import Database
from storage.models import Escalation
from storage.queries.reminders import load_recipients
from tests.support.escalation_world import NOW, commune
from tests.support.reminder_world import World, make_settings, recipient

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    """A Sender that keeps what it was given."""

    def __init__(self) -> None:
        self.sent: list[Digest] = []

    async def deliver(self, digest: Digest) -> Delivery:
        self.sent.append(digest)
        return Delivery("sent", message_id=len(self.sent))


def _kinds(digests: list[Digest]) -> list[tuple[int, str]]:
    return sorted((d.official_id, d.text.splitlines()[0]) for d in digests)


async def test_each_notice_goes_to_the_leader_in_charge_once(db: Database) -> None:
    ids = commune(World(db))
    config = make_settings(db.url).reminder_config()
    sender = Recorder()
    first = await run_escalations(db=db, sender=sender, config=config, now=NOW)
    assert (first.planned, first.claimed, first.sent) == (4, 4, 4)
    assert _kinds(sender.sent) == [
        (ids.leader_vp, "⚠️ <b>Nhiệm vụ quá hạn 26 ngày làm việc</b>"),  # 15/10 → 20/11: only II.2 is over 10
        (ids.leader_vp, "⚠️ <b>Đơn vị chưa báo cáo Quý III/2025</b>"),  # its own agency's silence
        (ids.leader_vp, "⚠️ <b>Đơn vị chưa báo cáo Quý III/2025</b>"),  # no leader of its own: every leader
        (ids.leader, "⚠️ <b>Đơn vị chưa báo cáo Quý III/2025</b>"),
    ]
    overdue = next(d for d in sender.sent if "quá hạn" in d.text)
    assert "<b>II.2</b> Rà soát, đơn giản hóa thủ tục hành chính" in overdue.text
    assert "Hạn đã qua: 15/10/2025" in overdue.text
    assert [[b.text for b in row] for row in overdue.buttons] == [
        ["📣 Nhắc đơn vị", "📝 Yêu cầu giải trình"],
        ["📄 II.2"],
    ]
    assert {b.action for row in overdue.buttons for b in row} == {"remind", "explain", "card"}
    silent = [d for d in sender.sent if "Văn hóa xã hội xã" in d.text]
    assert len(silent) == 2 and "chưa có báo cáo 1/1 nhiệm vụ chủ trì" in silent[0].text
    assert "Hạn báo cáo 20/10/2025 đã qua." in silent[0].text

    again = await run_escalations(db=db, sender=sender, config=config, now=NOW.replace(hour=15))
    assert (again.planned, again.sent) == (0, 0) and len(sender.sent) == 4
    rows = db.call(lambda session: list(session.exec(select(Escalation)).all()))
    assert sorted(r.status for r in rows) == ["sent"] * 4 and all(r.message_id for r in rows)


async def test_nothing_before_the_reminder_time_on_days_off_or_when_disabled(db: Database) -> None:
    commune(World(db))
    sender = Recorder()
    config = make_settings(db.url).reminder_config()
    early = await run_escalations(db=db, sender=sender, config=config, now=NOW.replace(hour=6))
    saturday = await run_escalations(
        db=db, sender=sender, config=config, now=datetime(2025, 11, 22, 9, tzinfo=TZ)
    )
    off = make_settings(db.url, PLANBOT_ESCALATION="false").reminder_config()
    disabled = await run_escalations(db=db, sender=sender, config=off, now=NOW)
    assert (early.planned, saturday.planned, disabled.planned, sender.sent) == (0, 0, 0, [])
    later = make_settings(db.url, PLANBOT_ESCALATE_AFTER_DAYS="30").reminder_config()
    report = await run_escalations(db=db, sender=sender, config=later, now=NOW)
    assert report.sent == 3 and not any("quá hạn" in d.text for d in sender.sent)


async def test_a_failed_send_is_retried_and_a_blocked_leader_is_not(db: Database) -> None:
    ids = commune(World(db))
    config = make_settings(db.url).reminder_config()

    class Flaky(Recorder):
        async def deliver(self, digest: Digest) -> Delivery:
            if digest.official_id == ids.leader:
                return Delivery("blocked", error="Forbidden: bot was blocked by the user")
            if "quá hạn" in digest.text and not getattr(self, "failed_once", False):
                self.failed_once = True
                return Delivery("failed", error="Bad Request: chat not found")
            return await super().deliver(digest)

    sender = Flaky()
    first = await run_escalations(db=db, sender=sender, config=config, now=NOW, backoff_base=0)
    assert (first.sent, first.failed, first.blocked) == (2, 1, 1)
    second = await run_escalations(
        db=db, sender=sender, config=config, now=NOW.replace(hour=10), backoff_base=0
    )
    assert (second.planned, second.sent) == (1, 1)  # the failed one; the blocked leader is unreachable
    third = await run_escalations(db=db, sender=sender, config=config, now=NOW.replace(hour=11))
    assert third.planned == 0 and len(sender.sent) == 3


def test_planning_picks_the_leaders_in_charge(db: Database) -> None:
    ids = commune(World(db))
    config = make_settings(db.url).reminder_config()
    snap = db.call(load_recipients, day=NOW.date())
    orgs = db.call(organization_snapshots, organization_ids={ids.org})
    notices = plan_escalations(snap.officials, orgs, NOW.date(), config)
    assert sorted((n.due.kind, n.due.subject_id, n.recipient.official_id) for n in notices) == sorted(
        [
            (OVERDUE, ids.old, ids.leader_vp),
            (MISSING, ids.vp, ids.leader_vp),
            (MISSING, ids.vh, ids.leader_vp),
            (MISSING, ids.vh, ids.leader),
        ]
    )
    missing_vp = next(n for n in notices if n.due.kind == MISSING and n.due.subject_id == ids.vp)
    assert (missing_vp.due.missing, missing_vp.due.total) == (1, 2)  # II.4 was reported in Q3
    admin = recipient(9, None, role="admin")
    assert leaders_in_charge([ids.vh], [admin], {}) == [admin]  # no leader at all: the admins
    blocked = recipient(10, ids.vh, role="leader", reachable=False)
    other = recipient(11, None, role="leader")
    assert leaders_in_charge([ids.vh], [blocked, other], {}) == [other]


SCRIPT = """
import asyncio, json, sys, time
from datetime import datetime
from zoneinfo import ZoneInfo
from reminders.escalation_dispatch import run_escalations
from reminders.sending import Delivery
from storage.db import Database
from tests.support.reminder_world import make_settings

url, out, start = sys.argv[1], sys.argv[2], float(sys.argv[3])

class Sender:
    async def deliver(self, digest):
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps({"official": digest.official_id, "head": digest.text.splitlines()[0]}) + "\\n")
        await asyncio.sleep(0.05)
        return Delivery("sent", message_id=1)

db = Database(url)
config = make_settings(url).reminder_config()
while time.time() < start:
    time.sleep(0.005)
now = datetime(2025, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
report = asyncio.run(run_escalations(db=db, sender=Sender(), config=config, now=now))
print(json.dumps({"claimed": report.claimed, "skipped": report.skipped, "sent": report.sent}))
db.dispose()
"""


def test_exactly_once_across_two_processes(db: Database, tmp_path: Path) -> None:
    commune(World(db))
    start = time.time() + 3.0  # both start at the same moment, after their imports
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outs = [tmp_path / f"sent-{i}.jsonl" for i in range(2)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, db.url, str(out), str(start)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    results = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    sent = [json.loads(line) for out in outs if out.exists() for line in out.read_text().splitlines()]
    assert len(sent) == 4, sent  # every notice once, whichever process claimed it
    assert len({(s["official"], s["head"], i) for i, s in enumerate(sent)}) == 4
    assert sum(r["claimed"] for r in results) == 4 and sum(r["sent"] for r in results) == 4
    again = asyncio.run(
        run_escalations(db=db, sender=Recorder(), config=make_settings(db.url).reminder_config(), now=NOW)
    )
    assert again.planned == 0
