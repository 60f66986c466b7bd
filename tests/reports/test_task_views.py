"""Lists, lines and cards from the organization's snapshot equal the SQL rule in storage/queries/tasks."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from plans.tasks import card, line_of, report_choice, search, task_list
from storage.db import Database
from storage.models import Official, Plan, PlanStatus, Task
from storage.queries.progress import create_report
from storage.queries.search import search_tasks
from storage.queries.tasks import can_report, may_report, task_card, task_line, visible_task_lines
from tests.handlers.conftest import TTPVHCC, VHXH, VP, World, build_world, local_today


def officials(db: Database, world: World) -> list[Official]:
    ids = [
        world.add_official(1, "Vũ Thị Thu", VP),
        world.add_official(2, "Nguyễn Thị Lan", TTPVHCC),
        world.add_official(3, "Trần Văn Hùng", VHXH),
        world.add_official(4, "Phạm Thị Mây", None, role="leader"),
        world.add_official(5, "Quản trị", None, role="admin"),
        world.add_official(6, "Quản trị chung", None, role="admin", org=None),
        world.add_official(7, "Chưa gắn", None),
    ]
    with db.session() as session:
        found = [session.get(Official, i) for i in ids]
    return [o for o in found if o is not None]


def add_reports(db: Database, world: World, author: Official) -> None:
    today = local_today()
    with db.session() as s:
        ii3, ii2 = world.tasks["II.3"], world.tasks["II.2"]
        create_report(
            session=s, task_id=ii3, official=author, status="in_progress", reported_on=today - timedelta(5)
        )
        done = create_report(session=s, task_id=ii3, official=author, status="done", reported_on=today)
        create_report(
            session=s,
            task_id=ii3,
            official=author,
            status="in_progress",
            reported_on=today,
            supersedes_id=done.id,
        )
        create_report(
            session=s, task_id=ii2, official=author, status="done", reported_on=today - timedelta(1)
        )


def assert_same_views(db: Database, world: World, people: list[Official]) -> None:
    every_task = [*world.tasks.values(), world.other_task_id]
    with db.session() as s:
        for official in people:
            listed = task_list(session=s, official=official)
            assert listed.lines == visible_task_lines(session=s, official=official), official.full_name
            for query in ("niêm yết", "so hoa ho so", "II.3", "IV", "thủ tục hành chính"):
                for reportable in (False, True):
                    expected = search_tasks(
                        session=s, official=official, query=query, reportable_only=reportable
                    )
                    assert (
                        search(session=s, official=official, query=query, reportable_only=reportable)
                        == expected
                    )
            for task_id in every_task:
                line = line_of(session=s, official=official, task_id=task_id)
                assert line == task_line(session=s, official=official, task_id=task_id)
                assert may_report(official, line) == can_report(session=s, official=official, task_id=task_id)
                assert (
                    report_choice(session=s, official=official, task_id=task_id) is not None
                ) == may_report(official, line)
                assert card(session=s, official=official, task_id=task_id) == task_card(
                    session=s, official=official, task_id=task_id
                )


def test_snapshot_views_equal_the_sql_rule(db: Database) -> None:
    world = build_world(db)
    people = officials(db, world)
    add_reports(db, world, people[1])
    assert_same_views(db, world, people)
    with db.session() as s:
        vp = s.get(Official, people[0].id)
        assert vp is not None
        assert task_list(session=s, official=vp).title_agency == "Văn phòng HĐND và UBND xã"


def test_snapshot_views_follow_new_reports_archived_plans_and_deactivation(db: Database) -> None:
    world = build_world(db)
    people = officials(db, world)
    assert_same_views(db, world, people)  # snapshots taken
    add_reports(db, world, people[1])  # merged into the snapshot
    assert_same_views(db, world, people)
    with db.session() as s:
        task = s.exec(select(Task).where(Task.id == world.tasks["IV.1"])).one()
        task.content = "Nội dung đã sửa trực tiếp"  # an in-place edit: the write generation moves
        s.add(task)
        plan = s.get(Plan, world.plan_id)
        assert plan is not None
        plan.status = PlanStatus.archived
        s.add(plan)
        lan = s.get(Official, people[1].id)
        assert lan is not None
        lan.active = False
        s.add(lan)
    with db.session() as s:
        people = [o for o in (s.get(Official, p.id) for p in people) if o is not None]
    assert_same_views(db, world, people)
    with db.session() as s:
        assert task_list(session=s, official=people[3]).lines == []  # the only plan is archived
