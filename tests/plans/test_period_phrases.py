"""Periods named in report titles and result column headers."""

from __future__ import annotations

from datetime import date

import pytest

from plans.parsing.period_phrases import parse_period_phrase


@pytest.mark.parametrize(
    ("text", "default_year", "label", "start", "end"),
    [
        ("quý I năm 2023", None, "Quý I/2023", date(2023, 1, 1), date(2023, 3, 31)),
        ("quý 1 năm 2023", None, "Quý I/2023", date(2023, 1, 1), date(2023, 3, 31)),
        ("Kết quả quý III/2025", None, "Quý III/2025", date(2025, 7, 1), date(2025, 9, 30)),
        ("Kết quả thực hiện quý 3", 2025, "Quý III/2025", date(2025, 7, 1), date(2025, 9, 30)),
        ("tháng 11 năm 2025", None, "Tháng 11/2025", date(2025, 11, 1), date(2025, 11, 30)),
        ("Tháng 11/2025", None, "Tháng 11/2025", date(2025, 11, 1), date(2025, 11, 30)),
        ("6 tháng đầu năm 2025", None, "6 tháng đầu năm 2025", date(2025, 1, 1), date(2025, 6, 30)),
        ("6 tháng cuối năm 2025", None, "6 tháng cuối năm 2025", date(2025, 7, 1), date(2025, 12, 31)),
        ("năm 2025", None, "Năm 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("QUÝ IV/2025", None, "Quý IV/2025", date(2025, 10, 1), date(2025, 12, 31)),
        ("ket qua quy ii nam 2024", None, "Quý II/2024", date(2024, 4, 1), date(2024, 6, 30)),
        # thanh-xa title: the plan year comes first, the quarter decides
        (
            "Kết quả thực hiện Kế hoạch Kiểm soát thủ tục hành chính, thưc hiện cơ chế \nmột cửa, một cửa "
            "liên thông năm 2023 trên địa bàn xã quý I năm 2023",
            None,
            "Quý I/2023",
            date(2023, 1, 1),
            date(2023, 3, 31),
        ),
        (
            "và thực hiện cơ chế một cửa, một cửa liên thông trên địa bàn xã Thanh Xá quý 1 năm 2023",
            None,
            "Quý I/2023",
            date(2023, 1, 1),
            date(2023, 3, 31),
        ),
        # thanh-ha appendix header and khuc-thua-du title
        ("Kết quả quý III/2025", 2024, "Quý III/2025", date(2025, 7, 1), date(2025, 9, 30)),
        (
            "Công tác kiểm soát thủ tục hành chính … trên môi trường điện tử  \ntháng 11 năm 2025 trên địa bàn "
            "xã Khúc Thừa Dụ",
            None,
            "Tháng 11/2025",
            date(2025, 11, 1),
            date(2025, 11, 30),
        ),
        ("Tháng 3", 2026, "Tháng 3/2026", date(2026, 3, 1), date(2026, 3, 31)),
    ],
)
def test_parse_period_phrase(text: str, default_year: int | None, label: str, start: date, end: date) -> None:
    period = parse_period_phrase(text, default_year=default_year)
    assert period is not None
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize(
    ("text", "default_year"),
    [
        ("Kết quả quý I", None),
        ("Kết quả thực hiện", 2025),
        ("", 2025),
        ("tháng 13/2025", None),
        ("quý V/2025", None),
    ],
)
def test_no_period(text: str, default_year: int | None) -> None:
    assert parse_period_phrase(text, default_year=default_year) is None


def test_nd09_mode() -> None:
    period = parse_period_phrase("Kết quả quý I năm 2023", default_year=None, mode="nd09")
    assert period is not None
    assert (period.start, period.end) == (date(2022, 12, 15), date(2023, 3, 14))


def test_bad_mode() -> None:
    with pytest.raises(ValueError):
        parse_period_phrase("quý I năm 2023", default_year=None, mode="fiscal")
