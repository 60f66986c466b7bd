"""The Quyết Thắng 2026 plan appendix (from the .md seed), as Word lays it out.

The .md seed's own table rows (read with `plans.parsing.tables.read_text`), laid out as Word
would: section rows spanning the row, a repeated header row at each page break (before every row that
continues the one above), and the identical lead / deadline cells of consecutive numbered rows
vertically merged.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.documents.model import M, PlanDoc, Row

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"

QT_SEED = SEEDS / "quyet-thang-2026-plan.md"


def _qt_rows(table: list[list[str]]) -> list[Row]:
    from plans.parsing.structure import _ROMAN

    rows: list[Row] = []
    for cells in table:
        number, content, others = cells[0], cells[1], cells[2:]
        if _ROMAN.match(number) and not any(others):
            rows.append({"section": number, "title": content})
            continue
        if not number and (not content or content[:1].islower() or not any(others)):
            rows.append({"header": True})  # the row continues on the next page
        rows.append(list(cells))
    # identical lead / coordinating / deadline cells of consecutive numbered rows: one merged cell
    for col in (2, 3, 4):
        previous: list[str] | None = None
        value = ""
        for row in rows:
            if not isinstance(row, list) or not row[0]:
                previous = None
                continue
            if previous is not None and row[col] and row[col] == value:
                row[col] = M
            else:
                value = row[col]
            previous = row
    return rows


def quyet_thang_doc() -> PlanDoc:
    """The .md seed's appendix table as a PlanDoc, under the plan's header block and title."""
    from plans.parsing.tables import RawTable, read_text

    raw = read_text(QT_SEED.read_bytes())
    table = next(block for block in raw.blocks if isinstance(block, RawTable))
    texts = [[c.text for c in row] for row in table.rows]
    columns, body = texts[0], texts[1:]
    return PlanDoc(
        name="quyet-thang-2026",
        columns=columns,
        rows=_qt_rows(body),
        header_table=[
            [
                "ỦY BAN NHÂN DÂN\nXÃ QUYẾT THẮNG",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            ],
            ["Số: /KH-UBND", "Quyết Thắng, ngày tháng 3 năm 2026"],
        ],
        before=[
            "KẾ HOẠCH",
            "Kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông năm 2026 trên địa "
            "bàn xã Quyết Thắng",
            "PHỤ LỤC",
            "Nội dung thực hiện kiểm soát thủ tục hành chính (TTHC) và thực hiện cơ chế một cửa, một cửa liên "
            "thông năm 2026 trên địa bàn xã Quyết Thắng",
            "(Ban hành kèm theo Kế hoạch số: /KH-UBND ngày /3/2026 của UBND xã Quyết Thắng)",
        ],
    )
