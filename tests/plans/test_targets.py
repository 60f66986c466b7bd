"""KPI targets, percentages in results, and typed KPI values."""

from __future__ import annotations

import pytest

from plans.parsing.targets import parse_kpi_input, parse_percent_values, parse_targets
from plans.parsing.types import Target

T = Target

CASES: list[tuple[str, list[Target]]] = [
    # the issue (thanh-ha III.1, PDF line breaks)
    (
        "Đạt tỷ lệ tối thiểu: 60% hồ sơ tiếp nhận\ntrực tuyến trên tổng số hồ sơ tiếp nhận,\n"
        "giải quyết TTHC; 80% hồ sơ TTHC\nđược xử lý trực tuyến.",
        [T("hồ sơ tiếp nhận trực tuyến", 60.0), T("hồ sơ TTHC được xử lý trực tuyến", 80.0)],
    ),
    ("100% hồ sơ được số hóa", [T("hồ sơ được số hóa", 100.0)]),
    (
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết \nTTHC đạt 80%",
        [T("số hóa hồ sơ, kết quả giải quyết TTHC", 80.0)],
    ),
    # chi-linh-2025-plan.txt
    (
        "Tỷ lệ cung cấp dịch vụ công trực \ntuyến toàn trình trên tổng số TTHC \ncó đủ điều kiện trên Cổng "
        "Dịch vụ \ncông quốc gia đạt 80%",
        [T("cung cấp dịch vụ công trực tuyến toàn trình", 80.0)],
    ),
    (
        "Tỷ lệ thanh toán trực tuyến trên Cổng \nDịch vụ quốc gia trên tổng số giao \ndịch thanh toán của "
        "dịch vụ công đạt \n60%",
        [T("thanh toán trực tuyến", 60.0)],
    ),
    (
        "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ \nsơ tiếp nhận, giải quyết TTHC đạt \n60%",
        [T("hồ sơ trực tuyến", 60.0)],
    ),
    (
        "Tỷ lệ kết quả xử lý hồ sơ TTHC của \nthành phố được đồng bộ đầy đủ trên \nCổng Dịch vụ công quốc gia "
        "đạt \n100%",
        [T("kết quả xử lý hồ sơ TTHC", 100.0)],
    ),
    (
        "Tỷ lệ cấp kết quả giải quyết TTHC \nđiện tử đạt 100%",
        [T("cấp kết quả giải quyết TTHC điện tử", 100.0)],
    ),
    (
        "Tỷ lệ khai thác, sử dụng lại thông tin, \ndữ liệu số hóa đạt tối thiểu 50% ",
        [T("khai thác, sử dụng lại thông tin, dữ liệu số hóa", 50.0)],
    ),
    (
        "Mức độ hài lòng trong tiếp nhận, giải \nquyết TTHC của người dân, doanh \nnghiệp đạt tối thiểu 90%",
        [T("mức độ hài lòng trong tiếp nhận, giải quyết TTHC", 90.0)],
    ),
    (
        "100% TTHC thuộc thẩm quyền được \ntiếp nhận và trả kết quả tại Trung tâm \nPhục vụ Hành chính công "
        "(trừ các \nTTHC đặc thù)",
        [T("TTHC thuộc thẩm quyền được tiếp nhận và trả kết quả", 100.0)],
    ),
    (
        "100% phản ánh, kiến nghị \nđược giải quyết đúng và \ntrước hạn",
        [T("phản ánh, kiến nghị được giải quyết đúng và trước hạn", 100.0)],
    ),
    # quyet-thang-2026-plan.md
    (
        "Mức độ hài lòng của người dân, doanh nghiệp về tiếp nhận, giải quyết TTHC đạt tối thiểu 95%. "
        "Trong đó, mức độ hài lòng về giải quyết các TTHC lĩnh vực đất đai, xây dựng, đầu tư đạt tối thiểu 90%.",
        [
            T("mức độ hài lòng", 95.0),
            T("mức độ hài lòng về giải quyết các TTHC lĩnh vực đất đai, xây dựng, đầu tư", 90.0),
        ],
    ),
    (
        "100% TTHC được công khai kịp thời, đầy đủ, chính xác theo quy định.",
        [T("TTHC được công khai kịp thời", 100.0)],
    ),
    (
        "Rà soát, đề xuất phương án đơn giản hóa TTHC theo quy định, TTHC nội bộ; cắt giảm 50% thời gian "
        "giải quyết TTHC, 50% chi phí tuân thủ TTHC so với năm 2024...",
        [T("cắt giảm thời gian giải quyết TTHC", 50.0), T("cắt giảm chi phí tuân thủ TTHC", 50.0)],
    ),
    (
        "- 100% TTHC có đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình trên cổng Dịch vụ công "
        "quốc gia - 100% TTHC liên quan đến doanh nghiệp được thực hiện trực tuyến, thông suốt, liền mạch;",
        [
            T("TTHC có đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình", 100.0),
            T("TTHC liên quan đến doanh nghiệp được thực hiện trực tuyến", 100.0),
        ],
    ),
    (
        "- Đạt tỷ lệ 95% hồ sơ tiếp nhận và xử lý trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC.",
        [T("hồ sơ tiếp nhận và xử lý trực tuyến", 95.0)],
    ),
    (
        "Đạt tỷ lệ tối thiểu 80% hồ sơ được thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng "
        "số giao dịch thanh toán của dịch vụ công.",
        [T("hồ sơ được thanh toán trực tuyến", 80.0)],
    ),
    ("Tối thiểu đạt 80% tổng số giao dịch thanh toán phí.", [T("tổng số giao dịch thanh toán phí", 80.0)]),
    (
        "Đạt tỷ lệ 100% hồ sơ giải quyết TTHC của các cơ quan, đơn vị được xử lý trên Hệ thống",
        [T("hồ sơ giải quyết TTHC của các cơ quan", 100.0)],
    ),
    ("100 % hồ sơ được cập nhật trên hệ thống.", [T("hồ sơ được cập nhật", 100.0)]),
    (
        "- Đạt tỷ lệ 100% số hóa hồ sơ, kết quả giải quyết TTHC; - Đạt 100% cấp kết quả giải quyết TTHC điện tử.",
        [T("số hóa hồ sơ", 100.0), T("cấp kết quả giải quyết TTHC điện tử", 100.0)],
    ),
    (
        "100% hồ sơ, kết quả giải quyết TTHC được số hóa.",
        [T("hồ sơ, kết quả giải quyết TTHC được số hóa", 100.0)],
    ),
    (
        "Đạt tỷ lệ tối thiểu 90% dữ liệu thông tin TTHC được khai thác, tái sử dụng lại thông tin",
        [T("dữ liệu thông tin TTHC được khai thác", 90.0)],
    ),
    (
        "phấn đấu mức độ hài lòng đạt từ 95% trở lên trong tiếp nhận và giải quyết thủ tục hành chính.",
        [T("mức độ hài lòng", 95.0)],
    ),
    # thanh-ha-2025-q3-report-appendix.txt
    (
        "Tỷ lệ thanh toán trực tuyến trên Cổng\nDịch vụ công quốc gia trên tổng số giao\ndịch thanh toán của "
        "dịch vụ công (Đạt tỷ\nlệ tối thiểu 60%).",
        [T("thanh toán trực tuyến", 60.0)],
    ),
    (
        "Niêm yết, công khai thủ tục hành chính \n(đạt tỷ lệ 100%);",
        [T("niêm yết, công khai thủ tục hành chính", 100.0)],
    ),
    (
        "Ít nhất 50% dữ liệu\nthông tin TTHC\nđược khai thác sử\ndụng",
        [T("dữ liệu thông tin TTHC được khai thác sử dụng", 50.0)],
    ),
    (
        "Tối thiếu 60% HS\nnộp trực tuyến,\n80% hồ sơ được\ngiải quyết trực\ntuyến",
        [T("HS nộp trực tuyến", 60.0), T("hồ sơ được giải quyết trực tuyến", 80.0)],
    ),
    # reported results are not targets
    ("Tính đến hết ngày 30/09/2025, tỷ lệ hồ sơ \ntiếp nhận trực tuyến đạt 61,3%. ", []),
    ("Tính đến hết ngày 30/09/2025, tỷ lệ thanh \ntoán trực tuyến đạt 62.38 %", []),
    ("Đạt 99,84% - chưa đạt", []),
    ("Đạt 100%", []),
    ("Đã thực hiện: Quý 1 năm 2023 đã tiếp nhận 292 hồ \nsơ trực tuyến mức độ 3,4 đạt tỷ lệ 78,5%", []),
    ("Tỷ lệ hoàn thành kế hoạch: 73,3%", []),
    ("- Tỷ lệ tiếp nhận hồ sơ trực tuyến đạt 90,2% trên tổng số hồ sơ.", []),
    ("Xây dựng văn bản chỉ đạo của UBND xã", []),
    ("", []),
    ("Phấn đấu tỷ lệ hồ sơ trực tuyến đạt tối thiểu 62,5%", [T("hồ sơ trực tuyến", 62.5)]),
    # bac-ninh-144 KPI table: "X chiếm N% Y" is the share of X; "Tỷ lệ X đạt N% Y" measures X (Y is the
    # base); a parenthesis closed before the number belongs to the phrase
    ("Kinh tế số chiếm 45% GRDP tỉnh.", [T("kinh tế số", 45.0)]),
    (
        "Doanh thu thương mại điện tử chiếm tối thiểu 20% tổng mức bán lẻ",
        [T("doanh thu thương mại điện tử", 20.0)],
    ),
    ("Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số.", [T("phủ sóng 5G", 100.0)]),
    ("Tỷ lệ hộ gia đình có kết nối cáp quang đạt 90% số hộ", [T("hộ gia đình có kết nối cáp quang", 90.0)]),
    (
        "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) đạt 80%.",
        [T("người dân có tài khoản định danh điện tử (VNeID)", 80.0)],
    ),
    (
        "Kinh phí chi cho nghiên cứu phát triển (R&D)/GRDP tối thiểu 2%.",
        [T("kinh phí chi cho nghiên cứu phát triển (R&D)/GRDP", 2.0)],
    ),
    (
        "Tỷ trọng kinh phí từ xã hội trên kinh phí chi cho nghiên cứu phát triển (R&D) đạt trên 60%.",
        [T("kinh phí từ xã hội", 60.0)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_targets(text: str, expected: list[Target]) -> None:
    assert parse_targets(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("61,3%", [61.3]),
        ("62.38 %", [62.38]),
        ("99,84% - chưa đạt", [99.84]),
        ("đạt tỷ lệ 78,5%", [78.5]),
        (
            "số hóa được 371 hồ sơ khi tiếp nhận đạt 99,73 %, 372 hồ sơ được số hóa khi trả kết quả đat 100 %",
            [99.73, 100.0],
        ),
        ("1.217 hồ sơ = 100%", [100.0]),
        ("không có số", []),
        ("", []),
    ],
)
def test_parse_percent_values(text: str, expected: list[float]) -> None:
    assert parse_percent_values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("61,3", 61.3),
        ("61.3%", 61.3),
        (" 61 % ", 61.0),
        ("100", 100.0),
        ("0", 0.0),
        ("99,84", 99.84),
        ("100,5", None),
        ("150", None),
        ("-5", None),
        ("abc", None),
        ("", None),
        ("61,3% hồ sơ", None),
    ],
)
def test_parse_kpi_input(text: str, expected: float | None) -> None:
    assert parse_kpi_input(text) == expected
