"""Questions about people ("ai chưa báo cáo", "anh Hùng đã báo cáo chưa", "tỷ lệ của chị Lan",
"thống kê theo người"), parsed and answered on the Thanh Xá plan with a few officials.

The world (worked out by hand from tests/support/thanh_xa_nodes.py and thanh_xa.py):
- Văn phòng HĐND và UBND xã (VP) leads 26 tasks: I.1, II.1.1–II.1.7, II.2.1–II.2.6, II.3.1–II.3.6,
  II.4, II.5, II.6, III.1, III.2, III.5. Văn hóa xã hội xã (VHXH) co-leads II.2.1–II.2.6. The Đài
  truyền thanh xã (DTT) co-leads IV.1.
- Officials: Nguyễn Văn Hùng and Trần Thị Lan (VP), Lê Minh Tuấn (VHXH), Đỗ Văn Nam (DTT), and the
  leader Phạm Thị Mây (no agency).
- Assigned in person: II.2.3 → Hùng; II.1.1, II.1.2 → Lan; II.2.1 → Tuấn; IV.1 → Nam.
- A person answers for their own tasks and their agency's lead tasks nobody is assigned to. VP's
  unassigned lead tasks: 26 − {II.1.1, II.1.2, II.2.1, II.2.3} = 22. So Hùng has 22 + 1 = 23 tasks,
  Lan 22 + 2 = 24, Tuấn {II.2.2, II.2.4, II.2.5, II.2.6} + II.2.1 = 5, Nam 1 (IV.1).
- Quý II/2023 reports: I.1 done, II.1.1 done, II.2.3 in progress, IV.1 done (nothing else is
  reported about Q2, and no task is a one-off done earlier). Reported: Hùng I.1, II.2.3 = 2/23 (both
  active); Lan I.1, II.1.1 = 2/24 (both active); Tuấn 0/5; Nam 1/1.
- Quý I/2023: every task has its imported result, so everyone reported. Active (done or in
  progress) among VP's 26: 18 (the 8 others: II.1.4, II.1.7, II.2.4, II.2.5, II.2.6, II.3.6, II.5,
  III.1). Hùng lacks II.1.1, II.1.2 (done) and II.2.1 (done): 15/23 = 65,2%. Lan lacks II.2.1
  (done) and II.2.3 (in progress): 16/24 = 66,7%. Tuấn: II.2.1, II.2.2 done of 5 = 40,0%. Nam 1/1.
Today is 20/06/2023: a question without a period is about Quý II/2023.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session

from plans.periods import PeriodPolicy, period_code
from reports.answers.core import answer_question
from reports.answers.result import Answer
from storage.db import Database
from storage.models import Official, ProgressReport
from storage.models_people import TaskAssignee
from tests.support.builders import add_official
from tests.support.thanh_xa import make_viewer, seed_thanh_xa
from tests.support.thanh_xa_nodes import DTT, VHXH, VP

TODAY = date(2023, 6, 20)
Q2, Q1 = "2023-Q2", "2023-Q1"
HUNG, LAN, TUAN, NAM = "Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Tuấn", "Đỗ Văn Nam"
VP_UNASSIGNED_Q2 = [
    "II.1.3", "II.1.4", "II.1.5", "II.1.6", "II.1.7", "II.2.2", "II.2.4", "II.2.5", "II.2.6",
    "II.3.1", "II.3.2", "II.3.3", "II.3.4", "II.3.5", "II.3.6", "II.4", "II.5", "II.6",
    "III.1", "III.2", "III.5",
]  # fmt: skip  # the 22 unassigned VP tasks but I.1 (reported): 21 not reported in Q2


@pytest.fixture
def world(db: Database) -> dict[str, Any]:
    def arrange(session: Session) -> dict[str, Any]:
        ids: dict[str, Any] = dict(seed_thanh_xa(session))
        org = ids["org"]
        ids["hung"] = add_official(session, 601, HUNG, organization_id=org, agency_id=ids[VP])
        ids["lan"] = add_official(session, 602, LAN, organization_id=org, agency_id=ids[VP])
        ids["tuan"] = add_official(session, 701, TUAN, organization_id=org, agency_id=ids[VHXH])
        ids["nam"] = add_official(session, 801, NAM, organization_id=org, agency_id=ids[DTT])
        add_official(session, 500, "Phạm Thị Mây", organization_id=org, agency_id=None, role="leader")
        for code, who in [
            ("II.2.3", "hung"),
            ("II.1.1", "lan"),
            ("II.1.2", "lan"),
            ("II.2.1", "tuan"),
            ("IV.1", "nam"),
        ]:
            session.add(TaskAssignee(task_id=ids[code], official_id=ids[who]))
        for code, status, who in [("I.1", "done", "hung"), ("II.1.1", "done", "lan"),
                                  ("II.2.3", "in_progress", "hung"), ("IV.1", "done", "nam")]:  # fmt: skip
            session.add(
                ProgressReport(
                    task_id=ids[code],
                    official_id=ids[who],
                    status=status,
                    reported_on=date(2023, 6, 10),
                    period_start=date(2023, 4, 1),
                    period_end=date(2023, 6, 30),
                )
            )
        session.flush()
        return ids

    return db.call(arrange)


def ask(db: Database, viewer: Official, text: str) -> Answer:
    answer = db.call(answer_question, text=text, viewer=viewer, today=TODAY, periods=PeriodPolicy())
    assert answer is not None, text
    return answer


def rows(answer: Answer) -> list[tuple[str, int, int]]:
    return [(r.label, int(r.numerator), int(r.denominator)) for r in answer.rows]


NOT_REPORTED_Q2 = [(LAN, 2, 24), (HUNG, 2, 23), (TUAN, 0, 5)]  # most missing first
TABLE_Q2 = [(TUAN, 0, 5), (LAN, 2, 24), (HUNG, 2, 23), (NAM, 1, 1)]  # least reported first
TABLE_Q1 = [(LAN, 24, 24), (HUNG, 23, 23), (TUAN, 5, 5), (NAM, 1, 1)]  # all reported: more tasks first

# (question, period, persons named, rows, count, rate (active, total) of the one person named)
CASES: list[tuple[str, str, tuple[str, ...], list[tuple[str, int, int]], int, tuple[int, int] | None]] = [
    ("ai chưa báo cáo?", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("ai chua bao cao", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("Ai chưa báo cáo quý này", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("ai chua bao cao quy nay?", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("cán bộ nào chưa báo cáo", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("can bo nao chua bao cao quy 2", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("công chức nào chưa gửi báo cáo quý II/2023", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("người nào chưa báo cáo", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("những ai chưa nộp báo cáo?", Q2, (), NOT_REPORTED_Q2, 3, None),
    ("ai chưa báo cáo quý 1 năm 2023", Q1, (), [], 0, None),
    ("ai chưa báo cáo quý trước", Q1, (), [], 0, None),
    ("anh Hùng đã báo cáo chưa", Q2, (HUNG,), [(HUNG, 2, 23)], 21, (2, 23)),
    ("anh hung da bao cao chua", Q2, (HUNG,), [(HUNG, 2, 23)], 21, (2, 23)),
    ("Anh Văn Hùng báo cáo chưa?", Q2, (HUNG,), [(HUNG, 2, 23)], 21, (2, 23)),
    ("đ/c Nguyễn Văn Hùng đã báo cáo quý này chưa", Q2, (HUNG,), [(HUNG, 2, 23)], 21, (2, 23)),
    ("tỷ lệ của chị Lan", Q2, (LAN,), [(LAN, 2, 24)], 22, (2, 24)),
    ("ty le cua chi lan", Q2, (LAN,), [(LAN, 2, 24)], 22, (2, 24)),
    ("tỷ lệ hoàn thành của chị Lan quý 1/2023", Q1, (LAN,), [(LAN, 24, 24)], 0, (16, 24)),
    ("ti le hoan thanh cua anh hung quy 1 nam 2023", Q1, (HUNG,), [(HUNG, 23, 23)], 0, (15, 23)),
    ("em Tuấn đã báo cáo chưa", Q2, (TUAN,), [(TUAN, 0, 5)], 5, (0, 5)),
    ("tiến độ của anh Tuấn quý I/2023", Q1, (TUAN,), [(TUAN, 5, 5)], 0, (2, 5)),
    ("anh Nam báo cáo chưa", Q2, (NAM,), [(NAM, 1, 1)], 0, (1, 1)),
    ("Trần Thị Lan còn việc nào chưa báo cáo", Q2, (LAN,), [(LAN, 2, 24)], 22, (2, 24)),
    ("thống kê theo người", Q2, (), TABLE_Q2, 4, None),
    ("thong ke theo nguoi", Q2, (), TABLE_Q2, 4, None),
    ("thống kê theo từng cán bộ quý này", Q2, (), TABLE_Q2, 4, None),
    ("tỷ lệ của từng người quý 1 năm 2023", Q1, (), TABLE_Q1, 4, None),
    ("ai đã báo cáo quý này", Q2, (), TABLE_Q2, 4, None),
]


@pytest.mark.parametrize(("text", "period", "persons", "expected", "count", "rate"), CASES)
def test_people_questions(
    db: Database,
    world: dict[str, Any],
    text: str,
    period: str,
    persons: tuple[str, ...],
    expected: list[tuple[str, int, int]],
    count: int,
    rate: tuple[int, int] | None,
) -> None:
    answer = ask(db, make_viewer(world["org"]), text)
    assert answer.kind == "people", (text, answer.kind, answer.text)
    assert answer.period is not None and period_code(answer.period) == period, text
    assert answer.frame is not None
    ids = {HUNG: world["hung"], LAN: world["lan"], TUAN: world["tuan"], NAM: world["nam"]}
    assert answer.frame.persons == tuple(ids[p] for p in persons), text
    assert rows(answer) == expected, (text, answer.text)
    assert answer.count == count, (text, answer.text)
    if rate is not None:
        assert answer.rate == rate, (text, answer.text)


def test_the_texts_say_who_and_which_tasks(db: Database, world: dict[str, Any]) -> None:
    leader = make_viewer(world["org"])
    behind = ask(db, leader, "ai chưa báo cáo")
    assert behind.text.startswith("<b>Quý II/2023 (01/04–30/06), toàn xã</b>:")
    assert "Chưa báo cáo đủ: <b>3/4</b> người." in behind.text
    assert (
        f"1. <b>{LAN}</b> (Văn phòng HĐND và UBND xã): chưa báo cáo 22/24 nhiệm vụ — II.1.2, II.1.3"
        in behind.text
    )
    assert (
        f"3. <b>{TUAN}</b> (Văn hóa xã hội xã): chưa báo cáo 5/5 nhiệm vụ — II.2.1, II.2.2, II.2.4, II.2.5, II.2.6"
        in behind.text
    )
    assert NAM not in behind.text

    hung = ask(db, leader, "anh Hùng đã báo cáo chưa")
    assert f"<b>{HUNG}</b> (Văn phòng HĐND và UBND xã): 23 nhiệm vụ (1 được giao riêng)." in hung.text
    assert "Đã báo cáo: <b>2/23</b> nhiệm vụ." in hung.text
    assert "<b>8,7%</b> (2/23 nhiệm vụ)" in hung.text
    assert list(hung.codes) == VP_UNASSIGNED_Q2
    assert "Chưa báo cáo (21): " + ", ".join(VP_UNASSIGNED_Q2[:15]) + " và 6 nhiệm vụ khác." in hung.text

    lan = ask(db, leader, "tỷ lệ hoàn thành của chị Lan quý 1/2023")
    assert "<b>66,7%</b> (16/24 nhiệm vụ)" in lan.text
    assert "Đã báo cáo đủ các nhiệm vụ của kỳ." in lan.text

    everyone = ask(db, leader, "ai chưa báo cáo quý 1 năm 2023")
    assert "Mọi người (4) đã báo cáo đủ các nhiệm vụ của kỳ." in everyone.text

    table = ask(db, leader, "thống kê theo người")
    assert (
        f"1. <b>{TUAN}</b> (Văn hóa xã hội xã): đã báo cáo 0/5 (0,0%), đã và đang thực hiện 0/5 (0,0%)"
        in table.text
    )
    assert f"4. <b>{NAM}</b> (Đài truyền thanh xã): đã báo cáo 1/1 (100,0%)" in table.text


def test_an_official_sees_the_people_of_their_agency_only(db: Database, world: dict[str, Any]) -> None:
    tuan = make_viewer(world["org"], role="official", agency_id=world[VHXH])
    mine = ask(db, tuan, "ai chưa báo cáo")
    assert rows(mine) == [(TUAN, 0, 5)]
    other = ask(db, tuan, "anh Hùng đã báo cáo chưa")
    assert other.rows == ()
    assert "Bạn chỉ xem được số liệu của cán bộ trong đơn vị mình." in other.text
    assert HUNG not in other.text


def test_an_agency_named_narrows_the_people(db: Database, world: dict[str, Any]) -> None:
    answer = ask(db, make_viewer(world["org"]), "văn phòng ai chưa báo cáo")
    assert rows(answer) == [(LAN, 2, 24), (HUNG, 2, 23)]


def test_a_follow_up_keeps_the_person(db: Database, world: dict[str, Any]) -> None:
    leader = make_viewer(world["org"])
    first = ask(db, leader, "tỷ lệ của chị Lan")
    answer = db.call(
        answer_question, text="thế còn quý trước?", viewer=leader, today=TODAY, periods=PeriodPolicy(),
        memory=first.remember,
    )  # fmt: skip
    assert answer is not None and answer.kind == "people"
    assert answer.period is not None and period_code(answer.period) == Q1
    assert rows(answer) == [(LAN, 24, 24)] and answer.rate == (16, 24)


def test_questions_about_agencies_and_tasks_are_unchanged(db: Database, world: dict[str, Any]) -> None:
    leader = make_viewer(world["org"])
    assert ask(db, leader, "đơn vị nào chưa báo cáo").kind != "people"
    assert ask(db, leader, "những việc nào chưa báo cáo quý này").kind == "not_reported"
    assert ask(db, leader, "ai chủ trì nhiệm vụ II.1.1").kind == "task"
    assert ask(db, leader, "tỷ lệ hoàn thành quý 1 năm 2023").kind == "rate"
