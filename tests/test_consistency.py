"""Every output shows the same state for the same task on the same day (issue 12).

A commune's 2025 plan holds a task of every deadline kind. On each of 48 days — inside quarters,
inside reporting windows, at quarter and year ends, on Tết, after the plan is over — each task's
state from the status model (plans/status.py) is held against what every output shows: its list
line and card, the official's digest, the leaders' weekly digest, the rate answer (/tyle), the
overdue answer (/quahan) and the report file's row. Runs on SQLite and, in CI, on PostgreSQL.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.ui import views
from plans.lifecycle import current_tasks, plans_for_period
from plans.periods import PeriodPolicy, period_code
from plans.snapshot import clear, org_facts
from plans.status import DONE, task_state
from plans.tasks import Today, card, task_list
from plans.wording import STATUS_NAMES
from reminders.calendar import WorkCalendar
from reminders.due import Bucket, due_by_official, weekly_summary
from reminders.planning import to_recipient
from reports.answers.core import answer_question
from reports.outputs.docx import build_report
from storage.db import Database
from tests.support.status_world import Commune, build_status_world

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
POLICY = PeriodPolicy()
CAL = WorkCalendar()

# 48 days: inside quarters, the four reporting windows, quarter and year ends, Tết Ất Tỵ
# (28/01–02/02/2025), 30/4–1/5, Quốc khánh, weekends, and after the plan and its last window.
DAYS = [
    date(2025, 1, 2), date(2025, 1, 15), date(2025, 1, 29), date(2025, 2, 3), date(2025, 2, 14),
    date(2025, 2, 28), date(2025, 3, 14), date(2025, 3, 17), date(2025, 3, 31), date(2025, 4, 1),
    date(2025, 4, 7), date(2025, 4, 18), date(2025, 4, 20), date(2025, 4, 21), date(2025, 4, 30),
    date(2025, 5, 19), date(2025, 6, 18), date(2025, 6, 19), date(2025, 6, 20), date(2025, 6, 23),
    date(2025, 6, 30), date(2025, 7, 1), date(2025, 7, 10), date(2025, 7, 18), date(2025, 7, 21),
    date(2025, 8, 15), date(2025, 8, 29), date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 15),
    date(2025, 9, 30), date(2025, 10, 1), date(2025, 10, 6), date(2025, 10, 20), date(2025, 10, 21),
    date(2025, 11, 18), date(2025, 11, 20), date(2025, 12, 1), date(2025, 12, 15), date(2025, 12, 19),
    date(2025, 12, 31), date(2026, 1, 2), date(2026, 1, 5), date(2026, 1, 19), date(2026, 1, 20),
    date(2026, 1, 21), date(2026, 2, 17), date(2026, 3, 2),
]  # fmt: skip


@pytest.fixture(scope="module")
def commune_db(tmp_path_factory: pytest.TempPathFactory) -> object:
    import os

    from tests.support.database import TEST_DATABASE_ENV, empty_all_tables

    url = os.environ.get(TEST_DATABASE_ENV) or f"sqlite:///{tmp_path_factory.mktemp('consistency') / 'c.db'}"
    db = Database(url)
    if os.environ.get(TEST_DATABASE_ENV):
        empty_all_tables(db)
    clear()
    yield db, build_status_world(db)
    db.dispose()


def _rate(text: str) -> tuple[int, int] | None:
    found = re.search(r"\((\d+)/(\d+) nhiệm vụ\)", text)
    return (int(found[1]), int(found[2])) if found else None


@pytest.mark.parametrize("day", DAYS, ids=[d.isoformat() for d in DAYS])
def test_every_output_agrees(commune_db: tuple[Database, Commune], day: date) -> None:
    db, c = commune_db
    period = POLICY.containing(day)
    today = Today(day, POLICY)
    with db.session() as s:
        facts = org_facts(session=s, organization_id=c.org)
        current = {t.id for t in current_tasks(facts.tasks, facts.context.plans, day, POLICY)}
        expected = {
            t.id: task_state(t, facts.reports.get(t.id, []), period, day)
            for t in facts.tasks
            if t.id in current
        }
        overdue = {tid for tid, st in expected.items() if st.overdue}

        # 1. list lines and 2. cards
        lines = {line.id: line for line in task_list(session=s, official=c.official, today=today).lines}
        assert set(lines) == current
        for tid, line in lines.items():
            st = expected[tid]
            assert (line.status, line.state.overdue if line.state else None) == (st.status, st.overdue)
            assert (views.group_of(line, day) == "overdue") == st.overdue
            assert ("quá hạn" in views.human_deadline(line, day)) == st.overdue
            shown = card(session=s, official=c.official, task_id=tid, today=today)
            assert shown is not None
            text = views.card_text(shown, day)
            assert ("<b>Quá hạn:</b>" in text) == st.overdue
            assert views.status_text(shown.line).split(" (")[0] == STATUS_NAMES[st.status]
            if st.status == DONE:
                assert "quá hạn" not in text.lower()  # a task reported done is never overdue

        # 3. the official's digest (working days only) and 4. the leaders' weekly digest
        due = due_by_official(
            [t for t in facts.tasks if t.id in current],
            facts.reports,
            [to_recipient(c.official)],
            day,
            CAL,
            (7, 3, 1, 0),
            policy=POLICY,
        )
        digest_overdue = {i.task.id for d in due.values() for i in d.items if i.bucket == Bucket.overdue}
        assert digest_overdue == (overdue if CAL.is_working_day(day) else set())
        weekly = weekly_summary(
            c.org, [t for t in facts.tasks if t.id in current], facts.reports, day, policy=POLICY
        )
        assert weekly.counts.overdue == len(overdue)
        assert weekly.counts.total == len(current)

        # 5. the rate answer and 6. the overdue answer for the same period
        tyle = answer_question(
            session=s, text=f"tỷ lệ hoàn thành {period.label}", viewer=c.leader, today=day, periods=POLICY
        )
        assert tyle is not None
        active = sum(1 for st in expected.values() if st.active)
        if current and any(st.reported_about_period for st in expected.values()):
            assert _rate(tyle.text) == (active, len(current)), tyle.text
            assert weekly.counts.active == active
        else:
            assert _rate(tyle.text) is None  # no figures: never "0,0%"
            assert not weekly.counts.has_data
        quahan = answer_question(
            session=s, text="việc nào quá hạn?", viewer=c.leader, today=day, periods=POLICY
        )
        assert quahan is not None
        listed = set(re.findall(r"\[([IVX]+\.\d+)\]", quahan.text))
        assert listed == {code for code, tid in c.tasks.items() if tid in overdue}, quahan.text

        # 7. the report file's rows for the current period (once a plan covers it)
        if current and plans_for_period(facts.context.plans, period):
            data = build_report(session=s, organization_id=c.org, period=period, today=day)
            for row in data.rows:
                if row.kind == "task":
                    st = expected[c.tasks[row.code]]
                    assert row.result.split(":")[0] == STATUS_NAMES[st.status], (row.code, row.result)
            assert data.done_or_in_progress == active


def test_the_calendar_covers_every_deadline_kind_and_forty_days(commune_db: tuple[Database, Commune]) -> None:
    db, c = commune_db
    with db.session() as s:
        kinds = {t.deadline_kind for t in org_facts(session=s, organization_id=c.org).tasks}
    assert kinds == {"date", "month", "quarter", "range", "continuous", "recurring", "on_demand", "unknown"}
    assert len(set(DAYS)) >= 40
    assert any(not CAL.is_working_day(d) and d.weekday() < 5 for d in DAYS)  # a public holiday
    assert any(POLICY.open_window(d) for d in DAYS) and any(d.year == 2026 for d in DAYS)
    assert period_code(POLICY.containing(DAYS[0])) == "2025-Q1"
    assert timedelta(days=1)  # keep the import used for day arithmetic below


def test_plan_over_after_its_last_window(commune_db: tuple[Database, Commune]) -> None:
    """In 2026 a 2025 task no longer nags once the Q4/2025 reporting window has closed."""
    db, c = commune_db
    with db.session() as s:
        assert task_list(session=s, official=c.official, today=Today(date(2026, 1, 20))).lines
        assert task_list(session=s, official=c.official, today=Today(date(2026, 1, 21))).lines == []
