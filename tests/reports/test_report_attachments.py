"""Issue 15: the written report names the file an official attached to a task's report."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from plans.periods import PeriodPolicy, quarter
from plans.snapshot import clear
from reports.outputs.report_data import build_report
from storage.db import Database
from storage.models import ProgressReport


def test_the_appendix_row_names_the_attached_file(db: Database, thanh_xa: dict[str, int]) -> None:
    with db.session() as session:
        earlier = session.exec(
            select(ProgressReport).where(ProgressReport.task_id == thanh_xa["II.2.2"])
        ).one()
        session.add(
            ProgressReport(
                task_id=thanh_xa["II.2.2"],
                status="done",
                reported_on=date(2023, 3, 30),
                period_start=date(2023, 1, 1),
                period_end=date(2023, 3, 31),
                note="Đã cập nhật công khai",
                attachment_file_id="BQACAgUAAxkBAAIC",
                attachment_name="Ảnh chụp trang TTĐT.pdf",
                created_at=datetime(2023, 4, 14, 3, tzinfo=UTC),
                supersedes_id=earlier.id,  # the official's correction, with the evidence file
            )
        )
    clear()
    data = db.call(
        build_report, organization_id=thanh_xa["org"], period=quarter(2023, 1), today=date(2023, 4, 14),
        policy=PeriodPolicy(),
    )  # fmt: skip
    rows = {r.code: r for r in data.rows}
    assert rows["II.2.2"].result.endswith("(tệp đính kèm: Ảnh chụp trang TTĐT.pdf)")
    assert "tệp đính kèm" not in rows["II.2.1"].result  # nothing attached there
