"""The per-organization facts snapshot (reports/cache.py) never serves an answer older than the data:
a new report, a correction, an edited task or a re-imported plan change the very next answer."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlalchemy import update
from sqlmodel import Session

from bot.settings import load_settings
from plans import snapshot as cache
from reports.answers.core import answer_question
from storage.db import Database
from storage.models import Official, Plan, Task
from storage.queries.progress import create_report

# Mid Q2/2023: the imported Q1 results (dated 14/04) do not count for continuous tasks in Q2, so a
# report made now on II.1.4 "Rà soát, đơn giản hóa TTHC" (not done in Q1) changes the Q2 numbers.
NOW = datetime(2023, 5, 15, 3, 0, tzinfo=UTC)
SETTINGS = load_settings()
QUESTION = "tỷ lệ hoàn thành quý 2 năm 2023?"


def done_of(text: str) -> tuple[int, int]:
    """(done or in progress, total) from "… (đã và đang thực hiện): 73,3% (22/30 nhiệm vụ)", or
    (0, total) when nothing was reported for the period ("Chưa có số liệu … có 30 nhiệm vụ")."""
    found = re.search(r"\(đã và đang thực hiện\): \S+ \((\d+)/(\d+) nhiệm vụ\)", text)
    if found is None:
        empty = re.search(r"^Chưa có số liệu báo cáo .* có (\d+) nhiệm vụ", text)
        assert empty is not None, text
        return 0, int(empty[1])
    return int(found[1]), int(found[2])


def ask(db: Database, viewer: Official, text: str = QUESTION) -> str:
    answer = db.call(
        answer_question,
        text=text,
        viewer=viewer,
        today=SETTINGS.clock().local_day(NOW),
        periods=SETTINGS.period_policy(),
    )
    assert answer is not None
    return answer.text


def report(db: Database, task_id: int, status: str, supersedes_id: int | None = None) -> int:
    def add(*, session: Session) -> int:
        official = Official(telegram_user_id=77, full_name="Phạm Thị Mây")
        created = create_report(
            session=session,
            task_id=task_id,
            official=official,
            status=status,
            reported_on=date(2023, 5, 10),
            note="Đã ban hành Kế hoạch số 35/KH-UBND ngày 29/3/2023",
            supersedes_id=supersedes_id,
        )
        assert created.id is not None
        return created.id

    return db.call(add)


def test_a_new_report_and_its_correction_change_the_next_answer(
    db: Database, thanh_xa: dict[str, int], leader: Official
) -> None:
    before, total = done_of(ask(db, leader))
    assert total == 30
    assert done_of(ask(db, leader)) == (before, 30)  # served from the snapshot
    new_id = report(db, thanh_xa["II.1.4"], "done")
    assert done_of(ask(db, leader)) == (before + 1, 30)
    # A correction supersedes that report: the task is not done after all.
    report(db, thanh_xa["II.1.4"], "not_done", supersedes_id=new_id)
    assert done_of(ask(db, leader)) == (before, 30)


def test_snapshot_is_reused_until_something_changes(db: Database, thanh_xa: dict[str, int]) -> None:
    first = db.call(cache.org_facts, organization_id=thanh_xa["org"])
    assert db.call(cache.org_facts, organization_id=thanh_xa["org"]) is first
    report(db, thanh_xa["II.1.4"], "in_progress")
    assert db.call(cache.org_facts, organization_id=thanh_xa["org"]) is not first


def test_merged_snapshot_equals_a_fresh_load(
    db: Database, thanh_xa: dict[str, int], leader: Official
) -> None:
    before, _ = done_of(ask(db, leader))
    first = report(db, thanh_xa["II.1.4"], "done")
    report(db, thanh_xa["II.1.4"], "in_progress", supersedes_id=first)
    report(db, thanh_xa["II.2.4"], "done")  # not done in Q1 either
    merged = db.call(cache.org_facts, organization_id=thanh_xa["org"])
    cache.clear()
    fresh = db.call(cache.org_facts, organization_id=thanh_xa["org"])
    assert fresh is not merged
    assert dict(merged.reports) == dict(fresh.reports)
    assert merged.superseded == fresh.superseded
    assert done_of(ask(db, leader)) == (before + 2, 30)


def test_a_task_edited_in_place_through_the_orm_is_seen(
    db: Database, thanh_xa: dict[str, int], leader: Official
) -> None:
    assert done_of(ask(db, leader))[1] == 30

    def drop(*, session: Session) -> None:
        task = session.get(Task, thanh_xa["II.1.4"])
        assert task is not None
        task.removed = True  # a revised plan dropped it (no report, no new plan row)

    db.call(drop)
    assert done_of(ask(db, leader))[1] == 29


def test_a_reimport_by_another_process_is_seen(
    db: Database, thanh_xa: dict[str, int], leader: Official
) -> None:
    assert done_of(ask(db, leader))[1] == 30

    def reimport(*, session: Session) -> None:
        # Plain SQL, as another bot process would leave it: no ORM event reaches this process.
        session.execute(update(Task).where(Task.id == thanh_xa["II.1.4"]).values(removed=True))  # type: ignore[arg-type]
        session.execute(
            update(Plan).where(Plan.id == thanh_xa["plan"]).values(updated_at=datetime.now(UTC))  # type: ignore[arg-type]
        )

    db.call(reimport)
    assert done_of(ask(db, leader))[1] == 29


def test_one_transaction_checks_the_snapshot_once_until_it_writes(
    db: Database, thanh_xa: dict[str, int]
) -> None:
    """A free text asks for the snapshot twice (question check, then search): the second use in the
    same transaction needs no freshness query, but a report the transaction writes is in the next."""
    from sqlalchemy import event

    org = thanh_xa["org"]
    checks: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "max(progressreport.id)" in statement.lower():
            checks.append(statement)

    def use_case(*, session: Session) -> tuple[int, int, bool]:
        first = cache.org_facts(session=session, organization_id=org)
        assert cache.org_facts(session=session, organization_id=org) is first
        checked = len(checks)
        official = Official(telegram_user_id=77, full_name="Phạm Thị Mây")
        new = create_report(session=session, task_id=thanh_xa["II.1.4"], official=official, status="done",
                            reported_on=date(2023, 5, 10), note="Kế hoạch số 35/KH-UBND")  # fmt: skip
        after = cache.org_facts(session=session, organization_id=org)
        newest = after.reports[thanh_xa["II.1.4"]][0]
        return checked, len(checks), newest.id == new.id

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        checked, after_write, added = db.call(use_case)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert (checked, after_write) == (1, 2)  # once for two uses, once more after the write
    assert added  # the transaction's own report is in the snapshot it reads after writing it
