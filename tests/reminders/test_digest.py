"""Rendering of the digests: Vietnamese, grouped, escaped, within Telegram's limit."""

from __future__ import annotations

from datetime import date

from plans.status import effective_reports
from reminders.digest import MAX_TEXT, deadline_phrase, render_daily, render_weekly
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
        for h in ("Quá hạn (1)", "Hôm nay (1)", "Sắp đến hạn (1)", "Cần báo cáo kỳ này (1)", "Phối hợp (1)")
    ]
    assert order == sorted(order)
    assert "hạn 17/11/2025, quá 3 ngày" in text
    assert "hạn hôm nay 20/11/2025" in text
    assert "Tháng 11/2025: hạn 23/11/2025, còn 3 ngày" in text
    assert "chưa có báo cáo Quý IV/2025, hạn báo cáo 04/12/2025 (còn 14 ngày)" in text
    assert "/nhac" in text
    # buttons for the lead tasks only, a few of them
    data = [(b.action, b.task_id) for row in digest.buttons for b in row]
    assert data == [(action, task) for task in (1, 2, 3, 4) for action in ("card", "report")]
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
    assert len(digest.text) <= MAX_TEXT
    assert "… và " in digest.text and "việc khác" in digest.text
    shown = digest.text.count("• ")
    assert f"… và {200 - shown} việc khác" in digest.text
    assert "<giải" not in digest.text  # escaped
    assert len(digest.buttons) == 4


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
