"""The dashboard's page data without HTTP (reports/dashboard/): the indicators met or not, the
no-data period, and the table's filters over the Thanh Xá plan."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session

from bot.dashboard.layout import Frame
from bot.dashboard.pages import overview_page
from plans.periods import PeriodPolicy, quarter
from reports.dashboard.overview import Overview, overview
from reports.dashboard.tasks import Filters, TaskTable, task_table
from storage.db import Database
from storage.models import ProgressReport, Task
from tests.support.thanh_xa import make_viewer, seed_thanh_xa

DAY = date(2023, 4, 17)
Q1 = quarter(2023, 1)


def _targets(session: Session, ids: dict[str, int]) -> None:
    for code, minimum, value in (("II.1.5", 90, 99.73), ("III.4", 100, 80.0)):
        task = session.get(Task, ids[code])
        assert task is not None
        task.targets = [{"metric": "Tỷ lệ hồ sơ được số hóa", "min_percent": minimum}]
        session.add(task)
        report = ProgressReport(task_id=ids[code], status="in_progress", reported_on=date(2023, 3, 30), kpi_value=value,
                           period_start=date(2023, 1, 1), period_end=date(2023, 3, 31), source="bot",
                           created_at=datetime(2023, 3, 30, 2, 0, tzinfo=UTC))  # fmt: skip
        session.add(report)


def test_indicators_met_and_not_met(db: Database) -> None:
    ids = db.call(seed_thanh_xa)
    db.call(_targets, ids=ids)
    data = db.call(overview, viewer=make_viewer(ids["org"]), period=Q1, today=DAY, policy=PeriodPolicy())
    assert isinstance(data, Overview)
    found = {t.code: (t.value, t.met) for t in data.targets}
    assert found == {"II.1.5": (99.73, True), "III.4": (80.0, False)}
    assert data.counts.total == 30 and data.rate is not None and round(data.rate, 1) == 73.3
    html = overview_page(
        Frame(data.organization, "Lê Văn Bình", "leader", "csrf", "nonce", Q1, data.choices), data
    )
    table = html.split('id="targets"', 1)[1]
    assert "≥ 90%" in table and "99,7%" in table and "✔ Đạt" in table  # colour with a word and an icon
    assert "≥ 100%" in table and "80,0%" in table and "✖ Chưa đạt" in table


def test_a_period_without_reports_has_no_rate(db: Database) -> None:
    ids = db.call(seed_thanh_xa)
    data = db.call(overview, viewer=make_viewer(ids["org"]), period=quarter(2023, 3), today=date(2023, 10, 2),
                   policy=PeriodPolicy())  # fmt: skip
    assert isinstance(data, Overview)
    assert data.rate is None  # "chưa có số liệu", never 0%
    assert data.counts.total > 0


def test_table_filters(db: Database) -> None:
    ids = db.call(seed_thanh_xa)
    leader = make_viewer(ids["org"])

    def table(**filters: object) -> TaskTable:
        found = db.call(task_table, official=leader, period=Q1, filters=Filters(**filters), today=DAY,  # type: ignore[arg-type]
                        policy=PeriodPolicy())  # fmt: skip
        assert isinstance(found, TaskTable)
        return found

    assert table().total == 30
    assert [r.task.code for r in table(text="SO HOA HO SO").rows] == ["II.1.5", "III.4"]
    assert [r.task.code for r in table(text="ii.1.5").rows] == ["II.1.5"]  # a code
    assert table(status="not_done").total == 8
    assert table(plan_id=ids["plan"]).total == 30 and table(plan_id=ids["plan"] + 99).total == 0
    by_due = [r.state.due for r in table(sort="due").rows]
    assert by_due == sorted(by_due, key=lambda d: d or date.max)
    official = make_viewer(ids["org"], role="official", agency_id=ids["Văn hóa xã hội xã"])
    own = db.call(
        task_table, official=official, period=Q1, filters=Filters(), today=DAY, policy=PeriodPolicy()
    )
    assert isinstance(own, TaskTable)
    agency = ids["Văn hóa xã hội xã"]
    assert own.total < 30
    assert all(agency in r.task.lead_agency_ids | r.task.coordinating_agency_ids for r in own.rows)
