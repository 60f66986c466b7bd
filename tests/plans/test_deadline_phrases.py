"""Deadline rules added for plans beyond the seeds: each table holds several real phrasings (from the
corpus plans of Lâm Đồng, Đồng Tháp, Hà Nội, HCM, Bắc Ninh, and the seeds), read with the plan's
time frame: ``year`` (a one-year plan), ``span`` (first and last year) or neither."""

from __future__ import annotations

from datetime import date

import pytest

from plans.parsing.deadlines import parse_deadline

D = date
Span = tuple[int, int] | None
# (text, plan year, plan span, kind, due, start, recurrence)
Case = tuple[str, int | None, Span, str, date | None, date | None, str | None]


def _check(case: Case) -> None:
    text, year, span, kind, due, start, recurrence = case
    parsed = parse_deadline(text, year=year, span=span)
    assert (parsed.kind, parsed.due, parsed.start, parsed.recurrence) == (kind, due, start, recurrence), text
    assert parsed.text == text.strip()


# A plan that names no year gets no invented year; a span plan's open-ended work covers the span.
NO_INVENTED_YEAR: list[Case] = [
    ("Thường xuyên", None, None, "continuous", None, None, None),
    ("Thường xuyên, hằng năm", None, None, "recurring", None, None, "yearly"),
    ("Hằng năm", None, None, "recurring", None, None, "yearly"),
    ("Hàng năm", None, None, "recurring", None, None, "yearly"),
    ("Hằng năm.", None, None, "recurring", None, None, "yearly"),
    ("Thường xuyên", None, (2026, 2030), "continuous", D(2030, 12, 31), D(2026, 1, 1), None),
    ("Hằng năm", None, (2026, 2030), "recurring", D(2030, 12, 31), D(2026, 1, 1), "yearly"),
    ("Hằng năm và giai đoạn", None, (2026, 2030), "recurring", D(2030, 12, 31), D(2026, 1, 1), "yearly"),
    ("Định kỳ hằng tháng", None, (2026, 2030), "recurring", D(2030, 12, 31), D(2026, 1, 1), "monthly"),
    ("Năm 2026", None, (2026, 2030), "continuous", D(2026, 12, 31), D(2026, 1, 1), None),
    ("2026", None, None, "continuous", D(2026, 12, 31), D(2026, 1, 1), None),
    # a bare day in a multi-year plan has no year to take
    ("trước ngày 31/12", None, (2026, 2030), "date", None, None, None),
    ("Trong quý I", None, (2026, 2030), "quarter", None, None, None),
    ("Thường xuyên", 2026, (2026, 2026), "continuous", D(2026, 12, 31), D(2026, 1, 1), None),
]

YEAR_RANGES: list[Case] = [
    ("2025 - 2035", None, None, "range", D(2035, 12, 31), D(2025, 1, 1), None),
    ("2025 - 2030", None, None, "range", D(2030, 12, 31), D(2025, 1, 1), None),
    ("Năm 2025 - 2026", None, None, "range", D(2026, 12, 31), D(2025, 1, 1), None),
    ("Năm 2025-2030", None, None, "range", D(2030, 12, 31), D(2025, 1, 1), None),
    ("Giai đoạn 2026–2030", 2026, None, "range", D(2030, 12, 31), D(2026, 1, 1), None),
    ("Từ năm 2025 đến năm 2027", None, None, "range", D(2027, 12, 31), D(2025, 1, 1), None),
]

QUARTERS: list[Case] = [
    ("Quí IV-2025", None, None, "quarter", D(2025, 12, 31), D(2025, 10, 1), None),
    ("Quí II/2026", None, None, "quarter", D(2026, 6, 30), D(2026, 4, 1), None),
    ("Quý III Năm 2026", None, None, "quarter", D(2026, 9, 30), D(2026, 7, 1), None),
    ("Quý IV/2025- Quý II/2026", None, None, "range", D(2026, 6, 30), D(2025, 10, 1), None),
    ("Quý I–II", 2026, None, "range", D(2026, 6, 30), D(2026, 1, 1), None),
    ("Quý I - II/2026", None, None, "range", D(2026, 6, 30), D(2026, 1, 1), None),
    ("Từ quý II đến hết quý III năm 2025", None, None, "range", D(2025, 9, 30), D(2025, 4, 1), None),
    # a range between periods of different kinds: from the start of one to the end of the other
    ("Từ tháng 12/2025 đến quý I/2026", None, None, "range", D(2026, 3, 31), D(2025, 12, 1), None),
    ("tháng 11/2025 đến tháng 4/2026", None, None, "range", D(2026, 4, 30), D(2025, 11, 1), None),
    ("Từ ngày 15/11/2025 đến hết quý I/2026", None, None, "range", D(2026, 3, 31), D(2025, 11, 15), None),
    ("Tháng 11/2025 - Quý II/2026", None, None, "range", D(2026, 6, 30), D(2025, 11, 1), None),
    ("Từ quý IV đến tháng 12/2025", None, None, "range", D(2025, 12, 31), D(2025, 10, 1), None),
    ("Hằng quý", 2025, None, "recurring", D(2025, 12, 31), D(2025, 1, 1), "quarterly"),
    (
        "Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính",
        None,
        None,
        "recurring",
        None,
        None,
        "quarterly",
    ),
    ("6 tháng", 2025, None, "recurring", D(2025, 12, 31), D(2025, 1, 1), "semiannual"),
]

# "… liền kề": the next month / year (of a one-year plan); each month / year otherwise.
NEXT_PERIOD: list[Case] = [
    ("Trước ngày 05 của tháng liền kề", 2026, None, "recurring", D(2026, 12, 31), D(2026, 1, 1), "monthly:5"),
    ("trước ngày 10 tháng tiếp theo", 2025, None, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly:10"),
    ("Trước ngày 05 của tháng liền kề", None, None, "recurring", None, None, "monthly:5"),
    ("Trước ngày 31/01 năm liền kề", 2026, None, "date", D(2027, 1, 31), None, None),
    (
        "Trước ngày 31/01 năm liền kề",
        None,
        (2026, 2030),
        "recurring",
        D(2030, 12, 31),
        D(2026, 1, 1),
        "yearly",
    ),
    ("Trước ngày 31/01 năm liền kề", None, None, "recurring", None, None, "yearly"),
    ("trước ngày 15/12 năm tiếp theo", 2025, None, "date", D(2026, 12, 15), None, None),
    (
        "Ban hành kế hoạch chậm nhất là ngày 31/12 năm trước liền kề và tổ chức mở lớp theo kế hoạch đề ra.",
        None,
        (2026, 2030),
        "recurring",
        D(2030, 12, 31),
        D(2026, 1, 1),
        "yearly",
    ),
    ("chậm nhất là ngày 31/12 năm trước liền kề", 2026, None, "date", D(2025, 12, 31), None, None),
    (
        "Ban hành kế hoạch trong tháng 01 hằng năm và tổ chức thực hiện",
        None,
        None,
        "recurring",
        None,
        None,
        "yearly",
    ),
    ("Thường xuyên trong tháng", 2026, None, "recurring", D(2026, 12, 31), D(2026, 1, 1), "monthly"),
    ("Hằng tháng, trước ngày 20", 2025, None, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly:20"),
    ("Báo cáo hằng tháng vào ngày 25", 2025, None, "recurring", D(2025, 12, 31), D(2025, 1, 1), "monthly:25"),
]

# A cell that points to another document for its timing is on demand; its dates are the document's.
DEFERRED: list[Case] = [
    (
        "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh",
        2026,
        None,
        "on_demand",
        None,
        None,
        None,
    ),
    (
        "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ cơ sở dữ liệu quốc gia về pháp luật",
        2026,
        None,
        "on_demand",
        None,
        None,
        None,
    ),
    ("Theo Kế hoạch số 23/KH-UBND ngày 15/8/2025 của UBND xã", 2025, None, "on_demand", None, None, None),
    (
        "Theo Kế hoạch rà soát, đánh giá thủ tục hành chính hằng năm của tỉnh",
        None,
        (2026, 2030),
        "on_demand",
        None,
        None,
        None,
    ),
    ("Theo kế hoạch của tỉnh", 2026, None, "on_demand", None, None, None),
    ("Theo tiến độ của Sở Nội vụ", 2026, None, "on_demand", None, None, None),
    ("Theo hướng dẫn của Trung ương", 2026, None, "on_demand", None, None, None),
    (
        "Thực hiện thường xuyên khi có yêu cầu của bộ, ngành Trung ương.",
        2026,
        None,
        "on_demand",
        None,
        None,
        None,
    ),
    ("Thường xuyên khi có văn bản chỉ đạo", 2025, None, "on_demand", None, None, None),
    (
        "Sau 03 tháng kể từ khi có văn bản của Trung ương hoặc Quyết định liên quan của cơ quan có thẩm quyền",
        2026,
        None,
        "on_demand",
        None,
        None,
        None,
    ),
    # a date of the task's own, next to a cited document, is still the due
    (
        "Trước ngày 30/6/2026 (theo Kế hoạch số 23/KH-UBND ngày 15/8/2025)",
        2026,
        None,
        "date",
        D(2026, 6, 30),
        None,
        None,
    ),
    # an alternative after "hoặc" is read
    (
        "Theo yêu cầu hoặc thường xuyên trong năm 2025",
        2025,
        None,
        "continuous",
        D(2025, 12, 31),
        D(2025, 1, 1),
        None,
    ),
]

OTHER_PHRASES: list[Case] = [
    # a time of day is not a date: the broadcast is on one day
    ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1", 2026, None, "date", D(2026, 1, 23), None, None),
    ("Lúc 14 giờ ngày 15/3/2026", 2026, None, "date", D(2026, 3, 15), None, None),
    ("Từ 8h00 đến 11h30 ngày 05/6", 2025, None, "date", D(2025, 6, 5), None, None),
    ("Từ ngày 15/3/2026", 2026, None, "range", D(2026, 12, 31), D(2026, 3, 15), None),
    ("Thường xuyên trong năm", 2026, None, "continuous", D(2026, 12, 31), D(2026, 1, 1), None),
    ("Trong năm", 2025, None, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Bắt đầu thực hiện từ năm 2026", None, (2026, 2030), "continuous", D(2030, 12, 31), D(2026, 1, 1), None),
    ("Bắt đầu thực hiện từ năm 2026", None, None, "continuous", None, D(2026, 1, 1), None),
    ("Từ năm 2025", 2025, None, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    # from a year on, with no end year
    ("năm 2025 và các năm tiếp theo.", None, None, "continuous", None, D(2025, 1, 1), None),
    ("Năm 2026 và những năm sau", None, (2026, 2030), "continuous", D(2030, 12, 31), D(2026, 1, 1), None),
    ("Từ năm 2026 trở đi", None, None, "continuous", None, D(2026, 1, 1), None),
    (
        "Triển khai từ năm 2026 và thực hiện thường xuyên, liên tục",
        None,
        (2026, 2030),
        "continuous",
        D(2030, 12, 31),
        D(2026, 1, 1),
        None,
    ),
    # the end is an event, not a date
    ("Từ ngày 15/3/2026 đến ngày bầu cử", None, None, "range", None, D(2026, 3, 15), None),
    ("Từ ngày 01/6/2025 đến khi kết thúc đợt kiểm tra", 2025, None, "range", None, D(2025, 6, 1), None),
    # the year named first is the timing; a later "(nếu có)" qualifies follow-up work
    (
        "Hoàn thành trong năm 2026 và có rà soát, sửa đổi, bổ sung trong các năm tiếp theo (nếu có)",
        None,
        (2026, 2030),
        "continuous",
        D(2026, 12, 31),
        D(2026, 1, 1),
        None,
    ),
    ("Khi có yêu cầu trong năm 2025", 2025, None, "on_demand", None, None, None),
    # a cell that also says how the work runs: "định kỳ" without a rule yields to it
    (
        "Báo cáo định kỳ theo thời gian quy định; thực hiện thường xuyên trong năm",
        2026,
        None,
        "continuous",
        D(2026, 12, 31),
        D(2026, 1, 1),
        None,
    ),
    (
        "Báo cáo định kỳ theo thời gian quy định; thực hiện hằng năm",
        None,
        (2026, 2030),
        "recurring",
        D(2030, 12, 31),
        D(2026, 1, 1),
        "yearly",
    ),
    ("Định kỳ theo quy định", 2025, None, "recurring", D(2025, 12, 31), D(2025, 1, 1), None),
    ("- Thường xuyên", 2025, None, "continuous", D(2025, 12, 31), D(2025, 1, 1), None),
    ("Tháng 12, năm 2025", 2026, None, "month", D(2025, 12, 31), D(2025, 12, 1), None),
]


@pytest.mark.parametrize(
    "case",
    NO_INVENTED_YEAR + YEAR_RANGES + QUARTERS + NEXT_PERIOD + DEFERRED + OTHER_PHRASES,
    ids=lambda c: c[0][:50],
)
def test_deadline_rules(case: Case) -> None:
    _check(case)


# Compound cells: (text, year, span, kind, due, milestone days, words of the first milestone)
COMPOUND: list[tuple[str, int | None, Span, str, date | None, list[date], str | None]] = [
    (
        "Ban hành kế hoạch trong tháng 01/2026, tổ chức kiểm tra chậm nhất trong tháng 6/2026 và báo cáo kết quả "
        "khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra chậm nhất trong tháng 8/2026",
        2026,
        None,
        "month",
        D(2026, 8, 31),
        [D(2026, 1, 31), D(2026, 6, 30), D(2026, 8, 31)],
        "Ban hành kế hoạch trong tháng 01/2026",
    ),
    (
        "Thường xuyên trong năm 2023.\n- Kết quả rà soát, các công chức được giao nhiệm vụ chủ trì thực hiện rà "
        "soát, đơn giản hóa TTHC gửi về Văn phòng HĐND và UBND xã chậm nhất ngày 20/6/2023 để tổng hợp nộp UBND "
        "huyện trước ngày 30/6/2023",
        2023,
        None,
        "continuous",
        D(2023, 12, 31),
        [D(2023, 6, 20), D(2023, 6, 30)],
        None,
    ),
    (
        "chậm nhất ngày 20/6/2023 để tổng hợp nộp UBND huyện trước ngày 30/6/2023",
        2023,
        None,
        "date",
        D(2023, 6, 20),
        [D(2023, 6, 20), D(2023, 6, 30)],
        None,
    ),
    (
        "Trước ngày 15/7/2025; báo cáo kết quả trước ngày 30/7/2025",
        2025,
        None,
        "date",
        D(2025, 7, 30),
        [D(2025, 7, 15), D(2025, 7, 30)],
        "Trước ngày 15/7/2025",
    ),
    (
        "Định kỳ hằng quý; báo cáo năm trước ngày 15/12/2025",
        2025,
        None,
        "recurring",
        D(2025, 12, 31),
        [D(2025, 12, 15)],
        "báo cáo năm trước ngày 15/12/2025",
    ),
    # one date only, or the dates of cited documents: no milestones
    (
        "Ban hành kế hoạch chậm nhất là ngày 15/01/2026 và tổ chức thực hiện",
        2026,
        None,
        "date",
        D(2026, 1, 15),
        [],
        None,
    ),
    (
        "Theo các mốc thời gian tại Phương án số 7178/PA-UBND ngày 14/11/2025 của UBND tỉnh",
        2026,
        None,
        "on_demand",
        None,
        [],
        None,
    ),
    (
        "Thường xuyên theo Kế hoạch số 25/KH-UBND ngày 09/3/2023 của UBND xã",
        2023,
        None,
        "continuous",
        D(2023, 12, 31),
        [],
        None,
    ),
]


@pytest.mark.parametrize("case", COMPOUND, ids=lambda c: c[0][:50])
def test_compound_deadlines_keep_their_milestones(
    case: tuple[str, int | None, Span, str, date | None, list[date], str | None],
) -> None:
    text, year, span, kind, due, days, first_words = case
    parsed = parse_deadline(text, year=year, span=span)
    assert (parsed.kind, parsed.due) == (kind, due)
    assert [m.day for m in parsed.milestones] == days
    if first_words is not None:
        assert parsed.milestones[0].text == first_words


def test_cited_dates_are_never_due_dates() -> None:
    for text in [
        "Theo Quyết định số 1737/QĐ-UBND ngày 17/10/2025",
        "Thường xuyên, theo Công văn số 120/UBND-VP ngày 5 tháng 6 năm 2025",
        "Theo Thông báo số 14/TB-UBND ngày 24/3/2023",
    ]:
        parsed = parse_deadline(text, year=2026)
        assert parsed.due != date(2025, 10, 17) and parsed.due != date(2023, 3, 24), text
        assert not parsed.milestones
