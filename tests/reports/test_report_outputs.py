"""The chart PNG and the command line (`planbot ask`, `planbot report`)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from bot.cli import main
from reports.outputs.chart_figures import BAR_W
from reports.outputs.charts import ChartData, build_figure, plotted_bars, render_chart
from reports.outputs.pdf import find_soffice
from storage.db import Database

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chart_is_a_png_with_one_bar_per_agency() -> None:
    data = ChartData(
        title="Quý I/2023 (01/01–31/03), toàn xã",
        agencies=[
            ("Văn hóa xã hội xã", 50.0, 6),
            ("Văn phòng HĐND và UBND xã", 69.2, 26),
            ("Đài truyền thanh xã", 100.0, 1),
        ],
        done=13,
        in_progress=9,
        not_done=8,
    )
    figure = build_figure(data)
    bars = plotted_bars(figure)
    assert [round(100 * b.get_width() / BAR_W, 1) for b in bars] == [50.0, 69.2, 100.0]
    labels = [t.get_text() for t in figure.axes[0].texts]
    assert [n for n in labels if n.endswith("xã") and "," not in n] == [
        "Văn hóa xã hội xã",
        "Văn phòng HĐND và UBND xã",
        "Đài truyền thanh xã",
    ]
    png = render_chart(data)
    width, height = _png_size(png)
    assert width == 1000 and height > width  # portrait, for phones
    assert len(png) > 5_000


def test_chart_without_data_still_renders() -> None:
    png = render_chart(ChartData(title="Quý IV/2025, toàn xã"))
    assert png.startswith(PNG_SIGNATURE)


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, thanh_xa: dict[str, int]) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("PLANBOT_PERIOD_MODE", raising=False)
    return database_url


def test_cli_ask_prints_the_bot_text(cli_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "tỷ lệ hoàn thành quý 1 năm 2023?", "--at", "2023-04-20"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Quý I/2023 (01/01–31/03), toàn xã:"
    assert "Tỷ lệ hoàn thành (đã và đang thực hiện): 73,3% (22/30 nhiệm vụ)" in out
    assert main(["ask", "ti le hoan thanh quy nay", "--org", "thanh xa", "--at", "2023-02-01T08:00"]) == 0
    # on 01/02/2023 the Q1 report (sent 14/04/2023) did not exist yet
    assert capsys.readouterr().out.startswith("Chưa có số liệu báo cáo quý I/2023 (toàn xã)")
    assert main(["ask", "xin chào"]) == 0
    assert "không phải câu hỏi" in capsys.readouterr().out
    assert main(["ask", "tỷ lệ", "--org", "Không Có"]) == 2


def test_cli_report_writes_docx_and_xlsx(
    cli_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q1.docx"
    assert main(["report", "--period", "2023-Q1", "--format", "docx", "-o", str(out)]) == 0
    assert "73,3%" in capsys.readouterr().out
    document = Document(str(out))
    cover, appendix = document.sections  # the Báo cáo, then the Phụ lục
    assert cover.page_width is not None and cover.page_height is not None
    assert appendix.page_width is not None and appendix.page_height is not None
    assert cover.page_width < cover.page_height and appendix.page_width > appendix.page_height
    assert document.tables[0].cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table = document.tables[-1]
    assert table.rows[0].cells[6].text == "Kết quả quý I/2023"
    run = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert run.font.name == "Times New Roman"
    xlsx = tmp_path / "q1.xlsx"
    assert main(["report", "--period", "2023-Q1", "--format", "xlsx", "-o", str(xlsx)]) == 0
    sheet = load_workbook(io.BytesIO(xlsx.read_bytes())).active
    assert sheet is not None and sheet["A1"].value == "Phụ lục"
    assert main(["report", "--period", "2023-Q9", "-o", str(out)]) == 2
    capsys.readouterr()
    pdf = tmp_path / "q1.pdf"
    code = main(["report", "--period", "2023-Q1", "--format", "pdf", "-o", str(pdf)])
    if find_soffice() is None:
        assert code == 1 and "apt-get install" in capsys.readouterr().err
    else:
        assert code == 0 and pdf.read_bytes().startswith(b"%PDF")


def test_report_of_a_later_quarter_counts_only_its_reports(db: Database, thanh_xa: dict[str, int]) -> None:
    from plans.periods import quarter
    from reports.outputs.docx import build_report

    data = db.call(build_report, organization_id=thanh_xa["org"], period=quarter(2023, 2))
    assert data.result_header == "Kết quả quý II/2023"
    results = [r.result for r in data.rows if r.kind == "task"]
    # nothing was reported about Q2: no task is said to be "Chưa thực hiện"; only one-off tasks
    # done in Q1 stay done
    assert not any(r.startswith("Chưa thực hiện") for r in results)
    assert all(r == "Chưa có báo cáo" or r.startswith("Đã thực hiện") for r in results)
    assert (
        data.closing_lines[1]
        == f"Nội dung đã thực hiện: {sum(r.startswith('Đã thực hiện') for r in results)}"
    )
