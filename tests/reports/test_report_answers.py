"""Answers over the database: scope and period always stated, visibility, the facts loader."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import event

from bot.settings import load_settings
from plans.snapshot import clear, org_facts
from reports.answers.core import NOT_UNDERSTOOD, answer_question
from storage.db import Database
from storage.models import Official, ProgressReport, Task

VP = "Văn phòng HĐND và UBND xã"
CCCM = "Các công chức chuyên môn thuộc UBND xã"
VHXH = "Văn hóa xã hội xã"

# 17:00 in Hà Nội on 20/04/2023: the last day of Q1's reporting window; the Q1 results were sent 14/04.
NOW = datetime(2023, 4, 20, 10, 0, tzinfo=UTC)
SETTINGS = load_settings()


def ask(db: Database, viewer: Official, text: str, now: datetime = NOW) -> str:
    answer = db.call(
        answer_question,
        text=text,
        viewer=viewer,
        today=SETTINGS.clock().local_day(now),
        periods=SETTINGS.period_policy(),
    )
    assert answer is not None, text
    return answer.text


def test_default_period_is_the_one_reported_on_in_its_window_in_local_time(
    db: Database, leader: Official
) -> None:
    text = ask(db, leader, "tỷ lệ hoàn thành?")
    assert text.startswith("<b>Quý I/2023 (01/01–31/03), toàn xã</b>:")
    # 20/04 at 17:30 UTC is already 21/04 in Hà Nội: the window is over, the question is about Q2
    late = ask(db, leader, "ty le hoan thanh", now=datetime(2023, 4, 20, 17, 30, tzinfo=UTC))
    # nothing was reported about Q2 yet: no figure, never "0,0%"
    assert late.startswith("Chưa có số liệu báo cáo quý II/2023 (toàn xã)")
    assert "0,0%" not in late


def test_nfc_and_nfd_questions_get_the_same_answer(db: Database, leader: Official) -> None:
    text = "Tỷ lệ hoàn thành quý 1 năm 2023 của văn phòng HĐND?"
    a = ask(db, leader, text)
    b = ask(db, leader, unicodedata.normalize("NFD", text))
    assert a == b
    assert "Văn phòng HĐND và UBND xã (chủ trì)" in a
    assert "Tỷ lệ hoàn thành (đã và đang thực hiện): <b>69,2%</b> (18/26 nhiệm vụ)" in a


def test_by_agency_worst_first_and_slowest(db: Database, leader: Official) -> None:
    text = ask(db, leader, "thống kê theo đơn vị quý 1/2023")
    lines = text.splitlines()
    assert lines[0] == "<b>Quý I/2023 (01/01–31/03), toàn xã</b>:"
    assert lines[2].startswith(f"1. {VHXH}: <b>50,0%</b> (3/6)")
    assert lines[3].startswith(f"2. {VP}: <b>69,2%</b> (18/26)")
    slow = ask(db, leader, "don vi nao cham nhat quy 1 nam 2023")
    assert f"Đơn vị chậm nhất: <b>{VHXH}</b> — 50,0%" in slow


def test_overdue_and_upcoming(db: Database, leader: Official) -> None:
    # II.5 "Từ tháng 4 đến tháng 12/2023" is due 31/12/2023 and never reported.
    text = ask(db, leader, "việc nào quá hạn năm 2023?", now=datetime(2024, 2, 1, tzinfo=UTC))
    assert text.startswith("<b>Năm 2023 (01/01–31/12), toàn xã</b>:")
    assert "Có <b>1</b> nhiệm vụ quá hạn" in text and "[II.5]" in text and "hạn 31/12/2023" in text
    upcoming = ask(db, leader, "tháng 12 năm 2023 phải xong những gì", now=datetime(2023, 11, 20, tzinfo=UTC))
    # before the Q1 report was sent, its results do not exist yet
    before = ask(db, leader, "tỷ lệ hoàn thành quý 1 năm 2023", now=datetime(2023, 4, 10, tzinfo=UTC))
    assert before.startswith("Chưa có số liệu báo cáo quý I/2023")
    assert "[II.5]" in upcoming and "[IV.2]" not in upcoming  # IV.2 has no recurrence rule


def test_not_understood_lists_examples_and_other_text_is_left_alone(
    db: Database, leader: Official, thanh_xa: dict[str, int], viewer_factory: Callable[..., Official]
) -> None:
    # Changed with the question engine (issue 13): a period that cannot exist is said to be so
    # before the examples, without echoing the text as read ("quy 7") as the leader's words.
    text = ask(db, leader, "tỷ lệ hoàn thành quý 7?")
    assert text.startswith("Không có kỳ này: một năm có 4 quý") and text.endswith(NOT_UNDERSTOOD)
    assert "quy 7" not in text
    assert "tỷ lệ hoàn thành quý này?" in NOT_UNDERSTOOD
    # Changed (issue 13): a leader's bare topic is a topic question, answered with the matching
    # tasks and their status; an official's bare words are still a search for a task to report on.
    topic = ask(db, leader, "số hóa hồ sơ")
    assert "[II.1.5]" in topic and "[III.4]" in topic and "Đã thực hiện" in topic
    official = viewer_factory(thanh_xa["org"], role="official", agency_id=thanh_xa[VP])
    none = db.call(
        answer_question,
        text="số hóa hồ sơ",
        viewer=official,
        today=SETTINGS.clock().local_day(NOW),
        periods=SETTINGS.period_policy(),
    )
    assert none is None
    assert (
        db.call(
            answer_question,
            text="xin chào",
            viewer=leader,
            today=NOW.date(),
            periods=SETTINGS.period_policy(),
        )
        is None
    )


def test_official_sees_only_their_agency(
    db: Database, thanh_xa: dict[str, int], viewer_factory: Callable[..., Official]
) -> None:
    make_viewer = viewer_factory
    official = make_viewer(thanh_xa["org"], role="official", agency_id=thanh_xa[VHXH])
    text = ask(db, official, "tỷ lệ hoàn thành quý 1 năm 2023 của văn phòng HĐND")
    # Changed (issue 13): an agency's figures count the tasks it leads, for its officials as for a
    # leader asking about it (the commune's own arithmetic); "phối hợp" in the question asks for the others.
    assert f"{VHXH} (chủ trì)" in text
    assert "Bạn chỉ xem được số liệu của đơn vị mình." in text
    assert "<b>50,0%</b> (3/6 nhiệm vụ)" in text
    by_agency = ask(db, official, "thống kê theo đơn vị quý 1 năm 2023")
    assert VP in by_agency  # the rows are the lead agencies of the tasks they can see…
    assert "Trang TTĐT" not in by_agency  # …and nothing else
    nobody = make_viewer(thanh_xa["org"], role="official", agency_id=None)
    assert "chưa gắn với cơ quan" in ask(db, nobody, "tỷ lệ hoàn thành")


def test_html_is_escaped(
    db: Database, thanh_xa: dict[str, int], viewer_factory: Callable[..., Official]
) -> None:
    make_viewer = viewer_factory

    def rename(session: object) -> None:
        from sqlmodel import Session

        assert isinstance(session, Session)
        task = session.get(Task, thanh_xa["II.5"])
        assert task is not None
        task.content = "Kiểm tra <b>đột xuất</b> & định kỳ"
        session.add(task)

    db.call(rename)
    text = ask(
        db, make_viewer(thanh_xa["org"]), "việc nào quá hạn năm 2023", now=datetime(2024, 2, 1, tzinfo=UTC)
    )
    assert "Kiểm tra &lt;b&gt;đột xuất&lt;/b&gt; &amp; định kỳ" in text


def test_targets_answer(
    db: Database, thanh_xa: dict[str, int], viewer_factory: Callable[..., Official]
) -> None:
    make_viewer = viewer_factory

    def add_target(session: object) -> None:
        from sqlmodel import Session

        assert isinstance(session, Session)
        task = session.get(Task, thanh_xa["III.4"])
        assert task is not None
        task.targets = [{"metric": "Số hóa hồ sơ", "min_percent": 100.0}]
        session.add(task)
        session.add(
            ProgressReport(
                task_id=thanh_xa["III.4"],
                status="in_progress",
                kpi_value=99.84,
                reported_on=date(2023, 3, 20),
            )
        )

    db.call(add_target)
    leader = make_viewer(thanh_xa["org"])
    text = ask(db, leader, "các chỉ tiêu chưa đạt quý 1 năm 2023")
    assert "• Số hóa hồ sơ: 99,84% / mục tiêu 100% — chưa đạt" in text
    assert "Số hóa hồ sơ: 99,84%" in ask(db, leader, "tỷ lệ số hóa hồ sơ đạt chưa quý 1 năm 2023")


def test_the_snapshot_loads_in_a_handful_of_queries(db: Database, thanh_xa: dict[str, int]) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    clear()
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        facts = db.call(org_facts, organization_id=thanh_xa["org"])
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 10
    assert len(facts.tasks) == 30 and sum(len(r) for r in facts.reports.values()) == 30
    first = next(t for t in facts.tasks if t.code == "I.1")
    assert first.lead_agency_ids == {thanh_xa[VP]}
    assert thanh_xa[CCCM] in first.coordinating_agency_ids
    docs = facts.reports[first.id][0].documents
    assert docs[0] == "Kế hoạch số 25/KH-UBND ngày 09/03/2023"  # dd/mm/yyyy, as everywhere
