"""A 2025 plan with a task of every deadline kind and a year of reports (issue 12's status world):
I.1 done late, I.4 in progress then done in the window, II.1 continuous, II.2 continuous with a
milestone (20/6), III.1 monthly before the 18th, III.2 on demand, III.3 without a usable deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from storage.db import Database
from storage.models import Official, ProgressReport
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Commune:
    org: int
    leader: Official
    official: Official
    tasks: dict[str, int]


def build_status_world(db: Database) -> Commune:
    with db.session() as s:
        org = add_organization(s, "UBND xã Thanh Xá")
        vp = add_agency(s, org, "Văn phòng HĐND và UBND xã")
        plan = add_plan(
            s,
            org,
            "Kế hoạch kiểm soát TTHC năm 2025",
            year=2025,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
        )
        rows = [
            ("I.1", "date", date(2025, 3, 15), None, None, [], "Chậm nhất ngày 15/3/2025"),
            ("I.2", "month", date(2025, 8, 31), date(2025, 8, 1), None, [], "Trong tháng 08/2025"),
            ("I.3", "quarter", date(2025, 9, 30), date(2025, 7, 1), None, [], "Quý III/2025"),
            ("I.4", "range", date(2025, 6, 30), date(2025, 4, 1), None, [], "Từ tháng 4 đến tháng 6/2025"),
            ("II.1", "continuous", date(2025, 12, 31), date(2025, 1, 1), None, [], "Thường xuyên"),
            (
                "II.2",
                "continuous",
                date(2025, 12, 31),
                date(2025, 1, 1),
                None,
                [{"day": "2025-06-20", "text": "chậm nhất ngày 20/6/2025"}],
                "Thường xuyên trong năm 2025; chậm nhất ngày 20/6/2025 gửi kết quả",
            ),
            (
                "III.1",
                "recurring",
                date(2025, 12, 31),
                date(2025, 1, 1),
                "monthly:18",
                [],
                "Trước ngày 18 hàng tháng",
            ),
            ("III.2", "on_demand", None, None, None, [], "Khi có phát sinh"),
            ("III.3", "unknown", None, None, None, [], "Theo lộ trình"),
        ]
        tasks = {}
        for position, (code, kind, due, start, rule, milestones, text) in enumerate(rows):
            tasks[code] = add_task(
                s,
                plan,
                code,
                f"Nhiệm vụ {code} của kế hoạch",
                lead=[vp],
                kind="task",
                level=2,
                position=position,
                deadline_kind=kind,
                deadline_due=due,
                deadline_start=start,
                recurrence=rule,
                milestones=milestones,
                deadline_text=text,
            )
        reports = [
            # I.1 done late (after its due day); I.4 in progress then done in the window
            ("I.1", "done", date(2025, 3, 20), (date(2025, 1, 1), date(2025, 3, 31))),
            ("I.4", "in_progress", date(2025, 5, 10), (date(2025, 4, 1), date(2025, 6, 30))),
            ("I.4", "done", date(2025, 7, 8), (date(2025, 4, 1), date(2025, 6, 30))),
            ("II.1", "done", date(2025, 4, 10), (date(2025, 1, 1), date(2025, 3, 31))),
            ("II.1", "in_progress", date(2025, 7, 15), (date(2025, 4, 1), date(2025, 6, 30))),
            ("II.2", "done", date(2025, 6, 18), (date(2025, 4, 1), date(2025, 6, 30))),
            ("III.1", "done", date(2025, 1, 16), (date(2025, 1, 1), date(2025, 1, 31))),
            ("III.1", "done", date(2025, 2, 17), (date(2025, 2, 1), date(2025, 2, 28))),
            ("III.2", "not_done", date(2025, 9, 1), (date(2025, 7, 1), date(2025, 9, 30))),
            ("III.3", "in_progress", date(2025, 11, 3), (date(2025, 10, 1), date(2025, 12, 31))),
        ]
        for code, status, sent, (start, end) in reports:
            s.add(
                ProgressReport(
                    task_id=tasks[code],
                    status=status,
                    reported_on=sent,
                    period_start=start,
                    period_end=end,
                    created_at=datetime.combine(sent, time(9), HCM),
                )
            )
        leader_id = add_official(s, 1, "Phạm Thị Mây", organization_id=org, agency_id=None, role="leader")
        official_id = add_official(s, 2, "Vũ Thị Thu", organization_id=org, agency_id=vp)
    with db.session() as s:
        leader, official = s.get(Official, leader_id), s.get(Official, official_id)
        assert leader is not None and official is not None
        return Commune(org, leader, official, tasks)
