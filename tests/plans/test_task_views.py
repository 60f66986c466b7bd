"""Lists, lines, cards, search and the reporting rule over a small Thanh Xá plan (plans/tasks.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from plans.progress import submit_report
from plans.tasks import TaskLine, Today, card, line_of, may_report_task, search, task_list
from storage.db import Database
from storage.models import Official, ProgressReport
from storage.queries.progress import create_report, own_report_on
from tests.support.commune import TTPVHCC, VHXH, VP, build_world, local_today

DAY = Today(local_today())


def _lines(session: Session, official: Official) -> list[TaskLine]:
    return task_list(session=session, official=official, today=DAY).lines


def get_official(db: Database, official_id: int) -> Official:
    with db.session() as session:
        official = session.get(Official, official_id)
        assert official is not None
        return official


def test_officials_see_their_agency_and_its_groups_leaders_the_organization(db: Database) -> None:
    world = build_world(db)
    vp = get_official(db, world.add_official(1, "Vũ Thị Thu", VP))
    centre = get_official(db, world.add_official(2, "Nguyễn Thị Lan", TTPVHCC))
    leader = get_official(db, world.add_official(3, "Phạm Thị Mây", None, role="leader"))
    admin = get_official(db, world.add_official(4, "Quản trị", None, role="admin", org=None))
    nobody = get_official(db, world.add_official(5, "Chưa gắn", None))
    with db.session() as s:
        vp_lines = _lines(s, vp)
        assert {line.code for line in vp_lines} == {"I.1", "II.1", "II.2"}  # II.1, II.2 via the group
        assert {line.code: line.link for line in vp_lines} == {
            "I.1": "lead",
            "II.1": "coordinating",
            "II.2": "lead",
        }
        assert len(_lines(s, centre)) == 3 + 7  # II.1, II.2, II.3 + IV.*
        assert len(_lines(s, leader)) == 12
        assert world.other_task_id not in {line.id for line in _lines(s, leader)}
        assert len(_lines(s, admin)) == 13  # a config admin without commune
        assert _lines(s, nobody) == []


def test_can_report_only_for_linked_agencies_and_admins(db: Database) -> None:
    world = build_world(db)
    hung = get_official(db, world.add_official(1, "Trần Văn Hùng", VHXH))
    leader = get_official(db, world.add_official(3, "Phạm Thị Mây", None, role="leader"))
    admin = get_official(db, world.add_official(4, "Quản trị", None, role="admin"))
    with db.session() as s:
        assert may_report_task(
            session=s, official=hung, today=DAY, task_id=world.tasks["II.3"]
        )  # coordinating
        assert may_report_task(
            session=s, official=hung, today=DAY, task_id=world.tasks["II.2"]
        )  # via the group
        assert not may_report_task(session=s, official=hung, today=DAY, task_id=world.tasks["IV.1"])
        assert not may_report_task(session=s, official=hung, today=DAY, task_id=world.other_task_id)
        assert not may_report_task(session=s, official=hung, today=DAY, task_id=999_999)
        assert not may_report_task(session=s, official=leader, today=DAY, task_id=world.tasks["II.3"])
        assert may_report_task(session=s, official=admin, today=DAY, task_id=world.tasks["II.3"])
        assert not may_report_task(session=s, official=admin, today=DAY, task_id=world.other_task_id)
        hung.active = False
        assert not may_report_task(session=s, official=hung, today=DAY, task_id=world.tasks["II.3"])


def test_search_by_words_without_diacritics_and_by_code(db: Database) -> None:
    world = build_world(db)
    lan = get_official(db, world.add_official(2, "Nguyễn Thị Lan", TTPVHCC))
    with db.session() as s:
        assert search(session=s, official=lan, today=DAY, query="so hoa ho so")[0].code == "II.3"
        assert (
            search(session=s, official=lan, today=DAY, query="Số hoá hồ sơ")[0].code == "II.3"
        )  # old tone mark
        assert search(session=s, official=lan, today=DAY, query="ii.3")[0].code == "II.3"
        assert search(session=s, official=lan, today=DAY, query="thanh toan truc tuyen")[0].code == "IV.4"
        assert search(session=s, official=lan, today=DAY, query="quy chế hoạt động") == [] or all(
            line.id != world.other_task_id
            for line in search(session=s, official=lan, today=DAY, query="quy chế hoạt động")
        )
        assert len(search(session=s, official=lan, today=DAY, query="thu tuc hanh chinh")) == 5


def test_latest_status_ignores_superseded_reports(db: Database) -> None:
    world = build_world(db)
    lan = get_official(db, world.add_official(2, "Nguyễn Thị Lan", TTPVHCC))
    today = local_today()
    task_id = world.tasks["II.3"]
    with db.session() as s:
        first = create_report(session=s, task_id=task_id, official=lan, status="done", reported_on=today)
        create_report(
            session=s,
            task_id=task_id,
            official=lan,
            status="in_progress",
            reported_on=today,
            supersedes_id=first.id,
        )
    with db.session() as s:
        line = line_of(session=s, official=lan, today=DAY, task_id=task_id)
        assert line is not None and line.status == "in_progress"
        assert own_report_on(session=s, task_id=task_id, official_id=lan.id or 0, day=today) != first.id
        assert (
            own_report_on(session=s, task_id=task_id, official_id=lan.id or 0, day=today - timedelta(1))
            is None
        )
        shown = card(session=s, official=lan, today=DAY, task_id=task_id)
        assert shown is not None and [e.superseded for e in shown.history] == [False, True]


def test_submit_report_reauthorises(db: Database) -> None:
    world = build_world(db)
    world.add_official(1, "Trần Văn Hùng", VHXH)
    with db.session() as s:
        refused = submit_report(
            session=s,
            telegram_user_id=1,
            task_id=world.tasks["IV.1"],
            status="done",
            reported_on=local_today(),
            period=DAY.period,
        )
        assert refused.report_id is None
        stored = submit_report(
            session=s,
            telegram_user_id=1,
            task_id=world.tasks["III.1"],
            status="done",
            reported_on=local_today(),
            period=DAY.period,
            documents=[
                {"doc_type": "Kế hoạch", "number": "27/KH-UBND", "issued_on": "2025-03-09", "text": "KH 27"}
            ],
        )
        assert stored.report_id is not None
        assert len(s.exec(select(ProgressReport)).all()) == 1


def test_latest_status_of_a_line_and_a_card_agree(db: Database) -> None:
    world = build_world(db)
    lan = get_official(db, world.add_official(2, "Nguyễn Thị Lan", TTPVHCC))
    today = local_today()
    with db.session() as s:
        create_report(session=s, task_id=world.tasks["II.1"], official=lan, status="done", reported_on=today)
    with db.session() as s:
        line = line_of(session=s, official=lan, today=DAY, task_id=world.tasks["II.1"])
        shown = card(session=s, official=lan, today=DAY, task_id=world.tasks["II.1"])
        assert line is not None and shown is not None
        assert line.status == shown.line.status == "done"
        assert line_of(session=s, official=lan, today=DAY, task_id=world.other_task_id) is None
