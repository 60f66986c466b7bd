"""Visible tasks, latest status, search and can_report over a small Thanh Xá plan."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from plans.status import effective_reports
from storage.db import Database
from storage.models import Official, ProgressReport
from storage.queries.facts import organization_report_facts
from storage.queries.progress import create_report, own_report_on, submit_report
from storage.queries.search import search_tasks
from storage.queries.tasks import (
    can_report,
    latest_statuses,
    task_card,
    visible_task_lines,
)
from tests.handlers.conftest import TTPVHCC, VHXH, VP, build_world, local_today


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
        vp_lines = visible_task_lines(session=s, official=vp)
        assert {line.code for line in vp_lines} == {"I.1", "II.1", "II.2"}  # II.1, II.2 via the group
        assert {line.code: line.link for line in vp_lines} == {
            "I.1": "lead",
            "II.1": "coordinating",
            "II.2": "lead",
        }
        assert len(visible_task_lines(session=s, official=centre)) == 3 + 7  # II.1, II.2, II.3 + IV.*
        assert len(visible_task_lines(session=s, official=leader)) == 12
        assert world.other_task_id not in {line.id for line in visible_task_lines(session=s, official=leader)}
        assert len(visible_task_lines(session=s, official=admin)) == 13  # a config admin without commune
        assert visible_task_lines(session=s, official=nobody) == []


def test_can_report_only_for_linked_agencies_and_admins(db: Database) -> None:
    world = build_world(db)
    hung = get_official(db, world.add_official(1, "Trần Văn Hùng", VHXH))
    leader = get_official(db, world.add_official(3, "Phạm Thị Mây", None, role="leader"))
    admin = get_official(db, world.add_official(4, "Quản trị", None, role="admin"))
    with db.session() as s:
        assert can_report(session=s, official=hung, task_id=world.tasks["II.3"])  # coordinating
        assert can_report(session=s, official=hung, task_id=world.tasks["II.2"])  # via the group
        assert not can_report(session=s, official=hung, task_id=world.tasks["IV.1"])
        assert not can_report(session=s, official=hung, task_id=world.other_task_id)
        assert not can_report(session=s, official=hung, task_id=999_999)
        assert not can_report(session=s, official=leader, task_id=world.tasks["II.3"])
        assert can_report(session=s, official=admin, task_id=world.tasks["II.3"])
        assert not can_report(session=s, official=admin, task_id=world.other_task_id)
        hung.active = False
        assert not can_report(session=s, official=hung, task_id=world.tasks["II.3"])


def test_search_by_words_without_diacritics_and_by_code(db: Database) -> None:
    world = build_world(db)
    lan = get_official(db, world.add_official(2, "Nguyễn Thị Lan", TTPVHCC))
    with db.session() as s:
        assert search_tasks(session=s, official=lan, query="so hoa ho so")[0].code == "II.3"
        assert search_tasks(session=s, official=lan, query="Số hoá hồ sơ")[0].code == "II.3"  # old tone mark
        assert search_tasks(session=s, official=lan, query="ii.3")[0].code == "II.3"
        assert search_tasks(session=s, official=lan, query="thanh toan truc tuyen")[0].code == "IV.4"
        assert search_tasks(session=s, official=lan, query="quy chế hoạt động") == [] or all(
            line.id != world.other_task_id
            for line in search_tasks(session=s, official=lan, query="quy chế hoạt động")
        )
        assert len(search_tasks(session=s, official=lan, query="thu tuc hanh chinh")) == 5


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
        assert latest_statuses(session=s, task_ids=[task_id]) == {task_id: "in_progress"}
        assert own_report_on(session=s, task_id=task_id, official_id=lan.id or 0, day=today) != first.id
        assert (
            own_report_on(session=s, task_id=task_id, official_id=lan.id or 0, day=today - timedelta(1))
            is None
        )
        card = task_card(session=s, official=lan, task_id=task_id)
        assert card is not None and [e.superseded for e in card.history] == [False, True]


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
        )
        assert refused.report_id is None
        stored = submit_report(
            session=s,
            telegram_user_id=1,
            task_id=world.tasks["III.1"],
            status="done",
            reported_on=local_today(),
            documents=[
                {"doc_type": "Kế hoạch", "number": "27/KH-UBND", "issued_on": "2025-03-09", "text": "KH 27"}
            ],
        )
        assert stored.report_id is not None
        assert len(s.exec(select(ProgressReport)).all()) == 1


def test_latest_statuses_ranked_in_the_database_match_the_python_rule(db: Database) -> None:
    """Lists rank in SQL (latest_statuses); the snapshot ranks in Python (plans.status.effective_reports,
    what task_views and the statistics read): the same answer."""
    world = build_world(db)
    lan = get_official(db, world.add_official(2, "Nguyễn Thị Lan", TTPVHCC))
    today = local_today()
    ids = [world.tasks[code] for code in ("II.1", "II.2", "II.3")]
    with db.session() as s:
        # II.1: two reports on different days; II.2: same day, the later one superseded by a
        # correction back to "not done"; II.3: a report whose correction is itself corrected.
        create_report(
            session=s, task_id=ids[0], official=lan, status="in_progress", reported_on=today - timedelta(3)
        )
        create_report(
            session=s, task_id=ids[0], official=lan, status="done", reported_on=today - timedelta(1)
        )
        create_report(session=s, task_id=ids[1], official=lan, status="in_progress", reported_on=today)
        late = create_report(session=s, task_id=ids[1], official=lan, status="done", reported_on=today)
        create_report(
            session=s,
            task_id=ids[1],
            official=lan,
            status="not_done",
            reported_on=today,
            supersedes_id=late.id,
        )
        first = create_report(session=s, task_id=ids[2], official=lan, status="done", reported_on=today)
        fix = create_report(
            session=s,
            task_id=ids[2],
            official=lan,
            status="in_progress",
            reported_on=today,
            supersedes_id=first.id,
        )
        create_report(
            session=s, task_id=ids[2], official=lan, status="done", reported_on=today, supersedes_id=fix.id
        )
        ranked = effective_reports(organization_report_facts(session=s, organization_id=world.org_id))
        expected = {tid: ranked[tid][0].status for tid in ids}
        assert latest_statuses(session=s, task_ids=ids) == expected
        assert expected == {ids[0]: "done", ids[1]: "not_done", ids[2]: "done"}
        assert latest_statuses(session=s, task_ids=[]) == {}
