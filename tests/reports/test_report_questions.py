"""Table-driven: Vietnamese questions → intent, period and scope (with/without diacritics, typos)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from plans.periods import period_code
from reports.questions.parse import parse_period_text, parse_question

TODAY = date(2025, 11, 20)  # a Thursday in Quý IV/2025
VHXH, PVHCC, VP, KT = 1, 2, 3, 4
AGENCIES = [
    (VHXH, "Phòng Văn hóa - Xã hội", ["VH-XH"]),
    (PVHCC, "Trung tâm Phục vụ hành chính công", ["TTPVHCC"]),
    (VP, "Văn phòng HĐND và UBND xã", []),
    (KT, "Phòng Kinh tế", []),
]
WEEK = "2025-11-17..2025-11-23"
NEXT_WEEK = "2025-11-24..2025-11-30"

# (question, intent, period code, agency id)
CASES: list[tuple[str, str, str, int | None]] = [
    # completion
    ("tỷ lệ hoàn thành quý này?", "completion", "2025-Q4", None),
    ("Tỷ lệ hoàn thành quý này", "completion", "2025-Q4", None),
    ("ty le hoan thanh quy nay", "completion", "2025-Q4", None),
    ("TỶ LỆ HOÀN THÀNH QUÝ NÀY???", "completion", "2025-Q4", None),
    ("ty le hoan thnah quy nay", "completion", "2025-Q4", None),
    ("tỷ lệ hoàn thàn quý nay", "completion", "2025-Q4", None),
    ("cho mình hỏi tỷ lệ hoàn thành quý này là bao nhiêu vậy?", "completion", "2025-Q4", None),
    ("quý 3 đạt bao nhiêu phần trăm", "completion", "2025-Q3", None),
    ("quy 3 dat bao nhieu phan tram", "completion", "2025-Q3", None),
    ("quý III đạt bao nhiêu %", "completion", "2025-Q3", None),
    ("ti le hoan thanh quy truoc", "completion", "2025-Q3", None),
    ("tỉ lệ hoàn thành quý trước", "completion", "2025-Q3", None),
    ("tỷ lệ hoàn thành quý sau", "completion", "2026-Q1", None),
    ("tiến độ kế hoạch năm nay thế nào", "completion", "2025", None),
    ("tien do ke hoach nam nay the nao", "completion", "2025", None),
    ("tiến đô kế hoach năm nay thế nào?", "completion", "2025", None),
    ("6 tháng đầu năm hoàn thành bao nhiêu nhiệm vụ", "completion", "2025-H1", None),
    ("6 thang dau nam hoan thanh bao nhieu nhiem vu", "completion", "2025-H1", None),
    ("sáu tháng cuối năm hoàn thành bao nhiêu", "completion", "2025-H2", None),
    ("tỷ lệ hoàn thành 6 tháng cuối năm ngoái", "completion", "2024-H2", None),
    ("tỷ lệ hoàn thành quý 1 năm 2023?", "completion", "2023-Q1", None),
    ("ty le hoan thanh quy 1 nam 2023", "completion", "2023-Q1", None),
    ("tỷ lệ hoàn thành quý I/2023", "completion", "2023-Q1", None),
    ("tỷ lệ hoàn thành quý IV năm 2024", "completion", "2024-Q4", None),
    ("quý 2 năm ngoái hoàn thành bao nhiêu phần trăm", "completion", "2024-Q2", None),
    ("tỷ lệ hoàn thành tháng này", "completion", "2025-11", None),
    ("tỷ lệ hoàn thành tháng trước", "completion", "2025-10", None),
    ("ty le hoan thanh thang 11", "completion", "2025-11", None),
    ("tỷ lệ hoàn thành tháng 3/2025", "completion", "2025-03", None),
    ("tỷ lệ hoàn thành năm ngoái", "completion", "2024", None),
    ("tỷ lệ hoàn thành năm 2025", "completion", "2025", None),
    ("thống kê tiến độ tuần này", "completion", WEEK, None),
    ("tỷ lệ hoàn thành", "completion", "2025-Q4", None),
    ("tình hình thực hiện kế hoạch năm", "completion", "2025", None),
    ("tỷ lệ hoàn thành từ 01/10/2025 đến 15/11/2025", "completion", "2025-10-01..2025-11-15", None),
    # one agency
    ("phòng văn hóa xã hội hoàn thành được bao nhiêu", "completion", "2025-Q4", VHXH),
    ("phong van hoa xa hoi hoan thanh duoc bao nhieu", "completion", "2025-Q4", VHXH),
    ("Phòng VH-XH quý 3 đạt bao nhiêu phần trăm", "completion", "2025-Q3", VHXH),
    ("tiến độ của trung tâm phục vụ hành chính công quý trước", "completion", "2025-Q3", PVHCC),
    ("ty le hoan thanh cua van phong hdnd va ubnd", "completion", "2025-Q4", VP),
    ("phòng kinh tế hoàn thành bao nhiêu nhiệm vụ năm nay", "completion", "2025", KT),
    # by agency / slowest
    ("đơn vị nào chậm nhất?", "slowest_agency", "2025-Q4", None),
    ("don vi nao cham nhat", "slowest_agency", "2025-Q4", None),
    ("đơn vị nào kém nhất quý trước", "slowest_agency", "2025-Q3", None),
    ("phòng nào thấp nhất năm nay", "slowest_agency", "2025", None),
    ("thống kê theo đơn vị", "by_agency", "2025-Q4", None),
    ("thong ke theo don vi quy 3", "by_agency", "2025-Q3", None),
    ("tỷ lệ hoàn thành của từng đơn vị năm 2025", "by_agency", "2025", None),
    ("so sánh các phòng quý này", "by_agency", "2025-Q4", None),
    # overdue / upcoming
    ("việc nào quá hạn?", "overdue", "2025-Q4", None),
    ("viec nao qua han", "overdue", "2025-Q4", None),
    ("những nhiệm vụ quá hạn tháng trước", "overdue", "2025-10", None),
    ("nhiệm vụ chậm tiến độ của trung tâm PVHCC", "overdue", "2025-Q4", PVHCC),
    ("nhiem vu cham tien do cua trung tam pvhcc", "overdue", "2025-Q4", PVHCC),
    ("phòng văn hóa xã hội có việc gì trễ hạn không", "overdue", "2025-Q4", VHXH),
    ("tuần này có việc gì đến hạn", "upcoming", WEEK, None),
    ("tuan nay co viec gi den han", "upcoming", WEEK, None),
    ("tuần sau có việc gì đến hạn", "upcoming", NEXT_WEEK, None),
    ("tháng sau phải xong những gì", "upcoming", "2025-12", None),
    ("thang sau phai xong nhung gi", "upcoming", "2025-12", None),
    ("việc sắp đến hạn", "upcoming", "2025-11", None),
    # targets
    ("tỷ lệ hồ sơ trực tuyến đạt chưa?", "targets", "2025-Q4", None),
    ("ty le ho so truc tuyen dat chua", "targets", "2025-Q4", None),
    ("số hóa hồ sơ đạt bao nhiêu phần trăm", "targets", "2025-Q4", None),
    ("các chỉ tiêu chưa đạt", "targets_unmet", "2025-Q4", None),
    ("cac chi tieu chua dat", "targets_unmet", "2025-Q4", None),
    ("chỉ tiêu nào chưa đạt quý 3", "targets_unmet", "2025-Q3", None),
    ("các chỉ tiêu năm nay", "targets", "2025", None),
    # report / chart
    ("xuất báo cáo quý 3", "report", "2025-Q3", None),
    ("lập phụ lục báo cáo quý III năm 2025", "report", "2025-Q3", None),
    ("biểu đồ quý này", "chart", "2025-Q4", None),
    ("bieu do ty le hoan thanh quy truoc", "chart", "2025-Q3", None),
    ("vẽ biểu đồ theo đơn vị năm 2025", "chart", "2025", None),
]


@pytest.mark.parametrize(("text", "intent", "code", "agency"), CASES, ids=[c[0] for c in CASES])
def test_question_table(text: str, intent: str, code: str, agency: int | None) -> None:
    question = parse_question(text, today=TODAY, agencies=AGENCIES)
    assert question is not None, text
    assert (question.intent, period_code(question.period), question.agency_id) == (intent, code, agency)


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    "text",
    [
        "xin chào",
        "số hóa hồ sơ",
        "nhiệm vụ của tôi",
        "tuyên truyền",
        "đã hoàn thành nhiệm vụ II.1",
        "",
        "???",
    ],
)
def test_texts_that_are_not_progress_questions(text: str) -> None:
    assert parse_question(text, today=TODAY, agencies=AGENCIES) is None


@pytest.mark.parametrize("text", ["tỷ lệ hoàn thành quý 5", "tỷ lệ hoàn thành tháng 13"])
def test_impossible_periods_are_not_guessed(text: str) -> None:
    assert parse_question(text, today=TODAY) is None


def test_nfc_and_nfd_input_read_the_same() -> None:
    text = "Tỷ lệ hoàn thành quý trước của phòng văn hóa xã hội?"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    a = parse_question(text, today=TODAY, agencies=AGENCIES)
    b = parse_question(nfd, today=TODAY, agencies=AGENCIES)
    assert a is not None and a == b
    assert a.agency_id == VHXH


def test_default_period_is_flagged_and_targets_keep_the_metric() -> None:
    question = parse_question("tỷ lệ hồ sơ trực tuyến đạt chưa?", today=TODAY)
    assert question is not None
    assert question.period_given is False
    assert question.metric == "ho so truc tuyen"


def test_nd09_mode_uses_the_official_reporting_quarter() -> None:
    # 20/12/2025 already belongs to Quý I/2026 (15/12/2025–14/03/2026) under Nghị định 09/2019.
    question = parse_question("tỷ lệ hoàn thành quý này", today=date(2025, 12, 20), mode="nd09")
    assert question is not None
    assert question.period.label == "Quý I/2026"
    assert question.period.start == date(2025, 12, 15)
    assert question.period.end == date(2026, 3, 14)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("quý 3", "2025-Q3"),
        ("quy III/2024", "2024-Q3"),
        ("2025-Q2", "2025-Q2"),
        ("tháng trước", "2025-10"),
        ("năm nay", "2025"),
        ("6 tháng đầu năm", "2025-H1"),
    ],
)
def test_period_arguments_of_commands(text: str, code: str) -> None:
    period = parse_period_text(text, today=TODAY)
    assert period is not None and period_code(period) == code
