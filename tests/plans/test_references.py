"""Document references from the issue and the seeds."""

from __future__ import annotations

from datetime import date

import pytest

from plans.parsing.references import format_reference, parse_plan_number, parse_references, type_from_number
from plans.parsing.types import DocRef

D = date

# (text, [(type, number, date)])
CASES: list[tuple[str, list[tuple[str, str | None, date | None]]]] = [
    ("Kế hoạch số 23/KH-UBND ngày 15/8/2025", [("Kế hoạch", "23/KH-UBND", D(2025, 8, 15))]),
    ("QĐ số 561/QĐ-UBND ngày 20/08/2025", [("Quyết định", "561/QĐ-UBND", D(2025, 8, 20))]),
    (
        "- Quyết đinh số 47/QĐ-UBND ngày 24/3/2023 về \nKiện toàn",
        [("Quyết định", "47/QĐ-UBND", D(2023, 3, 24))],
    ),
    ("Thông báo số 16/TB-UBND ngày 12/4/2023", [("Thông báo", "16/TB-UBND", D(2023, 4, 12))]),
    ("Báo cáo số 58/BC-UBND ngày 29/7/2025", [("Báo cáo", "58/BC-UBND", D(2025, 7, 29))]),
    ("KH 23/KH-UBND ngày 15/8/2025", [("Kế hoạch", "23/KH-UBND", D(2025, 8, 15))]),
    ("Công văn số 123/UBND-VP ngày 1/2/2025", [("Công văn", "123/UBND-VP", D(2025, 2, 1))]),
    ("Tờ trình số 5/TTr-UBND", [("Tờ trình", "5/TTr-UBND", None)]),
    ("Kế hoạch số 25/KH-UBND ngày 09 tháng 3 năm 2023", [("Kế hoạch", "25/KH-UBND", D(2023, 3, 9))]),
    ("Số: 28 /BC-UBND", [("Báo cáo", "28/BC-UBND", None)]),
    ("kế hoạch 28/KH-UBND ngày 25/08/2025 \nTuyên truyền", [("Kế hoạch", "28/KH-UBND", D(2025, 8, 25))]),
    ("ke hoach so 23/kh-ubnd ngay 15/8/2025", [("Kế hoạch", "23/KH-UBND", D(2025, 8, 15))]),
    ("qd so 561/qd-ubnd ngay 20/8/2025", [("Quyết định", "561/QĐ-UBND", D(2025, 8, 20))]),
    (
        "QĐ số 02/QĐ-TTPVHCC ngày \n01/07/2025 ban hành quy chế",
        [("Quyết định", "02/QĐ-TTPVHCC", D(2025, 7, 1))],
    ),
    (
        "Thực hiện Quyết định số 714/QĐ-UBND ngày 27 tháng 02 năm 2026 của",
        [("Quyết định", "714/QĐ-UBND", D(2026, 2, 27))],
    ),
    (
        "theo mẫu tại Thông tư số 02/2017/TT- \nVPCP ngày 31/10/2017 của",
        [("Thông tư", "02/2017/TT-VPCP", D(2017, 10, 31))],
    ),
    ("tại Văn bản số 5633/VPCP- \nKSTT ngày 25/7/2023", [("Công văn", "5633/VPCP-KSTT", D(2023, 7, 25))]),
    ("theo Nghị quyết số 66.7/2025/NQ-CP của Chính phủ", [("Nghị quyết", "66.7/2025/NQ-CP", None)]),
    ("Nghị định số 118/2025/NĐ-CP ngày 09/6/2025", [("Nghị định", "118/2025/NĐ-CP", D(2025, 6, 9))]),
    (
        "Quyết định số 50/2020/QĐ-UBND, ngày 16/10/2020 của UBND tỉnh",
        [("Quyết định", "50/2020/QĐ-UBND", D(2020, 10, 16))],
    ),
    ("theo Quyết định số 766 trên Cổng", [("Quyết định", "766", None)]),
    ("Báo cáo số ngày 02/10/2025 báo cáo rà soát", [("Báo cáo", None, D(2025, 10, 2))]),
    ("theo 28/KH-UBND ngày 25/08/2025", [("Kế hoạch", "28/KH-UBND", D(2025, 8, 25))]),
    ("Chỉ thị số 05/CT-UBND ngày 3/3/2025", [("Chỉ thị", "05/CT-UBND", D(2025, 3, 3))]),
    ("Giấy mời số 12/GM-UBND", [("Giấy mời", "12/GM-UBND", None)]),
    ("Hướng dẫn số 7/HD-UBND ngày 10/01/2025", [("Hướng dẫn", "7/HD-UBND", D(2025, 1, 10))]),
    # several in one message, bullets, line breaks
    (
        "Đã thực hiện:\n- Kế hoạch số 25/KH-UBND ngày 09/3/2023 của \nUBND xã;\n"
        "- Kế hoạch số 27/KH-UBND ngày 09/3/2023 của \nUBND xã;\n"
        "- Thông báo số 14/TB-UBND ngày 24/3/2023 của \nUBND xã",
        [
            ("Kế hoạch", "25/KH-UBND", D(2023, 3, 9)),
            ("Kế hoạch", "27/KH-UBND", D(2023, 3, 9)),
            ("Thông báo", "14/TB-UBND", D(2023, 3, 24)),
        ],
    ),
    (
        "Báo cáo số 58/BC-UBND ngày 29/7/2025\nViệc thực hiện một số TTHC;Báo cáo 166/BC-UBND ngày \n"
        "16/09/2025 Công tác Kiểm soát; Báo cáo \nBáo cáo số ngày 02/10/2025 báo cáo rà soát",
        [
            ("Báo cáo", "58/BC-UBND", D(2025, 7, 29)),
            ("Báo cáo", "166/BC-UBND", D(2025, 9, 16)),
            ("Báo cáo", None, D(2025, 10, 2)),
        ],
    ),
    (
        "Công khai kết quả giải quyết TTHC hàng tháng\n- Thông báo số 02/TB-UBND ngày 01/02/2023 (tháng 1)\n"
        "- Thông báo số 07/TB-UBND ngày 01/03/2023 (tháng 2)",
        [("Thông báo", "02/TB-UBND", D(2023, 2, 1)), ("Thông báo", "07/TB-UBND", D(2023, 3, 1))],
    ),
    # not references
    ("Tính đến hết ngày 30/09/2025, tỷ lệ đạt 61,3%", []),
    ("Quý 1/2023 số hóa được 371 hồ sơ", []),
    ("Báo cáo kết quả thực hiện.", []),
    ("Kế hoạch, văn bản chỉ đạo; văn bản hướng dẫn ...", []),
    ("(Kèm theo Quyết định số /QĐ-UBND ngày /8/2025", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_references(text: str, expected: list[tuple[str, str | None, date | None]]) -> None:
    refs = parse_references(text)
    assert [(r.doc_type, r.number, r.issued_on) for r in refs] == expected


def test_enough_cases() -> None:
    assert len(CASES) >= 25


def test_matched_text_is_kept() -> None:
    (ref,) = parse_references("Đã thực hiện: Thông báo số 09/TB-UBND ngày \n08/3/2023 về ban hành danh mục")
    assert ref.text == "Thông báo số 09/TB-UBND ngày 08/3/2023"


def test_invalid_date_keeps_reference() -> None:
    (ref,) = parse_references("Kế hoạch số 5/KH-UBND ngày 31/2/2025")
    assert ref.number == "5/KH-UBND" and ref.issued_on is None


@pytest.mark.parametrize(
    ("number", "doc_type"),
    [
        ("23/KH-UBND", "Kế hoạch"),
        ("561/QĐ-UBND", "Quyết định"),
        ("16/TB-UBND", "Thông báo"),
        ("58/BC-UBND", "Báo cáo"),
        ("5/TTr-UBND", "Tờ trình"),
        ("3/CT-UBND", "Chỉ thị"),
        ("1/NQ-HĐND", "Nghị quyết"),
        ("7/HD-UBND", "Hướng dẫn"),
        ("12/GM-UBND", "Giấy mời"),
        ("123/UBND-VP", "Công văn"),
        ("02/2017/TT-VPCP", "Thông tư"),
        ("766", None),
        (None, None),
    ],
)
def test_type_from_number(number: str | None, doc_type: str | None) -> None:
    assert type_from_number(number) == doc_type


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (DocRef("Kế hoạch", "23/KH-UBND", D(2025, 8, 15)), "Kế hoạch số 23/KH-UBND ngày 15/8/2025"),
        (DocRef("Quyết định", "561/QĐ-UBND", D(2025, 8, 20)), "Quyết định số 561/QĐ-UBND ngày 20/8/2025"),
        (DocRef("Kế hoạch", "25/KH-UBND", D(2023, 3, 9)), "Kế hoạch số 25/KH-UBND ngày 9/3/2023"),
        (DocRef("Tờ trình", "5/TTr-UBND", None), "Tờ trình số 5/TTr-UBND"),
        (DocRef("Báo cáo", None, D(2025, 10, 2)), "Báo cáo ngày 2/10/2025"),
        (DocRef("Thông báo", None, None, "danh mục TTHC"), "Thông báo danh mục TTHC"),
        (DocRef("Thông báo", None, None, "Thông báo danh mục TTHC"), "Thông báo danh mục TTHC"),
        (DocRef("Báo cáo", None, None), "Báo cáo"),
    ],
)
def test_format_reference(ref: DocRef, expected: str) -> None:
    assert format_reference(ref) == expected


def test_format_round_trip() -> None:
    text = "QĐ số 561/QĐ-UBND ngày 20/08/2025"
    (ref,) = parse_references(text)
    again = parse_references(format_reference(ref))[0]
    assert (again.doc_type, again.number, again.issued_on) == (ref.doc_type, ref.number, ref.issued_on)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số: 25/KH-UBND", "25/KH-UBND"),
        ("Số: 28 /BC-UBND", "28/BC-UBND"),
        (" XÃ THANH XÁ\nSố: 28 /BC-UBND\nCỘNG HÒA", "28/BC-UBND"),
        ("Số: /KH-UBND", None),
        ("So: 194/BC-UBND", "194/BC-UBND"),
        ("Số 12/QĐ-UBND", "12/QĐ-UBND"),
        ("không có số", None),
        ("", None),
    ],
)
def test_parse_plan_number(text: str, expected: str | None) -> None:
    assert parse_plan_number(text) == expected
