"""Table-driven tests of each part of the question grammar on its own: periods, status words,
agencies and the communes' shorthand, what is asked, English, the typo correction's honesty, the
indicator keys, follow-ups, and the frame kept in a chat's memory."""

from __future__ import annotations

import json
from datetime import date

import pytest

from plans.indicators import key_of
from plans.periods import period_code
from reports.questions.agencies import mentions
from reports.questions.followup import merge
from reports.questions.frame import Context, Frame
from reports.questions.parse import parse
from reports.questions.periods import PeriodError, find_periods
from reports.questions.text import is_syllable, read

TODAY = date(2025, 11, 20)  # Quý IV/2025, outside any reporting window

# ---------------------------------------------------------------- periods

PERIODS: list[tuple[str, date, str]] = [
    ("tỷ lệ hoàn thành quý 1/2023", TODAY, "2023-Q1"),
    ("Q1/2023 đạt bn %", TODAY, "2023-Q1"),
    ("quý I năm 2023", TODAY, "2023-Q1"),
    ("quy iii/2025", TODAY, "2025-Q3"),
    ("quý ba năm nay", TODAY, "2025-Q3"),
    ("quý 2 năm ngoái", TODAY, "2024-Q2"),
    ("quý 1 2023", TODAY, "2023-Q1"),
    ("quý này", TODAY, "2025-Q4"),
    ("quý trước", TODAY, "2025-Q3"),
    ("quý vừa rồi", TODAY, "2025-Q3"),
    ("quý vừa qua", TODAY, "2025-Q3"),
    ("quý sau", TODAY, "2026-Q1"),
    ("quý 4", date(2026, 1, 10), "2025-Q4"),  # in January, the quarter just past
    ("quý 4", date(2025, 10, 3), "2025-Q4"),
    ("tháng 11", TODAY, "2025-11"),
    ("tháng 12/2023", TODAY, "2023-12"),
    ("tháng 11 năm 2025", TODAY, "2025-11"),
    ("tháng này", TODAY, "2025-11"),
    ("tháng trước", date(2025, 12, 3), "2025-11"),
    ("tháng sau", TODAY, "2025-12"),
    ("tháng 12", date(2026, 1, 5), "2025-12"),
    ("6 tháng đầu năm", TODAY, "2025-H1"),
    ("sáu tháng cuối năm ngoái", TODAY, "2024-H2"),
    ("nửa đầu năm 2024", TODAY, "2024-H1"),
    ("năm nay", TODAY, "2025"),
    ("năm ngoái", date(2024, 3, 1), "2023"),
    ("năm 2025", TODAY, "2025"),
    ("cả năm", TODAY, "2025"),
    ("từ tháng 3 đến tháng 6", date(2023, 7, 5), "2023-03-01..2023-06-30"),
    ("từ tháng 11/2025 đến tháng 4/2026", TODAY, "2025-11-01..2026-04-30"),
    ("từ 01/10/2025 đến 15/11/2025", TODAY, "2025-10-01..2025-11-15"),
    ("tuần này", TODAY, "2025-11-17..2025-11-23"),
    ("tuần sau", TODAY, "2025-11-24..2025-11-30"),
    ("completion rate for Q1 2023", TODAY, "2023-Q1"),
    ("what is the rate this quarter?", TODAY, "2025-Q4"),
    ("last quarter", TODAY, "2025-Q3"),
    ("in November", date(2025, 12, 3), "2025-11"),
    ("last month", date(2025, 12, 3), "2025-11"),
]


@pytest.mark.parametrize(("text", "today", "code"), PERIODS, ids=[f"{p[0]}@{p[1]}" for p in PERIODS])
def test_period_grammar(text: str, today: date, code: str) -> None:
    hits = find_periods(read(text).text, today=today)
    assert [period_code(h.period) for h in hits] == [code]


def test_two_periods_are_read_in_the_order_written() -> None:
    hits = find_periods(read("quý 1/2026 so với quý 4/2025").text, today=TODAY)
    assert [period_code(h.period) for h in hits] == ["2026-Q1", "2025-Q4"]


def test_a_follow_up_quarter_takes_the_year_the_chat_is_about() -> None:
    hits = find_periods(read("thế còn quý 4?").text, today=date(2024, 3, 1), year_hint=2023)
    assert [period_code(h.period) for h in hits] == ["2023-Q4"]


@pytest.mark.parametrize("text", ["quý 5", "tháng 13", "quý 99999999999999999999"])
def test_periods_that_do_not_exist(text: str) -> None:
    with pytest.raises(PeriodError):
        find_periods(read(text).text, today=TODAY)


@pytest.mark.parametrize("text", ["văn bản số 166", "theo Đề án 06", "QĐ 766", "đạt 80%", "mức độ 3,4"])
def test_numbers_that_are_not_periods(text: str) -> None:
    assert find_periods(read(text).text, today=TODAY) == []


# ---------------------------------------------------------------- status and timeliness words

STATUSES: list[tuple[str, str]] = [
    ("những việc nào chưa thực hiện", "not_done"),
    ("VP còn việc j chưa lm", "not_done"),
    ("còn việc gì chưa làm", "not_done"),
    ("ds viec dang lam", "in_progress"),
    ("CC chuyên môn đang làm dở việc gì", "in_progress"),
    ("những nhiệm vụ đã hoàn thành", "done"),
    ("bn việc đã xong?", "done"),
    ("mục nào có tỷ lệ việc đã xong dứt điểm cao nhất", "done"),
    ("đã và đang thực hiện được bao nhiêu nhiệm vụ", "done_or_in_progress"),
    ("việc nào quá hạn?", "overdue"),
    ("có việc gì trễ hạn ko", "overdue"),
    ("nhiệm vụ chậm tiến độ", "overdue"),
    ("việc nào chưa có báo cáo", "no_report"),
    ("còn việc nào chưa báo cáo kết quả", "no_report"),
    ("which tasks are not done yet?", "not_done"),
    ("which tasks are overdue?", "overdue"),
]


@pytest.mark.parametrize(("text", "status"), STATUSES, ids=[s[0] for s in STATUSES])
def test_status_words(text: str, status: str) -> None:
    frame = parse(text, today=TODAY)
    assert frame is not None and frame.status == status


@pytest.mark.parametrize("text", ["II.6 xong chưa", "nhiệm vụ I.1 đã làm chưa", "tỷ lệ hoàn thành quý này"])
def test_a_question_about_a_state_is_no_filter(text: str) -> None:
    frame = parse(text, today=TODAY, ctx=Context(codes=frozenset({"II.6", "I.1"})))
    assert frame is not None and frame.status is None


# ---------------------------------------------------------------- agencies and shorthand

VP, VHXH, TTP, CCCM, CQCM, DTT, PCT = 1, 2, 3, 4, 5, 6, 7
AGENCIES = (
    (VP, "Văn phòng HĐND và UBND xã", ("Văn phòng", "VP HĐND-UBND")),
    (VHXH, "Phòng Văn hóa - Xã hội", ("VH-XH", "Văn hóa xã hội")),
    (TTP, "Trung tâm Phục vụ hành chính công", ("TTPVHCC", "Trung tâm PVHCC")),
    (CCCM, "Các công chức chuyên môn thuộc UBND xã", ("Các công chức chuyên môn",)),
    (CQCM, "Các cơ quan chuyên môn thuộc UBND xã", ()),
    (DTT, "Đài truyền thanh xã", ()),
    (PCT, "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội", ()),
)
CTX = Context(organization="UBND xã Thanh Xá", agencies=AGENCIES)
SHORTHAND: list[tuple[str, int | None]] = [
    ("VP còn việc j chưa lm", VP),
    ("văn phòng đang làm những việc gì", VP),
    ("tỷ lệ hoàn thành của văn phòng HĐND và UBND xã", VP),
    ("VH-XH tỷ lệ bn?", VHXH),
    ("phòng văn hoá còn việc gì chưa làm?", VHXH),
    ("phong van hoa xa hoi", VHXH),
    ("TTPVHCC còn việc gì đang làm", TTP),
    ("tỷ lệ của Trung tâm PVHCC quý 3", TTP),
    ("trung tâm phục vụ hành chính công có việc gì quá hạn", TTP),
    ("CC chuyên môn còn việc nào chưa thực hiện", CCCM),
    ("công chức chuyên môn đạt bao nhiêu %", CCCM),
    ("các cơ quan chuyên môn chủ trì việc gì", CQCM),
    ("cơ quan chuyên môn phối hợp bao nhiêu việc", CQCM),
    ("đài truyền thanh xã có nhiệm vụ gì", DTT),
    ("PCT thường trực còn việc gì quá hạn", PCT),
    ("đồng chí phó chủ tịch thường trực phụ trách bao nhiêu việc", PCT),
    ("which tasks of the public service centre are still in progress?", TTP),
    ("tỷ lệ hoàn thành quý này", None),
]


@pytest.mark.parametrize(("text", "agency"), SHORTHAND, ids=[s[0] for s in SHORTHAND])
def test_agencies_and_shorthand(text: str, agency: int | None) -> None:
    frame = parse(text, today=TODAY, ctx=CTX)
    assert frame is not None and frame.agency_id == agency


def test_two_agencies_of_a_comparison_in_order() -> None:
    found = mentions(read("so sánh VP với VH-XH và CC chuyên môn").text, AGENCIES)
    assert [m.agency_id for m in found] == [VP, VHXH, CCCM]


@pytest.mark.parametrize(
    "text", ["việc của tôi còn gì chưa làm", "đơn vị mình có việc gì", "tỷ lệ của đơn vị"]
)
def test_the_askers_own_agency(text: str) -> None:
    ctx = Context(agencies=AGENCIES, own_agency_id=VHXH, own_agency_name="Phòng Văn hóa - Xã hội")
    frame = parse(text, today=TODAY, ctx=ctx)
    assert frame is not None and (frame.agency_id, frame.own_agency) == (VHXH, True)


def test_an_agency_named_inside_a_topic_is_the_topic() -> None:
    frame = parse("quy chế của trung tâm làm xong chưa", today=TODAY, ctx=CTX)
    assert (
        frame is not None and frame.agency_id is None and {"quy", "che", "trung", "tam"} <= set(frame.topic)
    )


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("bn", "bao nhieu"),
        ("ko", "khong"),
        ("k", "khong"),
        ("j", "gi"),
        ("lm", "lam"),
        ("dc", "duoc"),
        ("đc", "duoc"),
    ],
)
def test_chat_shorthand(typed: str, read_as: str) -> None:
    assert read(f"x {typed} y").text == f"x {read_as} y"


# ---------------------------------------------------------------- what is asked

ASKS: list[tuple[str, str]] = [
    ("tỷ lệ hoàn thành quý này?", "rate"),
    ("tiến độ kế hoạch thế nào", "rate"),
    ("6 tháng cuối năm đạt bn", "rate"),
    ("kế hoạch có bao nhiêu nhiệm vụ", "count"),
    ("kế hoạch có mấy nội dung", "count"),
    ("có mấy việc đang thực hiện", "count"),
    ("những việc nào chưa thực hiện", "list"),
    ("liệt kê các việc đã xong", "list"),
    ("danh sách việc đang làm", "list"),
    ("nhiệm vụ II.5 thế nào?", "task"),
    ("III.1 tiến đọ", "task"),
    ("tổng kết công tác bầu cử hạn khi nào", "task"),
    ("việc ban hành kế hoạch tuyên truyền bầu cử xong chưa", "task"),
    ("quý 1 ban hành những kế hoạch nào", "documents"),
    ("thông báo 09/TB-UBND là cho việc nào", "documents"),
    ("quy chế phối hợp số mấy", "documents"),
    ("văn bản số 166 là báo cáo gì", "documents"),
    ("tỷ lệ hồ sơ trực tuyến quý 3 đạt bao nhiêu", "indicator"),
    ("thanh toán trực tuyến đạt chỉ tiêu chưa", "indicator"),
    ("chỉ tiêu nào chưa đạt", "indicator"),
    ("có hồ sơ nào quá hạn không", "indicator"),
    ("so sánh VP với VH-XH quý 1", "compare"),
    ("quý 2 so với quý 1 thế nào", "compare"),
    ("đã xong nhiều hơn hay đang làm nhiều hơn", "compare"),
    ("trực tuyến với trực tiếp bên nào nhiều hơn", "compare"),
    ("đơn vị nào chậm nhất?", "rank"),
    ("mục nào nhiều nhiệm vụ nhất", "rank"),
    ("chỉ tiêu nào thấp nhất", "rank"),
    ("thống kê theo đơn vị", "rank"),
    ("những việc nào chưa có báo cáo quý 2", "not_reported"),
    ("tháng này có việc gì đến hạn", "upcoming"),
    ("sắp đến hạn những việc nào", "upcoming"),
    ("quý 1/2026 bao nhiêu việc phải hoàn thành", "upcoming"),
    ("biểu đồ quý này", "chart"),
    ("xuất báo cáo quý 3", "report"),
    ("hiệp thương đến đâu rồi", "rate"),  # a topic: answered with its tasks (reports/answers/core.py)
    ("tuyên truyền bầu cử", "list"),
]


@pytest.mark.parametrize(("text", "ask"), ASKS, ids=[a[0] for a in ASKS])
def test_what_is_asked(text: str, ask: str) -> None:
    ctx = Context(agencies=AGENCIES, codes=frozenset({"II.5", "III.1"}))
    frame = parse(text, today=TODAY, ctx=ctx)
    assert frame is not None and frame.ask == ask


OFFTOPIC: list[tuple[str, str]] = [
    ("tỷ lệ hộ nghèo của xã năm 2023", "not_tracked"),
    ("thu ngân sách xã đạt bao nhiêu %", "not_tracked"),
    ("giá lúa hôm nay bao nhiêu", "not_tracked"),
    ("tỷ lệ tiêm chủng trẻ em quý 3", "not_tracked"),
    ("thôn nào đông cử tri nhất", "not_tracked"),
    ("viết giúp bài phát biểu khai mạc hội nghị", "not_tracked"),
    ("what's the weather tomorrow?", "not_tracked"),
    ("xã Tân An tiến độ kiểm soát TTHC thế nào", "other_commune"),
    ("Thanh Hà so với Thanh Xá thế nào", "other_commune"),
]


@pytest.mark.parametrize(("text", "why"), OFFTOPIC, ids=[o[0] for o in OFFTOPIC])
def test_what_planbot_does_not_track(text: str, why: str) -> None:
    ctx = Context(organization="UBND xã Thanh Hà", agencies=AGENCIES)
    frame = parse(text, today=TODAY, ctx=ctx)
    assert frame is not None and (frame.ask, frame.offtopic) == ("offtopic", why)


def test_the_own_commune_named_is_not_another_one() -> None:
    frame = parse("tỷ lệ hoàn thành của xã Thanh Xá quý 3", today=TODAY, ctx=CTX)
    assert frame is not None and frame.ask == "rate"


# ---------------------------------------------------------------- the honesty of correction


@pytest.mark.parametrize(
    "word", ["nguoi", "dan", "khai", "thac", "thanh", "hoan", "tuyen", "truyen", "nghiep"]
)
def test_a_real_syllable_is_a_word(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize(
    "text", ["người dân", "nguoi dan", "khai thác", "khai thac du lieu", "tthc ngành dọc"]
)
def test_correction_never_changes_a_real_word(text: str) -> None:
    reading = read(text, known={"ngoai", "hai", "thap", "thanh"})
    assert reading.corrections == ()


def test_correction_fixes_a_typo_towards_a_known_word_and_says_so() -> None:
    reading = read("ti le hoan thnah quy I")
    assert reading.text == "ty le hoan thanh quy i"
    assert reading.corrections == (("thnah", "thanh"),)
    assert read("tỷ lệ hoàn thàn quý nay").text.startswith("ty le hoan thanh")


# ---------------------------------------------------------------- indicators by meaning

KEYS: list[tuple[str, str | None, str]] = [
    ("tỷ lệ hồ sơ tiếp nhận trực tuyến", "rate", "ty_le_truc_tuyen"),
    ("80% hồ sơ TTHC được xử lý trực tuyến", "rate", "ty_le_xu_ly_truc_tuyen"),
    ("hồ sơ được giải quyết trực tuyến", "rate", "ty_le_giai_quyet_truc_tuyen"),
    ("tiếp nhận, giải quyết TTHC qua dịch vụ công trực tuyến", "rate", "ty_le_truc_tuyen"),
    ("thanh toán trực tuyến nghĩa vụ tài chính", "rate", "ty_le_thanh_toan_truc_tuyen"),
    ("số hóa hồ sơ, kết quả giải quyết TTHC", "rate", "ty_le_so_hoa"),
    ("hồ sơ được tiếp nhận và số hóa", "rate", "ty_le_so_hoa_ho_so"),
    ("khai thác, tái sử dụng dữ liệu đã số hóa", "rate", "ty_le_tai_su_dung"),
    ("cấp kết quả giải quyết TTHC bản điện tử", "rate", "ty_le_ket_qua_dien_tu"),
    ("mức độ hài lòng của người dân", "rate", "ty_le_hai_long"),
    ("niêm yết, công khai thủ tục hành chính", "rate", "ty_le_cong_khai"),
    ("tiếp nhận trực tiếp", "count", "ho_so_truc_tiep"),
    ("kỳ trước chuyển sang", "count", "ho_so_ky_truoc"),
    ("hồ sơ đang giải quyết", "count", "ho_so_dang_giai_quyet"),
    ("trả kết quả qua bưu chính công ích", "count", "tra_ket_qua_buu_chinh"),
    ("DVC trực tuyến một phần", "count", "tthc_mot_phan"),
    ("kiến nghị cắt giảm thủ tục", "count", "tthc_kien_nghi_cat_giam"),
    ("tỷ lệ hoàn thành kế hoạch", None, ""),
]


@pytest.mark.parametrize(("phrase", "family", "key"), KEYS, ids=[k[0] for k in KEYS])
def test_indicators_are_matched_by_meaning(phrase: str, family: str | None, key: str) -> None:
    assert (key_of(phrase, family) or "") == key


# ---------------------------------------------------------------- follow-ups and the chat memory

FOLLOWUPS: list[tuple[str, str, dict[str, object]]] = [
    ("tỷ lệ hoàn thành quý 1/2023", "còn văn phòng thì sao?", {"ask": "rate", "agency_id": VP}),
    ("tỷ lệ hoàn thành quý 1/2023", "phòng văn hoá?", {"ask": "rate", "agency_id": VHXH}),
    ("tỷ lệ hoàn thành của VH-XH quý 1/2023", "chi tiết", {"ask": "list", "agency_id": VHXH, "status": None}),
    (
        "những việc chưa thực hiện quý 1/2023",
        "của VP thôi",
        {"ask": "list", "status": "not_done", "agency_id": VP},
    ),
    ("những việc chưa thực hiện quý 1/2023", "đang làm thì sao", {"ask": "list", "status": "in_progress"}),
    ("tỷ lệ hoàn thành quý này", "thế còn quý trước?", {"ask": "rate"}),
    ("bao nhiêu việc đã xong quý 3", "liệt kê ra", {"ask": "list", "status": "done"}),
]


@pytest.mark.parametrize(
    ("first", "then", "expected"), FOLLOWUPS, ids=[f"{f[0]} → {f[1]}" for f in FOLLOWUPS]
)
def test_follow_ups_complete_the_last_question(first: str, then: str, expected: dict[str, object]) -> None:
    memory = parse(first, today=TODAY, ctx=CTX)
    assert memory is not None
    memory = merge(memory, None)[1]
    frame = parse(then, today=TODAY, ctx=CTX, memory=memory)
    assert frame is not None
    answered, _ = merge(frame, memory)
    for name, value in expected.items():
        assert getattr(answered, name) == value, (name, getattr(answered, name))
    assert answered.period == (memory.period if "quý trước" not in then else answered.period)


STEPS: list[tuple[str, str, str]] = [
    ("tỷ lệ hoàn thành quý 3/2025", "thế còn quý trước?", "2025-Q2"),  # from the chat's quarter
    ("tỷ lệ hoàn thành quý 1/2025", "quý sau thì sao", "2025-Q2"),
    ("tỷ lệ hoàn thành quý 1/2025", "thế còn quý vừa rồi?", "2025-Q3"),  # always the last ended one
    ("tỷ lệ hoàn thành tháng 6/2025", "tháng trước thì sao", "2025-05"),
    ("tỷ lệ hoàn thành năm 2023", "năm trước thì sao", "2022"),
    ("tỷ lệ hoàn thành năm 2023", "thế còn năm ngoái?", "2024"),  # "năm ngoái" is today's last year
    ("tỷ lệ hoàn thành tháng 6/2025", "thế còn quý trước?", "2025-Q3"),  # another kind: from today
]


@pytest.mark.parametrize(("first", "then", "code"), STEPS, ids=[f"{s[0]} → {s[1]}" for s in STEPS])
def test_a_follow_up_steps_from_the_period_the_chat_is_about(first: str, then: str, code: str) -> None:
    memory = parse(first, today=TODAY, ctx=CTX)
    assert memory is not None
    frame = parse(then, today=TODAY, ctx=CTX, memory=memory)
    assert frame is not None and frame.period is not None
    assert period_code(merge(frame, memory)[0].period) == code  # type: ignore[arg-type]


def test_chi_tiet_keeps_the_chat_on_the_last_question() -> None:
    memory = parse("tỷ lệ hoàn thành của VH-XH quý 1/2023", today=TODAY, ctx=CTX)
    assert memory is not None
    detail = parse("chi tiết", today=TODAY, ctx=CTX, memory=memory)
    assert detail is not None
    answered, remembered = merge(detail, memory)
    assert (answered.ask, remembered.ask) == ("list", "rate")


def test_the_frame_survives_the_json_of_user_data() -> None:
    frame = parse("so sánh VP với VH-XH quý 1/2023", today=TODAY, ctx=CTX)
    assert frame is not None
    again = Frame.from_dict(json.loads(json.dumps(frame.to_dict())))
    assert again == frame
