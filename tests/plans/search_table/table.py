"""The searches that judge task search, over three communes' plans (task list: README.md here).

Each S(commune, query, must, note): every code in `must` must be among the first five results of
`query` over that commune's plan. The expectations were read by hand from the task contents (the
search indexes contents, codes and printed numbers); they were not taken from planbot's output.
Where more tasks than `must` contain the words equally, `must` names the ones any sensible ranking
shows (the note says how many compete).
"""

from __future__ import annotations

from tests.plans.search_table.model import S

TX = "thanh-xa"
CL = "chi-linh"
QT = "quyet-thang"

THANH_XA_SEARCHES = [
    # --- the cases known to fail before this table
    S(
        TX,
        "kiểm tra",
        ("II.5",),
        "known+word: only II.5 says kiểm tra (Tự tổ chức kiểm tra định kỳ…); many say kiểm soát",
    ),
    S(TX, "kiem tra", ("II.5",), "known+word: folded form of the same; II.5 is the only task with kiểm tra"),
    S(
        TX,
        "định kỳ",
        ("II.5", "IV.2"),
        "known+word: kiểm tra định kỳ (II.5) and Báo cáo định kỳ (IV.2), the only two",
    ),
    S(TX, "dinh ky", ("II.5", "IV.2"), "known+word: folded form; the same two tasks"),
    S(
        TX,
        "phi le phi",
        ("II.3.5", "III.5"),
        "known+phrase: 'phí, lệ phí' is in II.3.5 (TTHC có quy định phí, lệ phí) and III.5",
    ),
    S(TX, "tuyen truyen", ("IV.1",), "known+word: IV.1 Tuyên truyền về cải cách TTHC… is the only one"),
    S(
        TX,
        "bao cao dinh ky",
        ("IV.2",),
        "known+phrase: IV.2 starts with Báo cáo định kỳ; II.2.3/II.2.4 only say báo cáo",
    ),
    S(TX, "nganh doc", ("II.3.4",), "known+word: II.3.4 đưa TTHC ngành dọc ra thực hiện tại Bộ phận…"),
    # --- codes
    S(TX, "II.5", ("II.5",), "code: item 5 of mục II (printed 5), a task without sub-rows"),
    S(TX, "IV.2", ("IV.2",), "code: last task, Báo cáo định kỳ…"),
    S(TX, "II.3.1", ("II.3.1",), "code: first dash row under II.3 (planbot numbers the unnumbered rows)"),
    S(TX, "iii.4", ("III.4",), "code: lower-case roman numerals as typed on a phone; III.4 Số hóa hồ sơ"),
    S(TX, "I.1", ("I.1",), "code: the only task of mục I"),
    # --- single words
    S(TX, "so hoa", ("II.1.5", "III.4"), "word: Số hóa hồ sơ in II.1.5 and III.4, the only two"),
    S(
        TX,
        "cong khai",
        ("II.1.3", "II.2.1", "II.2.2"),
        "word: 4 tasks say công khai (also II.6); the three short ones",
    ),
    S(TX, "tap huan", ("II.2.5",), "word: II.2.5 Phối hợp, tổ chức tập huấn, bồi dưỡng nghiệp vụ"),
    S(TX, "niem yet", ("II.1.3",), "word: II.1.3 Niêm yết, công khai TTHC"),
    # --- phrases
    S(
        TX,
        "mot cua lien thong",
        ("II.1.1", "II.5", "IV.2"),
        "phrase: 4 tasks (II.1.1, II.5, IV.1, IV.2) say một cửa liên thông",
    ),
    S(
        TX,
        "đơn giản hóa TTHC",
        ("II.1.4", "II.2.4", "II.4"),
        "phrase: 4 tasks say đơn giản hóa TTHC (also II.2.3)",
    ),
    S(TX, "thanh toán trực tuyến", ("II.3.6", "III.5"), "phrase: the two tasks on thanh toán trực tuyến"),
    S(
        TX,
        "tiếp nhận và trả kết quả",
        ("II.3.1", "II.3.2", "II.3.4"),
        "phrase: the three tasks naming Bộ phận Tiếp nhận và Trả kết quả",
    ),
    S(TX, "dia gioi hanh chinh", ("II.3.3",), "phrase: II.3.3 TTHC không phụ thuộc vào địa giới hành chính"),
    S(
        TX,
        "xu ly phan anh kien nghi",
        ("II.1.6", "IV.1"),
        "phrase: Xử lý phản ánh kiến nghị (II.1.6), tiếp nhận, xử lý phản ánh, kiến nghị (IV.1)",
    ),
    S(
        TX,
        "dich vu cong truc tuyen toan trinh",
        ("III.2", "III.1"),
        "phrase: III.2 dịch vụ công trực tuyến toàn trình; III.1 …một phần hoặc toàn trình",
    ),
    S(TX, "hanh vi cong chuc", ("II.6",), "phrase: 'hành vi của công chức' at char ~66 of II.6's 145"),
    # --- partial words
    S(
        TX,
        "so ho",
        ("II.1.5", "III.4"),
        "partial: 'số hóa hồ sơ' typed short; both tasks begin the phrase with it",
    ),
    S(TX, "tuyen tr", ("IV.1",), "partial: tuyên truyền cut off"),
    S(TX, "tap hua", ("II.2.5",), "partial: tập huấn cut off"),
    S(TX, "dia gio", ("II.3.3",), "partial: địa giới cut off"),
    S(TX, "kiem tra dinh k", ("II.5",), "partial: kiểm tra định kỳ cut off"),
    # --- typos
    S(TX, "tuyen truyn", ("IV.1",), "typo: missing e in truyền"),
    S(TX, "kiem tar", ("II.5",), "typo: swapped letters in tra"),
    S(TX, "thanh toan truc tuyn", ("II.3.6", "III.5"), "typo: missing e in tuyến"),
    S(TX, "bao cao dinh ki", ("IV.2",), "typo: kì for kỳ, the old spelling officials still type"),
    # --- abbreviations
    S(
        TX,
        "dvc truc tuyen",
        ("II.1.2", "III.1", "III.2"),
        "abbrev: DVC = dịch vụ công; the three tasks with 'dịch vụ công trực tuyến'",
    ),
    S(TX, "thu tuc hanh chinh noi bo", ("II.4",), "abbrev: full words for 'TTHC nội bộ' (II.4)"),
    S(TX, "TTHC nội bộ", ("II.4",), "abbrev: as the plan writes it; only II.4 says nội bộ"),
    S(
        TX,
        "UBND huyện",
        ("II.2.3", "III.2"),
        "abbrev: 'UBND huyện' in II.2.3 (kiến nghị UBND huyện) and III.2 (VP UBND huyện)",
    ),
    S(
        TX,
        "cong dvc quoc gia",
        ("II.3.6", "III.5"),
        "abbrev: Cổng Dịch vụ công quốc gia, in II.3.6 and III.5",
    ),
    # --- capitals
    S(TX, "Số Hóa Hồ Sơ", ("II.1.5", "III.4"), "caps: title case of số hóa hồ sơ"),
    S(TX, "NIÊM YẾT", ("II.1.3",), "caps: all capitals with diacritics"),
    S(TX, "Kiểm Tra Định Kỳ", ("II.5",), "caps: title case; II.5 kiểm tra định kỳ hoặc đột xuất"),
    # --- other word order
    S(TX, "dinh ky bao cao", ("IV.2",), "order: Báo cáo định kỳ typed backwards"),
    S(TX, "truc tuyen thanh toan", ("II.3.6", "III.5"), "order: thanh toán trực tuyến typed backwards"),
    S(TX, "dot xuat kiem tra", ("II.5",), "order: kiểm tra … đột xuất typed backwards"),
    # --- far inside a long content
    S(
        TX,
        "phu luc III",
        ("II.5",),
        "deep: 'Phụ lục III' closes II.5 (char ~222 of 244); II.2.3 cites Phụ lục II",
    ),
    S(
        TX,
        "lan toa dong thuan",
        ("IV.1",),
        "deep: '…tạo sự lan tỏa và đồng thuận' ends IV.1 (char ~142 of 175)",
    ),
    S(TX, "bai bo huy bo", ("II.2.3",), "deep: 'bãi bỏ/hủy bỏ' at char ~175 of II.2.3's 224"),
    S(
        TX,
        "chat luong phuc vu",
        ("II.3.2",),
        "deep: 'nâng cao chất lượng phục vụ' at char ~93 of II.3.2's 156",
    ),
    S(
        TX,
        "giai quyet tren moi truong dien tu",
        ("II.5", "II.1.2", "III.3"),
        "deep: II.5 ends …giải quyết trên môi trường điện tử (char ~170 of 244); II.1.2, III.3 too",
    ),
    S(
        TX,
        "phan anh kien nghi ve quy dinh hanh chinh",
        ("IV.2", "II.1.6"),
        "deep: the last words of IV.2 (char ~135 of 178); II.1.6 has the same phrase",
    ),
]

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

QUYET_THANG_SEARCHES = [
    # --- codes
    S(
        QT,
        "II.2.6",
        ("II.2.6",),
        "code: sixth dash row under II.2 (Xây dựng … Kế hoạch và tổ chức kiểm tra…)",
    ),
    S(QT, "V.6", ("V.6",), "code: last task, Báo cáo định kỳ hoặc đột xuất…"),
    S(QT, "IV.2", ("IV.2",), "code: Xử lý phản ánh, kiến nghị … thuộc phạm vi QLNN"),
    S(QT, "II.3.4", ("II.3.4",), "code: ngày thứ 7, chủ nhật tình nguyện"),
    S(QT, "II.1", ("II.1",), "code: the long task listing the nhiệm vụ (a task here, not a group)"),
    # --- single words
    S(
        QT,
        "kiem tra",
        ("II.2.6", "IV.1", "II.1"),
        "word: the only three with kiểm tra (kiểm tra định kỳ; kiểm tra, xác minh; đôn đốc, kiểm tra)",
    ),
    S(QT, "dinh ky", ("II.2.6", "V.5", "V.6"), "word: kiểm tra định kỳ, giao ban định kỳ, Báo cáo định kỳ"),
    S(QT, "tuyen truyen", ("V.1", "V.2"), "word: V.1 and V.2 both start with Tuyên truyền"),
    S(QT, "so hoa", ("III.5", "III.7", "II.1"), "word: the three with số hóa (II.1 at char ~273 of 648)"),
    S(
        QT,
        "cong khai",
        ("II.2.2", "II.3.2", "IV.3"),
        "word: 5 tasks say công khai (also II.3.1, II.3.5); the three short ones",
    ),
    S(QT, "tap huan", ("V.5",), "word: V.5 Tham gia tập huấn, hướng dẫn; giao ban định kỳ"),
    S(QT, "sang kien", ("V.4",), "word: V.4 …các giải pháp, sáng kiến cải cách TTHC"),
    # --- phrases
    S(
        QT,
        "kiểm tra định kỳ",
        ("II.2.6",),
        "phrase: II.2.6 tổ chức kiểm tra định kỳ hoặc đột xuất (as Thanh Xá II.5)",
    ),
    S(QT, "bao cao dinh ky", ("V.6",), "phrase: V.6 Báo cáo định kỳ hoặc đột xuất"),
    S(QT, "phi dia gioi", ("III.1", "II.1"), "phrase: 'phi địa giới hành chính' in III.1 and II.1 only"),
    S(
        QT,
        "địa giới hành chính",
        ("III.6", "III.1"),
        "phrase: 4 tasks (II.1, II.3.1, III.1, III.6); III.6 is about it, III.1 short",
    ),
    S(QT, "giao ban dinh ky", ("V.5",), "phrase: V.5 …giao ban định kỳ để triển khai nhiệm vụ"),
    S(QT, "muc do hai long", ("II.3.3",), "phrase: II.3.3 Mức độ hài lòng của người dân…"),
    S(QT, "chi phí tuân thủ", ("II.2.3",), "phrase: II.2.3 …50% chi phí tuân thủ TTHC so với năm 2024"),
    S(
        QT,
        "thanh phan ho so giay to",
        ("II.2.5",),
        "phrase: II.2.5 kiến nghị cắt giảm thành phần hồ sơ, giấy tờ",
    ),
    S(
        QT,
        "tai cau truc quy trinh",
        ("III.1", "II.2.4"),
        "phrase: Rà soát tái cấu trúc quy trình (III.1); tái cấu trúc quy trình (II.2.4)",
    ),
    S(QT, "thong tin dai chung", ("V.3",), "phrase: V.3 …phương tiện thông tin đại chúng"),
    S(
        QT,
        "he thong thong tin giai quyet tthc",
        ("III.4", "II.3.1", "II.1"),
        "phrase: the only three naming Hệ thống thông tin giải quyết TTHC",
    ),
    S(QT, "danh gia tac dong chinh sach", ("II.2.1",), "phrase: II.2.1 Đánh giá tác động chính sách, TTHC…"),
    S(
        QT,
        "luu dong tai thon",
        ("II.3.4",),
        "phrase: '…hồ sơ TTHC lưu động tại thôn' ends II.3.4 (a short content)",
    ),
    # --- partial words
    S(
        QT,
        "so ho",
        ("III.5", "II.1"),
        "partial: số hóa hồ sơ in III.5 and II.1 ('tổng số hồ sơ' in III.2 may also show)",
    ),
    S(QT, "tinh ngu", ("II.3.4",), "partial: tình nguyện cut off"),
    S(QT, "tai cau tr", ("III.1", "II.2.4"), "partial: tái cấu trúc cut off"),
    S(QT, "nhung nhi", ("IV.1",), "partial+deep: nhũng nhiễu cut off; at char ~99 of IV.1's 187"),
    S(QT, "tuyen tr", ("V.1", "V.2"), "partial: tuyên truyền cut off"),
    # --- typos
    S(
        QT,
        "thanh toan truc tuyn",
        ("III.3", "II.1"),
        "typo: missing e in tuyến; III.3 and II.1 (char ~348) say thanh toán trực tuyến",
    ),
    S(QT, "nhung nhiue", ("IV.1",), "typo+deep: swapped letters in nhiễu; at char ~99 of IV.1's 187"),
    S(QT, "sang kein", ("V.4",), "typo: swapped letters in kiến"),
    S(QT, "tuyen truyeen", ("V.1", "V.2"), "typo: doubled e in truyền"),
    # --- abbreviations
    S(
        QT,
        "dvc truc tuyen",
        ("III.1", "III.2"),
        "abbrev: 'dịch vụ công trực tuyến' in III.1, III.2 (and II.1, II.3.1 deep)",
    ),
    S(QT, "dvc toan trinh", ("III.2",), "abbrev: III.2 dịch vụ công trực tuyến toàn trình"),
    S(QT, "UBND xã", ("I.1",), "abbrev: UBND = Ủy ban nhân dân; only I.1 writes Ủy ban nhân dân xã (twice)"),
    S(
        QT,
        "trung tam pvhcc",
        ("II.3.2", "II.3.1"),
        "abbrev: PVHCC, as the plan's products write it; Trung tâm Phục vụ hành chính công in II.3.2, II.3.1",
    ),
    S(QT, "QLNN", ("IV.2",), "abbrev: as the plan writes it, IV.2 …thuộc phạm vi QLNN"),
    S(
        QT,
        "kiem tra CCHC",
        ("II.2.6",),
        "abbrev: CCHC = cải cách hành chính; II.2.6 kiểm tra … nhiệm vụ cải cách hành chính",
    ),
    # --- capitals
    S(QT, "CÔNG KHAI KẾT QUẢ XỬ LÝ", ("IV.3",), "caps: IV.3 Công khai kết quả xử lý phản ánh, kiến nghị"),
    S(
        QT,
        "Tuyên Truyền Doanh Nghiệp",
        ("V.2",),
        "caps: title case; V.2 Tuyên truyền nâng cao nhận thức của các doanh nghiệp",
    ),
    # --- other word order
    S(
        QT,
        "kien nghi phan anh cong khai",
        ("IV.3",),
        "order: IV.3 Công khai kết quả xử lý phản ánh, kiến nghị typed backwards",
    ),
    S(QT, "chu nhat thu 7", ("II.3.4",), "order: 'ngày thứ 7, chủ nhật' typed backwards"),
    S(
        QT,
        "du lieu tai su dung",
        ("III.7", "II.1"),
        "order+deep: tái sử dụng … dữ liệu; II.1 at char ~557 of 648",
    ),
    # --- far inside a long content
    S(QT, "duong day nong", ("V.2",), "deep: 'đường dây nóng của xã' at char ~361 of V.2's 416"),
    S(
        QT,
        "kien tao phat trien",
        ("V.2",),
        "deep: 'phục vụ và kiến tạo phát triển' at char ~203 of V.2's 416",
    ),
    S(QT, "giam toi da giay to", ("III.2",), "deep: 'giảm tối đa giấy tờ' at char ~208 of III.2's 327"),
    S(
        QT,
        "ket noi chia se du lieu",
        ("II.1", "III.7"),
        "deep: 'Kết nối, chia sẻ … dữ liệu' at char ~528 of II.1's 648; III.7 near its end",
    ),
    S(
        QT,
        "linh vuc dat dai",
        ("II.3.3",),
        "deep: 'lĩnh vực đất đai, xây dựng, đầu tư' at char ~142 of II.3.3's 195",
    ),
    S(
        QT,
        "nghi quyet 66.7",
        ("II.2.5",),
        "deep: 'Nghị quyết số 66.7/2025/NQ-CP' at char ~84 of II.2.5's 128, near its end",
    ),
    S(QT, "766", ("II.3.5",), "deep: 'Quyết định số 766/QĐ-TTg' at char ~110 of II.3.5's 160"),
    S(QT, "mo hinh hay", ("V.4",), "deep: '…mô hình hay trong cải cách TTHC' ends V.4 (char ~110 of 147)"),
    S(QT, "lien mach", ("III.2",), "deep: 'thông suốt, liền mạch, hiệu quả' at char ~187 of III.2's 327"),
]

SEARCHES: list[S] = THANH_XA_SEARCHES + CHI_LINH_SEARCHES + QUYET_THANG_SEARCHES
