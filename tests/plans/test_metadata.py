"""Plan metadata: a report's appendix keeps the title of the plan it reports on; the plan's year and
span, its organization, and the number/date of the plan an appendix is attached to."""

from __future__ import annotations

from datetime import date

import pytest

from plans.parsing.metadata import (
    attached_to,
    extract_metadata,
    header_issuer,
    organization_from_lines,
    plan_period,
    plan_title_from_report,
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Báo cáo Kết quả thực hiện Kế hoạch Kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa, "
            "một cửa liên thông năm 2023 trên địa bàn xã quý I năm 2023",
            "Kế hoạch Kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa, một cửa liên thông năm 2023 "
            "trên địa bàn xã",
        ),
        ("Báo cáo kết quả thực hiện kế hoạch kiểm soát TTHC tháng 11 năm 2025", "Kế hoạch kiểm soát TTHC"),
        (
            "Báo cáo kết quả thực hiện Kế hoạch cải cách hành chính 6 tháng đầu năm 2025",
            "Kế hoạch cải cách hành chính",
        ),
        ("Báo cáo triển khai Kế hoạch số hóa quý 3/2025", "Kế hoạch số hóa"),
        ("Kế hoạch Kiểm soát TTHC năm 2026", "Kế hoạch Kiểm soát TTHC năm 2026"),
        (None, None),
        ("Báo cáo", "Báo cáo"),
    ],
)
def test_plan_title_from_report(title: str | None, expected: str | None) -> None:
    assert plan_title_from_report(title) == expected


# ---------------------------------------------------------------- plan year and span


@pytest.mark.parametrize(
    ("texts", "year", "span"),
    [
        (["Kế hoạch Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng"], 2026, (2026, 2026)),
        (
            ["Kế hoạch Cải cách hành chính nhà nước giai đoạn 2026 - 2030 của tỉnh Lâm Đồng"],
            None,
            (2026, 2030),
        ),
        (
            ["KẾ HOẠCH PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN 2026–2030"],
            None,
            (2026, 2030),
        ),
        (["Kế hoạch thực hiện Chương trình chuyển đổi số từ năm 2026 đến năm 2028"], None, (2026, 2028)),
        # a horizon is not the plan's year
        (["Thực hiện lộ trình đổi mới công nghệ đến năm 2035 trên địa bàn tỉnh Đồng Tháp"], None, None),
        (["Phát triển hạ tầng 5G, IoT trong các khu công nghiệp đến năm 2030"], None, None),
        # the year of a cited document is not the plan's
        (
            [
                "Kế hoạch triển khai Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 của Thủ tướng Chính phủ "
                "và Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính"
            ],
            None,
            None,
        ),
        # the year named first wins over a later program's period
        (
            [
                "Kế hoạch Tuyên truyền Cải cách hành chính năm 2026 Tiếp tục thực hiện Nghị quyết số 76/NQ-CP "
                "về Chương trình tổng thể giai đoạn 2021 - 2030"
            ],
            2026,
            (2026, 2026),
        ),
        # no title year: the appendix title carries it
        (["", "NỘI DUNG KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2026"], 2026, (2026, 2026)),
        (["Chuyển đổi số cho các doanh nghiệp, hợp tác xã, hộ kinh doanh"], None, None),
    ],
)
def test_plan_period(texts: list[str], year: int | None, span: tuple[int, int] | None) -> None:
    assert plan_period(texts) == (year, span)


@pytest.mark.parametrize(
    ("lines", "organization"),
    [
        # a 2-column header table read as lines: the left cell names the issuer
        (
            ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "--------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            "UBND tỉnh Bắc Ninh",
        ),
        (
            ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            "UBND thành phố Hồ Chí Minh",
        ),
        (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "UBND thành phố Hà Nội"),
        (["ỦY BAN NHÂN DÂN", "XÃ THANH XÁ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "UBND xã Thanh Xá"),
        # a commune's header names the district first: the commune issues
        (["UBND HUYỆN THANH HÀ", "UBND XÃ THANH XÁ"], "UBND xã Thanh Xá"),
        # no header: the commune named in the text; a wrapped sentence is not a name
        (
            ["UBND xã là 378 thủ tục, cụ thể:", "Trong tháng, UBND xã Khúc Thừa Dụ không có hồ sơ quá hạn"],
            "UBND xã Khúc Thừa Dụ",
        ),
        (
            ["(Kèm theo Quyết định số /QĐ-UBND của Chủ tịch Ủy ban nhân dân phường Chí Linh)"],
            "UBND phường Chí Linh",
        ),
        (["Báo cáo tình hình chung"], None),
    ],
)
def test_organization(lines: list[str], organization: str | None) -> None:
    assert organization_from_lines(lines) == organization


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "(Ban hành kèm theo Kế hoạch số 144/KH-UBND ngày 24 tháng 11 năm 2025 của UBND tỉnh Bắc Ninh)",
            ("144/KH-UBND", date(2025, 11, 24)),
        ),
        (
            "(Kèm theo Kế hoạch số 617/KH-UBND ngày 01/12/2025 của Ủy ban nhân dân tỉnh)",
            ("617/KH-UBND", date(2025, 12, 1)),
        ),
        (
            "(Kèm theo Quyết định số 2820/QĐ-UBND ngày 19 tháng 11 năm 2025)",
            ("2820/QĐ-UBND", date(2025, 11, 19)),
        ),
        # a draft leaves them blank; a report's appendix names the report, not the plan
        (
            "(Ban hành kèm theo Kế hoạch số /KH-UBND ngày /12/2025 của Chủ tịch UBND tỉnh Lâm Đồng)",
            (None, None),
        ),
        ("(Kèm theo Báo cáo số 194/BC-UBND ngày 02/10/2025 của UBND xã Thanh Hà)", (None, None)),
    ],
)
def test_attached_to(line: str, expected: tuple[str | None, date | None]) -> None:
    assert attached_to(["PHỤ LỤC", "NỘI DUNG", line]) == expected


def test_appendix_without_the_plan_header_reads_number_date_year() -> None:
    meta = extract_metadata(
        [
            "PHỤ LỤC",
            "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
            "(Ban hành kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND xã Quyết Thắng)",
        ]
    )
    assert (meta.number, meta.issued_on, meta.year, meta.span) == (
        "12/KH-UBND",
        date(2026, 1, 15),
        2026,
        (2026, 2026),
    )
    assert meta.organization == "UBND xã Quyết Thắng" and meta.file_type == "Kế hoạch"


def test_a_decision_with_its_plan_is_a_decision() -> None:
    meta = extract_metadata(
        [
            "ỦY BAN NHÂN DÂN",
            "THÀNH PHỐ HỒ CHÍ MINH",
            "Số: 2820/QĐ-UBND",
            "Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025",
            "QUYẾT ĐỊNH",
            "BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025",
            "KẾ HOẠCH",
            "TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025 CỦA THỦ TƯỚNG CHÍNH PHỦ",
        ]
    )
    assert (meta.file_type, meta.number, meta.issued_on, meta.year) == (
        "Quyết định",
        "2820/QĐ-UBND",
        date(2025, 11, 19),
        None,
    )


@pytest.mark.parametrize(
    ("lines", "issuer"),
    [
        (
            [
                "ỦY BAN MTTQ VIỆT NAM",
                "XÃ LƯƠNG MINH",
                "BAN THƯỜNG TRỰC",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ],
            "Ban thường trực ủy ban MTTQ Việt Nam xã Lương Minh",
        ),
        (["THỦ TƯỚNG CHÍNH PHỦ", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "Thủ tướng Chính phủ"),
        (["ĐẢNG ỦY XÃ QUYẾT THẮNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "Đảng ủy xã Quyết Thắng"),
        (["Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], None),
        (["KẾ HOẠCH", "Kiểm soát thủ tục hành chính"], None),  # no header block
    ],
)
def test_header_issuer(lines: list[str], issuer: str | None) -> None:
    assert header_issuer(lines) == issuer
    if issuer is not None:
        assert organization_from_lines(lines) == issuer
