"""Authorization matrix: every command and callback × roles × objects, through the fake Bot API.

Roles: a stranger, an official of agency A (Trung tâm Phục vụ hành chính công), an official of
agency B (Phòng Văn hóa - Xã hội), a leader, an admin and a deactivated official of A. Objects: a
task only A works on (IV.1), a task only B works on (III.1), a task of another commune, officials.
Strangers and deactivated officials see nothing (no task, agency or person); refused actions change
no row. Last: the bot token never appears in a log record or an error, even while the API fails.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.logging_setup import setup_logging
from bot.offline.fake import BotMessage
from bot.offline.harness import BotHarness
from handlers.ui.callbacks import (
    AgencyAction,
    CalendarAction,
    Chart,
    ChooseTask,
    GroupAction,
    ImportDecision,
    InviteRole,
    ListPage,
    NewCard,
    OfficialAction,
    OpenCard,
    PlanAction,
    ReminderSetting,
    ReminderTime,
    SetStatus,
    StartReport,
    Submit,
)
from storage.models import Official, Task
from tests.support.authorization import (
    NO_PERMISSION,
    OTHER_TASK,
    ROLES,
    UNREGISTERED,
    USER_IDS,
    Cast,
    assert_nothing_leaked,
    full_name,
    snapshot,
    users,
    visible_text,
)
from tests.support.commune import GROUP, TTPVHCC, VHXH, VP, World


@pytest.fixture
def cast(world: World) -> Cast:
    c = Cast(world=world)
    agencies = {"official_a": TTPVHCC, "official_b": VHXH, "deactivated": TTPVHCC}
    roles = {"leader": "leader", "admin": "admin"}
    for role in ROLES[1:]:
        c.officials[role] = world.add_official(
            USER_IDS[role], full_name(role), agencies.get(role), roles.get(role, "official")
        )
    c.spare_a = world.add_official(399, "Bùi Văn Tạm", TTPVHCC)
    c.other_org_official = world.add_official(398, "Vũ Văn Khác", "other", org=world.other_org_id)
    with world.db.session() as session:
        gone = session.get(Official, c.officials["deactivated"])
        assert gone is not None
        gone.active = False
        session.add(gone)
        contents = [t.content for t in session.exec(select(Task)).all()]
    c.forbidden = [content[:24] for content in contents]
    c.forbidden += [TTPVHCC, VHXH, VP, GROUP, "Thanh Xá", "Thanh Hà", "Bùi Văn Tạm", "Vũ Văn Khác"]
    c.forbidden += [full_name(role) for role in ROLES[1:]]
    c.forbidden += [code for code in world.tasks]  # codes like "II.3"
    return c


# ---------------------------------------------------------------- commands

COMMANDS = [
    "/start",
    "/help",
    "/viec",
    "/tim tuyên truyền",
    "/xong tuyên truyền",
    "/toi",
    "/tyle",
    "/quahan",
    "/donvi",
    "/chitieu",
    "/baocao",
    "/nhac",
    "/moi",
    "/canbo",
    "/kehoach",
    "/lichnghi",
    "/nhom",
    "/truongdonvi",
    "/huy",
]
ADMIN_ONLY = {"/moi", "/canbo", "/kehoach", "/lichnghi", "/nhom", "/truongdonvi"}
LEADERS: set[str] = set()  # /baocao: the report file for leaders, the period report for officials


@pytest.mark.parametrize("role", ROLES)
async def test_commands_by_role(role: str, cast: Cast, harness_factory: Callable[..., BotHarness]) -> None:
    world = cast.world
    async with harness_factory() as h:
        user = users(h)[role]
        for command in COMMANDS:
            before = snapshot(world)
            replies = await h.send(user, command)
            if command.startswith("/xong"):
                replies += await h.send(user, "/huy")  # leave the conversation the command may open
            text = visible_text(replies)
            assert replies, f"{role} got no answer to {command}"
            assert OTHER_TASK not in text, (role, command)  # nobody sees another commune's task
            if role in UNREGISTERED:
                assert_nothing_leaked(cast, text, f"{role} {command}")
                if command not in ("/help",):
                    assert "chỉ dành cho cán bộ" in text, (role, command, text)
            elif (command in ADMIN_ONLY and role != "admin") or (
                command in LEADERS and role not in ("leader", "admin")
            ):
                assert NO_PERMISSION in text, (role, command, text)
            after = snapshot(world)
            if command != "/nhac":  # /nhac records that the user can be reached: own row only
                assert after == before, (role, command)
            _check_command(role, command, replies, cast)
        assert not h.errors, h.errors


def _check_command(role: str, command: str, replies: list[BotMessage], cast: Cast) -> None:
    text = visible_text(replies)
    buttons = [b.callback_data or "" for m in replies for b in m.all_buttons]
    if command == "/viec":
        if role == "official_a":
            assert "IV.1" in text and "III.1" not in text
        elif role == "official_b":
            assert "III.1" in text and "IV.1" not in text
        elif role in ("leader", "admin"):
            assert "IV.1" in text and "III.1" in text
    if command == "/tim tuyên truyền":
        third = OpenCard(cast.world.tasks["III.1"]).data()
        if role in ("official_b", "leader", "admin"):
            assert third in buttons, (role, buttons)
        else:
            assert third not in buttons, (role, buttons)
    if command in ("/moi", "/canbo", "/truongdonvi") and role == "admin":
        other = cast.world.agencies["other"]
        assert buttons and all(not b.endswith(f":{other}") for b in buttons), buttons
    if command in ("/kehoach", "/nhom") and role == "admin":
        assert all(not b.endswith(f":{cast.world.agencies['other']}") for b in buttons), buttons
    if command == "/baocao" and role in ("leader", "admin"):
        assert any(m.document is not None for m in replies)
    if command == "/baocao" and role in ("official_a", "official_b"):
        assert "Báo cáo Quý" in text and NO_PERMISSION not in text, (role, text)


# ---------------------------------------------------------------- callbacks


@dataclass
class Press:
    name: str
    data: str
    allowed: set[str]  # roles that may do it
    changes: bool = False  # an allowed press changes rows


def presses(cast: Cast) -> list[Press]:
    w = cast.world
    task_a, task_b, other = w.tasks["IV.1"], w.tasks["III.1"], w.other_task_id
    agency_a, other_agency = w.agencies[TTPVHCC], w.agencies["other"]
    registered = {"official_a", "official_b", "leader", "admin"}
    return [
        Press("card A", OpenCard(task_a).data(), {"official_a", "leader", "admin"}),
        Press("card B", OpenCard(task_b).data(), {"official_b", "leader", "admin"}),
        Press("card other org", OpenCard(other).data(), set()),
        Press("new card A", NewCard(task_a).data(), {"official_a", "leader", "admin"}),
        Press("new card other org", NewCard(other).data(), set()),
        Press("page", ListPage(0).data(), registered),
        Press("report A", StartReport(task_a).data(), {"official_a", "admin"}),
        Press("report B", StartReport(task_b).data(), {"official_b", "admin"}),
        Press("report other org", StartReport(other).data(), set()),
        Press("status without a conversation", SetStatus("done").data(), set()),
        Press("summary without a conversation", Submit().data(), set()),
        Press("invite: agency A", AgencyAction("m", agency_a).data(), {"admin"}),
        Press("officials of A", AgencyAction("c", agency_a).data(), {"admin"}),
        Press("invite A official", InviteRole(agency_a, "o").data(), {"admin"}, changes=True),
        Press("invite other org admin", InviteRole(other_agency, "a").data(), set()),
        Press("ask to deactivate", OfficialAction("d", cast.spare_a).data(), {"admin"}),
        Press("deactivate other org", OfficialAction("dy", cast.other_org_official).data(), set()),
        Press("deactivate self", OfficialAction("dy", cast.officials["admin"]).data(), set()),
        Press("deactivate A official", OfficialAction("dy", cast.spare_a).data(), {"admin"}, changes=True),
        Press("keep", OfficialAction("dn", cast.spare_a).data(), {"admin"}),
        Press("chart of A", Chart("2025-Q3", agency_a).data(), registered),
        Press("chart of other org", Chart("2025-Q3", other_agency).data(), registered),
        Press("reminders off", ReminderSetting("off").data(), registered, changes=True),
        Press("reminder time", ReminderTime("0730").data(), registered, changes=True),
        Press("forged import", ImportDecision("save", "AAAAAAAAAAAA").data(), set()),
        Press("ask to close the plan", PlanAction("c", w.plan_id).data(), {"admin"}),
        Press("keep the plan", PlanAction("n", w.plan_id).data(), {"admin"}),
        Press("close other org's plan", PlanAction("cy", w.plan_id + 1000).data(), set()),
        Press("group of other org", GroupAction("s", other_agency).data(), set()),
        Press("add member across orgs", GroupAction("a", agency_a, other_agency).data(), set()),
        Press("calendar change removed", CalendarAction("x", "2025-11-24").data(), {"admin"}),
        Press("unknown", "zz:1", set()),
    ]


@pytest.mark.parametrize("role", ROLES)
async def test_callbacks_by_role(role: str, cast: Cast, harness_factory: Callable[..., BotHarness]) -> None:
    world = cast.world
    async with harness_factory() as h:
        user = users(h)[role]
        [anchor] = await h.send(user, "/help")  # a message of the bot to press buttons on
        for press in presses(cast):
            before = snapshot(world)
            replies = await h.press_data(user, anchor.message_id, press.data)
            answer = h.last_answer
            assert answer is not None, f"{role}: {press.name} was never answered (spinner)"
            if press.data.startswith("p:s:"):
                replies += await h.send(user, "/huy")
            text = visible_text(replies, answer)
            after = snapshot(world)
            allowed = role in press.allowed
            what = f"{role}: {press.name} ({press.data})"
            assert OTHER_TASK not in text, what
            assert "Vũ Văn Khác" not in text, what
            if role in UNREGISTERED:
                assert_nothing_leaked(cast, text, what)
            if not allowed:
                assert after == before, f"{what} changed rows"
                if press.data.startswith(("t:c:", "t:n:", "p:s:", "a:")) and role not in UNREGISTERED:
                    assert NO_PERMISSION in text, (what, text)
            elif not press.changes:
                assert after == before, f"{what} changed rows"
            _check_allowed(role, press, replies, text, before, after, cast) if allowed else None
        assert not h.errors, h.errors


def _check_allowed(
    role: str,
    press: Press,
    replies: list[BotMessage],
    text: str,
    before: tuple[int, int, list[tuple[Any, ...]]],
    after: tuple[int, int, list[tuple[Any, ...]]],
    cast: Cast,
) -> None:
    what = f"{role}: {press.name}"
    assert NO_PERMISSION not in text, (what, text)
    if press.data.startswith(("t:c:", "t:n:")):
        assert "Chủ trì" in text, (what, text)
    if press.name == "invite A official":
        assert after[1] == before[1] + 1 and "https://t.me/" in text
    if press.name == "deactivate A official":
        spare = [o for o in after[2] if o[0] == cast.spare_a]
        assert spare and spare[0][1] is False
    if press.name == "chart of other org":
        # The button is re-authorised: never a chart of the other commune's agency.
        assert "Thanh Hà" not in text, (what, text)
    if press.name == "chart of A" and role == "official_b":
        assert TTPVHCC not in text, (what, text)


# ---------------------------------------------------------------- free text and forged IDs


@pytest.mark.parametrize("role", ["stranger", "deactivated"])
async def test_free_text_and_questions_reveal_nothing(
    role: str, cast: Cast, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        user = users(h)[role]
        for text in ("so hoa ho so", "II.3", "tỷ lệ hoàn thành quý này?", "việc quá hạn của Phòng Văn hóa"):
            replies = await h.send(user, text)
            assert replies
            assert_nothing_leaked(cast, visible_text(replies), f"{role} {text!r}")
        assert not h.errors


async def test_official_b_cannot_report_on_a_task_of_a_through_the_conversation(
    cast: Cast, harness_factory: Callable[..., BotHarness]
) -> None:
    """Typing A's code in /xong, or forging the task button inside the conversation, is refused."""
    before = snapshot(cast.world)
    async with harness_factory() as h:
        hung = users(h)["official_b"]
        replies = await h.send(hung, "/xong IV.1")
        assert "Không tìm thấy nhiệm vụ nào bạn được báo cáo" in visible_text(replies)
        replies = await h.send(hung, "tuyên truyền")  # B's own task: the choice buttons appear
        assert ChooseTask(cast.world.tasks["III.1"]).data() in [
            b.callback_data for b in replies[-1].all_buttons
        ]
        replies = await h.press_data(hung, replies[-1].message_id, f"p:t:{cast.world.tasks['IV.1']}")
        assert NO_PERMISSION in visible_text(replies, h.last_answer)
        await h.send(hung, "/huy")
        assert not h.errors
    assert snapshot(cast.world) == before


# ---------------------------------------------------------------- the token


async def test_token_never_in_logs_or_errors(
    cast: Cast, harness_factory: Callable[..., BotHarness], tmp_path: Path
) -> None:
    stream = io.StringIO()
    async with harness_factory() as h:
        token = h.tg.token
        setup_logging("DEBUG", secrets=[token])  # as `planbot run` configures it
        root = logging.getLogger()
        capture = logging.StreamHandler(stream)
        capture.setFormatter(root.handlers[0].formatter)
        for log_filter in root.handlers[0].filters:
            capture.addFilter(log_filter)
        root.addHandler(capture)
        records: list[logging.LogRecord] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                records.append(record)

        root.addHandler(Keep(logging.DEBUG))
        lan = users(h)["official_a"]
        for fault in ("500", "502", "reset", "429"):
            h.tg.fail_next("sendMessage", error=fault)
            await h.send(lan, "/viec")
        h.tg.fail_next("getUpdates", error="500")
        h.tg.fail_next("answerCallbackQuery", error="reset")
        [anchor] = await h.send(lan, "/help")
        await h.press_data(lan, anchor.message_id, f"t:c:{cast.world.tasks['IV.1']}:0")
        replies = await h.send(lan, "/toi")
        assert replies, "the bot answers again after the faults"
        errors = [repr(e) + str(e) for e in h.errors]
    for handler in root.handlers[:]:
        handler.flush()
    logged = stream.getvalue()
    assert logged, "the run logged nothing: the capture is broken"
    assert token not in logged
    assert token.split(":", 1)[1] not in logged
    for error in errors:
        assert token not in error
    for record in records:
        # Records as handlers see them after the project's filter (the message) ...
        assert token not in record.getMessage(), record.name
    for message in h.tg.messages_to(lan):
        assert token not in message.body
