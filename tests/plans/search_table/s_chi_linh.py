"""Searches over Chí Linh's plan (how they were read: table.py)."""

from __future__ import annotations

from tests.plans.search_table.model import S

CL = "chi-linh"

CHI_LINH_SEARCHES = [
    # --- codes
    S(CL, "II.5.1", ("II.5.1",), "code: Tổ chức kiểm tra việc thực hiện… (printed 5.1 under mục II)"),
    S(CL, "III.3.4", ("III.3.4",), "code: Tỷ lệ số hóa hồ sơ… (printed 3.4 under mục III)"),
    S(CL, "I.6", ("I.6",), "code: last task of mục I"),
    S(CL, "1.1", ("II.1.1",), "code: as printed; only II.1.1 is printed 1.1 (I.1 is printed 1)"),
    S(CL, "6.2", ("II.6.2",), "code: as printed; only II.6.2 is printed 6.2"),
    S(CL, "3.9", ("III.3.9",), "code: as printed; only III.3.9 is printed 3.9"),
    # --- single words
    S(
        CL,
        "kiem tra",
        ("II.5.1", "II.5.2"),
        "word: Tổ chức kiểm tra (II.5.1), Tự kiểm tra (II.5.2), the only two",
    ),
    S(CL, "tuyen truyen", ("II.7.1",), "word: II.7.1 Tổ chức thực hiện tuyên truyền…, the only one"),
    S(CL, "so hoa", ("III.3.4", "III.3.7"), "word: số hóa hồ sơ (III.3.4), dữ liệu số hóa (III.3.7)"),
    S(CL, "cong khai", ("II.2.1", "II.4.1", "II.4.4"), "word: 4 tasks say công khai (also I.6, longer)"),
    S(CL, "tap huan", ("II.7.2",), "word: II.7.2 Tổ chức tập huấn và tham gia tập huấn"),
    S(CL, "hai long", ("III.3.8",), "word: III.3.8 Mức độ hài lòng…"),
    S(CL, "dong bo", ("III.3.5",), "word: III.3.5 …được đồng bộ đầy đủ trên Cổng DVC quốc gia"),
    # --- phrases
    S(CL, "tự kiểm tra", ("II.5.2",), "phrase: II.5.2 Tự kiểm tra hoạt động kiểm soát TTHC"),
    S(CL, "báo cáo hàng tháng", ("II.6.2",), "phrase: II.6.2 Báo cáo … cải cách TTHC hàng tháng"),
    S(
        CL,
        "bao cao chinh phu",
        ("II.6.1", "II.6.2", "II.6.3"),
        "phrase: the three report tasks of II.6 (Hệ thống báo cáo / Văn phòng Chính phủ)",
    ),
    S(CL, "đánh giá tác động", ("II.1.1",), "phrase: II.1.1 Thực hiện đánh giá tác động của TTHC…"),
    S(
        CL,
        "quy pham phap luat",
        ("II.1.1", "II.1.2"),
        "phrase: văn bản quy phạm pháp luật in II.1.1 and II.1.2 only",
    ),
    S(CL, "học tập kinh nghiệm", ("I.5",), "phrase: I.5 Tổ chức học tập kinh nghiệm…"),
    S(CL, "phan cap uy quyen", ("III.3.9",), "phrase: III.3.9 …phân cấp, ủy quyền trong giải quyết TTHC"),
    S(CL, "thanh toan truc tuyen", ("III.3.2",), "phrase: III.3.2 Tỷ lệ thanh toán trực tuyến…"),
    S(CL, "quy trinh noi bo", ("III.2",), "phrase: III.2 …ban hành quy trình nội bộ giải quyết các TTHC"),
    S(CL, "cong chuc dau moi", ("I.2",), "phrase: I.2 kiện toàn công chức đầu mối kiểm soát TTHC"),
    S(
        CL,
        "ke hoach ra soat danh gia",
        ("II.3.1",),
        "phrase: II.3.1 Xây dựng Kế hoạch rà soát, đánh giá TTHC năm 2025",
    ),
    S(CL, "cat giam don gian hoa", ("II.3.2",), "phrase: II.3.2 đề xuất phương án cắt giảm, đơn giản hóa"),
    # --- partial words
    S(CL, "so ho", ("III.3.4",), "partial: số hóa hồ sơ (III.3.4); 'tổng số hồ sơ' (III.3.3) may also show"),
    S(CL, "hoc tap kinh ng", ("I.5",), "partial: kinh nghiệm cut off"),
    S(CL, "cong chuc dau mo", ("I.2",), "partial: đầu mối cut off"),
    S(CL, "tuyen tr", ("II.7.1",), "partial: tuyên truyền cut off"),
    S(CL, "ban sao chung th", ("II.7.1",), "partial+deep: bản sao chứng thực cut off; at char ~260 of 307"),
    # --- typos
    S(CL, "tu kiem tar", ("II.5.2",), "typo: swapped letters in tra"),
    S(CL, "hoc tap kinh ngiem", ("I.5",), "typo: missing h in nghiệm"),
    S(CL, "tap huan ngiep vu", ("II.7.2",), "typo: missing h in nghiệp"),
    S(CL, "muc do hai lon", ("III.3.8",), "typo: missing g in lòng"),
    S(CL, "phan cap uy quyn", ("III.3.9",), "typo: missing e in quyền"),
    # --- abbreviations
    S(
        CL,
        "dvc truc tuyen",
        ("II.7.1", "III.3.1"),
        "abbrev: DVC = dịch vụ công; 'dịch vụ công trực tuyến' in II.7.1 and III.3.1",
    ),
    S(CL, "DVC toàn trình", ("III.3.1",), "abbrev: III.3.1 dịch vụ công trực tuyến toàn trình"),
    S(
        CL,
        "trung tam PVHCC",
        ("III.1",),
        "abbrev: PVHCC = Phục vụ Hành chính công; III.1 …tại Trung tâm Phục vụ Hành chính công",
    ),
    S(
        CL,
        "VPCP",
        ("II.6.2",),
        "abbrev: II.6.2 cites Văn bản số 5633/VPCP-KSTT and Văn phòng Chính phủ (II.6.3 too)",
    ),
    S(CL, "UBND thành phố", ("II.6.3", "III.2"), "abbrev: 'UBND thành phố' in II.6.3 and III.2 only"),
    S(
        CL,
        "cong dvc quoc gia",
        ("III.3.1", "III.3.5", "II.7.1"),
        "abbrev: 'Cổng Dịch vụ công quốc gia' in these three (III.3.2 omits 'công')",
    ),
    # --- capitals
    S(CL, "DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH", ("III.3.1",), "caps: all capitals; III.3.1"),
    S(
        CL,
        "Bản Sao Chứng Thực",
        ("II.7.1",),
        "caps+deep: title case; the words are at char ~260 of II.7.1's 307",
    ),
    # --- other word order
    S(CL, "don doc huong dan chi dao", ("I.4",), "order: I.4 Chỉ đạo, hướng dẫn, đôn đốc… typed backwards"),
    S(
        CL,
        "mot cua lien thong ke hoach",
        ("I.1",),
        "order: I.1 Kế hoạch … một cửa, một cửa liên thông năm 2025",
    ),
    S(CL, "dien tu ket qua", ("III.3.6",), "order: III.3.6 cấp kết quả giải quyết TTHC điện tử"),
    # --- far inside a long content
    S(
        CL,
        "ban sao chung thuc dien tu",
        ("II.7.1",),
        "deep: 'bản sao chứng thực điện tử' at char ~260 of II.7.1's 307",
    ),
    S(
        CL,
        "co so du lieu quoc gia",
        ("III.1",),
        "deep: 'Cơ sở dữ liệu quốc gia' ends III.1 (char ~200 of 222)",
    ),
    S(CL, "766", ("I.6",), "deep: 'Quyết định số 766/QĐ-TTg' at char ~143 of I.6's 206"),
    S(CL, "5633", ("II.6.2",), "deep: 'Văn bản số 5633/VPCP- KSTT' at char ~123 of II.6.2's 153"),
    S(
        CL,
        "mot so dia phuong",
        ("I.5",),
        "deep: '…của một số địa phương trong thành phố' ends I.5 (char ~142 of 175)",
    ),
    S(
        CL,
        "thuc thi phuong an phan cap",
        ("III.3.9",),
        "deep: 'Tổ chức thực thi phương án phân cấp' at char ~108 of 171",
    ),
    S(CL, "ap dung thong nhat", ("III.2",), "deep: '…để áp dụng thống nhất' ends III.2 (char ~189 of 207)"),
    S(CL, "tru cac TTHC dac thu", ("III.1",), "deep: '(trừ các TTHC đặc thù)' at char ~95 of III.1's 222"),
    S(CL, "thủ tướng chính phủ", ("I.6",), "deep: '…của Thủ tướng Chính phủ' at char ~173 of I.6's 206"),
]
