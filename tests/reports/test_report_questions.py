"""Table-driven: Vietnamese questions → what is asked, period and scope (with/without diacritics,
typos). The questions are those the previous engine was tested with; the expectations are now the
new engine's Frame (reports/questions/frame.py): "completion" is `rate`, "overdue" a `list` with the
status "overdue", "by_agency"/"slowest_agency" a `rank` of agencies, "targets" an `indicator`.

Deliberate changes from the previous engine (issue 13), each a better reading:
- "hoàn thành bao nhiêu nhiệm vụ" counts the tasks done (`count`, done), it is not the rate;
- a topic alone ("số hóa hồ sơ", "tuyên truyền") is a topic question (the matching tasks with their
  status), no longer "not a question": a leader's free text is answered, an official's bare words
  still search (reports/answers/core.py);
- a figure's metric is its indicator key ("ty_le_truc_tuyen"), not loose words.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

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
DEFAULT = None  # no period written: the answer picks it (reports/answers/context.py default_period)
OVERDUE = {"status": "overdue"}
BY_AGENCY = {"dimension": "agency"}

# (question, ask, period code, agency id, other fields of the frame)
CASES: list[tuple[str, str, str | None, int | None, dict[str, Any]]] = [
    # rate
    ("tỷ lệ hoàn thành quý này?", "rate", "2025-Q4", None, {}),
    ("Tỷ lệ hoàn thành quý này", "rate", "2025-Q4", None, {}),
    ("ty le hoan thanh quy nay", "rate", "2025-Q4", None, {}),
    ("TỶ LỆ HOÀN THÀNH QUÝ NÀY???", "rate", "2025-Q4", None, {}),
    ("ty le hoan thnah quy nay", "rate", "2025-Q4", None, {}),
    ("tỷ lệ hoàn thàn quý nay", "rate", "2025-Q4", None, {}),
    ("cho mình hỏi tỷ lệ hoàn thành quý này là bao nhiêu vậy?", "rate", "2025-Q4", None, {}),
    ("quý 3 đạt bao nhiêu phần trăm", "rate", "2025-Q3", None, {}),
    ("quy 3 dat bao nhieu phan tram", "rate", "2025-Q3", None, {}),
    ("quý III đạt bao nhiêu %", "rate", "2025-Q3", None, {}),
    ("ti le hoan thanh quy truoc", "rate", "2025-Q3", None, {}),
    ("tỉ lệ hoàn thành quý trước", "rate", "2025-Q3", None, {}),
    ("tỷ lệ hoàn thành quý sau", "rate", "2026-Q1", None, {}),
    ("tiến độ kế hoạch năm nay thế nào", "rate", "2025", None, {}),
    ("tien do ke hoach nam nay the nao", "rate", "2025", None, {}),
    ("tiến đô kế hoach năm nay thế nào?", "rate", "2025", None, {}),
    ("6 tháng đầu năm hoàn thành bao nhiêu nhiệm vụ", "count", "2025-H1", None, {"status": "done"}),
    ("6 thang dau nam hoan thanh bao nhieu nhiem vu", "count", "2025-H1", None, {"status": "done"}),
    ("sáu tháng cuối năm hoàn thành bao nhiêu", "rate", "2025-H2", None, {}),
    ("tỷ lệ hoàn thành 6 tháng cuối năm ngoái", "rate", "2024-H2", None, {}),
    ("tỷ lệ hoàn thành quý 1 năm 2023?", "rate", "2023-Q1", None, {}),
    ("ty le hoan thanh quy 1 nam 2023", "rate", "2023-Q1", None, {}),
    ("tỷ lệ hoàn thành quý I/2023", "rate", "2023-Q1", None, {}),
    ("tỷ lệ hoàn thành Q1/2023", "rate", "2023-Q1", None, {}),
    ("tỷ lệ hoàn thành quý IV năm 2024", "rate", "2024-Q4", None, {}),
    ("quý 2 năm ngoái hoàn thành bao nhiêu phần trăm", "rate", "2024-Q2", None, {}),
    ("tỷ lệ hoàn thành tháng này", "rate", "2025-11", None, {}),
    ("tỷ lệ hoàn thành tháng trước", "rate", "2025-10", None, {}),
    ("ty le hoan thanh thang 11", "rate", "2025-11", None, {}),
    ("tỷ lệ hoàn thành tháng 3/2025", "rate", "2025-03", None, {}),
    ("tỷ lệ hoàn thành năm ngoái", "rate", "2024", None, {}),
    ("tỷ lệ hoàn thành năm 2025", "rate", "2025", None, {}),
    ("thống kê tiến độ tuần này", "rate", WEEK, None, {}),
    ("tỷ lệ hoàn thành từ 01/10/2025 đến 15/11/2025", "rate", "2025-10-01..2025-11-15", None, {}),
    ("từ tháng 3 đến tháng 6 tiến độ ra sao", "rate", "2025-03-01..2025-06-30", None, {}),
    # one agency
    ("phòng văn hóa xã hội hoàn thành được bao nhiêu", "rate", DEFAULT, VHXH, {}),
    ("phong van hoa xa hoi hoan thanh duoc bao nhieu", "rate", DEFAULT, VHXH, {}),
    ("Phòng VH-XH quý 3 đạt bao nhiêu phần trăm", "rate", "2025-Q3", VHXH, {}),
    ("tiến độ của trung tâm phục vụ hành chính công quý trước", "rate", "2025-Q3", PVHCC, {}),
    ("ty le hoan thanh cua van phong hdnd va ubnd", "rate", DEFAULT, VP, {}),
    ("phòng kinh tế hoàn thành bao nhiêu nhiệm vụ năm nay", "count", "2025", KT, {"status": "done"}),
    ("VP còn việc j chưa lm", "list", DEFAULT, VP, {"status": "not_done"}),
    ("TTPVHCC còn việc gì đang làm", "list", DEFAULT, PVHCC, {"status": "in_progress"}),
    ("VH-XH phối hợp những việc nào", "list", DEFAULT, VHXH, {"role": "coordinating"}),
    # rankings and tables of agencies
    ("đơn vị nào chậm nhất?", "rank", DEFAULT, None, {**BY_AGENCY, "order": "worst", "measure": "rate"}),
    ("don vi nao cham nhat", "rank", DEFAULT, None, {**BY_AGENCY, "order": "worst"}),
    ("đơn vị nào kém nhất quý trước", "rank", "2025-Q3", None, {**BY_AGENCY, "order": "worst"}),
    ("phòng nào thấp nhất năm nay", "rank", "2025", None, {**BY_AGENCY, "order": "worst"}),
    ("đơn vị nào nhiều việc chưa làm nhất", "rank", DEFAULT, None, {"order": "most", "measure": "count"}),
    ("thống kê theo đơn vị", "rank", DEFAULT, None, BY_AGENCY),
    ("thong ke theo don vi quy 3", "rank", "2025-Q3", None, BY_AGENCY),
    ("tỷ lệ hoàn thành của từng đơn vị năm 2025", "rank", "2025", None, BY_AGENCY),
    ("so sánh các phòng quý này", "compare", "2025-Q4", None, BY_AGENCY),
    ("so sánh VP với VH-XH quý 1", "compare", "2025-Q1", None, {**BY_AGENCY, "agencies": (VP, VHXH)}),
    # overdue / upcoming
    ("việc nào quá hạn?", "list", DEFAULT, None, OVERDUE),
    ("viec nao qua han", "list", DEFAULT, None, OVERDUE),
    ("những nhiệm vụ quá hạn tháng trước", "list", "2025-10", None, OVERDUE),
    ("nhiệm vụ chậm tiến độ của trung tâm PVHCC", "list", DEFAULT, PVHCC, OVERDUE),
    ("nhiem vu cham tien do cua trung tam pvhcc", "list", DEFAULT, PVHCC, OVERDUE),
    ("phòng văn hóa xã hội có việc gì trễ hạn không", "list", DEFAULT, VHXH, OVERDUE),
    ("tuần này có việc gì đến hạn", "upcoming", WEEK, None, {}),
    ("tuan nay co viec gi den han", "upcoming", WEEK, None, {}),
    ("tuần sau có việc gì đến hạn", "upcoming", NEXT_WEEK, None, {}),
    ("tháng sau phải xong những gì", "upcoming", "2025-12", None, {}),
    ("thang sau phai xong nhung gi", "upcoming", "2025-12", None, {}),
    # targets and figures
    ("tỷ lệ hồ sơ trực tuyến đạt chưa?", "indicator", None, None, {"metrics": ("ty_le_truc_tuyen",)}),
    ("ty le ho so truc tuyen dat chua", "indicator", None, None, {"metrics": ("ty_le_truc_tuyen",)}),
    ("số hóa hồ sơ đạt bao nhiêu phần trăm", "indicator", None, None, {"metrics": ("ty_le_so_hoa",)}),
    ("các chỉ tiêu chưa đạt", "indicator", None, None, {"unmet": True}),
    ("cac chi tieu chua dat", "indicator", None, None, {"unmet": True}),
    ("chỉ tiêu nào chưa đạt quý 3", "indicator", "2025-Q3", None, {"unmet": True}),
    ("các chỉ tiêu năm nay", "indicator", "2025", None, {"unmet": False}),
    # the written report, the chart
    ("xuất báo cáo quý 3", "report", "2025-Q3", None, {}),
    ("lập phụ lục báo cáo quý III năm 2025", "report", "2025-Q3", None, {}),
    ("biểu đồ quý này", "chart", "2025-Q4", None, {}),
    ("bieu do ty le hoan thanh quy truoc", "chart", "2025-Q3", None, {}),
    ("vẽ biểu đồ theo đơn vị năm 2025", "chart", "2025", None, {}),
    # topics: a leader's free text about a subject of the plan
    ("số hóa hồ sơ", "list", None, None, {"topic": ("so", "hoa", "ho")}),
    ("tuyên truyền", "list", None, None, {"topic": ("tuyen", "truyen")}),
]


@pytest.mark.parametrize(("text", "ask", "code", "agency", "extra"), CASES, ids=[c[0] for c in CASES])
def test_question_table(
    text: str, ask: str, code: str | None, agency: int | None, extra: dict[str, Any]
) -> None:
    frame = parse_question(text, today=TODAY, agencies=AGENCIES)
    assert frame is not None, text
    period = period_code(frame.period) if frame.period is not None else None
    assert (frame.ask, period, frame.agency_id) == (ask, code, agency)
    for name, value in extra.items():
        assert getattr(frame, name) == value, (name, getattr(frame, name))


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("text", ["xin chào", "nhiệm vụ của tôi", "đã hoàn thành nhiệm vụ II.1", "", "???"])
def test_texts_that_are_not_questions(text: str) -> None:
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
    assert a is not None and b is not None
    assert (a.ask, a.period, a.agency_id, a.topic) == (b.ask, b.period, b.agency_id, b.topic)
    assert a.agency_id == VHXH


def test_a_question_without_a_period_says_so() -> None:
    frame = parse_question("tỷ lệ hồ sơ trực tuyến đạt chưa?", today=TODAY)
    assert frame is not None
    assert frame.period_given is False and frame.period is None
    assert frame.metrics == ("ty_le_truc_tuyen",)


def test_nd09_mode_uses_the_official_reporting_quarter() -> None:
    # 20/12/2025 already belongs to Quý I/2026 (15/12/2025–14/03/2026) under Nghị định 09/2019.
    frame = parse_question("tỷ lệ hoàn thành quý này", today=date(2025, 12, 20), mode="nd09")
    assert frame is not None and frame.period is not None
    assert frame.period.label == "Quý I/2026"
    assert frame.period.start == date(2025, 12, 15)
    assert frame.period.end == date(2026, 3, 14)


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
