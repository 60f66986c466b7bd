"""Group agencies end to end (issue 19): /nhom shows and sets a group's members; an official of a
member agency then gets the group's tasks; until then the admin's digest lists them as "chưa có
người phụ trách"; `planbot agency members` does the same from the command line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.cli import main
from bot.offline.harness import BotHarness
from bot.runtime.sender import TelegramSender
from plans.clock import Clock
from plans.periods import PeriodPolicy
from plans.snapshot import clear
from plans.tasks import Today, task_list
from reminders.dispatch import organization_snapshots, run_reminders
from reminders.planning import plan_digests
from reminders.policy import ReminderConfig
from storage.db import Database
from storage.models import AgencyGroupMember, Official
from storage.queries.reminders import load_recipients
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ADMIN, OFFICIAL, STRANGER = 1, 2, 3
GROUP = "Các công chức chuyên môn thuộc UBND xã"
TP = "Công chức Tư pháp - Hộ tịch"


def _commune(db: Database) -> dict[str, int]:
    with db.session() as s:
        org = add_organization(s, "UBND xã Thanh Xá")
        group = add_agency(s, org, GROUP, is_group=True)
        tp = add_agency(s, org, TP)
        vh = add_agency(s, org, "Công chức Văn hóa - Xã hội")
        plan = add_plan(s, org, "Kế hoạch kiểm soát TTHC năm 2025", year=2025)
        task = add_task(
            s,
            plan,
            "II.1",
            "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết",
            lead=[group],
            kind="task",
            level=2,
            deadline_kind="date",
            deadline_due=date(2025, 11, 21),
            deadline_text="Chậm nhất ngày 21/11/2025",
        )
        add_official(s, ADMIN, "Phạm Thị Mây", organization_id=org, agency_id=None, role="admin")
        add_official(s, OFFICIAL, "Vũ Thị Thu", organization_id=org, agency_id=tp)
        other = add_organization(s, "UBND xã Bên Cạnh")
        add_official(s, STRANGER, "Trần Văn Lạ", organization_id=other, agency_id=None, role="admin")
    return {"org": org, "group": group, "tp": tp, "vh": vh, "task": task}


def _admin_digest(db: Database, org: int, day: date) -> str:
    clear()
    with db.session() as s:
        snap = load_recipients(session=s, day=day)
        orgs = organization_snapshots(session=s, organization_ids={org})
    _today, _working, digests = plan_digests(
        snap,
        orgs,
        now=datetime(day.year, day.month, day.day, 9, tzinfo=HCM),
        config=ReminderConfig(clock=Clock(HCM)),
    )
    return "\n".join(d.text for d in digests if d.official_id == 1)


async def test_admin_sets_the_members_of_a_group(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    ids = _commune(db)
    day = date(2025, 11, 20)  # II.1 is due tomorrow
    digest = _admin_digest(db, ids["org"], day)
    assert "Chưa có người phụ trách (1)" in digest and "II.1" in digest
    with db.session() as s:
        official = s.exec(select(Official).where(Official.telegram_user_id == OFFICIAL)).one()
        assert task_list(session=s, official=official, today=Today(day, PeriodPolicy())).lines == []

    async with harness_factory() as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        shown = (await h.send(admin, "/nhom"))[-1]
        assert f"{GROUP}: chưa có thành viên" in shown.text
        group = (await h.press(admin, shown, GROUP))[-1]
        assert "▫️ " + TP in group.button_texts
        after = (await h.press(admin, group, "▫️ " + TP))[-1]
        assert "✅ " + TP in h.tg.message(after.chat_id, after.message_id).button_texts
        # a stranger's press on the same buttons changes nothing
        stranger = h.user(STRANGER, "Lạ", "Trần Văn")
        own = (await h.send(stranger, "/nhom"))[-1]
        await h.press_data(stranger, own.message_id, f"a:gr:r:{ids['group']}:{ids['tp']}")
        assert not h.errors
    with db.session() as s:
        assert [(m.group_id, m.member_id) for m in s.exec(select(AgencyGroupMember)).all()] == [
            (ids["group"], ids["tp"])
        ]
        clear()
        lines = task_list(session=s, official=official, today=Today(day, PeriodPolicy())).lines
        assert [line.code for line in lines] == ["II.1"]  # the member's official acts for the group
    assert "Chưa có người phụ trách" not in _admin_digest(db, ids["org"], day)


def test_cli_agency_members(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _commune(db)
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["agency", "members", "--org", "Thanh Xá"]) == 0
    assert f"{GROUP}: (no members: nobody responsible)" in capsys.readouterr().out
    assert (
        main(["agency", "members", "chuyên môn", "--org", "Thanh Xá", "--add", "tư pháp", "--add", "văn hóa"])
        == 0
    )
    assert (
        capsys.readouterr().out.strip() == f"{GROUP}: Công chức Tư pháp - Hộ tịch; Công chức Văn hóa - Xã hội"
    )
    assert main(["agency", "members", "chuyên môn", "--org", "Thanh Xá", "--remove", "van hoa"]) == 0
    assert capsys.readouterr().out.strip() == f"{GROUP}: {TP}"
    assert main(["agency", "members", "chuyên môn", "--org", "Thanh Xá", "--add", "không có"]) == 2


async def test_the_admins_digest_through_the_bot_names_the_groups_without_members(
    harness_factory: Callable[..., BotHarness], db: Database
) -> None:
    """The digest as the admin receives it in Telegram, before and after the group gets a member."""
    _commune(db)
    async with harness_factory() as h:
        admin = h.user(ADMIN, "Mây", "Phạm Thị")
        official = h.user(OFFICIAL, "Thu", "Vũ Thị")
        assert h.settings is not None
        config = h.settings.reminder_config(Clock(HCM))
        sender = TelegramSender(h.application.bot)
        before = await run_reminders(
            db=db, sender=sender, config=config, now=datetime(2025, 11, 20, 9, tzinfo=HCM)
        )
        assert before.sent >= 1
        digest = h.messages(admin)[-1].text or ""
        assert "Chưa có người phụ trách (1)" in digest and "II.1" in digest
        assert not h.messages(official)  # nobody acts for the group yet

        shown = (await h.send(admin, "/nhom"))[-1]
        group = (await h.press(admin, shown, GROUP))[-1]
        await h.press(admin, group, "▫️ " + TP)
        clear()
        await run_reminders(db=db, sender=sender, config=config, now=datetime(2025, 11, 21, 9, tzinfo=HCM))
        assert "II.1" in (h.messages(official)[-1].text or "")  # due today, to the member's official
        assert all("Chưa có người phụ trách" not in (m.text or "") for m in h.messages(admin)[-1:])
        assert not h.errors
