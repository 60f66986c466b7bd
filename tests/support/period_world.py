"""A commune for the period report (/baocaoky): one agency with many continuous tasks ("Thường
xuyên"), another agency's task beside them, an official of the agency and a leader."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database
from storage.models import DeadlineKind
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task

OFFICIAL = 301
LEADER = 302
ROUTINE = [
    "Tiếp nhận, giải quyết hồ sơ thủ tục hành chính",
    "Cập nhật, công khai thủ tục hành chính",
    "Tuyên truyền pháp luật cho nhân dân",
    "Kiểm tra việc thực hiện quy chế dân chủ",
    "Theo dõi công tác cải cách hành chính",
]


@dataclass
class Commune:
    org_id: int
    agency_id: int
    tasks: dict[str, int]


def build_commune(db: Database, count: int = 23, year: int = 2025) -> Commune:
    """A commune whose Văn phòng has `count` continuous tasks ("Thường xuyên"), one official, one leader."""
    with db.session() as s:
        org = add_organization(s, "UBND xã Thanh Xá")
        agency = add_agency(s, org, "Văn phòng HĐND và UBND xã")
        other = add_agency(s, org, "Phòng Văn hóa - Xã hội")
        plan = add_plan(s, org, f"Kế hoạch cải cách hành chính năm {year}", number="12/KH-UBND", year=year)
        tasks = {}
        for i in range(1, count + 1):
            code = f"I.{i}"
            tasks[code] = add_task(
                s,
                plan,
                code,
                f"{ROUTINE[i % len(ROUTINE)]} (nội dung {i})",
                lead=[agency],
                number=str(i),
                kind="task",
                level=2,
                position=i,
                section="I",
                deadline_text=f"Thường xuyên trong năm {year}",
                deadline_kind=DeadlineKind.continuous,
            )
        tasks["X.1"] = add_task(
            s,
            plan,
            "X.1",
            "Việc của phòng khác",
            lead=[other],
            kind="task",
            level=2,
            position=100,
            deadline_text="Thường xuyên",
            deadline_kind=DeadlineKind.continuous,
        )
        add_official(s, OFFICIAL, "Nguyễn Văn An", organization_id=org, agency_id=agency)
        add_official(s, LEADER, "Trần Thị Bình", organization_id=org, agency_id=None, role="leader")
    return Commune(org, agency, tasks)
