"""The Thanh Hà Q3/2025 report appendix, as Word lays it out.

Thanh Hà (`thanh-ha-2025-q3-report-appendix.txt`) is PDF text with the cells out of order; the table
below is the reconstruction, row by row (same conventions as `tests.support.documents.model`):

- A page's text comes out column by column, so a row's STT and content sit together and its result
  usually follows its content; merged cells (STT, lead, deadline …) print their text once, at the
  vertical middle of the rows they span, which is why "2" of IV and "4" of III appear after their rows.
- II.2 / II.3 intro titles ("Tổ chức thực hiện …:", "Thực hiện cơ chế một cửa …:") are printed away
  from their STT; II.3's intro shares its cell with its first bullet ("…:\\n- Cập nhật, bổ sung …").
- II.3 lists five rows; the document labels the 2nd "3.1" and the 5th "3.2" (as printed). The 2nd
  row breaks over pages 2–3: its result "Đã và đang thực hiện" ends page 2 and "Thông báo danh mục
  TTHC không phụ thuộc vào địa giới …" starts page 3; page 3 repeats the header row and types the
  lead / deadline / product cells again for the rows left ("Theo yêu cầu hoặc thường xuyên …" twice).
- IV.2 is one STT / lead / deadline / product cell merged over two bullet rows, each with its result.
- III.4 is "Đẩy mạnh Số hóa …, đảm bảo chỉ tiêu:" over two KPI rows ("Đạt 99,84% - chưa đạt", "Đạt 100%").
- IV.3's result runs onto the last page ("… một cửa, một" | "cửa liên thông …": a split row).
- Each result text is assigned to the row whose content it answers (e.g. "ngành dọc" → "ngành dọc").
"""

from __future__ import annotations

from tests.support.documents.model import M, PlanDoc, Row

TH_COLUMNS = [
    "Số TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Sản phẩm dự kiến hoàn thành",
    "Kết quả quý III/2025",
]
TTP = "Trung tâm Phục vụ hành chính công"
TTp = "Trung tâm phục vụ hành chính công"  # as typed in section I
CQ = "Các cơ quan chuyên môn thuộc UBND xã"
TX25 = "Thường xuyên trong năm 2025."
TB_TTHC_XA = "Thông báo danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã Thanh Hà;"
TB_PHI_DG = (
    "Thông báo danh mục thủ tục hành chính không phụ thuộc vào địa giới hành chính trong phạm vi "
    "thành phố Hải Phòng"
)
BC_RA_SOAT = "Báo cáo số ngày 02/10/2025 báo cáo rà soát, đơn giản hóa TTHC của UBND xã Thanh Hà"
DDTH = "Đã và đang thực hiện"

TH_ROWS: list[Row] = [
    {"section": "I", "title": "Công tác lãnh đạo, chỉ đạo điều hành"},
    [
        "1",
        "Xây dựng văn bản chỉ đạo của UBND xã, Chủ tịch UBND xã và các văn bản hướng dẫn, đôn đốc triển "
        "khai thực hiện nhiệm vụ kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông;",
        TTp,
        f"{CQ};",
        "Thường xuyên trong năm 2025",
        "Văn bản chỉ đạo; đôn đốc; hướng dẫn",
        "Kế hoạch số 23/KH-UBND ngày 15/8/2025 Kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, "
        "một cửa liên thông 6 tháng cuối năm 2025 trên địa bàn xã Thanh Hà",
    ],
    [
        "2",
        "Xây dựng, ban hành quy chế hoạt động của Trung tâm Phục vụ hành chính công",
        TTp,
        "- Phòng Văn hóa xã hội (VH-XH);\n-Văn phòng HĐND- UBND xã;",
        "Tháng 7 năm 2025",
        "Quyết định ban hành Quy chế\n(Quy chế đã được ban hành)",
        "QĐ số 02/QĐ-TTPVHCC ngày 01/07/2025 ban hành quy chế làm việc của Trung tâm Phục vụ hành chính "
        "công xã Thanh Hà, thành phố Hải Phòng của Giám đốc Trung tâm Phục vụ hành chính công xã",
    ],
    [
        "3",
        "Xây dựng, ban hành quy chế phối hợp của Trung tâm Phục vụ hành chính công xã",
        TTp,
        "- Phòng VH-XH;\n-Văn phòng HĐND- UBND xã;",
        "Tháng 8 năm 2025",
        "Quyết định ban hành Quy chế",
        "QĐ số 561/QĐ-UBND ngày 20/08/2025 Về việc ban hành Quy chế phối hợp hoạt động giữa Trung tâm "
        "Phục vụ hành chính công xã Thanh Hà với các cơ quan chuyên môn, đơn vị, tổ chức, cá nhân trong "
        "hoạt động giải quyết thủ tục hành chính",
    ],
    {
        "section": "II",
        "title": "Triển khai các nhiệm vụ cải cách, kiểm soát thủ tục hành chính và thực hiện cơ chế một "
        "cửa, một cửa liên thông",
    },
    {"header": True},  # page 2
    [
        "1",
        "Theo dõi, hướng dẫn, đôn đốc triển khai việc tổ chức thực hiện các nhiệm vụ về kiểm soát, cải "
        "cách hành chính.",
        TTP,
        CQ,
        TX25,
        "Văn bản chỉ đạo, hướng dẫn được ban hành.",
        DDTH,
    ],
    ["2", "Tổ chức thực hiện các nhiệm vụ kiểm soát thủ tục hành chính:", "", "", "", "", ""],
    [
        "2.1",
        "Niêm yết, công khai thủ tục hành chính (đạt tỷ lệ 100%);",
        TTP,
        CQ,
        "Thường xuyên trong năm 2025",
        "Văn bản hướng dẫn, thủ tục hành chính được công khai, niêm yết công khai",
        f"{TB_TTHC_XA}\n- Cập nhật công khai thủ tục hành chính trên trang thông tin của xã (đạt tỷ lệ 100%).",
    ],
    [
        "2.2",
        "Tổ chức rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền cấp xã và đề xuất phương án "
        "đơn giản hóa đảm bảo mục tiêu cắt giảm.",
        CQ,
        TTP,
        "Chậm nhất ngày 15/9/2025",
        "- Văn bản, báo cáo kết quả rà soát\n- Phương án đề xuất (nếu có).",
        BC_RA_SOAT,
    ],
    [
        "3",
        "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính:\n- Cập nhật, bổ "
        "sung, công khai, hướng dẫn, tiếp nhận và trả kết quả giải quyết thủ tục hành chính tại Trung tâm "
        "phục vụ hành chính (đạt chỉ tiêu 100% thủ tục hành chính, trừ thủ tục hành chính có quy định khác);",
        TTP,
        CQ,
        "Theo yêu cầu hoặc thường xuyên trong năm 2025",
        "Văn bản chỉ đạo, báo cáo,...",
        f"{TB_TTHC_XA} {TB_PHI_DG}",
    ],
    [
        "3.1",
        "- Triển khai thực hiện thủ tục hành chính không phụ thuộc vào địa giới hành chính;",
        M,
        M,
        M,
        M,
        DDTH,
    ],
    {"header": True},  # page 3
    ["", "", "", "", "", "", TB_PHI_DG],  # the rest of 3.1's result cell
    [
        "",
        "- Tiếp tục thực hiện triển khai thủ tục hành chính trên môi trường điện tử gắn với cung cấp dịch "
        "vụ công trực tuyến.",
        TTP,
        CQ,
        "Theo yêu cầu hoặc thường xuyên trong năm 2025",
        "Văn bản chỉ đạo, báo cáo,...",
        "Đã và đang thực hiện trên Cổng Dịch vụ công quốc gia, hệ thống Một cửa thành phố.",
    ],
    [
        "",
        "- Tiếp tục thực hiện việc tiếp nhận thủ tục hành chính ngành dọc tại Trung tâm Phục vụ hành chính "
        "công xã.",
        M,
        M,
        M,
        M,
        "Đã và đang thực hiện tiếp nhận thủ tục hành chính ngành dọc tại Trung tâm Phục vụ hành chính công xã",
    ],
    [
        "3.2",
        "- Tổ chức thực hiện tiếp nhận, giải quyết, trả kết quả giải quyết thủ tục hành chính theo hình "
        "thức liên thông cùng cấp hoặc giữa các cấp chính quyền.",
        TTP,
        CQ,
        "Thường xuyên trong năm 2025",
        "Kết quả hồ sơ giải quyết liên thông được thực hiện.",
        DDTH,
    ],
    [
        "4",
        "Tiếp nhận, xử lý, công khai kết quả xử lý phản ánh, kiến nghị về quy định thủ tục hành chính, "
        "hành vi hành chính; tháo gỡ khó khăn, vướng mắc về quy định thủ tục hành chính.",
        TTP,
        CQ,
        "Thường xuyên năm 2025",
        "Phân loại, xử lý đạt tỷ lệ 100% phản ánh, kiến nghị được xỷ lý đúng hạn.",
        "Đã và đang thực hiên",  # sic
    ],
    [
        "5",
        "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính đạt tối thiểu 95%. "
        "Trong đó, mức độ hài lòng về giải quyết các thủ tục hành chính lĩnh vực đất đai, xây dựng, đầu tư "
        "đạt tối thiểu 90%.",
        TTP,
        CQ,
        "Thường xuyên trong năm 2025",
        "Báo cáo kết quả thực hiện.",
        DDTH,
    ],
    [
        "6",
        "Định kỳ hàng tháng công khai kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp theo "
        "Quyết định số 766 trên Cổng Dịch vụ công quốc gia để tổ chức, cá nhân theo dõi, giám sát.",
        TTP,
        CQ,
        TX25,
        "Thông báo kết quả thực hiện.",
        DDTH,
    ],
    {"section": "III", "title": "Ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính"},
    [
        "1",
        "Đạt tỷ lệ tối thiểu: 60% hồ sơ tiếp nhận trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết "
        "TTHC; 80% hồ sơ TTHC được xử lý trực tuyến.",
        TTP,
        CQ,
        TX25,
        "Tối thiếu 60% HS nộp trực tuyến, 80% hồ sơ được giải quyết trực tuyến",
        "Tính đến hết ngày 30/09/2025, tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 61,3%.",
    ],
    [
        "2",
        "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán "
        "của dịch vụ công (Đạt tỷ lệ tối thiểu 60%).",
        TTP,
        CQ,
        "xã Thường xuyên trong năm 2025.",  # PDF noise kept as written
        "Tối thiểu đạt 60% tổng số giao dịch thanh toán phí trực tuyến.",
        "Tính đến hết ngày 30/09/2025, tỷ lệ thanh toán trực tuyến đạt 62.38 %",
    ],
    [
        "3",
        "Triển khai việc tiếp nhận, giải quyết thủ tục hành chính trực tuyến và qua dịch vụ bưu chính "
        "công ích .",
        TTP,
        CQ,
        TX25,
        "Văn bản hướng dẫn thực hiện",
        DDTH,
    ],
    [
        "4",
        "Đẩy mạnh Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đảm bảo chỉ tiêu:",
        TTP,
        CQ,
        "xã Thường xuyên trong năm 2025.",
        ". 100% hồ sơ, kết quả giải quyết TTHC được số hóa trên Hệ thống thông tin giải quyết TTHC",
        "",
    ],
    [M, "- Đạt tỷ lệ 100% số hóa hồ sơ, kết quả giải quyết TTHC;", M, M, M, M, "Đạt 99,84% - chưa đạt"],
    [M, "- Đạt 100% cấp kết quả giải quyết thủ tục hành chính điện tử.", M, M, M, M, "Đạt 100%"],
    [
        "5",
        "Đẩy mạnh khai thác, tái sử dụng thông tin, dữ liệu đã được số hóa thông qua kết nối, chia sẻ Kho "
        "quản lý dữ liệu điện tử cá nhân, tổ chức (Đạt tỷ lệ tối thiểu 50%).",
        TTP,
        CQ,
        "xã Thường xuyên trong năm 2025.",
        "Ít nhất 50% dữ liệu thông tin TTHC được khai thác sử dụng",
        "Đạt 100%",
    ],
    {"section": "IV", "title": "Nhiệm vụ khác có liên quan"},
    [
        "1",
        "Tuyên truyền về cải cách thủ tục hành chính, kiểm soát thủ tục hành chính, thực hiện cơ chế một "
        "cửa, một cửa liên thông, tiếp nhận, xử lý phản ánh, kiến nghị để tạo sự lan tỏa và đồng thuận "
        "trong xã hội.",
        f"- {TTp}",
        CQ,
        TX25,
        "- Tin, bài, phóng sự được phát và đăng tải",
        "kế hoạch 28/KH-UBND ngày 25/08/2025 Tuyên truyền kiểm soát thủ tục hành chính và thực hiện cơ chế "
        "một cửa, một cửa liên thông 6 tháng cuối năm 2025",
    ],
    [
        "2",
        "- Phối hợp cử công chức chuyên môn tham dự tập huấn theo kế hoạch của cấp trên",
        f"- {TTp}",
        CQ,
        "Trong năm 2025",
        "Tham dự các hội nghị triển khai thực hiện",
        DDTH,
    ],
    [
        M,
        "- Giao ban định kỳ để triển khai nhiệm vụ, tháo gỡ khó khăn, vướng mắc khi thực hiện nhiệm vụ "
        "được giao",
        M,
        M,
        M,
        M,
        DDTH,
    ],
    [
        "3",
        "Báo cáo định kỳ hoặc đột xuất về kết quả công tác cải cách thủ tục hành chính; kiểm soát thủ tục "
        "hành chính, thực hiện cơ chế một cửa, một cửa liên thông và tiếp nhận phản ánh, kiến nghị về quy "
        "định hành chính.",
        f"- {TTp}",
        CQ,
        "Định kỳ hoặc đột xuất trong năm 2025.",
        "Báo cáo được ký ban hành",
        "Báo cáo số 58/BC-UBND ngày 29/7/2025\nViệc thực hiện một số TTHC liên quan đến sản xuất, kinh "
        "doanh được phân cấp cho địa phương;Báo cáo 166/BC-UBND ngày 16/09/2025 Công tác Kiểm soát thủ tục "
        "hành chính, triển khai cơ chế một cửa, một cửa",
    ],
    {"header": True},  # last page
    [
        "",
        "",
        "",
        "",
        "",
        "",
        "liên thông và thực hiện TTHC trên môi trường điện tử quý III năm 2025; Báo cáo "
        + BC_RA_SOAT
        + "; ...",
    ],
]

THANH_HA = PlanDoc(
    name="thanh-ha-2025-q3",
    columns=TH_COLUMNS,
    rows=TH_ROWS,
    before=[
        "Phụ lục",
        "Nội dung kết quả thực hiện nhiệm vụ kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, "
        "một cửa liên thông trên địa bàn xã Thanh Hà quý III năm 2025",
        "(Kèm theo Báo cáo số 194/BC-UBND ngày 02/10/2025 của UBND xã Thanh Hà)",
    ],
)

# Expected import: every task's code and result status (see the test for how they are counted).
TH_STATUS: dict[str, str] = {
    "I.1": "done", "I.2": "done", "I.3": "done",
    "II.1": "in_progress",
    "II.2.1": "done", "II.2.2": "done",
    "II.3.1": "done", "II.3.2": "in_progress", "II.3.3": "in_progress", "II.3.4": "in_progress",
    "II.3.5": "in_progress",
    "II.4": "in_progress", "II.5": "in_progress", "II.6": "in_progress",
    "III.1": "in_progress", "III.2": "in_progress", "III.3": "in_progress",
    "III.4.1": "in_progress", "III.4.2": "done", "III.5": "done",
    "IV.1": "done", "IV.2.1": "in_progress", "IV.2.2": "in_progress", "IV.3": "done",
}  # fmt: skip
