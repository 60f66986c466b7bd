"""Searches over Thanh Xá's plan (how they were read: table.py)."""

from __future__ import annotations

from tests.plans.search_table.model import S

TX = "thanh-xa"

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
