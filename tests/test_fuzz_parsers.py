"""Hypothesis fuzzing of the text parsers: random and mutated Vietnamese text never raises or hangs.

Each parser gets random Unicode text and real phrases from the seeds mutated the way users and
documents mangle them (inserted/deleted/swapped characters, NFD, upper case, emoji, right-to-left
text, null bytes, 10,000-character strings). Every call runs in a worker thread joined with a
generous timeout: a hang guard, not a speed assertion.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plans.agencies import AgencyMatch, AgencyMatcher, split_agencies
from plans.parsing.deadlines import parse_deadline
from plans.parsing.period_phrases import parse_period_phrase
from plans.parsing.references import parse_references
from plans.parsing.results import parse_result
from plans.parsing.targets import parse_kpi_input, parse_percent_values, parse_targets
from plans.parsing.types import Deadline, DocRef, ResultInfo, Target
from plans.periods import Period
from reports.questions.parse import Question, parse_question

T = TypeVar("T")

HANG_GUARD = 8.0  # seconds; any parser call still running after this is a hang
# CI: a small, fixed set of examples. PLANBOT_FUZZ_EXAMPLES=5000 fuzzes deeper (and randomly) by hand.
_DEEP = int(os.environ.get("PLANBOT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=_DEEP or 60,
    deadline=None,
    derandomize=not _DEEP,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Real phrases from the seeds (plans and quarterly reports of Thanh Xá, Chí Linh, Thanh Hà, Quyết Thắng).
DEADLINES = [
    "Chậm nhất ngày 15/9/2025",
    "Thường xuyên trong năm 2025",
    "Trước ngày 30/9/2025",
    "Tháng 12 năm 2025",
    "Khi có phát sinh",
    "Trong tháng 08/2025",
    "Quý III/2025",
    "Hằng tháng, trước ngày 20",
    "Từ ngày 01/7/2025 đến ngày 31/12/2025",
    "6 tháng đầu năm 2026",
    "Theo yêu cầu",
]
REFERENCES = [
    "Kế hoạch số 23/KH-UBND ngày 15/8/2025",
    "Quyết định số 561/QĐ-UBND ngày 20/08/2025",
    "KH 23/KH-UBND ngày 15/8/2025",
    "Thông báo số 14/TB-UBND ngày 24/3/2023 của UBND xã về phân công thực hiện nhiệm vụ",
    "Kế hoạch số 25/KH-UBND ngày 09/3/2023; Quyết định số 47/QĐ-UBND ngày 24/3/2023",
    "Công văn số 120/UBND-VP ngày 5 tháng 6 năm 2025",
]
TARGETS = [
    "Niêm yết, công khai thủ tục hành chính (đạt tỷ lệ 100%)",
    "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt tối thiểu 60%",
    "100% hồ sơ được tiếp nhận, giải quyết đúng hạn; tỷ lệ thanh toán trực tuyến đạt trên 45%",
    "Đạt 61,3%",
    "61.3%",
    "61,3",
]
RESULTS = [
    "Đã thực hiện: Thông báo số 09/TB-UBND ngày 08/3/2023 về ban hành danh mục TTHC",
    "Đang thực hiện",
    "Chưa thực hiện do chưa có hướng dẫn của cấp trên",
    "Tỷ lệ số hóa đạt 73,3%; đã ban hành Kế hoạch số 27/KH-UBND ngày 09/3/2023",
]
PERIODS = ["Kết quả thực hiện quý I năm 2023", "6 tháng đầu năm 2025", "tháng 11/2025", "năm 2026", "quý III"]
AGENCIES = [
    "Trung tâm Phục vụ hành chính công",
    "Phòng Văn hóa - Xã hội",
    "Văn phòng HĐND và UBND xã",
    "Các công chức chuyên môn thuộc UBND xã; ngành dọc tại xã",
    "Trung tâm PVHCC, các phòng chuyên môn, UBND các xã",
    "VH-XH",
]
QUESTIONS = [
    "tỷ lệ hoàn thành quý này?",
    "ty le hoan thanh quy nay",
    "TỶ LỆ HOÀN THÀNH QUÝ NÀY???",
    "quý III đạt bao nhiêu %",
    "việc nào quá hạn của Phòng Văn hóa - Xã hội?",
    "chỉ tiêu số hóa hồ sơ đạt chưa",
    "vẽ biểu đồ 6 tháng đầu năm",
    "xuất báo cáo quý 3/2025",
]
SEEDS = DEADLINES + REFERENCES + TARGETS + RESULTS + PERIODS + AGENCIES + QUESTIONS

EXTRA_CHARS = [
    "😀",
    "👍🏽",
    "🇻🇳",
    "\u202e",
    "\u200f",
    "مرحبا",
    "שלום",
    "\x00",
    "\ufeff",
    "\u0301",
    "/",
    "%",
    "-",
]
LONG = ("Số hóa hồ sơ, kết quả giải quyết TTHC 60% ngày 15/9/2025 quý III " * 200)[:10_000]


def _mutate(text: str, ops: list[tuple[int, int, str]]) -> str:
    for op, pos, char in ops:
        if op == 0:  # insert
            i = pos % (len(text) + 1)
            text = text[:i] + char + text[i:]
        elif op == 1 and text:  # delete
            i = pos % len(text)
            text = text[:i] + text[i + 1 :]
        elif op == 2 and len(text) > 1:  # swap neighbours
            i = pos % (len(text) - 1)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif op == 3:
            text = unicodedata.normalize("NFD", text)
        elif op == 4:
            text = text.upper()
        elif op == 5:
            text = "\u202b" + text + "\u202c"  # right-to-left embedding around the whole phrase
        elif op == 6:
            text = (text + " ") * (10_000 // max(len(text) + 1, 1) + 1)
            text = text[:10_000]
    return text


mutated = st.builds(
    _mutate,
    st.sampled_from(SEEDS),
    st.lists(
        st.tuples(
            st.integers(0, 6),
            st.integers(0, 10_000),
            st.one_of(st.sampled_from(EXTRA_CHARS), st.characters()),
        ),
        max_size=6,
    ),
)
hostile_text = st.one_of(st.text(max_size=300), mutated, st.sampled_from(SEEDS))


def guarded(fn: Callable[[], T]) -> T:
    """Run fn in a thread; fail on any exception, and on a hang past HANG_GUARD seconds."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # reported to the test below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    if thread.is_alive():
        raise AssertionError(f"parser still running after {HANG_GUARD:g} s (hang)")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


# ---------------------------------------------------------------- plan parsers


@FUZZ
@given(hostile_text, st.one_of(st.none(), st.integers(1900, 2100)))
@example(LONG, 2025)
@example("\x00" * 100, None)
@example("ngày 31/2/2025 đến ngày 99/99/99999", 2025)
@example("ngày 1/1/0", 9999)
def test_parse_deadline(text: str, year: int | None) -> None:
    result = guarded(lambda: parse_deadline(text, year=year))
    assert isinstance(result, Deadline)
    if result.due is not None:
        assert isinstance(result.due, date)


@FUZZ
@given(hostile_text)
@example(LONG)
@example("số 99999999999999999999/KH-UBND ngày 31/02/2025")
@example("Kế hoạch số /KH-UBND ngày /8/2025")
def test_parse_references(text: str) -> None:
    result = guarded(lambda: parse_references(text))
    assert isinstance(result, list) and all(isinstance(ref, DocRef) for ref in result)


@FUZZ
@given(hostile_text)
@example(LONG)
@example("đạt " + "9" * 400 + "%")
@example("tỷ lệ 1e309%")
def test_parse_targets_and_percents(text: str) -> None:
    targets = guarded(lambda: parse_targets(text))
    assert isinstance(targets, list) and all(isinstance(t, Target) for t in targets)
    values = guarded(lambda: parse_percent_values(text))
    assert isinstance(values, list) and all(isinstance(v, float) for v in values)


@FUZZ
@given(hostile_text)
@example("9" * 5000)
@example("nan")
@example("inf%")
@example("-0,0")
def test_parse_kpi_input(text: str) -> None:
    value = guarded(lambda: parse_kpi_input(text))
    assert value is None or isinstance(value, float)


@FUZZ
@given(hostile_text)
@example(LONG)
def test_parse_result(text: str) -> None:
    result = guarded(lambda: parse_result(text))
    assert result is None or isinstance(result, ResultInfo)


@FUZZ
@given(hostile_text, st.one_of(st.none(), st.integers(1, 9999)), st.sampled_from(["calendar", "nd09"]))
@example("quý IV năm 99999", None, "calendar")
@example("tháng 13 năm 2025", 2025, "nd09")
def test_parse_period_phrase(text: str, year: int | None, mode: str) -> None:
    result = guarded(lambda: parse_period_phrase(text, default_year=year, mode=mode))
    assert result is None or isinstance(result, Period)


# ---------------------------------------------------------------- agencies

KNOWN = [
    (1, "Trung tâm Phục vụ hành chính công", ["TTPVHCC"]),
    (2, "Phòng Văn hóa - Xã hội", ["VH-XH"]),
    (3, "Văn phòng HĐND và UBND xã", []),
    (4, "Các công chức chuyên môn thuộc UBND xã", []),
]


@FUZZ
@given(hostile_text)
@example(LONG)
@example(";;;,,,\n\n- - -")
def test_split_agencies(text: str) -> None:
    names = guarded(lambda: split_agencies(text))
    assert isinstance(names, list) and all(isinstance(n, str) for n in names)


@FUZZ
@given(hostile_text)
@example(LONG)
@example("")
def test_agency_matcher(text: str) -> None:
    matcher = AgencyMatcher(KNOWN)
    match = guarded(lambda: matcher.match(text))
    assert isinstance(match, AgencyMatch)
    found = guarded(lambda: matcher.search(text))
    assert isinstance(found, list) and len(found) <= 5
    assert all(isinstance(m, AgencyMatch) for m in found)


def test_agency_matcher_nfd_behaves_like_nfc() -> None:
    matcher = AgencyMatcher(KNOWN)
    for _, name, _ in KNOWN:
        nfd = unicodedata.normalize("NFD", name)
        assert matcher.match(nfd).agency_id == matcher.match(name).agency_id


# ---------------------------------------------------------------- questions

TODAY = date(2025, 11, 20)


@FUZZ
@given(hostile_text, st.sampled_from(["calendar", "nd09"]))
@example(LONG, "calendar")
@example("tỷ lệ hoàn thành quý 99999999999999999999", "calendar")
@example("tỷ lệ hoàn thành tháng 13/2025", "nd09")
@example("tỷ lệ hoàn thành năm 0", "calendar")
def test_parse_question(text: str, mode: str) -> None:
    question = guarded(lambda: parse_question(text, today=TODAY, mode=mode, agencies=KNOWN))
    assert question is None or isinstance(question, Question)


def test_nfd_question_reads_like_nfc() -> None:
    for text in QUESTIONS:
        nfd = unicodedata.normalize("NFD", text)
        assert parse_question(nfd, today=TODAY, agencies=KNOWN) == parse_question(
            text, today=TODAY, agencies=KNOWN
        )
