"""Issue 12's "Why", one test each, on the status world (tests/support/status_world.py): each of
these disagreed before the status model. The 40-day table of every output is tests/test_consistency.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from handlers.ui import views
from plans.lifecycle import current_tasks, tasks_for_period
from plans.periods import PeriodPolicy
from plans.progress import submit_report
from plans.snapshot import clear, org_facts
from plans.tasks import Today, card, search, task_list
from plans.wording import DONE, IN_PROGRESS, NOT_DONE, STATUS_NAMES
from reminders.calendar import WorkCalendar
from reminders.due import Bucket, due_by_official, weekly_summary
from reminders.planning import to_recipient
from reports.answers.core import answer_question
from storage.db import Database
from tests.support.status_world import Commune, build_status_world

POLICY = PeriodPolicy()


@pytest.fixture
def world(db: Database) -> Iterator[tuple[Database, Commune]]:
    clear()
    yield db, build_status_world(db)
    clear()


def _ask(db: Database, c: Commune, text: str, day: date) -> str:
    with db.session() as s:
        answer = answer_question(session=s, text=text, viewer=c.leader, today=day, periods=POLICY)
    assert answer is not None
    return answer.text


def _weekly(db: Database, c: Commune, day: date):  # type: ignore[no-untyped-def]
    with db.session() as s:
        facts = org_facts(session=s, organization_id=c.org)
        tasks = tasks_for_period(facts.tasks, facts.context.plans, POLICY.containing(day), day, POLICY)
        return weekly_summary(c.org, tasks, facts.reports, day, policy=POLICY)


def test_the_weekly_digest_and_the_overdue_answer_name_the_same_tasks(
    world: tuple[Database, Commune],
) -> None:
    db, c = world
    day = date(2025, 10, 6)  # Monday; I.2 (August), I.3 (Q3) not done, III.1 missed since March
    listed = set(re.findall(r"\[([IVX]+\.\d+)\]", _ask(db, c, "việc nào quá hạn?", day)))
    assert listed == {"I.2", "I.3", "III.1"}
    assert _weekly(db, c, day).counts.overdue == len(listed)


def test_the_weekly_digest_and_the_rate_count_the_same_tasks(world: tuple[Database, Commune]) -> None:
    db, c = world
    day = date(2025, 11, 24)  # a Monday of Q4, which has a report (III.3, sent 03/11)
    rate = re.search(r"\((\d+)/(\d+) nhiệm vụ\)", _ask(db, c, "tỷ lệ hoàn thành quý này", day))
    weekly = _weekly(db, c, day)
    assert rate is not None and int(rate[2]) == weekly.counts.total == 9


def test_a_task_reported_done_late_is_never_shown_overdue(world: tuple[Database, Commune]) -> None:
    db, c = world
    day = date(2025, 3, 31)  # I.1 was due 15/03 and reported done on 20/03
    today = Today(day, POLICY)
    with db.session() as s:
        shown = card(session=s, official=c.official, task_id=c.tasks["I.1"], today=today)
        found = search(session=s, official=c.official, query="I.1", today=today)
    assert shown is not None and shown.line.status == DONE
    text = views.card_text(shown, day, calendar=WorkCalendar())
    assert "quá hạn" not in text.lower()
    assert views.human_deadline(shown.line, day) == "đã xong, hạn 15/03/2025"
    line = next(f for f in found if f.id == c.tasks["I.1"])
    assert "quá hạn" not in views.task_line_text(line, day, with_status=True)
    assert "[I.1]" not in _ask(db, c, "việc nào quá hạn?", day)


def test_a_report_about_q1_sent_on_5_april_counts_for_q1_and_leaves_q2_alone(
    world: tuple[Database, Commune],
) -> None:
    db, c = world
    day = date(2025, 4, 5)
    before_q1 = _ask(db, c, "tỷ lệ hoàn thành quý 1 năm 2025", day)
    with db.session() as s:
        result = submit_report(
            session=s,
            telegram_user_id=c.official.telegram_user_id,
            task_id=c.tasks["I.3"],
            status=IN_PROGRESS,
            reported_on=day,
            period=POLICY.last_ended(day),
        )
    assert result.report_id is not None
    clear()
    after_q1 = _ask(db, c, "tỷ lệ hoàn thành quý 1 năm 2025", day)
    counts = [re.search(r"\((\d+)/(\d+) nhiệm vụ\)", t) for t in (before_q1, after_q1)]
    assert counts[0] is not None and counts[1] is not None
    assert int(counts[1][1]) == int(counts[0][1]) + 1  # the Q1 figure moved
    q2 = _ask(db, c, "tỷ lệ hoàn thành quý 2 năm 2025", day)
    assert q2.startswith("Chưa có số liệu báo cáo quý II/2025"), q2  # not "3,3%"


def test_quy_vua_roi_on_5_october_is_the_third_quarter(world: tuple[Database, Commune]) -> None:
    db, c = world
    text = _ask(db, c, "tỷ lệ hoàn thành quý vừa rồi?", date(2025, 10, 5))
    assert "quý III/2025" in text.lower().replace("quý iii", "quý III") or "Quý III/2025" in text
    assert "IV/2025" not in text


def test_a_period_without_any_report_has_no_figures(world: tuple[Database, Commune]) -> None:
    db, c = world
    text = _ask(db, c, "tỷ lệ hoàn thành quý 3 năm 2025", date(2025, 8, 15))  # nothing reported about Q3 yet
    assert text.startswith("Chưa có số liệu báo cáo quý III/2025"), text
    assert "0,0%" not in text


def test_a_plan_over_no_longer_nags(world: tuple[Database, Commune]) -> None:
    db, c = world
    day = date(2026, 2, 2)  # the 2025 plan's last reporting window closed on 20/01/2026
    with db.session() as s:
        facts = org_facts(session=s, organization_id=c.org)
        assert current_tasks(facts.tasks, facts.context.plans, day, POLICY) == []
        assert task_list(session=s, official=c.official, today=Today(day, POLICY)).lines == []
    assert "[III.1]" not in _ask(db, c, "việc nào quá hạn?", day)
    # while questions about its periods still answer
    assert re.search(r"\(\d+/9 nhiệm vụ\)", _ask(db, c, "tỷ lệ hoàn thành quý 2 năm 2025", day))


def test_a_milestone_inside_a_continuous_task_is_reminded(world: tuple[Database, Commune]) -> None:
    db, c = world
    day = date(2025, 6, 17)  # "chậm nhất ngày 20/6/2025" inside "Thường xuyên trong năm 2025": 3 days
    with db.session() as s:
        facts = org_facts(session=s, organization_id=c.org)
        due = due_by_official(
            current_tasks(facts.tasks, facts.context.plans, day, POLICY),
            facts.reports,
            [to_recipient(c.official)],
            day,
            WorkCalendar(),
            (7, 3, 1, 0),
            policy=POLICY,
        )
    items = [i for d in due.values() for i in d.items if i.task.code == "II.2"]
    assert [(i.occurrence, i.bucket) for i in items] == [(date(2025, 6, 20), Bucket.upcoming)]


def test_one_vocabulary_and_breakdowns_that_add_up(world: tuple[Database, Commune]) -> None:
    db, c = world
    assert (STATUS_NAMES[DONE], STATUS_NAMES[IN_PROGRESS], STATUS_NAMES[NOT_DONE]) == (
        "Đã thực hiện",
        "Đang thực hiện",
        "Chưa thực hiện",
    )
    text = _ask(db, c, "tỷ lệ hoàn thành quý 3 năm 2025", date(2025, 10, 10))
    assert "(đã và đang thực hiện)" in text
    assert "Đã hoàn thành" not in text and "thực hiện xong" not in text
    total = re.search(r"\((\d+)/(\d+) nhiệm vụ\)", text)
    assert total is not None
    parts = {
        name.strip("•-– "): int(n) for name, n in re.findall(r"^([^:\n]{3,40}): (\d+)\s*$", text, flags=re.M)
    }
    parts.pop("Quá hạn", None)  # overdue is counted across the statuses, not beside them
    assert parts and sum(parts.values()) == int(total[2]), text  # on-demand tasks inside the total


def test_a_plan_without_a_year_is_not_late_for_months_before_it(db: Database) -> None:
    """A monthly task of a plan whose header gave no year, imported on 10/01/2026: December 2025's
    occurrence is not "quá hạn" — only the period's own occurrences count when the start is unknown."""
    from plans.status import task_state
    from storage.facts import TaskFacts

    task = TaskFacts(
        id=1,
        plan_id=1,
        organization_id=1,
        code="I.1",
        content="Báo cáo tình hình giải quyết TTHC",
        section="I",
        deadline_text="Trước ngày 18 hàng tháng",
        deadline_kind="recurring",
        due=None,
        start=None,
        recurrence="monthly:18",
    )
    day = date(2026, 1, 10)
    state = task_state(task, [], POLICY.containing(day), day)
    assert not state.overdue and state.due == date(2026, 1, 18)
    later = date(2026, 1, 25)  # January's occurrence missed: now it is overdue
    assert task_state(task, [], POLICY.containing(later), later).overdue


def test_the_on_time_rate_stands_beside_the_communes_rate(world: tuple[Database, Commune]) -> None:
    """Tỷ lệ hoàn thành đúng hạn (QĐ 42/2014/QĐ-TTg) among the one-off tasks whose due day has come:
    I.1 (due 15/03, done 20/03) late; I.4 (due 30/06) on time: its done report, sent 08/07 inside the
    window, is about Q2; I.2 (31/08) and I.3 (30/09) not done — 1 of 4. The commune's own rate stays
    (đã và đang thực hiện) / tổng."""
    db, c = world
    text = _ask(db, c, "tỷ lệ hoàn thành quý 3 năm 2025", date(2025, 10, 10))
    assert "Tỷ lệ hoàn thành đúng hạn: 25,0% (1/4 nhiệm vụ đã đến hạn)" in text, text
    assert "Tỷ lệ hoàn thành (đã và đang thực hiện)" in text
