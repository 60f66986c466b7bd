"""Import of every seed's appendix from .docx, .xlsx, .pdf, .txt and .md: counts, codes, agencies,
deadlines, targets and results. The Thanh Xá report states its own golden numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plans.parsing.importer import parse_file
from plans.parsing.summary import results_line, summary_line
from plans.parsing.types import ParsedPlan
from storage.text import squash
from tests.support.documents.thanh_xa import TX_STATUS


def _parse(path: Path) -> ParsedPlan:
    return parse_file(path, filename=path.name)


def _task(plan: ParsedPlan, code: str):  # type: ignore[no-untyped-def]
    return next(n for n in plan.tasks if n.code == code)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_thanh_xa_golden_counts_and_results(plan_files: dict[str, Path], fmt: str) -> None:
    plan = _parse(plan_files[f"thanh-xa-2023-q1.{fmt}"])
    # "Kế hoạch có 4 mục với 14 nội dung và 30 nhiệm vụ"
    assert (len(plan.sections), len(plan.items), len(plan.tasks)) == (4, 14, 30)
    assert [s.code for s in plan.sections] == ["I", "II", "III", "IV"]
    assert sorted(t.code for t in plan.tasks) == sorted(TX_STATUS)
    assert {t.code: t.result.status for t in plan.tasks if t.result} == TX_STATUS
    # "đã và đang thực hiện được 22 nhiệm vụ … đạt: 73,3%"
    active = [t for t in plan.tasks if t.result and t.result.status in ("done", "in_progress")]
    assert len(active) == 22
    assert results_line(plan) == "Kết quả Quý I/2023: 22/30 nhiệm vụ đã và đang thực hiện (73,3%)"
    assert summary_line(plan).startswith("4 mục, 14 nội dung, 30 nhiệm vụ")
    assert plan.result_period is not None and plan.result_period.end == date(2023, 3, 31)
    assert plan.organization == "UBND xã Thanh Xá"
    assert plan.year == 2023

    groups = {n.code for n in plan.nodes if n.kind == "group"}
    assert groups == {"II.1", "II.2", "II.3"}
    ii2 = next(n for n in plan.nodes if n.code == "II.2")
    assert ii2.content == "Tổ chức thực hiện các nhiệm vụ KS TTHC, gồm:"
    ii1 = next(n for n in plan.nodes if n.code == "II.1")
    assert ii1.content == "Triển khai việc tổ chức thực hiện các nhiệm vụ về:"

    # the split row (page break) is one task
    i1 = _task(plan, "I.1")
    assert squash(i1.content) == "Xây dựng văn bản chỉ đạo của UBND xã, Chủ tịch UBND xã"
    assert i1.lead == ["Văn phòng HĐND và UBND xã"]
    assert i1.deadline is not None and i1.deadline.kind == "continuous"
    assert i1.deadline.due == date(2023, 12, 31)
    assert [(d.doc_type, d.number, d.issued_on) for d in i1.result.documents][:2] == [  # type: ignore[union-attr]
        ("Kế hoạch", "25/KH-UBND", date(2023, 3, 9)),
        ("Kế hoạch", "27/KH-UBND", date(2023, 3, 9)),
    ]
    assert len(i1.result.documents) == 7  # type: ignore[union-attr]

    # bullet rows under a merged lead/deadline cell inherit it
    ii12 = _task(plan, "II.1.2")
    assert squash(ii12.content).startswith("- Thực hiện giải quyết TTHC trên môi trường điện tử")
    assert ii12.lead == ["Văn phòng HĐND và UBND xã"]
    assert squash(ii12.deadline.text) == "Thường xuyên trong năm 2023"  # type: ignore[union-attr]
    assert ii12.result is not None and ii12.result.kpi_values == [78.5]
    assert "Văn hóa xã hội xã" in _task(plan, "II.2.4").lead
    assert _task(plan, "II.3.1").result.status == "in_progress"  # type: ignore[union-attr]
    ii35 = _task(plan, "II.3.5").result
    assert ii35 is not None
    assert [(d.doc_type, d.number, d.issued_on) for d in ii35.documents] == [
        ("Thông báo", "16/TB-UBND", date(2023, 4, 12))
    ]

    # a product cell that ran onto the next page, after a repeated header row
    assert squash(_task(plan, "II.6").product or "").endswith("công khai kết quả giải quyết")
    ii5 = _task(plan, "II.5").deadline
    assert ii5 is not None and (ii5.kind, ii5.start, ii5.due) == (
        "range",
        date(2023, 4, 1),
        date(2023, 12, 31),
    )
    assert _task(plan, "IV.2").deadline.kind == "recurring"  # type: ignore[union-attr]
    # a numbered row ending with ":" and nothing under it is a task
    assert squash(_task(plan, "III.5").content).endswith("Cổng Dịch vụ công Quốc gia:")
    assert _task(plan, "III.3").lead == ["Các công chức chuyên môn"]


def test_thanh_xa_docx_metadata_from_the_report_header(plan_files: dict[str, Path]) -> None:
    plan = _parse(plan_files["thanh-xa-2023-q1.docx"])
    # a report's appendix belongs to the plan it reports on: "Kế hoạch số 25/KH-UBND ngày 09/03/2023 của UBND xã"
    assert plan.number == "25/KH-UBND"
    assert plan.issued_on == date(2023, 3, 9)
    assert plan.title is not None and plan.title.startswith("Kế hoạch Kiểm soát thủ tục hành chính")
    assert not plan.title.endswith("quý I năm 2023")  # the plan's title, not the report's


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf", "txt", "md"])
def test_chi_linh_deadline_before_agencies(plan_files: dict[str, Path], fmt: str) -> None:
    plan = _parse(plan_files[f"chi-linh-2025.{fmt}"])
    assert (len(plan.sections), len(plan.items), len(plan.tasks)) == (3, 16, 33)
    assert plan.organization == "UBND phường Chí Linh"
    assert plan.year == 2025
    assert plan.result_period is None and all(t.result is None for t in plan.tasks)
    codes = [t.code for t in plan.tasks]
    assert codes[:8] == ["I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "II.1.1", "II.1.2"]
    assert "II.2.1" in codes and "III.3.9" in codes
    i1 = _task(plan, "I.1")
    assert i1.lead == ["Trung tâm Phục vụ Hành chính công"]
    assert i1.coordinating == ["Văn phòng HĐND và UBND phường"]
    assert i1.deadline is not None and (i1.deadline.kind, i1.deadline.due) == ("month", date(2025, 8, 31))
    assert i1.product == "Kế hoạch được ban hành"
    d = _task(plan, "II.3.2").deadline
    assert d is not None and (d.text, d.kind, d.due) == ("Trước 30/8/2025", "date", date(2025, 8, 30))
    assert _task(plan, "II.1.1").deadline.kind == "on_demand"  # type: ignore[union-attr]
    monthly = _task(plan, "II.6.2")
    assert monthly.deadline is not None and monthly.deadline.kind == "recurring"
    assert "phủ tại Văn bản số 5633/VPCP" in squash(monthly.content)  # continuation row
    assert squash(monthly.product or "").endswith("đến hết ngày 14 của tháng sau)")
    assert [(t.min_percent) for t in _task(plan, "III.3.2").targets] == [60.0]
    assert "Trung tâm Sự nghiệp công" in _task(plan, "II.7.1").coordinating


def test_chi_linh_docx_merged_cells_inherited(plan_files: dict[str, Path]) -> None:
    plan = _parse(plan_files["chi-linh-2025.docx"])
    assert plan.number == "112/KH-UBND" and plan.issued_on == date(2025, 8, 15)
    assert (
        plan.title
        == "Kế hoạch kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông năm 2025"
    )
    for code in ("III.3.2", "III.3.4", "III.3.9"):
        task = _task(plan, code)
        assert task.deadline is not None and task.deadline.text == "Thường xuyên"
        assert task.lead == ["Trung tâm Phục vụ Hành chính công"]
    assert (_task(plan, "III.3.3").product or "").startswith("- Báo cáo kiểm soát và cải cách TTHC")


def test_quyet_thang_markdown_seed(quyet_thang_md: Path) -> None:
    plan = _parse(quyet_thang_md)
    assert (len(plan.sections), len(plan.items), len(plan.tasks)) == (5, 20, 29)
    assert plan.organization == "UBND xã Quyết Thắng" and plan.year == 2026
    ii1 = _task(plan, "II.1")  # its bullets ran onto the next page as a content-only row
    assert "- Nhiệm vụ khác được giao." in ii1.content
    assert [n.code for n in plan.nodes if n.kind == "group"] == ["II.2", "II.3"]
    ii31 = _task(plan, "II.3.1")  # split row: every cell continues on the next page
    assert "tại Trung tâm Phục vụ hành chính công" in squash(ii31.content)
    assert squash(ii31.product or "") == "TTHC được thực hiện tại Trung tâm Phục vụ hành chính công."
    d = _task(plan, "II.2.3").deadline
    assert d is not None and (d.kind, d.due) == ("date", date(2026, 9, 9))
    assert _task(plan, "II.2.5").deadline.kind == "on_demand"  # type: ignore[union-attr]
    start = _task(plan, "II.2.6").deadline
    assert start is not None and start.kind == "range" and start.start == date(2026, 3, 15)
    iii3 = _task(plan, "III.3")
    assert [t.min_percent for t in iii3.targets][:1] == [80.0]
    iv3 = _task(plan, "IV.3")
    assert iv3.lead == ["Trung tâm Phục vụ hành chính công"]


def test_bundled_sample_is_the_thanh_xa_report() -> None:
    from plans.samples import SAMPLE_PLAN

    plan = parse_file(SAMPLE_PLAN, filename=SAMPLE_PLAN.name)
    assert (len(plan.sections), len(plan.items), len(plan.tasks)) == (4, 14, 30)
    assert results_line(plan) == "Kết quả Quý I/2023: 22/30 nhiệm vụ đã và đang thực hiện (73,3%)"
