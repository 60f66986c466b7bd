"""Deadline phrases of the issue and of every seed's deadline column."""

from __future__ import annotations

from datetime import date

import pytest

from plans.parsing.deadlines import parse_deadline
from plans.recurrence import next_occurrence, occurrences
from plans.wording import deadline_human

D = date

# (text as in the document, plan year, kind, due, start, recurrence)
CASES: list[tuple[str, int | None, str, date | None, date | None, str | None]] = [
    # --- the issue / brief ---
    ("Chậm nhất ngày 15/9/2025", 2025, "date", D(2025, 9, 15), None, None),
    ("Trước 30/8/2025", 2025, "date", D(2025, 8, 30), None, None),
    ("trước ngày 31/12", 2025, "date", D(2025, 12, 31), None, None),
    ("Ngày 15/3/2026", 2026, "date", D(2026, 3, 15), None, None),
    ("Hoàn thành trước 30/6/2025", 2025, "date", D(2025, 6, 30), None, None),
    ("Trong tháng 08/2025", 2025, "month", D(2025, 8, 31), D(2025, 8, 1), None),
    ("Tháng 7 năm 2025", 2025, "month", D(2025, 7, 31), D(2025, 7, 1), None),
    ("tháng 3/2023", 2023, "month", D(2023, 3, 31), D(2023, 3, 1), None),
    ("Quý III/2025", 2025, "quarter", D(2025, 9, 30), D(2025, 7, 1), None),
    ("Quý 2 năm 2026", 2026, "quarter", D(2026, 6, 30), D(2026, 4, 1), None),
    ("trong quý I", 2024, "quarter", D(2024, 3, 31), D(2024, 1, 1), None),
    ("Từ tháng 4 đến tháng 11/2026", 2026, "range", D(2026, 11, 30), D(2026, 4, 1), None),
    ("Từ ngày 15/3/2026", 2026, "range", D(2026, 12, 31), D(2026, 3, 15), None),
    ("Định kỳ hàng quý", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "quarterly"),
    ("trước ngày 18 hàng tháng", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly:18"),
    (
        "báo cáo định kỳ trước ngày 18 hằng tháng",
        2025,
        "recurring",
        D(2025, 12, 31),
        D(2025, 1, 1),
        "monthly:18",
    ),
    ("Định kỳ hàng tháng", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly"),
    ("hàng năm", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "yearly"),
    ("Định kỳ hằng năm", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "yearly"),
    ("6 tháng", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "semiannual"),
    ("định kỳ 6 tháng", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "semiannual"),
    ("Thường xuyên", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Thường xuyên trong năm 2025", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    (
        "Theo yêu cầu hoặc thường xuyên trong năm 2025",
        2025,
        "continuous",
        D(2025, 12, 31),
        D(2025, 1, 1),
        None,
    ),
    ("Trong năm 2025", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Cả năm", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Khi có phát sinh", 2025, "on_demand", None, None, None),
    ("Theo yêu cầu", 2025, "on_demand", None, None, None),
    ("Theo lộ trình của Nghị quyết", 2026, "on_demand", None, None, None),
    ("Khi có văn bản chỉ đạo", 2025, "on_demand", None, None, None),
    # --- chi-linh-2025-plan.txt (PDF line breaks kept) ---
    ("Trong tháng \n08/2025", 2025, "month", D(2025, 8, 31), D(2025, 8, 1), None),
    ("Trong năm \n2025", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Khi có \nphát sinh", 2025, "on_demand", None, None, None),
    ("Trước \n30/8/2025", 2025, "date", D(2025, 8, 30), None, None),
    ("Định kỳ hàng \nquý và năm \n2025", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "quarterly"),
    ("Định kỳ \nhàng tháng", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly"),
    ("Định kỳ theo \nquy định", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), None),
    # --- quyet-thang-2026-plan.md ---
    ("Chậm nhất ngày 09/9/2026", 2026, "date", D(2026, 9, 9), None, None),
    ("Chậm nhất ngày 12/9/2026", 2026, "date", D(2026, 9, 12), None, None),
    ("Từ ngày 15/3/2026.", 2026, "range", D(2026, 12, 31), D(2026, 3, 15), None),
    ("Bắt đầu từ tháng 4 đến tháng 11/2026", 2026, "range", D(2026, 11, 30), D(2026, 4, 1), None),
    ("Thường xuyên trong năm 2026.", 2026, "continuous", D(2026, 12, 31), D(2026, 1, 1), None),
    (
        "Thường xuyên hoặc theo lộ trình của thành phố",
        2026,
        "continuous",
        D(2026, 12, 31),
        D(2026, 1, 1),
        None,
    ),
    # --- thanh-xa-2023-q1-report.txt ---
    ("Thường \nxuyên trong \nnăm 2023", 2023, "continuous", D(2023, 12, 31), D(2023, 1, 1), None),
    ("Thường \nxuyên trong \nnăm 2023.", 2023, "continuous", D(2023, 12, 31), D(2023, 1, 1), None),
    (
        "Theo yêu cầu \nhoặc thường \nxuyên trong \nnăm 2023",
        2023,
        "continuous",
        D(2023, 12, 31),
        D(2023, 1, 1),
        None,
    ),
    ("Theo tiến độ \nđã giao ", 2023, "on_demand", None, None, None),
    ("Từ tháng 4 \nđến tháng \n12/2023. ", 2023, "range", D(2023, 12, 31), D(2023, 4, 1), None),
    ("Thường \nxuyên năm \n2023", 2023, "continuous", D(2023, 12, 31), D(2023, 1, 1), None),
    ("Theo hướng \ndẫn của Văn \nphòng UBND \nhuyện", 2023, "on_demand", None, None, None),
    ("Định kỳ hoặc \nđột xuất \ntrong năm \n2023", 2023, "recurring", D(2023, 12, 31), D(2023, 1, 1), None),
    (
        "chậm nhất \nngày 20/6/2023 \nđể tổng hợp \nnộp UBND \nhuyện trước \nngày 30/6/2023",
        2023,
        "date",
        D(2023, 6, 20),
        None,
        None,
    ),
    # --- thanh-ha-2025-q3-report-appendix.txt ---
    ("Thường xuyên \ntrong năm \n2025", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Tháng 7 năm \n2025", 2025, "month", D(2025, 7, 31), D(2025, 7, 1), None),
    ("Tháng 8 năm \n2025", 2025, "month", D(2025, 8, 31), D(2025, 8, 1), None),
    ("Thường xuyên \ntrong năm \n2025.", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Chậm nhất \nngày \n15/9/2025", 2025, "date", D(2025, 9, 15), None, None),
    (
        "Theo yêu cầu \nhoặc thường \nxuyên trong \nnăm 2025",
        2025,
        "continuous",
        D(2025, 12, 31),
        D(2025, 1, 1),
        None,
    ),
    ("Thường xuyên \nnăm 2025", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("xã Thường \nxuyên trong \nnăm 2025.", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Trong năm \n2025", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Định kỳ hoặc \nđột xuất trong \nnăm 2025.", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), None),
    # --- spelling variants: no diacritics, upper case, leading zeros, noise ---
    ("cham nhat ngay 05/09/2025", 2025, "date", D(2025, 9, 5), None, None),
    ("QUÝ IV/2025", 2025, "quarter", D(2025, 12, 31), D(2025, 10, 1), None),
    ("quy 3/2025", 2025, "quarter", D(2025, 9, 30), D(2025, 7, 1), None),
    ("Quý  III / 2025 .", 2025, "quarter", D(2025, 9, 30), D(2025, 7, 1), None),
    ("thuong xuyen", 2025, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Định kỳ hằng quý", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "quarterly"),
    ("dinh ky hang thang", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly"),
    ("Trước ngày 05 hằng tháng", 2025, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly:5"),
    ("Tháng 12", 2025, "month", D(2025, 12, 31), D(2025, 12, 1), None),
    ("Ngày 09 tháng 3 năm 2023", 2023, "date", D(2023, 3, 9), None, None),
    ("Từ ngày 1/3/2026 đến ngày 30/6/2026", 2026, "range", D(2026, 6, 30), D(2026, 3, 1), None),
    ("6 tháng đầu năm 2025", 2025, "range", D(2025, 6, 30), D(2025, 1, 1), None),
    ("6 tháng cuối năm 2025", 2025, "range", D(2025, 12, 31), D(2025, 7, 1), None),
    ("Trước tháng 9/2025", 2025, "date", D(2025, 8, 31), None, None),
    ("Cuối năm 2025", 2025, "date", D(2025, 12, 31), None, None),
    ("Đột xuất", 2025, "on_demand", None, None, None),
    ("Khi có yêu cầu", 2025, "on_demand", None, None, None),
    ("trước ngày 29/2", 2024, "date", D(2024, 2, 29), None, None),
    # --- unknown and invalid ---
    ("", 2025, "unknown", None, None, None),
    ("   ", 2025, "unknown", None, None, None),
    ("31/2/2025", 2025, "unknown", None, None, None),
    ("Chậm nhất ngày 32/13/2025", 2025, "unknown", None, None, None),
    ("trước ngày 29/2", 2025, "unknown", None, None, None),
    ("Tháng 13/2025", 2025, "unknown", None, None, None),
    ("Sản phẩm dự kiến", 2025, "unknown", None, None, None),
    ("…", 2025, "unknown", None, None, None),
]


@pytest.mark.parametrize(("text", "year", "kind", "due", "start", "recurrence"), CASES)
def test_parse_deadline(
    text: str, year: int | None, kind: str, due: date | None, start: date | None, recurrence: str | None
) -> None:
    parsed = parse_deadline(text, year=year)
    assert (parsed.kind, parsed.due, parsed.start, parsed.recurrence) == (kind, due, start, recurrence)
    assert parsed.text == text.strip()


def test_enough_cases() -> None:
    assert len(CASES) >= 60


def test_year_in_text_wins_over_plan_year() -> None:
    assert parse_deadline("Chậm nhất ngày 15/9/2025", year=2030).due == D(2025, 9, 15)
    assert parse_deadline("Thường xuyên trong năm 2023", year=2025).due == D(2023, 12, 31)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("trước ngày 31/12", "date"),
        ("Trong quý I", "quarter"),
        ("Tháng 7", "month"),
        ("Thường xuyên", "continuous"),
    ],
)
def test_missing_year_keeps_kind_without_dates(text: str, kind: str) -> None:
    parsed = parse_deadline(text, year=None)
    assert parsed.kind == kind
    assert parsed.due is None


def test_two_digit_year() -> None:
    assert parse_deadline("Trước 30/6/25", year=None).due == D(2025, 6, 30)


def test_never_raises_on_odd_input() -> None:
    for text in [
        "99/99/9999",
        "quý V/2025",
        "ngày 0/0",
        "Từ ngày 31/2/2025",
        "tháng 0",
        "Từ tháng 13 đến tháng 2",
    ]:
        assert parse_deadline(text, year=2025).kind in {"unknown", "date", "month", "range", "quarter"}


@pytest.mark.parametrize(
    ("kind", "due", "expected"),
    [
        ("date", D(2025, 6, 13), "còn 3 ngày"),
        ("date", D(2025, 6, 10), "hôm nay"),
        ("month", D(2025, 6, 11), "ngày mai"),
        ("quarter", D(2025, 6, 5), "quá hạn 5 ngày"),
        ("range", D(2025, 6, 9), "quá hạn 1 ngày"),
        ("continuous", D(2025, 12, 31), "thường xuyên"),
        ("on_demand", None, "khi có phát sinh"),
        ("recurring", D(2025, 12, 31), "định kỳ"),
        ("unknown", None, "chưa rõ thời hạn"),
        ("date", None, "chưa rõ thời hạn"),
    ],
)
def test_deadline_human(kind: str, due: date | None, expected: str) -> None:
    assert deadline_human(kind, due, D(2025, 6, 10)) == expected


@pytest.mark.parametrize(
    ("rule", "day", "expected"),
    [
        ("monthly:18", D(2025, 6, 10), D(2025, 6, 18)),
        ("monthly:18", D(2025, 6, 18), D(2025, 6, 18)),
        ("monthly:18", D(2025, 6, 19), D(2025, 7, 18)),
        ("monthly:18", D(2025, 12, 19), D(2026, 1, 18)),
        ("monthly:31", D(2025, 2, 1), D(2025, 2, 28)),
        ("monthly:31", D(2025, 2, 28), D(2025, 2, 28)),
        ("monthly:30", D(2024, 3, 1), D(2024, 3, 30)),
        ("monthly", D(2025, 2, 3), D(2025, 2, 28)),
        ("quarterly", D(2025, 8, 1), D(2025, 9, 30)),
        ("quarterly", D(2025, 9, 30), D(2025, 9, 30)),
        ("semiannual", D(2025, 3, 1), D(2025, 6, 30)),
        ("semiannual", D(2025, 7, 1), D(2025, 12, 31)),
        ("yearly", D(2025, 3, 1), D(2025, 12, 31)),
    ],
)
def test_next_occurrence(rule: str, day: date, expected: date) -> None:
    assert next_occurrence(rule, day) == expected


def test_next_occurrence_rejects_unknown_rule() -> None:
    with pytest.raises(ValueError):
        next_occurrence("weekly", D(2025, 1, 1))
    with pytest.raises(ValueError):
        next_occurrence("monthly:x", D(2025, 1, 1))


def test_occurrences() -> None:
    assert occurrences("quarterly", D(2025, 1, 1), D(2025, 12, 31)) == [
        D(2025, 3, 31),
        D(2025, 6, 30),
        D(2025, 9, 30),
        D(2025, 12, 31),
    ]
    monthly = occurrences("monthly:18", D(2025, 1, 1), D(2025, 12, 31))
    assert len(monthly) == 12 and all(d.day == 18 for d in monthly)
    assert occurrences("monthly", D(2025, 1, 15), D(2025, 3, 30)) == [D(2025, 1, 31), D(2025, 2, 28)]
    assert occurrences("semiannual", D(2025, 1, 1), D(2025, 12, 31)) == [D(2025, 6, 30), D(2025, 12, 31)]
    assert occurrences("yearly", D(2025, 1, 1), D(2026, 12, 31)) == [D(2025, 12, 31), D(2026, 12, 31)]
    assert occurrences("yearly", D(2025, 1, 1), D(2025, 6, 1)) == []


def test_recurring_deadline_feeds_occurrences() -> None:
    parsed = parse_deadline("trước ngày 18 hàng tháng", year=2025)
    assert parsed.recurrence and parsed.start and parsed.due
    assert occurrences(parsed.recurrence, parsed.start, parsed.due)[0] == D(2025, 1, 18)
