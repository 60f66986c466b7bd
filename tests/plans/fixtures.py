"""Plan documents built the way communes' files are laid out, from the seeds' appendix tables.

Rows are plain lists; in a row "^" means "vertically merged with the cell above" (one lead/deadline
cell spanning several rows in Word), {"section": "I", "title": …} a section row whose title spans the
row, {"span": "II. …"} a row that is one merged cell, {"header": True} a header row repeated in the
body (as a page break shows it), and a row with only one cell filled is a row split over two pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

M = "^"  # merged with the cell above

Row = list[str] | dict[str, Any]


@dataclass
class PlanDoc:
    name: str
    columns: list[str]
    rows: list[Row]
    before: list[str] = field(default_factory=list)  # paragraphs before the appendix
    header_table: list[list[str]] | None = None  # the decision header block (a 2-column table)
    after: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- Thanh Xá, Q1/2023 report

VP = "Văn phòng HĐND và UBND xã"
CC_X = "Các công chức chuyên môn thuộc UBND xã; ngành dọc tại xã"
TX_COLUMNS = [
    "Số TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Sản phẩm dự kiến hoàn thành",
    "Kết quả thực hiện quý I năm 2023",
]
TX_R1 = (
    "Đã thực hiện:\n"
    "- Kế hoạch số 25/KH-UBND ngày 09/3/2023 của UBND xã về việc Kiểm soát TTHC và thực hiện cơ chế một cửa, "
    "một cửa liên thông năm 2023 trên địa bàn xã Thanh Xá;\n"
    "- Kế hoạch số 27/KH-UBND ngày 09/3/2023 của UBND xã về việc tuyên truyền Kiểm soát TTHC năm 2023 trên "
    "địa bàn xã Thanh Xá;\n"
    "- Kế hoạch số 35/KH-UBND ngày 29/3/2023 về rà soát, đánh giá, đơn giản hóa TTHC trên đia bàn xã Thanh Xá "
    "năm 2023;\n"
    "- Kế hoạch số 01/KH-UBND ngày 04/01/2023 về Rà soát, đơn giản hóa thủ tục hành chính nội bộ trong cơ "
    "quan hành chính nhà nước giai đoạn 2022 - 2025 trên địa bàn xã Thanh Xá\n"
    "- Kế hoạch số 03/KH-UBND ngày 06/01/2023 về triển khai đẩy mạnh cải cách thủ tục hành chính và hiện đại "
    "hóa phương thức chỉ đạo, điều hành người dân, doanh nghiêp trên địa bàn xã Thanh Xá;\n"
    "- Quyết định số 47/QĐ-UBND ngày 24/3/2023 về Kiện toàn Bộ phận tiếp nhận và trả kết quả;\n"
    "- Thông báo số 14/TB-UBND ngày 24/3/2023 của UBND xã về phân công thực hiện nhiệm vụ tại Bộ phận Tiếp "
    "nhận và trả kết quả xã Thanh Xá"
)
TX_TB09 = (
    "Đã thực hiện: Thông báo số 09/TB-UBND ngày 08/3/2023 về ban hành danh mục TTHC thực hiện tại Bộ phận "
    "tiếp nhận và trả kết quả xã Thanh Xá"
)
TX_II2_LEAD = "- Văn phòng HĐND và UBND xã;\n- Văn hóa xã hội xã\n- Các công chức chuyên môn xã."
TX_II2_DEADLINE = (
    "Thường xuyên trong năm 2023.\n- Kết quả rà soát, các công chức được giao nhiệm vụ chủ trì thực hiện rà "
    "soát, đơn giản hóa TTHC gửi về Văn phòng HĐND và UBND xã chậm nhất ngày 20/6/2023 để tổng hợp nộp UBND "
    "huyện trước ngày 30/6/2023"
)
TX_II2_PRODUCT = (
    "Văn bản chỉ đạo, đôn đốc; Danh sách tham dự các hội nghị tập huấn; công khai; báo cáo...\n"
    "- Kết quả rà soát, đánh giá TTHC: báo cáo, biểu mẫu rà soát, tính toán chi phí tuân thủ TTHC, phương án "
    "đề xuất đơn giản hóa TTHC."
)
TX_ROWS: list[Row] = [
    {"section": "I", "title": "Xây dựng hoàn thiện thế chế, văn bản chỉ đạo"},
    [
        "1.",
        "Xây dựng văn bản chỉ đạo của",
        VP,
        CC_X,
        "Thường xuyên trong năm 2023",
        "Văn bản chỉ đạo, đôn đốc, hướng dẫn,...",
        TX_R1,
    ],
    ["", "UBND xã, Chủ tịch UBND xã", "", "", "", "", ""],  # the same row, continued on the next page
    {
        "span": "II. Triển khai các nhiệm vụ cải cách, kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông"
    },
    [
        "1.",
        "Triển khai việc tổ chức thực hiện các nhiệm vụ về:\n- Cải cách thủ tục thành chính, kiểm soát TTHC "
        "và đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC;",
        VP,
        CC_X,
        "Thường xuyên trong năm 2023",
        "Văn bản chỉ đạo, đôn đốc, hướng dẫn được ban hành",
        "Đã thực hiện: Việc thực hiện cơ chế môt cửa, cơ chế môt cửa liên thông của xã tại Bộ phận tiếp nhận và "
        "trả kết quả được duy trì nền nếp, thông suốt đảm bảo giải quyết TTHC cho tổ chức, cá nhân nhanh chóng, kip thời",
    ],
    [
        M,
        "- Thực hiện giải quyết TTHC trên môi trường điện tử thông qua dịch vụ công trực tuyến;",
        M,
        M,
        M,
        M,
        "Đã thực hiện: Quý 1 năm 2023 đã tiếp nhận 292 hồ sơ trực tuyến mức độ 3,4 đạt tỷ lệ 78,5%",
    ],
    [M, "- Niêm yết, công khai TTHC;", M, M, M, M, TX_TB09],
    [
        M,
        "- Rà soát, đơn giản hóa TTHC;",
        M,
        M,
        M,
        M,
        "Chưa thực hiện: Kế hoạch số 35/KH-UBND ngày 29/3/2023 về rà soát, đánh giá, đơn giản hóa TTHC trên địa "
        "bàn xã Thanh Xá năm 2023;",
    ],
    [
        M,
        "- Số hóa hồ sơ, kết quả giải quyết TTHC;",
        M,
        M,
        M,
        M,
        "Đã thực hiện: Quý 1/2023 số hóa được 371 hồ sơ khi tiếp nhận đạt 99,73 %, 372 hồ sơ được số hóa khi trả "
        "kết quả đat 100 %",
    ],
    [
        M,
        "- Xử lý phản ánh kiến nghị về quy định hành chính và hành vi hành chính;",
        M,
        M,
        M,
        M,
        "Đã thực hiện: UBND xã không tiếp nhận được phản ánh kiến nghi nào",
    ],
    [M, "- Nhiệm vụ đột xuất khác được giao.", M, M, M, M, "Thường xuyên thực hiện khi có yêu cầu"],
    [
        "2.",
        "Tổ chức thực hiện các nhiệm vụ KS TTHC, gồm:",
        TX_II2_LEAD,
        "",
        TX_II2_DEADLINE,
        TX_II2_PRODUCT,
        "",
    ],
    [
        M,
        "- Theo dõi, đôn đốc việc công khai, thực hiện giải quyết TTHC;",
        M,
        M,
        M,
        M,
        "Công khai kết quả giải quyết TTHC hàng tháng\n- Thông báo số 02/TB-UBND ngày 01/02/2023 (tháng 1)\n"
        "- Thông báo số 07/TB-UBND ngày 01/03/2023 (tháng 2)\n- Thông báo số 15/TB-UBND ngày 01/02/2023 (tháng 3)",
    ],
    [
        M,
        "- Cập nhật công khai dữ liệu TTHC trên trang thông tin điện tử của xã;",
        M,
        M,
        M,
        M,
        "- Đã cập nhật thông tin công khai trên Trang thông tin điện tử của xã",
    ],
    [
        M,
        "- Tổ chức rà soát, đơn giản hóa TTHC; rà soát độc lập các quy định TTHC đang còn hiện lực báo cáo, đề "
        "xuất, kiến nghị UBND huyện trình UBND tỉnh xem xét sửa đổi, bổ sung hoặc bãi bỏ/hủy bỏ (Chi tiết, có Phụ "
        "lục II đính kèm).",
        M,
        M,
        M,
        M,
        "- Rà soát theo Kế hoạch số 35/KH-UBND ngày 29/3/2023 về rà soát, đánh giá, đơn giản hóa TTHC trên địa "
        "bàn xã Thanh Xá năm 2023;",
    ],
    [
        M,
        "- Thực hiện rà soát, tổng hợp, đề xuất phương án đơn giản hóa TTHC báo cáo UBND tỉnh;",
        M,
        M,
        M,
        M,
        "Chưa thực hiện",
    ],
    [M, "- Phối hợp, tổ chức tập huấn, bồi dưỡng nghiệp vụ;", M, M, M, M, "Chưa thực hiện"],
    [M, "- Thực hiện các nhiệm vụ đột xuất khác.", M, M, M, M, "Thực hiện khi có yêu cầu"],
    [
        "3.",
        "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC:\n- Tiếp tục triển khai, thực "
        "hiện đề án kiện toàn, đổi mới Bộ phận Tiếp nhận và Trả kết quả, cấp xã.",
        "- Văn phòng HĐND và UBND xã\n- Các công chức chuyên môn.",
        CC_X,
        "Theo yêu cầu hoặc thường xuyên trong năm 2023",
        "Văn bản chỉ đạo, đôn đốc; công khai; báo cáo...",
        "Đã, đang thực hiện Kế hoạch của UBND huyện, UBND xã về thực hiện đổi mới việc thực hiện cơ chế một cửa, "
        "môt cửa liên thông trong giải quyết TTHC giai đoạn 2021-2025 trên địa bàn xã",
    ],
    [
        M,
        "- Theo dõi, đôn đốc, hướng dẫn, phối hợp với các công chức chuyên môn xã kiện toàn, nâng cao chất "
        "lượng phục vụ của Bộ phận Tiếp nhận và Trả kết quả cấp xã;",
        M,
        M,
        M,
        M,
        "Đã, đang thưc hiện:",
    ],
    [
        M,
        "- Triển khai thực hiện TTHC không phụ thuộc vào địa giới hành chính (theo hướng dẫn của huyện);",
        M,
        M,
        M,
        M,
        "Đang thực hiện",
    ],
    [
        M,
        "- Tiếp tục đưa TTHC ngành dọc ra thực hiện tại Bộ phận Tiếp nhận và Trả kết quả cấp xã;",
        M,
        M,
        M,
        M,
        TX_TB09,
    ],
    [
        M,
        "- Thống kê, rà soát TTHC có quy định phí, lệ phí và nghĩa vụ tài chính khác để thực hiện trực tuyến;",
        M,
        M,
        M,
        M,
        "Thông báo số 16/TB-UBND ngày 12/4/2023 về mức thu phí, lệ phí thực hiện tại Bộ phận tiếp nhận và trả kết quả",
    ],
    [
        M,
        "- Triển khai, theo dõi, đôn đốc thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia (khi có hướng "
        "dẫn)",
        M,
        M,
        M,
        M,
        "Chưa thực hiện: Do chưa có hướng dẫn",
    ],
    [
        "4.",
        "Tiếp tục triển khai thực hiện rà soát, đơn giản hóa TTHC nội bộ đảm bảo Kế hoạch đề ra",
        "Văn phòng HĐND UBND cấp xã.",
        "Các công chức chuyên môn thuộc UBND xã;",
        "Theo tiến độ đã giao",
        "Các báo cáo,....",
        "- Báo cáo số 15/BC-UBND ngày 09/03/2023 kết quả rà soát các thủ tục hành chính đưa ra thực hiện tại Bộ "
        "phận tiếp nhận và trả kết quả xã Thanh Xá\n- Báo cáo số 23/BC-UBND ngày 05/04/2023 kết quả rà soát, "
        "thống kê thủ tục hành chính nội bộ trong hệ thống cơ quan hành chính nhà nước trên địa bàn xã\n- Tiếp tục "
        "thực hiện theo kế hoạch số 01/KH-UBND ngày 04/01/2023 về Rà soát, đơn giản hóa thủ tục hành chính nội bộ "
        "trong cơ quan hành chính nhà nước giai đoạn 2022 - 2025 trên địa bàn xã",
    ],
    [
        "5.",
        "Tự tổ chức kiểm tra định kỳ hoặc đột xuất việc tổ chức thực hiện công tác kiểm soát TTHC và thực "
        "hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC, thực hiện giải quyết trên môi trường điện "
        "tử... (Chi tiết, có Phụ lục III đính kèm).",
        VP,
        "Các công chức chuyên môn thuộc UBND xã;",
        "Từ tháng 4 đến tháng 12/2023.",
        "Quyết định thành lập đoàn kiểm tra; kết luận kiểm tra...",
        "- Chưa thực hiện theo Kế hoạch số 25/KH-UBND ngày 09/3/2023 của UBND xã về việc Kiểm soát TTHC và thực "
        "hiện cơ chế một cửa, một cửa liên thông năm 2023 trên địa bàn xã Thanh Xá;",
    ],
    [
        "6.",
        "Tiếp nhận, xử lý, công khai phản ánh, kiến nghị về quy định TTHC, hành vi của công chức trong tiếp "
        "nhận, giải quyết, trả kết quả giải quyết TTHC.",
        VP,
        "Các công chức chuyên môn xã.",
        "Thường xuyên năm 2023",
        "Phân loại, xử lý phản ánh, kiến nghị và báo cáo, công khai kết quả giải",
        "Đã, đang thực hiện",
    ],
    {"header": True},
    ["", "", "", "", "", "quyết", ""],  # the product cell of II.6 ran onto the next page
    {"section": "III", "title": "Ứng dụng công nghệ thông tin trong giải quyết TTHC"},
    [
        "1.",
        "Thực hiện rà soát, đánh giá TTHC đáp ứng yêu cầu xây dựng dịch vụ công trực tuyến một phần hoặc "
        "toàn trình",
        VP,
        "Công chức Văn hóa và Thông tin xã; các công chức chuyên môn",
        "Theo hướng dẫn của Văn phòng UBND huyện",
        "Văn bản được ban hành",
        "Chưa thực hiện, (do chưa có hướng dẫn của cấp trên)",
    ],
    [
        "2.",
        "Triển khai, thực hiện dịch vụ công trực tuyến toàn trình và dịch vụ công trực tuyến một phần (khi "
        "có hướng dẫn của VP UBND huyện",
        VP,
        "Các công chức chuyên môn",
        "Thường xuyên trong năm 2023",
        "Văn bản chỉ đạo, hướng dẫn, thực hiện.",
        "Đang thực hiện",
    ],
    [
        "3.",
        "Triển khai thực hiện việc tiếp nhận, giải quyết TTHC trên môi trường điện tử.",
        "Các công chức chuyên môn",
        VP,
        "Thường xuyên trong năm 2023",
        "Văn bản hướng dẫn thực hiện…",
        "Đang thực hiện",
    ],
    [
        "4.",
        "Thực hiện Số hóa hồ sơ, kết quả giải quyết TTHC bảo đảm chỉ tiêu được giao.",
        "Các công chức chuyên môn",
        VP,
        "Thường xuyên trong năm 2023",
        "Hồ sơ, kết quả giải quyết TTHC được số hóa",
        "Đang thực hiện",
    ],
    [
        "5.",
        "Thanh toán trực tuyến nghĩa vụ tài chính (gồm cả phí, lệ phí) Cổng Dịch vụ công Quốc gia:",
        VP,
        "Các công chức chuyên môn",
        "Thường xuyên trong năm 2023",
        "Văn bản chỉ đạo, hướng dẫn triển khai thực hiện.",
        "Đang thực hiện",
    ],
    {"section": "IV.", "title": "Nhiệm vụ khác có liên quan"},
    [
        "1.",
        "Tuyên truyền về cải cách TTHC, kiểm soát TTHC, thực hiện cơ chế một cửa, một cửa liên thông, tiếp "
        "nhận, xử lý phản ánh, kiến nghị để tạo sự lan tỏa và đồng thuận trong xã hội.",
        "Các công chức chuyên môn\n-Trang TTĐT xã;\n- Đài truyền thanh xã.",
        f"{VP}\nCác công chức chuyên môn",
        "Thường xuyên trong năm 2023",
        "Tin bài phát trên Đài truyền thanh xã; Trang thông tin điện tử của xã.",
        "Đã thực hiện\nCác bài viết tuyên truyền trên Trang thông tin điện tử của xã, Đài truyền thanh xã, các "
        "cuộc họp...",
    ],
    {"header": True},
    [
        "2",
        "Báo cáo định kỳ hoặc đột xuất về tình hình, kết quả công tác kiểm soát TTHC, thực hiện cơ chế một "
        "cửa, một cửa liên thông và tiếp nhận phản ánh, kiến nghị về quy định hành chính.",
        "Các công chức chuyên môn",
        VP,
        "Định kỳ hoặc đột xuất trong năm 2023",
        "Báo cáo được ký ban hành",
        "- Báo cáo số 18/BC-UBND ngày 15/03/2023 về công tác kiểm soát TTHC, triển khai cơ chế một cửa, một cửa "
        "liên thông và thực hiện TTHC trên môi trường điện tử quý 1 năm 2023\n- Báo cáo số 23/BC-UBND ngày "
        "05/04/2023 kết quả rà soát, thống kê thủ tục hành chính nội bộ trong hệ thống cơ quan hành chính nhà nước "
        "trên địa bàn xã",
    ],
]

# Expected import of the Thanh Xá appendix: the 30 tasks and their result status.
TX_STATUS: dict[str, str] = {
    "I.1": "done",
    "II.1.1": "done", "II.1.2": "done", "II.1.3": "done", "II.1.4": "not_done", "II.1.5": "done",
    "II.1.6": "done", "II.1.7": "not_done",
    "II.2.1": "done", "II.2.2": "done", "II.2.3": "done", "II.2.4": "not_done", "II.2.5": "not_done",
    "II.2.6": "not_done",
    "II.3.1": "in_progress", "II.3.2": "in_progress", "II.3.3": "in_progress", "II.3.4": "done",
    "II.3.5": "done", "II.3.6": "not_done",
    "II.4": "done", "II.5": "not_done", "II.6": "in_progress",
    "III.1": "not_done", "III.2": "in_progress", "III.3": "in_progress", "III.4": "in_progress",
    "III.5": "in_progress",
    "IV.1": "done", "IV.2": "done",
}  # fmt: skip

THANH_XA = PlanDoc(
    name="thanh-xa-2023-q1",
    columns=TX_COLUMNS,
    rows=TX_ROWS,
    header_table=[
        ["ỦY BAN NHÂN DÂN\nXÃ THANH XÁ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
        ["Số: 28 /BC-UBND", "Thanh Xá, ngày 14 tháng 4 năm 2023"],
    ],
    before=[
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch Kiểm soát thủ tục hành chính, thưc hiện cơ chế một cửa, một cửa liên "
        "thông năm 2023 trên địa bàn xã quý I năm 2023",
        "Thực hiện Kế hoạch số 34/KH-UBND ngày 09/3/2023 của UBND huyện về việc Kiểm soát TTHC và thực hiện "
        "cơ chế một cửa, một cửa liên thông năm 2023 trên địa bàn huyện Thanh Hà; Kế hoạch số 25/KH-UBND ngày "
        "09/03/2023 của UBND xã về việc Kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông năm "
        "2023 trên địa bàn xã Thanh Xá, UBND xã báo cáo kết quả thực hiện kế hoạch Kiểm soát TTHC, triển khai "
        "cơ chế một cửa, một cửa liên thông trên địa bàn xã quý I năm 2023 cụ thể như sau:",
        "- Kế hoạch có 4 mục với 14 nội dung và 30 nhiệm vụ;",
        "- Trong quý 1 năm 2023, UBND xã đã chỉ đạo các công chức chuyên môn tham mưu giúp UBND xã đã và đang "
        "thực hiện được 22 nhiệm vụ;",
        "- Tỷ lệ hoàn thành nhiệm vụ của kế hoạch đạt: 73,3%.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Phạm Thị Mây",
        "Phụ lục I:",
        "Nội dung kết quả thực hiện nhiệm vụ kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một "
        "cửa liên thông trên địa bàn xã Thanh Xá quý 1 năm 2023",
        "(Kèm theo Báo cáo số 28/BC-UBND ngày 14/04/2023 của UBND xã Thanh Xá)",
    ],
    after=[
        "Tổng số nội dung công việc: 30",
        "Nội dung đã thực hiện trong quý 1: 22",
        "Tỷ lệ hoàn thành kế hoạch: 73,3%",
    ],
)


# ---------------------------------------------------------------- builders


def _table_grid(doc: PlanDoc) -> list[list[str | None]]:
    """Rows as a rectangular grid; None = covered by a merge (vertical "^" or a horizontal span)."""
    width = len(doc.columns)
    grid: list[list[str | None]] = []
    for row in doc.rows:
        if isinstance(row, dict):
            if row.get("header"):
                grid.append(list(doc.columns))
            elif "section" in row:
                grid.append([row["section"], row["title"]] + [""] * (width - 2))
            else:
                grid.append([row["span"]] + [""] * (width - 1))
        else:
            grid.append([None if c == M else c for c in row])
    return grid


def _spans(doc: PlanDoc) -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    """Vertical spans {(row, col): rows} and horizontal spans {row: first spanned col} (body rows)."""
    grid = _table_grid(doc)
    vertical: dict[tuple[int, int], int] = {}
    for c in range(len(doc.columns)):
        r = 0
        while r < len(grid):
            n = 1
            while r + n < len(grid) and grid[r + n][c] is None:
                n += 1
            if n > 1:
                vertical[(r, c)] = n
            r += n
    horizontal: dict[int, int] = {}
    for r, row in enumerate(doc.rows):
        if isinstance(row, dict) and "section" in row:
            horizontal[r] = 1
        elif isinstance(row, dict) and "span" in row:
            horizontal[r] = 0
    return vertical, horizontal


def build_docx(doc: PlanDoc, path: Path) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    if doc.header_table:
        top = document.add_table(rows=len(doc.header_table), cols=2)
        for r, cells in enumerate(doc.header_table):
            for c, text in enumerate(cells):
                _set_text(top.cell(r, c), text)
    for line in doc.before:
        document.add_paragraph(line)
    grid = _table_grid(doc)
    table = document.add_table(rows=1 + len(grid), cols=len(doc.columns))
    table.style = "Table Grid"
    for c, name in enumerate(doc.columns):
        _set_text(table.cell(0, c), name)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # "Repeat as header row at the top of each page"
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row):
            if value:
                _set_text(table.cell(r, c), value)
    vertical, horizontal = _spans(doc)
    for r, first in horizontal.items():
        table.cell(r + 1, first).merge(table.cell(r + 1, len(doc.columns) - 1))
    for (r, c), n in vertical.items():
        table.cell(r + 1, c).merge(table.cell(r + n, c))
    for line in doc.after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _set_text(cell: Any, text: str) -> None:
    """Several paragraphs in a cell, one per line, as Word stores bullets typed by hand."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def build_xlsx(doc: PlanDoc, path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    offset = 1
    for line in (doc.header_table[0][0].split("\n") if doc.header_table else []) + doc.before[-3:]:
        sheet.cell(offset, 1, line)
        offset += 1
    header_row = offset
    for c, name in enumerate(doc.columns, start=1):
        sheet.cell(header_row, c, name)
    grid = _table_grid(doc)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                sheet.cell(header_row + 1 + r, c + 1, text)
    vertical, horizontal = _spans(doc)
    width = len(doc.columns)
    for r, first in horizontal.items():
        sheet.merge_cells(
            start_row=header_row + 1 + r, start_column=first + 1, end_row=header_row + 1 + r, end_column=width
        )
    for (r, c), n in vertical.items():
        sheet.merge_cells(
            start_row=header_row + 1 + r, start_column=c + 1, end_row=header_row + r + n, end_column=c + 1
        )
    workbook.save(str(path))
    return path


def build_pdf(doc: PlanDoc, path: Path) -> Path:
    import matplotlib
    from fpdf import FPDF
    from fpdf.enums import TableSpan

    font = matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf"
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_font("DejaVu", fname=font)
    pdf.add_font("DejaVu", style="B", fname=font)
    pdf.set_font("DejaVu", size=7)
    pdf.add_page()
    for line in (doc.header_table[0][0].split("\n") if doc.header_table else []) + doc.before[-3:]:
        pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
    grid = _table_grid(doc)
    _, horizontal = _spans(doc)
    widths = [10, 70, 35, 35, 30, 35, 62][: len(doc.columns)]
    with pdf.table(col_widths=widths, line_height=3.2, repeat_headings=1, text_align="LEFT") as table:
        heading = table.row()
        for name in doc.columns:
            heading.cell(name)
        for r, row in enumerate(grid):
            source = doc.rows[r]
            if isinstance(source, dict) and source.get("header"):
                continue  # the PDF repeats the real heading on every page itself
            out = table.row()
            for c, text in enumerate(row):
                if text is None:
                    out.cell(TableSpan.ROW)  # type: ignore[arg-type]
                elif r in horizontal and c > horizontal[r]:
                    out.cell(TableSpan.COL)  # type: ignore[arg-type]
                else:
                    out.cell(text, rowspan=1)
    for line in doc.after:
        pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def build_text(doc: PlanDoc, path: Path, *, markdown: bool = False) -> Path:
    """Tab-separated rows (Word "convert table to text"), or a Markdown pipe table."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |" if markdown else "\t".join(cells)

    lines = list(doc.before)
    lines.append(line(doc.columns))
    if markdown:
        lines.append(line(["---"] * len(doc.columns)))
    for row in _table_grid(doc):
        lines.append(line([(c or "").replace("\n", " ") for c in row]))
    lines.extend(doc.after)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- Chí Linh, 2025 plan (deadline before agencies)

TT = "Trung tâm Phục vụ Hành chính công"
PCM = "Các phòng chuyên môn"
CL_COLUMNS = [
    "TT",
    "Nội dung công việc",
    "Thời gian thực hiện/ hoàn thành",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Kết quả",
]
CL_ROWS: list[Row] = [
    {"section": "I", "title": "Công tác chỉ đạo, điều hành"},
    [
        "1",
        "Kế hoạch kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông năm 2025",
        "Trong tháng 08/2025",
        TT,
        "Văn phòng HĐND và UBND phường",
        "Kế hoạch được ban hành",
    ],
    [
        "2",
        "Rà soát, kiện toàn công chức đầu mối kiểm soát TTHC tại các phòng, ban",
        "Thường xuyên",
        TT,
        PCM,
        "Văn bản rà soát",
    ],
    [
        "3",
        "Kế hoạch cải cách TTHC trọng tâm năm 2025 của thành phố",
        "Theo yêu cầu",
        TT,
        PCM,
        "Kế hoạch được ban hành",
    ],
    [
        "4",
        "Chỉ đạo, hướng dẫn, đôn đốc thực hiện công tác cải cách TTHC, kiểm soát TTHC và thực hiện cơ chế một "
        "cửa, một cửa liên thông",
        "Thường xuyên",
        TT,
        PCM,
        "Các văn bản chỉ đạo của UBND và hướng dẫn, đôn đốc",
    ],
    [
        "5",
        "Tổ chức học tập kinh nghiệm về công tác cải cách, kiểm soát TTHC; việc thực hiện cơ chế một cửa, một "
        "cửa liên thông trong giải quyết TTHC của một số địa phương trong thành phố",
        "Trong năm 2025",
        TT,
        PCM,
        "Đầu mối kiểm soát TTHC của các phòng, ban",
    ],
    [
        "6",
        "Tiếp tục thực hiện công khai kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực "
        "hiện TTHC, dịch vụ công theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ theo quy "
        "định",
        "Thường xuyên",
        TT,
        PCM,
        "Công khai trên Hệ thống giải quyết TTHC thành phố, Cổng Thông tin điện tử và các hình thức khác phù hợp",
    ],
    {"section": "II", "title": "Nhiệm vụ kiểm soát TTHC"},
    {"section": "1", "title": "Kiểm soát chất lượng quy định TTHC"},
    [
        "1.1",
        "Thực hiện đánh giá tác động của TTHC trong đề nghị xây dựng văn bản quy phạm pháp luật và dự thảo "
        "văn bản quy phạm pháp luật theo quy định",
        "Khi có phát sinh",
        PCM,
        TT,
        "Báo cáo đánh giá tác động của TTHC, bản đánh giá tác động của TTHC",
    ],
    [
        "1.2",
        "Tham gia ý kiến đối với nội dung quy định TTHC tại đề nghị xây dựng văn bản quy phạm pháp luật và "
        "dự thảo văn bản quy phạm pháp luật",
        "Khi có phát sinh",
        PCM,
        TT,
        "Văn bản tham gia ý kiến",
    ],
    {"section": "2", "title": "Công bố, công khai TTHC"},
    [
        "-",
        "Công khai TTHC tại Bộ phận Tiếp nhận và trả kết quả giải quyết TTHC các cấp và trên Hệ thống thông "
        "tin giải quyết TTHC thành phố, Cổng/Trang Thông tin điện tử của phường",
        "Thường xuyên",
        TT,
        PCM,
        "Danh mục TTHC thuộc thẩm quyền được công khai đảm bảo sự thuận lợi cho tổ chức, công dân tra cứu sử dụng",
    ],
    {"section": "3", "title": "Rà soát, đánh giá TTHC"},
    [
        "3.1",
        "Xây dựng Kế hoạch rà soát, đánh giá TTHC năm 2025",
        "Trong tháng 08/2025",
        TT,
        PCM,
        "Kế hoạch ban hành",
    ],
    [
        "3.2",
        "Thực hiện rà soát, đánh giá TTHC; đề xuất phương án cắt giảm, đơn giản hóa đối với các TTHC thuộc "
        "thẩm quyền",
        "Trước 30/8/2025",
        TT,
        PCM,
        "Báo cáo, biểu mẫu rà soát, tính toán chi phí tuân thủ, phương án đề xuất đơn giản hóa TTHC",
    ],
    {
        "section": "4",
        "title": "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức đối với quy định về TTHC",
    },
    [
        "4.1",
        "Công khai địa chỉ tiếp nhận phản ánh, kiến nghị của cá nhân, tổ chức về quy định về TTHC",
        "Thường xuyên",
        TT,
        PCM,
        "100% cơ quan, đơn vị tiếp nhận, giải quyết TTHC thực hiện công khai theo mẫu tại Phụ lục kèm theo Thông "
        "tư số 02/2017/TT- VPCP ngày 31/10/2017 của Văn phòng Chính phủ",
    ],
    [
        "4.2",
        "Tiếp nhận, chuyển phản ánh, kiến nghị của cá nhân, tổ chức đối với quy định về TTHC đến các cơ "
        "quan, đơn vị có thẩm quyền xử lý",
        "Thường xuyên",
        TT,
        PCM,
        "Thực hiện trên Cổng Dịch vụ công quốc gia",
    ],
    [
        "4.3",
        "Xử lý phản ánh kiến nghị về quy định hành chính",
        "Thường xuyên",
        TT,
        PCM,
        "100% phản ánh, kiến nghị được giải quyết đúng và trước hạn",
    ],
    [
        "4.4",
        "Theo dõi, đôn đốc và công khai kết quả xử lý phản ánh, kiến nghị; tổng hợp báo cáo",
        "Thường xuyên",
        TT,
        PCM,
        "Báo cáo cải cách TTHC, kiểm soát TTHC định kỳ, đột xuất",
    ],
    {
        "section": "5",
        "title": "Kiểm tra việc thực hiện công tác cải cách, kiểm soát TTHC, cơ chế một cửa, một "
        "cửa liên thông trong giải quyết TTHC",
    },
    [
        "5.1",
        "Tổ chức kiểm tra việc thực hiện công tác cải cách, kiểm soát TTHC, cơ chế một cửa, một cửa liên "
        "thông trong giải quyết TTHC",
        "Trong năm 2025",
        TT,
        PCM,
        "Kế hoạch kiểm tra riêng hoặc kết hợp Kế hoạch kiểm tra công tác CCHC năm 2025 trên địa bàn thành phố",
    ],
    [
        "5.2",
        "Tự kiểm tra hoạt động kiểm soát TTHC tại cơ quan, đơn vị",
        "Thường xuyên",
        TT,
        PCM,
        "Kế hoạch kiểm tra riêng hoặc kết hợp Kế hoạch kiểm tra công tác CCHC năm 2025 tại phường.",
    ],
    {"section": "6", "title": "Chế độ thông tin, báo cáo về TTHC"},
    [
        "6.1",
        "Báo cáo kết quả công tác kiểm soát TTHC và thực hiện cơ chế một cửa, cơ chế một cửa liên thông "
        "trong giải quyết TTHC trên phần mềm Hệ thống thông tin báo cáo Chính phủ",
        "Định kỳ hàng quý và năm 2025",
        TT,
        PCM,
        "Hoàn thành nhập liệu đầy đủ các biểu và báo cáo trên Hệ thống thông tin báo cáo Chính phủ",
    ],
    [
        "6.2",
        "Báo cáo tình hình, kết quả thực hiện công tác cải cách TTHC hàng tháng theo chỉ đạo của Văn phòng "
        "Chính",
        "Định kỳ hàng tháng",
        TT,
        PCM,
        "Báo cáo gửi Văn phòng UBND thành phố trước ngày 18 hàng tháng (số liệu tính từ ngày 15 của",
    ],
    [
        "",
        "phủ tại Văn bản số 5633/VPCP- KSTT ngày 25/7/2023",
        "",
        "",
        "",
        "tháng trước đến hết ngày 14 của tháng sau)",
    ],  # split over two pages
    [
        "6.3",
        "Tổng hợp các báo cáo của UBND thành phố gửi Văn phòng Chính phủ theo quy định",
        "Định kỳ theo quy định",
        TT,
        PCM,
        "Các báo cáo",
    ],
    {"section": "7", "title": "Công tác truyền thông, tuyên truyền, hỗ trợ hoạt động kiểm soát TTHC"},
    [
        "7.1",
        "Tổ chức thực hiện tuyên truyền, hỗ trợ người dân, doanh nghiệp khai thác thông tin về TTHC, thực "
        "hiện dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia và Hệ thống thông tin giải quyết TTHC thành "
        "phố.\nTuyên truyền, hỗ trợ, khuyến khích người dân sử dụng bản sao chứng thực điện tử trong thực hiện TTHC",
        "Thường xuyên",
        TT,
        "- Các phòng chuyên môn\n- Trung tâm Sự nghiệp công",
        "Các nội dung tuyên truyền trên Cổng Thông tin điện tử thành và phương tiện thông tin truyền thông",
    ],
    [
        "7.2",
        "Tổ chức tập huấn và tham gia tập huấn về nghiệp vụ kiểm soát TTHC",
        "Thường xuyên",
        TT,
        PCM,
        "Các lớp tập huấn",
    ],
    {"section": "III", "title": "Nhiệm vụ thực hiện cơ chế một cửa, một cửa liên thông"},
    [
        "1",
        "100% TTHC thuộc thẩm quyền được tiếp nhận và trả kết quả tại Trung tâm Phục vụ Hành chính công (trừ "
        "các TTHC đặc thù)\nTiếp nhận, giải quyết TTHC theo đúng nội dung quy định về TTHC được đăng tải trên Cơ "
        "sở dữ liệu quốc gia",
        "Thường xuyên",
        TT,
        PCM,
        "Báo cáo cải cách TTHC và kiểm soát TTHC định kỳ theo quy định",
    ],
    [
        "2",
        "Rà soát, tham mưu ban hành quy trình nội bộ giải quyết các TTHC theo lĩnh vực đã được Chủ tịch UBND "
        "thành phố công bố. Chủ động cập nhật lên Hệ thống thông tin giải quyết TTHC thành phố để áp dụng thống "
        "nhất",
        "Thường xuyên",
        TT,
        PCM,
        "Quyết định của Thủ trưởng các sở, ban, ngành chậm nhất 10 ngày làm việc kể từ ngày có Quyết định của Chủ "
        "tịch UBND thành phố công bố TTHC/danh mục TTHC theo các lĩnh vực quản lý",
    ],
    {
        "section": "3",
        "title": "Đẩy mạnh thực hiện dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia và Hệ "
        "thống giải quyết TTHC thành phố",
    },
    [
        "3.1",
        "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số TTHC có đủ điều kiện trên Cổng Dịch "
        "vụ công quốc gia đạt 80%",
        "Thường xuyên",
        TT,
        PCM,
        "- Báo cáo kiểm soát và cải cách TTHC định kỳ\n- Kết quả ghi nhận trên Cổng Dịch vụ công quốc gia và Hệ "
        "thống giải quyết TTHC của thành phố",
    ],
    [
        "3.2",
        "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ quốc gia trên tổng số giao dịch thanh toán của dịch "
        "vụ công đạt 60%",
        M,
        M,
        M,
        M,
    ],
    ["3.3", "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC đạt 60%", M, M, M, M],
    ["3.4", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 80%", M, M, M, M],
    [
        "3.5",
        "Tỷ lệ kết quả xử lý hồ sơ TTHC của thành phố được đồng bộ đầy đủ trên Cổng Dịch vụ công quốc gia "
        "đạt 100%",
        M,
        TT,
        PCM,
        M,
    ],
    ["3.6", "Tỷ lệ cấp kết quả giải quyết TTHC điện tử đạt 100%", M, TT, PCM, M],
    ["3.7", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa đạt tối thiểu 50%", M, TT, PCM, M],
    [
        "3.8",
        "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC của người dân, doanh nghiệp đạt tối thiểu 90%",
        M,
        TT,
        PCM,
        M,
    ],
    [
        "3.9",
        "Tiếp tục rà soát, đề xuất cấp có thẩm quyền phân cấp, ủy quyền trong giải quyết TTHC theo quy "
        "định. Tổ chức thực thi phương án phân cấp đã được cấp có thẩm quyền thông qua",
        M,
        TT,
        PCM,
        "Báo cáo kết quả rà soát; Tờ trình, dự thảo Quyết định phân cấp, ủy quyền/công bố danh mục TTHC được sửa "
        "đổi, bổ sung phần thẩm quyền giải quyết căn cứ các Quyết định của Bộ, ngành Trung ương",
    ],
]

CHI_LINH = PlanDoc(
    name="chi-linh-2025",
    columns=CL_COLUMNS,
    rows=CL_ROWS,
    header_table=[
        [
            "ỦY BAN NHÂN DÂN\nPHƯỜNG CHÍ LINH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ],
        ["Số: 112/KH-UBND", "Chí Linh, ngày 15 tháng 8 năm 2025"],
    ],
    before=[
        "KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH",
        "VÀ THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG NĂM 2025",
        "(Kèm theo Quyết định số /QĐ-UBND ngày /8/2025 của Chủ tịch Ủy ban nhân dân phường Chí Linh)",
    ],
)
