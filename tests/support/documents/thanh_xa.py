"""The Thanh Xá Q1/2023 report appendix (the seed's table with its results), and the expected status of its tasks."""

from __future__ import annotations

from tests.support.documents.model import M, PlanDoc, Row

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
