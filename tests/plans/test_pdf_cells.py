"""PDF cells (plans.parsing.pdf_tables): a blank cell stays blank (only a true vertical merge takes the
text above), a line that wrapped at the column edge is joined, the writer's own line breaks and a
break before a bullet are kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plans.parsing import parse_file
from plans.parsing.pdf_tables import join_lines, read_pdf
from plans.parsing.tables import RawTable
from tests.support.documents.builders import build_pdf
from tests.support.documents.model import M, PlanDoc

LONG = (
    "Xây dựng và tổ chức thực hiện Kế hoạch kiểm soát thủ tục hành chính năm 2026 của xã, bảo đảm đúng tiến độ, "
    "chất lượng và hiệu quả theo chỉ đạo của Ủy ban nhân dân thành phố"
)
DOC = PlanDoc(
    name="pdf-cells",
    columns=["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"],
    before=["ỦY BAN NHÂN DÂN XÃ QUYẾT THẮNG", "KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2026"],
    rows=[
        {"section": "I", "title": "Công tác chỉ đạo, điều hành"},
        ["1", LONG, "Văn phòng HĐND và UBND xã\nCông an xã", "Các công chức chuyên môn", "Thường xuyên"],
        ["2", "Rà soát thủ tục hành chính", "Văn phòng HĐND và UBND xã", "", "Quý I/2026"],
        ["3", "Niêm yết công khai:\n- Danh mục thủ tục hành chính\n- Quy trình nội bộ", "Trung tâm Phục vụ hành chính công", "", M],
        ["4", "Báo cáo kết quả", "", "Văn phòng HĐND và UBND xã", "Trước ngày 15/12/2026"],
    ],
)  # fmt: skip


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(DOC, tmp_path_factory.mktemp("pdf") / "cells.pdf")


def _rows(path: Path) -> list[list[tuple[str, bool]]]:
    raw = read_pdf(path.read_bytes())
    table = next(b for b in raw.blocks if isinstance(b, RawTable))
    return [[(c.text, c.merged) for c in row] for row in table.rows]


def test_cells_blank_merged_and_wrapped(pdf_path: Path) -> None:
    rows = _rows(pdf_path)
    assert rows[1][1:] == [("Công tác chỉ đạo, điều hành", False), ("", False), ("", False), ("", False)]
    assert rows[2][1] == (LONG, False)  # the wrapped lines joined with spaces
    assert rows[2][2] == ("Văn phòng HĐND và UBND xã\nCông an xã", False)  # the writer's own break kept
    assert rows[3][3] == ("", False)  # a blank cell is not filled from the row above
    assert rows[4][1][0] == "Niêm yết công khai:\n- Danh mục thủ tục hành chính\n- Quy trình nội bộ"
    assert rows[4][4] == ("Quý I/2026", True)  # a true vertical merge
    assert rows[5][2] == ("", False)


def test_imported_from_pdf(pdf_path: Path) -> None:
    plan = parse_file(pdf_path, filename=pdf_path.name)
    i1 = next(t for t in plan.tasks if t.code == "I.1")
    assert i1.content == LONG
    assert i1.lead == ["Văn phòng HĐND và UBND xã", "Công an xã"]
    i2 = next(t for t in plan.tasks if t.code == "I.2")
    assert i2.coordinating == []
    i4 = next(t for t in plan.tasks if t.code == "I.4")
    assert (i4.lead, i4.coordinating) == ([], ["Văn phòng HĐND và UBND xã"])
    assert i4.deadline and i4.deadline.due == date(2026, 12, 15)


@pytest.mark.parametrize(
    ("text", "wraps", "joined"),
    [
        ("Trung tâm Phục vụ\nHành chính công", [True], "Trung tâm Phục vụ Hành chính công"),
        ("Văn phòng HĐND\nCông an xã", [False], "Văn phòng HĐND\nCông an xã"),
        ("Phòng VH-\nXH", [True], "Phòng VH-XH"),
        ("Thực hiện:\n- Niêm yết\n+ Tại trụ sở", [True, True], "Thực hiện:\n- Niêm yết\n+ Tại trụ sở"),
        # no geometry: only bullets keep their break
        ("Trong tháng\n08/2025", None, "Trong tháng 08/2025"),
        ("Các phòng chuyên\nmôn\n- Trung tâm", None, "Các phòng chuyên môn\n- Trung tâm"),
    ],
)
def test_join_lines(text: str, wraps: list[bool] | None, joined: str) -> None:
    assert join_lines(text, wraps) == joined
