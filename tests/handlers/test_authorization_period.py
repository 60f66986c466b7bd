"""Authorization of the period report (/baocaoky, /baocao for officials, the "pr:" buttons) and of a
report's file on the card: who may start, what they are asked, and that forged presses change
nothing (tests/support/authorization.py's helpers)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlmodel import select

from bot.offline.harness import BotHarness
from handlers.ui.callbacks_period import (
    PeriodCancel,
    PeriodDoc,
    PeriodEdit,
    PeriodNoDoc,
    PeriodStatus,
    PeriodSubmit,
    QuickDone,
    ReportAttachment,
)
from plans.period_report import period_tasks
from plans.periods import PeriodPolicy, quarter
from plans.progress import submit_report
from storage.models import Official, ProgressReport
from tests.support.authorization import NAMES, NO_PERMISSION, USER_IDS, full_name, snapshot, visible_text
from tests.support.commune import TTPVHCC, VHXH, World

Q4 = quarter(2025, 4)
TODAY = date(2025, 11, 20)


@pytest.fixture
def people(world: World) -> dict[str, int]:
    ids = {
        "official_a": world.add_official(USER_IDS["official_a"], full_name("official_a"), TTPVHCC),
        "official_b": world.add_official(USER_IDS["official_b"], full_name("official_b"), VHXH),
        "leader": world.add_official(USER_IDS["leader"], full_name("leader"), None, "leader"),
        "deactivated": world.add_official(USER_IDS["deactivated"], full_name("deactivated"), TTPVHCC),
        "other": world.add_official(398, "Vũ Văn Khác", "other", org=world.other_org_id),
    }
    with world.db.session() as session:
        gone = session.get(Official, ids["deactivated"])
        assert gone is not None
        gone.active = False
        session.add(gone)
    return ids


def _codes(world: World, official_id: int) -> list[str]:
    with world.db.session() as session:
        official = session.get(Official, official_id)
        assert official is not None
        tasks = period_tasks(
            session=session, official=official, period=Q4, today=TODAY, policy=PeriodPolicy()
        )
        return [t.code for t in tasks]


def test_each_official_is_asked_only_the_tasks_they_may_report(world: World, people: dict[str, int]) -> None:
    a, b = _codes(world, people["official_a"]), _codes(world, people["official_b"])
    assert "II.1" in a and "IV.1" in a and "III.1" not in a
    assert "III.1" in b and "IV.1" not in b
    assert _codes(world, people["deactivated"]) == []
    other = _codes(world, people["other"])  # another commune's official: only their commune's task
    assert not set(other) & set(world.tasks)


@pytest.mark.parametrize("command", ["/baocaoky", "/baocao"])
async def test_who_may_start_the_period_report(
    command: str, world: World, people: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        for role in ("stranger", "deactivated"):
            text = visible_text(await h.send(h.user(USER_IDS[role], *NAMES[role]), command))
            assert "chỉ dành cho cán bộ" in text and "II.1" not in text, (role, text)
        text = visible_text(await h.send(h.user(USER_IDS["official_a"], *NAMES["official_a"]), command))
        assert "Báo cáo Quý IV/2025" in text and NO_PERMISSION not in text
        assert not h.errors


async def test_forged_presses_without_a_sitting_change_nothing(
    world: World, people: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    task_b = world.tasks["III.1"]
    forged = [
        PeriodStatus(task_b, "done").data(),
        PeriodDoc(task_b, 0).data(),
        PeriodNoDoc(task_b).data(),
        PeriodSubmit().data(),
        PeriodEdit(0).data(),
        PeriodEdit(task_b).data(),
        PeriodCancel().data(),
    ]
    async with harness_factory() as h:
        before = snapshot(world)
        for role in ("stranger", "deactivated", "official_a", "leader"):
            user = h.user(USER_IDS[role], *NAMES[role])
            [hint] = await h.send(user, "/help")
            for data in forged:
                text = visible_text(await h.press_data(user, hint.message_id, data), h.last_answer)
                assert "III.1" not in text, (role, data, text)
        # "✅ Xong" on another agency's task: refused; on one's own: the document step.
        a = h.user(USER_IDS["official_a"], *NAMES["official_a"])
        [hint] = await h.send(a, "/help")
        refused = await h.press_data(a, hint.message_id, QuickDone(task_b).data())
        assert NO_PERMISSION in visible_text(refused, h.last_answer)
        [docs] = await h.press_data(a, hint.message_id, QuickDone(world.tasks["II.1"]).data())
        assert "Tình trạng: Đã thực hiện" in docs.text
        assert snapshot(world) == before
        assert not h.errors


async def test_gui_re_authorises_every_task(
    world: World, people: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        a = h.user(USER_IDS["official_a"], *NAMES["official_a"])
        [question] = await h.send(a, "/baocaoky")
        message = question
        for _ in range(20):
            if "Xác nhận báo cáo" in message.text:
                break
            replies = await h.press(a, message, "Bỏ qua")
            message = replies[-1]
        [menu] = await h.press(a, message, "Sửa")
        [_, again] = await h.press(a, menu, "II.1")
        [docs] = await h.press(a, again, "Đang thực hiện")
        [_, summary] = await h.press(a, docs, "Không có văn bản")
        # The official leaves before pressing Gửi: nothing is stored.
        with world.db.session() as session:
            official = session.get(Official, people["official_a"])
            assert official is not None
            official.active = False
            session.add(official)
        await h.press(a, summary, "Gửi")
        with world.db.session() as session:
            assert session.exec(select(ProgressReport)).all() == []
        assert not h.errors


async def test_a_reports_file_goes_only_to_those_who_see_the_task(
    world: World, people: dict[str, int], harness_factory: Callable[..., BotHarness]
) -> None:
    with world.db.session() as session:
        result = submit_report(
            session=session,
            telegram_user_id=USER_IDS["official_a"],
            task_id=world.tasks["IV.1"],
            status="done",
            reported_on=TODAY,
            period=Q4,
            attachment={"file_id": "FILE-REPORT", "name": "bc.pdf", "size": 10},
        )
    assert result.report_id is not None
    data = ReportAttachment(result.report_id).data()
    async with harness_factory() as h:
        for role, user_id in [
            ("official_b", USER_IDS["official_b"]),  # IV.1 is not the Phòng's
            ("other", 398),
            ("stranger", USER_IDS["stranger"]),
            ("deactivated", USER_IDS["deactivated"]),
        ]:
            user = h.user(user_id, "X")
            [hint] = await h.send(user, "/help")
            assert await h.press_data(user, hint.message_id, data) == [], role
            assert NO_PERMISSION in str((h.last_answer or {}).get("text")), role
        assert not h.errors
