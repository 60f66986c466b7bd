"""The Chí Linh 2025 plan appendix (deadline column before the agencies)."""

from __future__ import annotations

from tests.support.documents.model import M, PlanDoc, Row

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
