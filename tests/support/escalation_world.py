"""A commune with something to escalate (tests of reminders/escalation.py and its buttons): on
Thursday 20/11/2025 the task II.2 of the Văn phòng has been overdue since 15/10 (26 working days),
II.3 of Văn hóa xã hội xã only since 14/11, and Quý III/2025's reporting window closed on 20/10
with II.2 and II.3 unreported (II.4 was reported done)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from tests.support.reminder_world import World

NOW = datetime(2025, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
VP = "Văn phòng HĐND và UBND xã"
VH = "Văn hóa xã hội xã"


@dataclass
class Ids:
    org: int
    vp: int
    vh: int
    old: int
    recent: int
    leader_vp: int
    leader: int
    officer: int


def commune(world: World) -> Ids:
    org = world.organization()
    vp = world.agency(org, VP)
    vh = world.agency(org, VH)
    plan = world.plan(org)
    old = world.task(
        plan, "II.2", "Rà soát, đơn giản hóa thủ tục hành chính", due=date(2025, 10, 15), lead=[vp]
    )
    recent = world.task(
        plan, "II.3", "Số hóa hồ sơ, kết quả giải quyết TTHC", due=date(2025, 11, 14), lead=[vh]
    )
    done = world.task(plan, "II.4", "Niêm yết, công khai TTHC", due=date(2025, 10, 1), lead=[vp])
    world.report(done, "done", date(2025, 9, 30))
    return Ids(
        org,
        vp,
        vh,
        old,
        recent,
        leader_vp=world.official(100, "Trần Văn An", org=org, agency=vp, role="leader"),
        leader=world.official(101, "Phạm Thị Mây", org=org, agency=None, role="leader"),
        officer=world.official(200, "Lê Thị Hoa", org=org, agency=vp),
    )
