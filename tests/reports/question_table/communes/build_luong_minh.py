"""Rebuild the task list of Kế hoạch số 16/KH-MTTQ-BTT ngày 18/11/2025 (Ban Thường trực Ủy ban MTTQ
Việt Nam xã Lương Minh) as a Word appendix table, in the layout of the Thanh Xá appendix.

The original (see ../SOURCES.md) writes its tasks in prose: each numbered item "1.1. …" is followed by
bullet lines and by "- Thời gian hoàn thành: …", "- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …",
"- Kết quả: …". Here every numbered item is one table row: its title and its own bullet lines go in
"Nội dung công việc" (one paragraph per line, as Word stores them), the four labelled fields go in the
four columns (the text after the label, exactly as written, typos kept: "Phó chỉ tịch", "đại bỉu",
"ngày Tháng 11/2025"), and "Kết quả" goes in "Sản phẩm dự kiến hoàn thành". Items 3.1–3.3 share one
set of fields written once after 3.3 in the original: those cells are merged vertically over the four
rows (the original numbers the 2nd and 3rd rows "3.2" twice: kept). The plan has no result column:
no result was ever published for it.

Run: .venv/bin/python tests/reports/question_table/communes/build_luong_minh.py
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

OUT = Path(__file__).with_name("luong-minh.docx")

COLUMNS = [
    "Số TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Sản phẩm dự kiến hoàn thành",
]
LEAD = "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội"
COORD = "Các đ/c Phó chỉ tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên cơ quan MTTQ xã."
COORD_23 = (
    "Các đ/c Phó chỉ tịch, Trưởng đoàn thể xã, các chuyên viên cơ quan MTTQ xã tham mưu, giúp việc "
    "thuộc Cơ quan Ủy ban MTTQ Việt Nam xã."
)
M = "^"  # merged with the cell above
BAO_DAM = (
    "- Bảo đảm thống nhất với hướng dẫn của Ban Thường trực Ủy ban MTTQ Việt Nam cấp trên; phù hợp với "
    "điều kiện thực tế của địa phương; bảo đảm tính khả thi, hiệu quả, đúng tiến độ và đúng quy định pháp "
    "luật."
)
VAN_BAN = (
    "- Các văn bản hướng dẫn, kế hoạch, lịch trình phải thể hiện rõ vai trò, trách nhiệm của MTTQ Việt Nam "
    "xã trong từng nội dung công việc; có sự phân công cụ thể cho từng thành viên Ban Thường trực, các tổ "
    "chức thành viên và Ban công tác Mặt trận ở khu dân cư."
)

# rows: ("section", number, title) | ("group", number, title) | [number, content, lead, coord, deadline, product]
ROWS: list = [
    ("section", "II", "NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN"),
    ("group", "1", "Xây dựng, ban hành các văn bản chỉ đạo, hướng dẫn và tài liệu phục vụ công tác bầu cử"),
    [
        "1.1.",
        "Xây dựng và ban hành Hướng dẫn của Ban Thường trực Ủy ban MTTQ Việt Nam xã về việc MTTQ Việt Nam "
        "tham gia công tác bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ "
        f"2026-2031.\n{BAO_DAM}\n{VAN_BAN}",
        LEAD,
        COORD,
        "Dự kiến tháng 11/2025 (sau khi Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh ban hành Hướng dẫn).",
        "Dự thảo Hướng dẫn trình Ban Thường trực ban hành.",
    ],
    [
        "1.2.",
        "Xây dựng và ban hành Hướng dẫn của Ban Thường trực Ủy ban MTTQ Việt Nam xã về việc MTTQ xã giám sát "
        "công tác bầu cử đại biểu Quốc hội khóa XVI và đại bỉu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031.",
        LEAD,
        COORD,
        "ngày Tháng 11/2025 (sau khi Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh ban hành Hướng dẫn);",
        "Dự thảo Hướng dẫn trình Ban Thường trực ban hành.",
    ],
    [
        "1.3",
        "Xây dựng, ban hành kế hoạch, lịch trình thực hiện các nội dung công tác bầu cử đại biểu Quốc hội "
        "khóa XVI và đại bỉu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031 thuộc trách nhiệm của Ủy ban MTTQ "
        f"Việt Nam xã.\n{BAO_DAM}\n{VAN_BAN}",
        LEAD,
        COORD,
        "Tháng 11/2025 (sau khi Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh ban hành Hướng dẫn).",
        "Các dự thảo Kế hoạch, lịch trình thực hiện nội dung công tác bầu cử cụ thể thuộc thẩm quyền của Ủy "
        "ban MTTQ Việt Nam xã trình Ban Thường trực ban hành.",
    ],
    ("group", "2", "Tổ chức các hội nghị hiệp thương"),
    [
        "2.1.",
        "Chuẩn bị các văn bản về nhân sự và tổ chức 3 Hội nghị hiệp thương công tác bầu cử đại biểu Quốc "
        "hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031 theo Hướng dẫn của Ban "
        "Thường trực Ủy ban MTTQ Việt Nam tỉnh.\n"
        "- Nguyên tắc tổ chức hiệp thương: Bảo đảm dân chủ, công khai, minh bạch, đúng quy trình, thời gian "
        "và thành phần theo quy định của pháp luật; bảo đảm tỷ lệ, cơ cấu, thành phần người ứng cử theo "
        "hướng dẫn của cấp có thẩm quyền.\n"
        "- Tài liệu phục vụ hội nghị: Gồm danh sách trích ngang người ứng cử, biên bản hội nghị, phiếu biểu "
        "quyết, tài liệu hướng dẫn quy trình hiệp thương, các văn bản pháp luật liên quan.\n"
        "(1) Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025 (trước ngày bầu cử 95 ngày theo "
        "Điều 39, Điều 50 Luật số 85/2015/QH13 về Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân).\n"
        "(2) Tổ chức hiệp thương lần thứ hai: Chậm nhất ngày 03/02/2026 (trước ngày bầu cử 40 ngày theo điểm "
        "a, khoản 16, Điều 1 Luật số 83/2025/QH15 về sửa đổi, bổ sung một số điều của Luật Bầu cử đại biểu "
        "Quốc hội và đại biểu Hội đồng nhân dân).\n"
        "(3) Tổ chức hiệp thương lần thứ ba: Chậm nhất ngày 20/02/2026 (trước ngày bầu cử 23 ngày theo điểm "
        "a, khoản 18, Điều 1 Luật số 83/2025/QH15 về sửa đổi, bổ sung một số điều của Luật Bầu cử đại biểu "
        "Quốc hội và đại biểu Hội đồng nhân dân).",
        LEAD,
        COORD,
        "Quý IV/2025 và Quý I/2026;",
        "Hồ sơ nhân sự, các văn bản, tài liệu phục vụ các Hội nghị",
    ],
    [
        "2.2.",
        "Tổ chức Hội nghị tiếp xúc cử tri để người ứng cử đại biểu Quốc hội thực hiện công tác vận động bầu "
        "cử đại biểu Quốc hội khóa XVI, người ứng cử đại biểu HĐND tỉnh, HĐND xã thực hiện công tác vận động "
        "bầu cử đại biểu HĐND cấp tỉnh, cấp xã nhiệm kỳ 2026-2031 theo văn bản Hướng dẫn của Ban Thường trực "
        "Ủy ban MTTQ Việt Nam tỉnh.\n"
        "- Việc tổ chức hội nghị tiếp xúc cử tri phải bảo đảm đúng thành phần, thời gian, địa điểm, nội dung "
        "theo hướng dẫn; tạo điều kiện thuận lợi để người ứng cử trình bày chương trình hành động, lắng nghe ý "
        "kiến, nguyện vọng của cử tri.\n"
        "- MTTQ Phối hợp với UBND xã, các tổ chức chính trị - xã hội, các thôn để tổ chức hội nghị hiệu quả, "
        "an toàn, tiết kiệm.",
        LEAD,
        COORD,
        "Quý I/2026;",
        "",
    ],
    [
        "2.3.",
        "Theo dõi, tổng hợp số liệu, báo cáo tình hình trên địa bàn xã thực hiện các bước của quy trình hiệp "
        "thương.",
        LEAD,
        COORD_23,
        "Quý I/2026;",
        "Hướng dẫn, báo cáo, bảng tổng hợp số liệu theo hướng dẫn.",
    ],
    (
        "group",
        "3",
        "Tổ chức theo dõi, tổng hợp, kiểm tra, giám sát công tác bầu cử của Ủy ban MTTQ Việt Nam xã",
    ),
    [
        "3.1.",
        "Tham gia các đoàn kiểm tra, giám sát công tác bầu cử do MTTQ cấp trên tổ chức khi có yêu cầu; phối "
        "hợp với các tổ chức thành viên thực hiện giám sát độc lập tại các điểm bỏ phiếu.",
        LEAD,
        COORD,
        "Từ tháng 12/2025 đến quý I/2026.",
        "Báo cáo theo hướng dẫn của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh.",
    ],
    [
        "3.2.",
        "Tổng hợp, báo cáo kịp thời các khó khăn, vướng mắc trong quá trình triển khai để kiến nghị cấp có "
        "thẩm quyền xem xét, giải quyết.",
        M,
        M,
        M,
        M,
    ],
    [
        "3.2.",
        "Tiếp nhận thông tin, giải đáp các nội dung liên quan đến quyền, trách nhiệm của Ủy ban MTTQ Việt Nam "
        "xã trong công tác bầu cử;",
        M,
        M,
        M,
        M,
    ],
    ["3.3.", "Theo dõi, đôn đốc, tổng hợp, báo cáo về công tác bầu cử.", M, M, M, M],
    (
        "group",
        "4",
        "Tiếp công dân, tiếp nhận và xử lý đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh liên quan đến công "
        "tác bầu cử",
    ),
    [
        "4.1.",
        "Ban hành Kế hoạch tiếp công dân, tiếp nhận, xử lý đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh "
        "liên quan đến công tác bầu cử.",
        LEAD,
        COORD,
        "Quý IV/2025;",
        "Kế hoạch trình Ban Thường trực ký ban hành.",
    ],
    [
        "4.2.",
        "Tổ chức tiếp công dân về nội dung liên quan đến trách nhiệm của MTTQ Việt Nam trong công tác bầu "
        "cử; tiếp nhận, xử lý đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh liên quan đến công tác bầu cử; "
        "đôn đốc các cơ quan, tổ chức xem xét, giải quyết các đơn thư liên quan đến công tác bầu cử theo quy "
        "định do MTTQ Việt Nam xã chuyển đến; tổng hợp tình hình khiếu nại, tố cáo, kiến nghị, phản ánh về "
        "công tác bầu cử liên quan đến quyền, trách nhiệm của Ủy ban MTTQ Việt Nam xã.\n"
        "- Nguyên tắc xử lý đơn thư: Bảo đảm đúng quy định pháp luật, đúng thẩm quyền, khách quan, kịp thời; "
        "không để tồn đọng, kéo dài, gây ảnh hưởng đến tiến độ và kết quả bầu cử.\n"
        "- MTTQ xã phối hợp với UBND xã, các cơ quan chuyên môn, các tổ chức thành viên để xử lý đơn thư hiệu "
        "quả, đúng quy trình.",
        LEAD,
        COORD,
        "Quý I/2026;",
        "báo cáo kết quả tiếp công dân, báo cáo kết quả xử lý đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh; "
        "các văn bản đôn đốc, hướng dẫn, báo cáo tổng hợp.",
    ],
    ("group", "5", "Công tác tuyên truyền"),
    [
        "5.1.",
        "Ban hành kế hoạch tuyên truyền bầu cử, tập hợp dư luận xã hội; hướng dẫn công tác tuyên truyền bầu "
        "cử, tập hợp dư luận xã hội của Ủy ban MTTQ Việt Nam, các tổ chức chính trị - xã hội trên địa bàn xã",
        LEAD,
        COORD,
        "Quý IV/2025.",
        "Kế hoạch, Hướng dẫn công tác tuyên truyền bầu cử, tập hợp dư luận xã hội.",
    ],
    [
        "5.2.",
        "Tổ chức thực hiện công tác tuyên truyền về bầu cử; tập hợp dư luận xã hội về công tác bầu cử\n"
        "- Đa dạng, phong phú, phù hợp với từng nhóm đối tượng cử tri; kết hợp giữa tuyên truyền trực tiếp và "
        "gián tiếp, qua hệ thống loa truyền thanh, pa-nô, áp phích, mạng xã hội, sinh hoạt chi bộ, chi đoàn, "
        "chi hội.\n"
        "- Tập trung vào quyền và nghĩa vụ của công dân trong bầu cử; tiêu chuẩn đại biểu Quốc hội, đại biểu "
        "HĐND; quy trình bầu cử; vai trò của MTTQ trong bầu cử; thông tin về người ứng cử.",
        LEAD,
        COORD,
        "Từ tháng 12/2025 đến quý I/2026.",
        "Bài viết, thông tin hình ảnh về bầu cử, về thực hiện công tác bầu cử của MTTQ, báo cáo về tập hợp dư "
        "luận xã hội...",
    ],
    (
        "group",
        "6",
        "Thực hiện nhiệm vụ công tác bầu cử của Ủy ban bầu cử xã và Ban Chỉ đạo công tác bầu cử của Ủy ban "
        "MTTQ Việt Nam xã",
    ),
    [
        "6.1.",
        "Tham gia thực hiện các nhiệm vụ:\n"
        "- Tham gia các phiên họp của Ủy ban bầu cử xã và thực hiện các nhiệm vụ theo sự phân công, chỉ đạo "
        "của Ủy ban bầu cử xã; tham gia góp ý vào các văn bản, tài liệu liên quan đến công tác bầu cử do Ủy "
        "ban bầu cử xã ban hành.",
        LEAD,
        COORD,
        "Từ tháng 11/2025 đến tháng 4/2026.",
        "Các văn bản, hồ sơ, tài liệu, báo cáo kết quả thực hiện nhiệm vụ theo phân công của Uỷ ban bầu cử xã.",
    ],
    [
        "6.2.",
        "Phối hợp với Ủy ban bầu cử xã, Thường trực Hội đồng nhân dân xã, Uỷ ban nhân dân xã chuẩn bị hội "
        "nghị tập huấn về công tác bầu cử; chủ trì tổ chức hội nghị tập huấn công tác bầu cử trong hệ thống "
        "Mặt trận xã; tham gia các hội nghị tập huấn nghiệp vụ công tác bầu cử của các cơ quan Trung ương khi "
        "có yêu cầu\n"
        "- Phối hợp tổ chức kiểm tra, đánh giá tiến độ thực hiện công tác bầu cử tại các khu vực bỏ phiếu. Cử "
        "cán bộ tham gia các tổ bầu cử theo phân công của Ủy ban bầu cử xã.",
        LEAD,
        COORD,
        "Từ tháng 11/2025 đến quý I/2026.",
        "",
    ],
    (
        "group",
        "7",
        "Tổng kết công tác bầu cử của Ủy ban MTTQ Việt Nam xã; bảo đảm điều kiện và phục vụ công tác bầu cử",
    ),
    [
        "7.1",
        "Tổng kết công tác bầu cử\n"
        "- Đánh giá toàn diện kết quả thực hiện nhiệm vụ của MTTQ xã trong công tác bầu cử; rút ra bài học "
        "kinh nghiệm; đề xuất, kiến nghị với cấp trên về những vấn đề cần điều chỉnh, bổ sung trong công tác "
        "bầu cử.",
        LEAD,
        COORD,
        "Tháng 4/2026.",
        "Hướng dẫn, Báo cáo tổng kết, quyết toán kinh phí;…",
    ],
    [
        "7.2",
        "Bảo đảm điều kiện và phục vụ công tác bầu cử: in ấn và phát hành các văn bản, tài liệu về công tác "
        "bầu cử trong hệ thống Mặt trận; tăng cường chuyển đổi số, ứng dụng công nghệ thông tin trong công "
        "tác bầu cử; bảo đảm thông tin liên lạc thông suốt, kịp thời với các cơ quan, tổ chức ở tỉnh và địa "
        "phương trong bầu cử; phối hợp chặt chẽ giữa các ban, đơn vị trong các hoạt động bảo đảm phục vụ công "
        "tác bầu cử.\n"
        "- Chủ động dự trù, sử dụng và quyết toán kinh phí đúng quy định; bảo đảm cơ sở vật chất, trang thiết "
        "bị, phương tiện phục vụ công tác bầu cử; ứng dụng hiệu quả công nghệ thông tin trong quản lý, điều "
        "hành, báo cáo.",
        LEAD,
        COORD,
        "tháng 11/2025 đến tháng 4/2026;",
        "các tài liệu hướng dẫn, tài liệu phục vụ công tác bầu cử và bảo đảm các điều kiện cần thiết khác cho "
        "công tác bầu cử.",
    ],
]

HEADER = [
    [
        "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ],
    ["Số: 16/KH-MTTQ-BTT", "Lương Minh, ngày 18 tháng 11 năm 2025"],
]
BEFORE = [
    "KẾ HOẠCH",
    "Thực hiện công tác bầu cử đại biểu Quốc hội khóa XVI và bầu cử đại biểu Hội đồng nhân dân các cấp "
    "nhiệm kỳ 2026-2031",
]


def _set_text(cell, text: str) -> None:
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def build(path: Path = OUT) -> Path:
    document = docx.Document()
    top = document.add_table(rows=len(HEADER), cols=2)
    for r, cells in enumerate(HEADER):
        for c, text in enumerate(cells):
            _set_text(top.cell(r, c), text)
    for line in BEFORE:
        document.add_paragraph(line)
    width = len(COLUMNS)
    table = document.add_table(rows=1 + len(ROWS), cols=width)
    table.style = "Table Grid"
    for c, name in enumerate(COLUMNS):
        _set_text(table.cell(0, c), name)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    merges: list[tuple[int, int, int]] = []  # (top row, col, rows)
    for r, row in enumerate(ROWS, start=1):
        if isinstance(row, tuple):
            kind, number, title = row
            _set_text(table.cell(r, 0), number)
            _set_text(table.cell(r, 1), title)
            if kind == "section":  # a section row: the title spans the rest of the row
                table.cell(r, 1).merge(table.cell(r, width - 1))
            continue
        for c, value in enumerate(row):
            if value == M:
                top_r = r - 1
                while ROWS[top_r - 1][c] == M:
                    top_r -= 1
                merges.append((top_r, c, r))
            elif value:
                _set_text(table.cell(r, c), value)
    spans: dict[tuple[int, int], int] = {}
    for top_r, c, r in merges:
        spans[(top_r, c)] = max(spans.get((top_r, c), r), r)
    for (top_r, c), bottom in spans.items():
        table.cell(top_r, c).merge(table.cell(bottom, c))
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
