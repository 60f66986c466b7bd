"""Pure formatting: grouping, paging, lines and cards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from handlers.progress.draft import Draft
from handlers.progress.texts import summary_text
from handlers.ui import views
from plans.periods import quarter_containing
from plans.status import task_state
from plans.tasks import TaskCard, TaskLine
from storage.facts import ReportFacts, TaskFacts

TODAY = date(2025, 9, 10)


def line(
    code: str,
    *,
    due: date | None = None,
    status: str | None = None,
    link: str | None = "lead",
    kind: str = "date",
    position: int = 0,
    content: str = "Số hóa hồ sơ, kết quả giải quyết TTHC",
) -> TaskLine:
    task_id = hash(code) % 10_000
    facts = TaskFacts(
        id=task_id,
        plan_id=1,
        organization_id=1,
        code=code,
        content=content,
        section=None,
        deadline_text=None,
        deadline_kind=kind if due else "continuous",
        due=due,
        start=None,
        recurrence=None,
    )
    reports = (
        [ReportFacts(1, task_id, status, TODAY - timedelta(days=1), datetime(2025, 9, 9, tzinfo=UTC))]
        if status
        else []
    )
    state = task_state(facts, reports, quarter_containing(TODAY), TODAY)
    return TaskLine(
        id=task_id,
        code=code,
        number=None,
        content=content,
        deadline_text=None,
        deadline_kind=facts.deadline_kind,
        due=due,
        recurrence=None,
        position=position,
        status=state.status,
        link=link,
        state=state,
    )


def test_groups_in_order_lead_before_coordinating() -> None:
    lines = [
        line("A", status="done", position=1),
        line("B", due=TODAY - timedelta(days=5), position=2),
        line("C", due=TODAY + timedelta(days=3), position=3, link="coordinating"),
        line("D", due=TODAY + timedelta(days=5), position=4),
        line("E", status="in_progress", position=5),
        line("F", position=6),
        line("G", due=TODAY - timedelta(days=1), status="done", position=7),
    ]
    ordered = views.order_lines(lines, TODAY)
    assert [(g, item.code) for g, item in ordered] == [
        ("overdue", "B"),
        ("soon", "D"),
        ("soon", "C"),
        ("in_progress", "E"),
        ("no_report", "F"),
        ("done", "A"),
        ("done", "G"),
    ]


def test_pages_of_eight_with_navigation() -> None:
    lines = [line(f"IV.{i}", position=i) for i in range(1, 18)]
    ordered = views.order_lines(lines, TODAY)
    assert views.page_count(len(ordered)) == 3
    keyboard = views.list_keyboard(ordered, 1)
    assert keyboard is not None
    rows = keyboard.inline_keyboard
    # eight tasks as eight code buttons, four to a row, then the navigation
    assert (
        len(rows) == 3
        and sum(len(r) for r in rows[:-1]) == 8
        and [b.text for b in rows[-1]] == ["◀", "2/3", "▶"]
    )
    assert all(len(str(b.callback_data or "").encode()) <= 64 for row in rows for b in row)
    last = views.list_keyboard(ordered, 99)
    assert last is not None and [b.text for b in last.inline_keyboard[-1]] == ["◀", "3/3"]
    text = views.list_text("Việc của Phòng Văn hóa - Xã hội", ordered, 2, TODAY)
    assert "trang 3/3" in text and text.count("• ") == 1


def test_task_text_is_escaped() -> None:
    evil = line("II.<b>", content="Hồ sơ <script>alert(1)</script> & số hóa")
    text = views.task_line_text(evil, TODAY)
    assert "<script>" not in text and "&lt;script&gt;" in text and "&amp;" in text


def test_card_shows_targets_and_written_deadline() -> None:
    card = TaskCard(
        line=line("II.3", due=TODAY + timedelta(days=3)),
        product="Hồ sơ được số hóa",
        plan_title="Kế hoạch 25/KH-UBND",
        lead_agencies=("Trung tâm Phục vụ hành chính công",),
        coordinating_agencies=("Phòng Văn hóa - Xã hội",),
        targets=({"metric": "hồ sơ được số hóa", "min_percent": 60.0},),
        latest_kpi=58.5,
    )
    text = views.card_text(card, TODAY)
    assert "tối thiểu 60,0% — mới nhất 58,5% (chưa đạt)" in text
    assert "Hạn hiểu là:</b> 13/09/2025" in text
    assert "Chưa có báo cáo tiến độ." in text


def test_summary_of_a_draft() -> None:
    draft = Draft(
        code="II.3",
        content="Số hóa hồ sơ",
        status="done",
        docs=[{"doc_type": "Kế hoạch", "number": "23/KH-UBND", "issued_on": "2025-08-15", "text": "KH 23"}],
        attachment={"file_id": "x", "name": "kh.pdf", "size": 3 * 1024 * 1024},
        kpi=61.3,
        targets=[{"metric": "số hóa", "min_percent": 60}],
    )
    text = summary_text(draft, quarter_containing(TODAY))
    assert "Kế hoạch số 23/KH-UBND ngày 15/08/2025" in text
    assert "Kỳ báo cáo: <b>Quý III/2025</b>" in text
    assert "kh.pdf (3 MB)" in text
    assert "61,3% (chỉ tiêu 60,0% — đạt)" in text
    assert Draft(reason="Chờ kinh phí", doc_note="tờ trình").note() == "Chờ kinh phí\ntờ trình"
