"""A small commune to test against: Thanh Xá's agencies and tasks written straight into the database
(the world of the handler, bot and view tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from storage.db import Database
from storage.models import (
    AgencyGroupMember,
    DeadlineKind,
)
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task

TTPVHCC = "Trung tâm Phục vụ hành chính công"
VHXH = "Phòng Văn hóa - Xã hội"
VP = "Văn phòng HĐND và UBND xã"
GROUP = "Các cơ quan chuyên môn thuộc UBND xã"

# Extra tasks of the Trung tâm so that /viec needs more than one page.
CENTRE_ROUTINE = [
    "Tiếp nhận, giải quyết và trả kết quả hồ sơ thủ tục hành chính đúng hạn",
    "Cập nhật, công khai thủ tục hành chính trên Cổng Dịch vụ công quốc gia",
    "Triển khai thực hiện thủ tục hành chính không phụ thuộc vào địa giới hành chính",
    "Thực hiện thanh toán trực tuyến phí, lệ phí giải quyết thủ tục hành chính",
    "Đánh giá chất lượng giải quyết thủ tục hành chính theo Bộ chỉ số",
    "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
    "Báo cáo định kỳ tình hình, kết quả thực hiện kiểm soát thủ tục hành chính",
]


# The day the commune's tests run on: a Thursday inside Q4/2025, outside any reporting window, so
# that a test never depends on the day the suite happens to run. The harness's clock starts there.
TODAY = date(2025, 11, 20)
MORNING = datetime.combine(TODAY, time(9), ZoneInfo("Asia/Ho_Chi_Minh"))


def local_today() -> date:
    return TODAY


@dataclass
class World:
    db: Database
    org_id: int = 0
    other_org_id: int = 0
    agencies: dict[str, int] = field(default_factory=dict)
    tasks: dict[str, int] = field(default_factory=dict)
    other_task_id: int = 0
    plan_id: int = 0

    def add_official(
        self,
        user_id: int,
        full_name: str,
        agency: str | None,
        role: str = "official",
        *,
        org: int | None = -1,
    ) -> int:
        with self.db.session() as session:
            return add_official(
                session,
                user_id,
                full_name,
                organization_id=self.org_id if org == -1 else org,  # -1: the default commune
                agency_id=self.agencies[agency] if agency else None,
                role=role,
            )


def task_row(
    session: Any,
    plan_id: int,
    code: str,
    content: str,
    position: int,
    *,
    lead: list[int],
    coordinating: list[int] = (),  # type: ignore[assignment]
    deadline_text: str | None = None,
    kind: str = DeadlineKind.unknown,
    due: date | None = None,
    targets: list[dict[str, Any]] | None = None,
    product: str | None = None,
) -> int:
    return add_task(
        session,
        plan_id,
        code,
        content,
        lead=lead,
        coordinating=coordinating,
        number=code.rsplit(".", 1)[-1],
        kind="task",
        level=2,
        position=position,
        section=code.split(".")[0],
        deadline_text=deadline_text,
        deadline_kind=kind,
        deadline_due=due,
        product=product,
        targets=targets or [],
    )


def build_world(db: Database) -> World:
    world = World(db=db)
    today = local_today()
    with db.session() as s:
        world.org_id = add_organization(s, "UBND xã Thanh Xá")
        world.other_org_id = add_organization(s, "UBND xã Thanh Hà")
        for name in (TTPVHCC, VHXH, VP, GROUP):
            world.agencies[name] = add_agency(s, world.org_id, name, is_group=name == GROUP)
        for member in (VHXH, VP):
            s.add(AgencyGroupMember(group_id=world.agencies[GROUP], member_id=world.agencies[member]))
        world.plan_id = add_plan(
            s,
            world.org_id,
            "Kế hoạch Kiểm soát TTHC, thực hiện cơ chế một cửa, một cửa liên thông năm 2025",
            number="25/KH-UBND",
            year=today.year,
        )
        a = world.agencies
        t = world.tasks
        t["I.1"] = task_row(
            s,
            world.plan_id,
            "I.1",
            "Xây dựng văn bản chỉ đạo của UBND xã, Chủ tịch UBND xã",
            1,
            lead=[a[VP]],
            coordinating=[a[GROUP]],
            deadline_text="Thường xuyên trong năm 2025",
            kind=DeadlineKind.continuous,
            product="Văn bản chỉ đạo, đôn đốc, hướng dẫn",
        )
        t["II.1"] = task_row(
            s,
            world.plan_id,
            "II.1",
            "Niêm yết, công khai thủ tục hành chính (đạt tỷ lệ 100%)",
            2,
            lead=[a[TTPVHCC]],
            coordinating=[a[GROUP]],
            deadline_text="Thường xuyên trong năm 2025",
            kind=DeadlineKind.continuous,
        )
        t["II.2"] = task_row(
            s,
            world.plan_id,
            "II.2",
            "Tổ chức rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền cấp xã",
            3,
            lead=[a[GROUP]],
            coordinating=[a[TTPVHCC]],
            deadline_text="Chậm nhất ngày 15/9/2025",
            kind=DeadlineKind.date,
            due=today - timedelta(days=5),
        )
        t["II.3"] = task_row(
            s,
            world.plan_id,
            "II.3",
            "Số hóa hồ sơ, kết quả giải quyết TTHC",
            4,
            lead=[a[TTPVHCC]],
            coordinating=[a[VHXH]],
            deadline_text="Trước ngày 30/9/2025",
            kind=DeadlineKind.date,
            due=today + timedelta(days=3),
            targets=[{"metric": "hồ sơ, kết quả giải quyết TTHC được số hóa", "min_percent": 60.0}],
            product="Hồ sơ được số hóa",
        )
        t["III.1"] = task_row(
            s,
            world.plan_id,
            "III.1",
            "Tuyên truyền, phổ biến về công tác kiểm soát thủ tục hành chính",
            5,
            lead=[a[VHXH]],
            deadline_text="Tháng 12 năm 2025",
            kind=DeadlineKind.month,
            due=today + timedelta(days=40),
        )
        for index, content in enumerate(CENTRE_ROUTINE, start=1):
            code = f"IV.{index}"
            t[code] = task_row(
                s,
                world.plan_id,
                code,
                content,
                10 + index,
                lead=[a[TTPVHCC]],
                deadline_text="Khi có phát sinh",
                kind=DeadlineKind.on_demand,
            )
        # Another commune's task: nobody of Thanh Xá may see it.
        world.agencies["other"] = add_agency(s, world.other_org_id, TTPVHCC)
        other_plan = add_plan(s, world.other_org_id, "Kế hoạch của xã Thanh Hà", year=today.year)
        world.other_task_id = task_row(
            s,
            other_plan,
            "I.2",
            "Xây dựng, ban hành quy chế hoạt động của Trung tâm Phục vụ hành chính công",
            1,
            lead=[world.agencies["other"]],
        )
    return world
