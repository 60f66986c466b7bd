"""A monthly report as a commune writes it in Word: the header block, prose paragraphs with the month's
figures, and a task table with the results (Đã/Đang/Chưa thực hiện). Used by the tests of the figures
offered beside a task import (issue 14). Figures as a reader counts them: 1.236 hồ sơ tiếp nhận, of
which 120 trực tuyến and 1.108 trực tiếp; 1.217 giải quyết trước hạn."""

from __future__ import annotations

import io

import docx

ORG = "UBND xã Khúc Thừa Dụ"
PROSE = [
    "BÁO CÁO",
    "Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính tháng 11 năm 2025",
    "I. TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
    "Tháng 11 năm 2025, đã tiếp nhận giải quyết 1.236 hồ sơ, trong đó: Tiếp nhận trực tuyến: 120 hồ sơ; "
    "Tiếp nhận trực tiếp: 1.108 hồ sơ.",
    "Số hồ sơ giải quyết trước hạn: 1.217 hồ sơ.",
    "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
]
ROWS = [
    ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kết quả thực hiện"],
    ["I", "Kiểm soát thủ tục hành chính", "", "", ""],
    [
        "1",
        "Rà soát, đơn giản hóa thủ tục hành chính",
        "Văn phòng HĐND và UBND xã",
        "Quý IV/2025",
        "Đã thực hiện",
    ],
    [
        "2",
        "Công khai thủ tục hành chính trên Cổng thông tin điện tử xã",
        "Văn phòng HĐND và UBND xã",
        "Thường xuyên",
        "Đang thực hiện",
    ],
    [
        "3",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Trung tâm Phục vụ hành chính công xã",
        "Chậm nhất ngày 15/12/2025",
        "Chưa thực hiện",
    ],
]


def mixed_report_docx() -> bytes:
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ KHÚC THỪA DỤ"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 371/BC-UBND"
    header.cell(1, 1).text = "Khúc Thừa Dụ, ngày 02 tháng 12 năm 2025"
    for line in PROSE:
        document.add_paragraph(line)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for i, row in enumerate(ROWS):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plain_plan_docx() -> bytes:
    """The same task table under a plan's title and no prose figures: nothing to offer beside it."""
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN XÃ KHÚC THỪA DỤ")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Kiểm soát thủ tục hành chính năm 2025")
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]) - 1)
    for i, row in enumerate(ROWS):
        for j, value in enumerate(row[:-1]):
            table.cell(i, j).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
