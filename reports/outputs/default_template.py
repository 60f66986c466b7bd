"""The shipped template of the Báo cáo (reports/templates/bao-cao.docx), built here with python-docx
so that it can be read and changed as code: `python -m reports.outputs.default_template` rewrites
the file (a test holds the two equal).

Layout of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins 20/20/30/15 mm; the issuing body
top left over "Số: …/BC-UBND"; Quốc hiệu and Tiêu ngữ top right over the place and date line;
the report's name and trích yếu centred with a short rule; the body in 14 pt, justified, the first
line indented; "Nơi nhận:" bottom left and the signature block bottom right; page numbers centred at
the top from page 2.
"""

from __future__ import annotations

import io
import sys

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell

from reports.outputs.docx_style import (
    cant_split,
    no_borders,
    page_numbers,
    para,
    rule,
    set_font,
    set_language,
)
from reports.outputs.templates import DEFAULT_TEMPLATE

CENTER = WD_ALIGN_PARAGRAPH.CENTER
BODY = 14


def _widths(table: Table, widths: tuple[Length, ...]) -> None:
    """Both the grid and every cell: Word reads the cells, LibreOffice the grid."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _cell_para(cell: _Cell, text: str, size: float, *, first: bool = False, **style: object) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    para(paragraph, text, size, align=CENTER, **style)  # type: ignore[arg-type]


def _body(
    document: object, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True
) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    para(paragraph, text, BODY, bold=bold, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
    fmt = paragraph.paragraph_format
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Mm(12.7)


def _loop(document: object, items: str, name: str, line: str) -> None:
    """{%p for name in items %} / line / {%p endfor %} (the tag paragraphs disappear when rendered)."""
    _body(document, f"{{%p for {name} in {items} %}}")
    _body(document, line)
    _body(document, "{%p endfor %}")


def build_default_template() -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    set_font(normal, BODY)
    normal.paragraph_format.space_after = Pt(0)  # type: ignore[attr-defined]
    page_numbers(section)

    head = document.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    head.autofit = False
    no_borders(head)
    _widths(head, (Mm(60), Mm(105)))
    left, right = head.cell(0, 0), head.cell(0, 1)
    _cell_para(left, "{{ co_quan_dong_1 }}", 13, first=True, bold=True)
    _cell_para(left, "{{ co_quan_dong_2 }}", 13, bold=True)
    rule(left.add_paragraph(), 18)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, first=True, bold=True)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    rule(right.add_paragraph(), 21)
    _cell_para(head.cell(1, 0), "{{ so_ky_hieu }}", 13, first=True)
    _cell_para(head.cell(1, 1), "{{ dia_danh_ngay_thang }}", 14, first=True, italic=True)
    for cell in (head.cell(1, 0), head.cell(1, 1)):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)

    para(document.add_paragraph(), "", BODY)
    title = para(document.add_paragraph(), "{{ ten_loai }}", BODY, bold=True, align=CENTER)
    title.paragraph_format.space_before = Pt(12)
    para(document.add_paragraph(), "{{ trich_yeu }}", BODY, bold=True, align=CENTER)
    rule(document.add_paragraph(), 60)
    para(document.add_paragraph(), "", BODY, after=6)

    _body(document, "{{ can_cu }}")
    _body(document, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _loop(document, "ket_qua", "dong", "{{ dong }}")
    _body(document, "(Có bảng thống kê chi tiết kết quả thực hiện nhiệm vụ kèm theo).", italic=True)
    _body(document, "II. NHIỆM VỤ CHƯA HOÀN THÀNH VÀ NGUYÊN NHÂN", bold=True)
    _body(document, "{%p if chua_hoan_thanh %}")
    _loop(document, "chua_hoan_thanh", "nv", "{{ nv.dong }}")
    _body(document, "{%p else %}")
    _body(document, "- Không có nhiệm vụ chưa thực hiện.")
    _body(document, "{%p endif %}")
    _loop(document, "don_vi_chua_bao_cao", "dv", "{{ dv.dong }}")
    _body(document, "III. CÁC CHỈ TIÊU", bold=True)
    _body(document, "{%p if chi_tieu %}")
    _loop(document, "chi_tieu", "ct", "{{ ct.dong }}")
    _body(document, "{%p else %}")
    _body(document, "- Chưa có số liệu chỉ tiêu trong kỳ.")
    _body(document, "{%p endif %}")
    _body(document, "IV. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", bold=True)
    _loop(document, "nhiem_vu_ky_toi", "nv", "{{ nv.dong }}")
    _body(
        document,
        "- Tiếp tục thực hiện các nhiệm vụ thường xuyên và các nhiệm vụ chưa hoàn thành của Kế hoạch.",
    )
    _body(document, "{{ ket_luan }}")

    sign = document.add_table(rows=1, cols=2)
    sign.alignment = WD_TABLE_ALIGNMENT.CENTER
    sign.autofit = False
    no_borders(sign)
    _widths(sign, (Mm(80), Mm(85)))
    cant_split(sign.rows[0])
    recipients, signer = sign.cell(0, 0), sign.cell(0, 1)
    para(recipients.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for text in ("{%p for dong in noi_nhan %}", "{{ dong }}", "{%p endfor %}"):
        para(recipients.add_paragraph(), text, 11)
    _cell_para(signer, "{{ tham_quyen }}", BODY, first=True, bold=True)
    for text in ("{%p if ky_thay %}", "{{ ky_thay }}", "{%p endif %}", "{{ chuc_danh }}"):
        _cell_para(signer, text, BODY, bold=True)
    for _ in range(4):
        _cell_para(signer, "", BODY)
    _cell_para(signer, "{{ nguoi_ky }}", BODY, bold=True)

    set_language(document)
    document.core_properties.title = "Báo cáo kết quả thực hiện kế hoạch"
    document.core_properties.author = "planbot"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> int:
    DEFAULT_TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    DEFAULT_TEMPLATE.write_bytes(build_default_template())
    print(f"wrote {DEFAULT_TEMPLATE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
