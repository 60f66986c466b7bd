"""A report's appendix keeps the title of the plan it reports on."""

from __future__ import annotations

import pytest

from plans.parsing.metadata import plan_title_from_report


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
