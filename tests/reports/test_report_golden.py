"""The Thanh Xá Q1/2023 golden case: import the appendix → answer → written report (DOCX and XLSX)."""

from __future__ import annotations

import importlib
import io
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from openpyxl import load_workbook

from bot.settings import load_settings
from plans.periods import quarter
from reports.answers.core import answer_question
from reports.outputs.docx import build_report, render_docx
from reports.outputs.xlsx import render_xlsx
from storage.db import Database
from storage.models import Official, Task

DOCUMENTS = Path(__file__).resolve().parents[1] / "support" / "documents"
NOW = datetime(2026, 1, 5, 9, 0)
Q1 = quarter(2023, 1)
HEADERS = [
    "Số TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Sản phẩm dự kiến hoàn thành",
    "Kết quả quý I/2023",
]
CLOSING = ["Tổng số nội dung công việc: 30", "Nội dung đã thực hiện: 22", "Tỷ lệ hoàn thành kế hoạch: 73,3%"]


def _plan_fixtures() -> SimpleNamespace:
    """The import engineer's document builders (tests/support/documents), imported when present."""
    if not DOCUMENTS.is_dir():
        pytest.skip("tests/support/documents is not available")
    builders = importlib.import_module("tests.support.documents.builders")
    thanh_xa = importlib.import_module("tests.support.documents.thanh_xa")
    return SimpleNamespace(build_docx=builders.build_docx, THANH_XA=thanh_xa.THANH_XA)


def _leader(org_id: int) -> Official:
    return Official(telegram_user_id=1, full_name="Phạm Thị Mây", organization_id=org_id, role="leader")


def _assert_golden_answer(db: Database, org_id: int) -> None:
    answer = db.call(
        answer_question,
        text="tỷ lệ hoàn thành quý 1 năm 2023?",
        viewer=_leader(org_id),
        today=NOW.date(),
        periods=load_settings().period_policy(),
    )
    assert answer is not None
    assert answer.text.startswith("<b>Quý I/2023 (01/01–31/03), toàn xã</b>:")
    assert "Tỷ lệ hoàn thành (đã và đang thực hiện): <b>73,3%</b> (22/30 nhiệm vụ)" in answer.text
    assert "Tổng số nhiệm vụ: 30" in answer.text
    assert "• Chưa thực hiện: 8" in answer.text


def _docx_rows(content: bytes) -> tuple[list[list[str]], list[str]]:
    document = Document(io.BytesIO(content))
    rows: list[list[str]] = []
    for row in document.tables[0].rows:
        seen: list[int] = []
        cells: list[str] = []
        for cell in row.cells:  # a merged cell repeats: keep it once
            if id(cell._tc) not in seen:
                seen.append(id(cell._tc))
                cells.append(cell.text)
        rows.append(cells)
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    return rows, paragraphs


def _assert_report_matches_plan(db: Database, org_id: int, plan_id: int) -> None:
    data = db.call(build_report, organization_id=org_id, period=Q1)
    assert data.closing_lines == CLOSING
    assert data.title_lines[0] == "Phụ lục"
    assert data.title_lines[1].startswith("Nội dung kết quả thực hiện nhiệm vụ kiểm soát thủ tục hành chính")
    assert data.title_lines[1].endswith("trên địa bàn xã Thanh Xá quý I năm 2023")

    def plan_nodes(session: object) -> list[Task]:
        from sqlmodel import Session, col, select

        assert isinstance(session, Session)
        stmt = select(Task).where(Task.plan_id == plan_id).order_by(col(Task.position))
        return list(session.exec(stmt).all())

    nodes = db.call(plan_nodes)
    rows, paragraphs = _docx_rows(render_docx(data))
    assert rows[0] == HEADERS
    body = rows[1:]
    assert len(body) == len(nodes)
    assert [r[0] for r in body] == [n.number or "" for n in nodes]
    assert [r[1] for r in body] == [" ".join(n.content.split()) for n in nodes]
    tasks = [r for r, n in zip(body, nodes, strict=True) if n.kind == "task"]
    assert len(tasks) == 30
    assert sum(1 for n in nodes if n.kind == "section") == 4
    first = tasks[0]
    assert first[2] == "Văn phòng HĐND và UBND xã"
    assert first[6].startswith("Đã thực hiện: Kế hoạch số 25/KH-UBND ngày 09/03/2023")
    results = [r[6] for r in tasks]
    assert sum(r.startswith(("Đã thực hiện", "Đang thực hiện")) for r in results) == 22
    assert sum(r.startswith("Chưa thực hiện") for r in results) == 8
    assert paragraphs[0] == "Phụ lục"
    assert paragraphs[-3:] == CLOSING

    workbook = load_workbook(io.BytesIO(render_xlsx(data)))
    sheet = workbook.active
    assert sheet is not None
    values = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Phụ lục"
    header_index = next(i for i, row in enumerate(values) if row[0] == "Số TT")
    assert list(values[header_index]) == HEADERS
    xlsx_body = values[header_index + 1 : header_index + 1 + len(nodes)]
    assert [str(r[1]) for r in xlsx_body] == [" ".join(n.content.split()) for n in nodes]
    assert [str(r[6]) for r in xlsx_body if r[6]] == [r for r in results if r]
    tail = [row[1] for row in values[header_index + 1 + len(nodes) :] if row[1]]
    assert tail == CLOSING


def test_golden_from_imported_appendix(tmp_path: Path, db: Database) -> None:
    fixtures = _plan_fixtures()
    from plans.importing import store_plan
    from plans.parsing.importer import parse_file

    path = fixtures.build_docx(fixtures.THANH_XA, tmp_path / "thanh-xa-2023-q1.docx")
    parsed = parse_file(path, filename=path.name)
    result = db.call(store_plan, parsed=parsed, organization_name=None)
    _assert_golden_answer(db, result.organization_id)
    _assert_report_matches_plan(db, result.organization_id, result.plan_id)


def test_golden_from_rows(db: Database, thanh_xa: dict[str, int]) -> None:
    _assert_golden_answer(db, thanh_xa["org"])
    _assert_report_matches_plan(db, thanh_xa["org"], thanh_xa["plan"])
