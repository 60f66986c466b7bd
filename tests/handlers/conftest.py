"""A small commune to test against: Thanh Xá's agencies and tasks written straight into the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from storage.db import Database
from storage.models import (
    Agency,
    AgencyGroupMember,
    DeadlineKind,
    Official,
    Organization,
    Plan,
    Task,
    TaskAgency,
)
from storage.text import fold

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


def local_today() -> date:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


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
            official = Official(
                telegram_user_id=user_id,
                chat_id=user_id,
                full_name=full_name,
                organization_id=self.org_id if org == -1 else org,  # -1: the default commune
                agency_id=self.agencies[agency] if agency else None,
                role=role,
            )
            session.add(official)
            session.flush()
            assert official.id is not None
            return official.id


def _task(
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
    task = Task(
        plan_id=plan_id,
        code=code,
        number=code.rsplit(".", 1)[-1],
        kind="task",
        level=2,
        position=position,
        section=code.split(".")[0],
        content=content,
        content_key=fold(content),
        deadline_text=deadline_text,
        deadline_kind=kind,
        deadline_due=due,
        product=product,
        targets=targets or [],
    )
    session.add(task)
    session.flush()
    assert task.id is not None
    for agency_id in lead:
        session.add(TaskAgency(task_id=task.id, agency_id=agency_id, role="lead"))
    for agency_id in coordinating:
        session.add(TaskAgency(task_id=task.id, agency_id=agency_id, role="coordinating"))
    return task.id


def build_world(db: Database) -> World:
    world = World(db=db)
    today = local_today()
    with db.session() as s:
        org = Organization(name="UBND xã Thanh Xá", name_key=fold("UBND xã Thanh Xá"))
        other = Organization(name="UBND xã Thanh Hà", name_key=fold("UBND xã Thanh Hà"))
        s.add(org)
        s.add(other)
        s.flush()
        assert org.id is not None and other.id is not None
        world.org_id, world.other_org_id = org.id, other.id
        for name in (TTPVHCC, VHXH, VP, GROUP):
            agency = Agency(organization_id=org.id, name=name, name_key=fold(name), is_group=name == GROUP)
            s.add(agency)
            s.flush()
            assert agency.id is not None
            world.agencies[name] = agency.id
        for member in (VHXH, VP):
            s.add(AgencyGroupMember(group_id=world.agencies[GROUP], member_id=world.agencies[member]))
        plan = Plan(
            organization_id=org.id,
            title="Kế hoạch Kiểm soát TTHC, thực hiện cơ chế một cửa, một cửa liên thông năm 2025",
            number="25/KH-UBND",
            year=today.year,
        )
        s.add(plan)
        s.flush()
        assert plan.id is not None
        world.plan_id = plan.id
        a = world.agencies
        t = world.tasks
        t["I.1"] = _task(
            s,
            plan.id,
            "I.1",
            "Xây dựng văn bản chỉ đạo của UBND xã, Chủ tịch UBND xã",
            1,
            lead=[a[VP]],
            coordinating=[a[GROUP]],
            deadline_text="Thường xuyên trong năm 2025",
            kind=DeadlineKind.continuous,
            product="Văn bản chỉ đạo, đôn đốc, hướng dẫn",
        )
        t["II.1"] = _task(
            s,
            plan.id,
            "II.1",
            "Niêm yết, công khai thủ tục hành chính (đạt tỷ lệ 100%)",
            2,
            lead=[a[TTPVHCC]],
            coordinating=[a[GROUP]],
            deadline_text="Thường xuyên trong năm 2025",
            kind=DeadlineKind.continuous,
        )
        t["II.2"] = _task(
            s,
            plan.id,
            "II.2",
            "Tổ chức rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền cấp xã",
            3,
            lead=[a[GROUP]],
            coordinating=[a[TTPVHCC]],
            deadline_text="Chậm nhất ngày 15/9/2025",
            kind=DeadlineKind.date,
            due=today - timedelta(days=5),
        )
        t["II.3"] = _task(
            s,
            plan.id,
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
        t["III.1"] = _task(
            s,
            plan.id,
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
            t[code] = _task(
                s,
                plan.id,
                code,
                content,
                10 + index,
                lead=[a[TTPVHCC]],
                deadline_text="Khi có phát sinh",
                kind=DeadlineKind.on_demand,
            )
        # Another commune's task: nobody of Thanh Xá may see it.
        other_agency = Agency(organization_id=other.id, name=TTPVHCC, name_key=fold(TTPVHCC))
        s.add(other_agency)
        other_plan = Plan(organization_id=other.id, title="Kế hoạch của xã Thanh Hà", year=today.year)
        s.add(other_plan)
        s.flush()
        assert other_plan.id is not None and other_agency.id is not None
        world.agencies["other"] = other_agency.id
        world.other_task_id = _task(
            s,
            other_plan.id,
            "I.2",
            "Xây dựng, ban hành quy chế hoạt động của Trung tâm Phục vụ hành chính công",
            1,
            lead=[other_agency.id],
        )
    return world


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)
