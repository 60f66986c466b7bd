"""Rendering of the digests: Vietnamese, grouped, escaped, within Telegram's limit."""

from __future__ import annotations

from datetime import date

from plans.status import effective_reports
from reminders.digest import MAX_TEXT, deadline_phrase, render_weekly
from reminders.digest_daily import MAX_LINES, PER_GROUP, render_daily
from reminders.due import Bucket, DueItem, OfficialDue, weekly_summary
from tests.support.reminder_world import TTPV, VP, recipient, report_facts, task_facts

DAY = date(2025, 11, 20)


def item(
    task_id: int,
    offset: int,
    bucket: Bucket,
    *,
    code: str = "II.1",
    content: str = "",
    label: str | None = None,
) -> DueItem:
    task = task_facts(
        task_id,
        code=code,
        content=content or "Rà soát, đánh giá, đơn giản hóa TTHC trên địa bàn xã Thanh Xá năm 2023",
    )
    return DueItem(task, date.fromordinal(DAY.toordinal() + offset), offset, bucket, label)


def test_daily_digest_groups_and_wording() -> None:
    due = OfficialDue(
        recipient(1, VP),
        lead=(
            item(1, -3, Bucket.overdue, code="I.2"),
            item(2, 0, Bucket.today, code="II.2.1"),
            item(3, 3, Bucket.upcoming, code="III.1", label="Tháng 11/2025"),
            item(4, 14, Bucket.report, code="I.1", label="Quý IV/2025"),
        ),
        coordinating=(item(5, 1, Bucket.upcoming, code="IV.3"),),
    )
    digest = render_daily(due, DAY, official_id=1, chat_id=1001)
    assert digest is not None and digest.kind == "daily"
    text = digest.text
    assert text.startswith("🔔 <b>Nhắc việc Thứ Năm, 20/11/2025</b>")
    order = [
        text.index(h)
        for h in (
            "Quá hạn (1)",
            "Hôm nay (1)",
            "Sắp đến hạn (1)",
            "Cần báo cáo Quý IV/2025 (1)",
            "Phối hợp (1)",
        )
    ]
    assert order == sorted(order)
    assert "I.2</b> Rà soát" in text and "quá 3 ngày" in text
    assert "Tháng 11/2025: hạn 23/11/2025, còn 3 ngày" in text
    # What a group's lines share is said once, in its heading.
    assert "Cần báo cáo Quý IV/2025 (1)</b>: hạn báo cáo 04/12/2025 (còn 14 ngày)" in text
    assert "/nhac" in text
    # "✅ Xong" and the card for the first lead tasks, then the period report
    data = [(b.action, b.task_id) for row in digest.buttons for b in row]
    assert data == [(action, task) for task in (1, 2, 3) for action in ("done", "card")] + [("period", 0)]
    assert digest.buttons[-1][0].text == "📝 Báo cáo quý"
    assert len(digest.items) == 5


def test_nothing_to_say_is_no_digest() -> None:
    assert render_daily(None, DAY, official_id=1, chat_id=1001) is None
    admin_only = render_daily(None, DAY, official_id=1, chat_id=1001, unreachable=["Lê <Văn> An (Văn phòng)"])
    assert admin_only is not None and "Lê &lt;Văn&gt; An" in admin_only.text


def test_long_digest_is_truncated_with_a_count() -> None:
    items = tuple(
        item(
            i,
            -i,
            Bucket.overdue,
            code=f"II.{i}",
            content="Niêm yết, công khai thủ tục hành chính & kết quả <giải quyết> hồ sơ " * 3,
        )
        for i in range(1, 201)
    )
    digest = render_daily(OfficialDue(recipient(1, VP), lead=items), DAY, official_id=1, chat_id=1001)
    assert digest is not None
    assert len(digest.text) <= MAX_TEXT and len(digest.text.split("\n")) <= MAX_LINES
    shown = digest.text.count("• ")
    assert shown == PER_GROUP and "Quá hạn (200)" in digest.text  # one group: the lines left fill it
    assert f"… và {200 - shown} việc khác" in digest.text
    assert "<giải" not in digest.text  # escaped
    assert len(digest.buttons) == 3


def test_quarter_end_digest_fits_a_phone_and_repeats_no_phrase() -> None:
    """26 continuous tasks without their quarter report, a few overdue and coordinated ones."""
    lead = tuple(item(i, 14, Bucket.report, code=f"I.{i}", label="Quý IV/2025") for i in range(1, 27))
    lead += tuple(item(100 + i, -i, Bucket.overdue, code=f"II.{i}") for i in range(1, 6))
    coord = tuple(item(200 + i, 2, Bucket.upcoming, code=f"IV.{i}") for i in range(1, 9))
    due = OfficialDue(recipient(1, VP), lead=lead, coordinating=coord)
    digest = render_daily(due, DAY, official_id=1, chat_id=1001)
    assert digest is not None
    lines = digest.text.split("\n")
    assert len(lines) <= MAX_LINES, lines
    assert digest.text.count("hạn báo cáo 04/12/2025") == 1
    assert "Cần báo cáo Quý IV/2025 (26)" in digest.text and "… và 23 việc khác" in digest.text
    assert "Quá hạn (5)" in digest.text and "Phối hợp (8)" in digest.text
    buttons = [b for row in digest.buttons for b in row]
    assert [b.text for b in buttons if b.action == "done"] == ["✅ Xong II.1", "✅ Xong II.2", "✅ Xong II.3"]
    assert buttons[-1].action == "period" and buttons[-1].text == "📝 Báo cáo quý"


def test_the_period_button_follows_the_reporting_unit() -> None:
    lead = (item(1, 7, Bucket.report, code="I.1", label="Tháng 11/2025"),)
    digest = render_daily(OfficialDue(recipient(1, VP), lead=lead), DAY, official_id=1, chat_id=1001)
    assert digest is not None
    assert [[b.text for b in row] for row in digest.buttons] == [["📝 Báo cáo tháng"]]


def test_tasks_assigned_in_person_come_first_and_are_marked() -> None:
    lead = tuple(item(i, -i, Bucket.overdue, code=f"II.{i}") for i in range(1, 6))
    due = OfficialDue(recipient(1, VP), lead=lead, assigned=frozenset({5}))
    digest = render_daily(due, DAY, official_id=1, chat_id=1001)
    assert digest is not None
    first = next(line for line in digest.text.split("\n") if line.startswith("• "))
    assert first.startswith("• 👤 <b>II.5</b>")


def test_deadline_phrases() -> None:
    assert deadline_phrase(item(1, 1, Bucket.upcoming)) == "hạn ngày mai 21/11/2025"
    assert deadline_phrase(item(1, -1, Bucket.overdue)) == "hạn 19/11/2025, quá 1 ngày"


def test_weekly_digest() -> None:
    tasks = [
        task_facts(1, code="I.1", due=date(2025, 11, 5), lead=(VP,)),
        task_facts(2, code="II.1", due=date(2025, 11, 19), lead=(TTPV,)),
        task_facts(3, code="II.2", due=date(2025, 12, 19), lead=(TTPV,)),
    ]
    reports = effective_reports([report_facts(3, "done", date(2025, 11, 10))])
    summary = weekly_summary(1, tasks, reports, date(2025, 11, 17))
    digest = render_weekly(
        summary,
        date(2025, 11, 17),
        official_id=9,
        chat_id=9009,
        organization_name="UBND xã Thanh Xá",
        agency_names={VP: "Văn phòng HĐND và UBND xã", TTPV: "Trung tâm Phục vụ hành chính công"},
    )
    assert digest.kind == "weekly"
    assert (
        "Tỷ lệ hoàn thành Quý IV/2025 đến nay (đã và đang thực hiện): <b>33,3%</b> (1/3 nhiệm vụ"
        in digest.text
    )
    assert "• Văn phòng HĐND và UBND xã: 1" in digest.text
    assert "Đến hạn trong tuần (1)" in digest.text and "II.1" in digest.text
    assert [(b.action, b.task_id) for row in digest.buttons for b in row] == [("card", 2), ("report", 2)]
