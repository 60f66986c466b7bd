"""The report rendered by LibreOffice (where it is installed; CI installs it): the PDF's pages are
numbered from page 2 at the top centre, the appendix's header row opens every appendix page, and
no table row is broken across two pages — for the .docx and for the printed .xlsx alike."""

from __future__ import annotations

import io
import re
from datetime import date

import pdfplumber
import pytest

from plans.periods import PeriodPolicy, quarter
from reports.outputs.document import render_document
from reports.outputs.pdf import find_soffice, to_pdf
from reports.outputs.report_data import ReportData, build_report
from reports.outputs.style import ReportStyle
from reports.outputs.xlsx import render_xlsx
from storage.db import Database

MM = 72 / 25.4
pytestmark = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def _bare(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _expected(data: ReportData) -> dict[str, list[str]]:
    """Each row's cells (without whitespace), keyed by its content."""
    found: dict[str, list[str]] = {}
    for row in data.rows:
        cells = [row.number, row.content]
        if row.kind != "section":
            cells += [row.lead, row.coordinating, row.deadline, row.product, row.result]
        found[_bare(row.content)] = [_bare(c) for c in cells]
    return found


@pytest.fixture
def report(db: Database, thanh_xa: dict[str, int]) -> ReportData:
    return db.call(
        build_report,
        organization_id=thanh_xa["org"],
        period=quarter(2023, 1),
        today=date(2023, 4, 14),
        policy=PeriodPolicy(),
    )


def _check_tables(pages: list[pdfplumber.page.Page], data: ReportData) -> int:
    """Every appendix page starts with the header row; every row on it is whole. Returns rows seen."""
    expected = _expected(data)
    header = [_bare(h) for h in data.headers]
    seen: list[str] = []
    for page in pages:
        tables = page.extract_tables()
        assert tables, f"no table on page {page.page_number}"
        body = [row for table in tables for row in table]
        assert [_bare(c) for c in body[0]] == header, (
            f"page {page.page_number} does not open with the header row"
        )
        for cells in body[1:]:
            content = _bare(cells[1])
            assert content in expected, f"page {page.page_number}: a row broken across pages: {cells[1]!r}"
            got = [_bare(c) for c in cells if c is not None]
            assert got == expected[content][: len(got)] and len(got) >= 2, f"page {page.page_number}: {cells}"
            seen.append(content)
    assert sorted(seen) == sorted(expected), "every row once, whole"
    return len(seen)


def test_the_docx_renders_numbered_with_whole_rows_and_repeated_headers(report: ReportData) -> None:
    pdf = to_pdf(render_document(report, ReportStyle(signer_name="Phạm Thị Mây")), ".docx")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = list(document.pages)
        texts = [page.extract_text() or "" for page in pages]
        first_appendix = next(
            i for i, t in enumerate(texts) if "Phụ lục" in t.splitlines()[:3] or "\nPhụ lục\n" in t
        )
        assert 1 <= first_appendix <= 2  # the Báo cáo takes one or two portrait pages
        assert 5 <= len(pages) <= 12, len(pages)
        for page in pages[:first_appendix]:
            assert page.width < page.height
        for page in pages[first_appendix:]:
            assert page.width > page.height  # the appendix is landscape
        for number, page in enumerate(pages, start=1):
            top = [w for w in page.extract_words() if w["top"] < 45]
            if number == 1:
                assert not [w for w in top if w["text"].isdigit()], "no number on the first page"
                continue
            assert [w["text"] for w in top] == [str(number)], f"page {number}: {top}"
            middle = (top[0]["x0"] + top[0]["x1"]) / 2
            left, right = 30 * MM, 15 * MM  # the margins of Nghị định 30/2020
            assert abs(middle - (left + page.width - right) / 2) < 6  # centred on the text width
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts[0] and "Nơi nhận:" in "".join(
            texts[:first_appendix]
        )
        assert "Tỷ lệ hoàn thành kế hoạch: 73,3%" in texts[-1]
        assert _check_tables(pages[first_appendix:], report) == len(report.rows)


def test_the_spreadsheet_prints_whole_rows_with_the_header_on_every_page(report: ReportData) -> None:
    pdf = to_pdf(render_xlsx(report), ".xlsx")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = list(document.pages)
        assert 2 <= len(pages) <= 10, len(pages)
        assert all(page.width > page.height for page in pages)  # landscape
        assert "Phụ lục" in (pages[0].extract_text() or "")
        for number, page in enumerate(pages, start=1):
            top = [w["text"] for w in page.extract_words() if w["top"] < 45 and w["text"].isdigit()]
            assert top == ([] if number == 1 else [str(number)])
        # the text of every cell lies inside its row: rows as tall as their wrapped text
        assert _check_tables(pages, report) == len(report.rows)
