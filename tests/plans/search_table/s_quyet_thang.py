"""Searches over Quyết Thắng's plan (how they were read: table.py)."""

from __future__ import annotations

from tests.plans.search_table.model import S

QT = "quyet-thang"

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
