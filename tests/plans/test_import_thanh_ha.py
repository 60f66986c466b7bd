"""Import of the Thanh Hà Q3/2025 report appendix (results citing documents, KPI values) from .docx
(Word layout: repeated header rows, section rows spanning the row, merged cells, split rows), .xlsx
and .pdf, and storing its results as progress reports.

Counts, read off the reconstructed table (tests.support.documents.thanh_ha, from the seed's PDF text):
- mục: 4 — the section rows I, II, III, IV.
- nội dung: 17 — first-level numbered rows: I 1–3 (3), II 1–6 (6), III 1–5 (5), IV 1–3 (3).
- nhiệm vụ: 24 — a nội dung with nothing under it is one task; one with rows under it counts those
  rows: I 3; II: 1, 2 → 2.1 + 2.2, 3 → five rows ("- Cập nhật …", "3.1 - Triển khai …", "- Tiếp tục …
  môi trường điện tử", "- Tiếp tục … ngành dọc", "3.2 - Tổ chức … liên thông"), 4, 5, 6 = 11;
  III: 1, 2, 3, 4 → two KPI rows, 5 = 6; IV: 1, 2 → two bullet rows, 3 = 4. 3 + 11 + 6 + 4 = 24.
Every task has a result: 10 done (a document cited, "Đạt 100%"), 14 in progress ("Đã và đang thực
hiện", a KPI below target such as "đạt 61,3%", "Đạt 99,84% - chưa đạt"), so 24/24 = 100,0%.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from plans.importing import store_plan
from plans.parsing.importer import parse_file
from plans.parsing.summary import results_line, summary_line
from plans.parsing.types import ParsedNode, ParsedPlan
from storage.db import Database
from storage.models import Agency, Plan, ProgressReport, ReportDocument, Task, TaskAgency
from storage.text import squash
from tests.support.documents.builders import build_docx, build_pdf, build_xlsx
from tests.support.documents.thanh_ha import TH_STATUS, THANH_HA

FORMATS = ("docx", "xlsx", "pdf")


@pytest.fixture(scope="module")
def thanh_ha(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ParsedPlan]:
    out = tmp_path_factory.mktemp("thanh-ha")
    builders = {"docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}
    plans: dict[str, ParsedPlan] = {}
    for fmt in FORMATS:
        path = builders[fmt](THANH_HA, out / f"{THANH_HA.name}.{fmt}")
        plans[fmt] = parse_file(path, filename=path.name)
    return plans


def _task(plan: ParsedPlan, code: str) -> ParsedNode:
    return next(n for n in plan.tasks if n.code == code)


def _docs(node: ParsedNode) -> list[tuple[str, str | None, date | None]]:
    assert node.result is not None
    return [(d.doc_type, d.number, d.issued_on) for d in node.result.documents]


@pytest.mark.parametrize("fmt", FORMATS)
def test_counts_codes_and_completion(thanh_ha: dict[str, ParsedPlan], fmt: str) -> None:
    plan = thanh_ha[fmt]
    assert (len(plan.sections), len(plan.items), len(plan.tasks)) == (4, 17, 24)
    assert summary_line(plan).startswith("4 mục, 17 nội dung, 24 nhiệm vụ")
    assert [s.code for s in plan.sections] == ["I", "II", "III", "IV"]
    assert [t.code for t in plan.tasks] == list(TH_STATUS)
    assert {t.code: t.result.status for t in plan.tasks if t.result} == TH_STATUS
    assert {n.code for n in plan.nodes if n.kind == "group"} == {"II.2", "II.3", "III.4", "IV.2"}
    assert plan.organization == "UBND xã Thanh Hà" and plan.year == 2025
    # "Kết quả quý III/2025": the results are reports for the third quarter, dated at its end
    period = plan.result_period
    assert period is not None and period.label == "Quý III/2025"
    assert (period.start, period.end) == (date(2025, 7, 1), date(2025, 9, 30))
    assert sum(1 for t in plan.tasks if t.result and t.result.status == "done") == 10
    assert results_line(plan) == "Kết quả Quý III/2025: 24/24 nhiệm vụ đã và đang thực hiện (100,0%)"


@pytest.mark.parametrize("fmt", FORMATS)
def test_agencies_deadlines_and_targets(thanh_ha: dict[str, ParsedPlan], fmt: str) -> None:
    plan = thanh_ha[fmt]
    i2 = _task(plan, "I.2")
    assert i2.lead == ["Trung tâm phục vụ hành chính công"]
    assert i2.coordinating == ["Phòng Văn hóa xã hội (VH-XH)", "Văn phòng HĐND- UBND xã"]
    assert i2.deadline is not None and (i2.deadline.kind, i2.deadline.due) == ("month", date(2025, 7, 31))
    i3 = _task(plan, "I.3").deadline
    assert i3 is not None and (i3.text, i3.kind, i3.due) == ("Tháng 8 năm 2025", "month", date(2025, 8, 31))
    ii22 = _task(plan, "II.2.2")  # lead and coordinating the other way round
    assert ii22.lead == ["Các cơ quan chuyên môn thuộc UBND xã"]
    assert ii22.coordinating == ["Trung tâm Phục vụ hành chính công"]
    assert ii22.deadline is not None
    assert (squash(ii22.deadline.text), ii22.deadline.kind, ii22.deadline.due) == (
        "Chậm nhất ngày 15/9/2025",
        "date",
        date(2025, 9, 15),
    )
    assert squash(ii22.product or "") == "- Văn bản, báo cáo kết quả rà soát - Phương án đề xuất (nếu có)."
    for code in ("II.1", "III.2", "III.5"):  # "xã Thường xuyên trong năm 2025." is PDF noise, tolerated
        d = _task(plan, code).deadline
        assert d is not None and (d.kind, d.start, d.due) == (
            "continuous",
            date(2025, 1, 1),
            date(2025, 12, 31),
        )
    iv3 = _task(plan, "IV.3").deadline
    assert iv3 is not None and iv3.kind == "recurring"
    ii32 = _task(plan, "II.3.2")  # inherits II.3's merged lead / deadline / product cells
    assert ii32.lead == ["Trung tâm Phục vụ hành chính công"]
    assert (
        ii32.deadline is not None
        and squash(ii32.deadline.text) == "Theo yêu cầu hoặc thường xuyên trong năm 2025"
    )
    assert ii32.product == "Văn bản chỉ đạo, báo cáo,..."
    iii41 = _task(plan, "III.4.1")  # under III.4's merged cells
    assert iii41.lead == ["Trung tâm Phục vụ hành chính công"]
    assert (iii41.product or "").startswith(". 100% hồ sơ, kết quả giải quyết TTHC được số hóa")
    assert [(t.metric, t.min_percent) for t in _task(plan, "III.1").targets][:2] == [
        ("hồ sơ tiếp nhận trực tuyến", 60.0),
        ("hồ sơ TTHC được xử lý trực tuyến", 80.0),
    ]
    assert [t.min_percent for t in _task(plan, "III.2").targets][:1] == [60.0]
    assert [t.min_percent for t in _task(plan, "II.5").targets] == [95.0, 90.0]
    assert [t.min_percent for t in _task(plan, "III.5").targets][:1] == [50.0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_results_documents_and_kpi_values(thanh_ha: dict[str, ParsedPlan], fmt: str) -> None:
    plan = thanh_ha[fmt]
    assert _docs(_task(plan, "I.1")) == [("Kế hoạch", "23/KH-UBND", date(2025, 8, 15))]
    assert _docs(_task(plan, "I.2")) == [("Quyết định", "02/QĐ-TTPVHCC", date(2025, 7, 1))]
    assert _docs(_task(plan, "I.3")) == [("Quyết định", "561/QĐ-UBND", date(2025, 8, 20))]
    assert _docs(_task(plan, "IV.1")) == [("Kế hoạch", "28/KH-UBND", date(2025, 8, 25))]  # "kế hoạch 28/…"
    # "Báo cáo số ngày 02/10/2025": the number was left blank in the report
    assert _docs(_task(plan, "II.2.2")) == [("Báo cáo", None, date(2025, 10, 2))]
    # IV.3's result ran onto the last page after a repeated header row: one result, three reports
    iv3 = _task(plan, "IV.3")
    assert _docs(iv3) == [
        ("Báo cáo", "58/BC-UBND", date(2025, 7, 29)),
        ("Báo cáo", "166/BC-UBND", date(2025, 9, 16)),
        ("Báo cáo", None, date(2025, 10, 2)),
    ]
    assert (
        iv3.result is not None
        and "liên thông và thực hiện TTHC trên môi trường điện tử quý III" in squash(iv3.result.text)
    )
    # 3.1's result cell broke over pages 2–3: both parts, one in-progress result
    ii32 = _task(plan, "II.3.2").result
    assert ii32 is not None and ii32.status == "in_progress"
    assert squash(ii32.text).startswith("Đã và đang thực hiện Thông báo danh mục thủ tục hành chính không")
    # KPI values as written: decimal comma, decimal point with a space, and "- chưa đạt"
    kpis = {code: _task(plan, code).result.kpi_values for code in ("III.1", "III.2", "III.4.1", "III.4.2")}  # type: ignore[union-attr]
    assert kpis == {"III.1": [61.3], "III.2": [62.38], "III.4.1": [99.84], "III.4.2": [100.0]}
    assert (_task(plan, "III.4.1").result.status, _task(plan, "III.4.2").result.status) == (  # type: ignore[union-attr]
        "in_progress",
        "done",
    )
    # a result citing a notice by name only is done, with no numbered document
    ii31 = _task(plan, "II.3.1").result
    assert ii31 is not None and ii31.status == "done" and ii31.documents == []
    assert _task(plan, "II.4").result.status == "in_progress"  # type: ignore[union-attr]  # "thực hiên" (sic)
    # IV.2's own bullet row (the top of its merged STT cell) is a task with its result
    iv21 = _task(plan, "IV.2.1")
    assert iv21.content.startswith("- Phối hợp cử công chức chuyên môn tham dự tập huấn")
    assert iv21.deadline is not None and iv21.deadline.text == "Trong năm 2025"
    assert _task(plan, "IV.2.2").content.startswith("- Giao ban định kỳ")


def test_stored_as_third_quarter_reports(db: Database, thanh_ha: dict[str, ParsedPlan]) -> None:
    parsed = thanh_ha["docx"]
    with db.session() as session:
        result = store_plan(session=session, parsed=parsed, organization_name=None)
        assert result.organization == "UBND xã Thanh Hà"
        assert result.reports_added == 24
    with Session(db.engine) as session:
        plan = session.exec(select(Plan)).one()
        assert plan.year == 2025
        assert len(session.exec(select(Task).where(Task.kind == "task")).all()) == 24
        # both spellings of the centre, "VH-XH" and "HĐND- UBND" resolve to canonical agencies
        agencies = {a.name: a.is_group for a in session.exec(select(Agency)).all()}
        assert agencies == {
            "Trung tâm Phục vụ hành chính công": False,
            "Các cơ quan chuyên môn thuộc UBND xã": True,
            "Phòng Văn hóa - Xã hội": False,
            "Văn phòng HĐND và UBND xã": False,
        }
        i2 = session.exec(select(Task).where(Task.code == "I.2")).one()
        coordinating = session.exec(
            select(Agency.name)
            .join(TaskAgency, TaskAgency.agency_id == Agency.id)  # type: ignore[arg-type]
            .where(TaskAgency.task_id == i2.id, TaskAgency.role == "coordinating")
        ).all()
        assert sorted(coordinating) == ["Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND xã"]

        reports = session.exec(select(ProgressReport)).all()
        assert len(reports) == 24
        assert {(r.reported_on, r.period_start, r.period_end, r.source) for r in reports} == {
            (date(2025, 9, 30), date(2025, 7, 1), date(2025, 9, 30), "import")
        }
        assert sum(r.status == "done" for r in reports) == 10
        assert sum(r.status == "in_progress" for r in reports) == 14

        def report_of(code: str) -> ProgressReport:
            task = session.exec(select(Task).where(Task.code == code)).one()
            return session.exec(select(ProgressReport).where(ProgressReport.task_id == task.id)).one()

        assert [report_of(c).kpi_value for c in ("III.1", "III.2", "III.4.1")] == [61.3, 62.38, 99.84]
        assert report_of("III.4.1").status == "in_progress"
        i2_report = report_of("I.2")
        docs = session.exec(select(ReportDocument).where(ReportDocument.report_id == i2_report.id)).all()
        assert [(d.doc_type, d.number, d.issued_on) for d in docs] == [
            ("Quyết định", "02/QĐ-TTPVHCC", date(2025, 7, 1))
        ]
        iv3_docs = session.exec(
            select(ReportDocument).where(ReportDocument.report_id == report_of("IV.3").id)
        ).all()
        assert [(d.number, d.issued_on) for d in iv3_docs] == [
            ("58/BC-UBND", date(2025, 7, 29)),
            ("166/BC-UBND", date(2025, 9, 16)),
            (None, date(2025, 10, 2)),
        ]
