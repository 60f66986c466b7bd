"""The commune's own working calendar (issue 12): /lichnghi and `planbot calendar` change it, and
the reminder pass follows it — no digest on the commune's extra day off, a digest on a make-up
Saturday, none on Mùng 1 Tết (17/02/2026) from the `holidays` package."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.cli import main
from bot.offline.harness import BotHarness
from handlers.calendar_admin import parse_day
from reminders.calendar import WorkCalendar, commune_calendar
from reminders.calendar_admin import calendar_view, set_day
from storage.db import Database
from storage.models import AuditLog, CalendarDay
from tests.support.builders import add_official, add_organization

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ADMIN, OFFICIAL = 1, 2


def _org(db: Database) -> int:
    with db.session() as s:
        org = add_organization(s, "UBND xã Thanh Xá")
        add_official(s, ADMIN, "Phạm Thị Mây", organization_id=org, agency_id=None, role="admin")
        add_official(s, OFFICIAL, "Vũ Thị Thu", organization_id=org, agency_id=None)
    return org


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/05/2026", date(2026, 5, 2)),
        ("2/5/2026", date(2026, 5, 2)),
        ("2026-05-02", date(2026, 5, 2)),
        ("02.05.2026", date(2026, 5, 2)),
        ("31/02/2026", None),
        ("mai", None),
    ],
)
def test_days_as_admins_write_them(text: str, expected: date | None) -> None:
    assert parse_day(text) == expected


def test_commune_changes_on_top_of_public_holidays() -> None:
    base = WorkCalendar()
    assert not base.is_working_day(date(2026, 2, 17))  # Mùng 1 Tết Bính Ngọ
    assert base.reason_off(date(2026, 2, 17)) is not None
    cal = commune_calendar(base, [(date(2026, 5, 4), False, "Nghỉ bù"), (date(2026, 5, 9), True, "Làm bù")])
    assert not cal.is_working_day(date(2026, 5, 4)) and cal.reason_off(date(2026, 5, 4)) == "Nghỉ bù"
    assert cal.is_working_day(date(2026, 5, 9))  # a Saturday worked
    assert base.is_working_day(date(2026, 5, 4)) and not base.is_working_day(date(2026, 5, 9))
    assert cal.working_days_between(date(2026, 5, 1), date(2026, 5, 11)) == 6
    # 1/5 public holiday; 4/5 commune's day off; working: 5, 6, 7, 8 (Tue–Fri), 9 (Sat worked), 11 (Mon)


async def test_admin_changes_the_calendar_in_the_bot(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    org = _org(db)
    async with harness_factory() as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = (await h.send(admin, "/lichnghi"))[-1]
        assert "Lịch làm việc từ 20/11/2025" in shown.text
        assert "Tết" in shown.text  # the public holidays of the next 120 days (Tết Dương lịch 01/01/2026)
        done = (await h.send(admin, "/lichnghi nghi 24/11/2025 Nghỉ bù ngày hội"))[-1]
        assert "Đã ghi Thứ Hai 24/11/2025 là ngày nghỉ" in done.text
        await h.send(admin, "/lichnghi lam 29/11/2025")
        again = (await h.send(admin, "/lichnghi"))[-1]
        assert "Thứ Hai 24/11/2025 — Nghỉ bù ngày hội (của xã)" in again.text
        assert "Thứ Bảy 29/11/2025 — Làm bù" in again.text
        assert again.button_texts == ["Bỏ thay đổi 24/11/2025", "Bỏ thay đổi 29/11/2025"]
        await h.press(admin, again, "Bỏ thay đổi 29/11/2025")
        usage = (await h.send(admin, "/lichnghi nghi ngày mai"))[-1]
        assert "Cách dùng" in usage.text
        official = h.user(OFFICIAL, "Thu", "Vũ Thị")
        refused = (await h.send(official, "/lichnghi nghi 25/11/2025"))[-1]
        assert "Đã ghi" not in refused.text
        assert not h.errors
    with db.session() as s:
        rows = s.exec(select(CalendarDay).where(CalendarDay.organization_id == org)).all()
        assert [(r.day, r.working) for r in rows] == [(date(2025, 11, 24), False)]
        assert len(s.exec(select(AuditLog).where(AuditLog.action.like("calendar%"))).all()) == 3  # type: ignore[attr-defined]


def test_cli_calendar(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _org(db)
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["calendar", "add", "2026-05-04", "--off", "--note", "Nghỉ bù"]) == 0
    assert main(["calendar", "add", "2026-05-09", "--work"]) == 0
    capsys.readouterr()
    assert main(["calendar", "list", "--from", "2026-04-20", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert "2026-04-30\toff" in out and "2026-05-01\toff" in out  # Ngày Giải phóng, Quốc tế Lao động
    assert "2026-05-04\toff\tNghỉ bù  (commune)" in out and "2026-05-09\twork\tLàm bù" in out
    assert main(["calendar", "remove", "2026-05-09"]) == 0
    assert main(["calendar", "remove", "2026-05-09"]) == 2


def test_reminder_pass_follows_the_communes_calendar(db: Database) -> None:
    from plans.clock import Clock
    from reminders.dispatch import organization_snapshots
    from reminders.planning import plan_digests
    from reminders.policy import ReminderConfig
    from storage.queries.reminders import load_recipients

    org = _org(db)
    config = ReminderConfig(clock=Clock(HCM), calendar=WorkCalendar())

    def working(day: date) -> bool:
        with db.session() as s:
            snap = load_recipients(session=s, day=day)
            orgs = organization_snapshots(session=s, organization_ids={org})
        _today, is_working, _digests = plan_digests(
            snap, orgs, now=datetime(day.year, day.month, day.day, 9, tzinfo=HCM), config=config
        )
        return is_working

    assert working(date(2026, 5, 4)) and not working(date(2026, 5, 9))
    assert not working(date(2026, 2, 17))  # Mùng 1 Tết: no digest
    with db.session() as s:
        set_day(
            session=s,
            organization_id=org,
            day=date(2026, 5, 4),
            working=False,
            note="Nghỉ bù",
            actor_user_id=None,
        )
        set_day(
            session=s,
            organization_id=org,
            day=date(2026, 5, 9),
            working=True,
            note="Làm bù",
            actor_user_id=None,
        )
        view = calendar_view(
            session=s, organization_id=org, base=WorkCalendar(), start=date(2026, 5, 1), days=10
        )
    assert [d.day for d in view.days_off if d.own] == [date(2026, 5, 4)]
    assert not working(date(2026, 5, 4)) and working(date(2026, 5, 9))
