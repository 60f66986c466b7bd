"""The cached search index (storage/queries/search.py) finds what scoring every task finds, and never
serves a task list older than the data: added, edited or removed tasks show up in the next search."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from storage.db import Database
from storage.models import Official, Task, TaskAgency
from storage.queries.search import _search_slow, search_tasks
from tests.handlers.conftest import TTPVHCC, VHXH, build_world

QUERIES = [
    "so hoa ho so",
    "Số hoá hồ sơ",
    "ii.3",
    "thanh toan truc tuyen",
    "thu tuc hanh chinh",
    "niêm yết công khai",
    "tuyen truyn kiem soat",  # a typo
    "xyzw qqq",  # nothing
]


def get_official(db: Database, official_id: int) -> Official:
    with db.session() as session:
        official = session.get(Official, official_id)
        assert official is not None
        return official


@pytest.mark.parametrize("agency,role", [(TTPVHCC, "official"), (VHXH, "official"), (None, "leader")])
def test_indexed_search_matches_scoring_every_task(db: Database, agency: str | None, role: str) -> None:
    world = build_world(db)
    viewer = get_official(db, world.add_official(1, "Nguyễn Thị Lan", agency, role=role))
    with db.session() as s:
        for query in QUERIES:
            for reportable_only in (False, True):
                fast = search_tasks(session=s, official=viewer, query=query, reportable_only=reportable_only)
                slow = _search_slow(session=s, official=viewer, query=query, reportable_only=reportable_only)
                assert [line.code for line in fast] == [line.code for line in slow], query


def test_search_sees_added_edited_and_removed_tasks(db: Database) -> None:
    world = build_world(db)
    lan = get_official(db, world.add_official(2, "Nguyễn Thị Lan", TTPVHCC))
    leader = get_official(db, world.add_official(3, "Phạm Thị Mây", None, role="leader"))

    def search(query: str, viewer: Official = lan) -> list[str]:
        with db.session() as s:
            fast = [line.code for line in search_tasks(session=s, official=viewer, query=query)]
            assert fast == [line.code for line in _search_slow(session=s, official=viewer, query=query)]
            return fast

    wording = "Lập danh mục hồ sơ lưu trữ điện tử của Bộ phận một cửa"
    assert "II.9" not in search("danh muc ho so luu tru dien tu")

    def add(*, session: Session) -> None:
        task = Task(plan_id=world.plan_id, code="II.9", content=wording, content_key="", position=99)
        session.add(task)
        session.flush()
        assert task.id is not None
        session.add(TaskAgency(task_id=task.id, agency_id=world.agencies[TTPVHCC], role="lead"))

    db.call(add)
    assert search("danh muc ho so luu tru dien tu")[0] == "II.9"

    def edit(*, session: Session) -> None:
        task = session.get(Task, world.tasks["II.3"])
        assert task is not None
        task.content = "Rà soát quy chế phối hợp liên thông giữa các bộ phận"

    db.call(edit)
    assert search("ra soat quy che phoi hop lien thong")[0] == "II.3"

    def remove(*, session: Session) -> None:
        task = session.get(Task, world.tasks["II.3"])
        assert task is not None
        task.removed = True  # a revised plan dropped it

    db.call(remove)
    assert "II.3" not in search("ra soat quy che phoi hop lien thong", leader)

    def unlink(*, session: Session) -> None:
        for role in ("lead", "coordinating"):
            link = session.get(TaskAgency, (world.tasks["IV.4"], world.agencies[TTPVHCC], role))
            if link is not None:
                session.delete(link)

    assert search("thanh toan truc tuyen")[0] == "IV.4"
    db.call(unlink)
    assert "IV.4" not in search("thanh toan truc tuyen")
