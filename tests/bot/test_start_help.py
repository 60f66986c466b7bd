"""/start and /help end to end: the real Application polling the fake Bot API over HTTP."""

from __future__ import annotations

from collections.abc import Callable

from bot.app import COMMANDS
from bot.offline.harness import BotHarness
from handlers.menus import menu_for
from handlers.ui.texts import STRANGER_TEXT
from storage.models import Official, Role
from storage.queries.officials import official_by_telegram_id

ADMIN_ID = 1001


async def test_admin_from_settings_is_welcomed_in_vietnamese(
    harness_factory: Callable[..., BotHarness],
) -> None:
    async with harness_factory(admin_ids=[ADMIN_ID]) as h:
        admin = h.user(ADMIN_ID, "Lan", "Nguyễn Thị", username="lan_nt")
        replies = await h.send(admin, "/start")

        assert len(replies) == 1
        assert replies[0].text is not None
        assert replies[0].text.startswith("Xin chào Lan Nguyễn Thị!")
        assert "/viec" in replies[0].text
        assert replies[0].parse_mode == "HTML"
        assert "<b>Lan Nguyễn Thị</b>" in (replies[0].html or "")
        official = h.db.call(official_by_telegram_id, telegram_user_id=ADMIN_ID)
        assert isinstance(official, Official)
        assert official.role == Role.admin
        assert official.chat_id == ADMIN_ID
        assert not h.errors


async def test_stranger_gets_the_invite_explanation_and_nothing_else(harness: BotHarness) -> None:
    stranger = harness.user(2002, "Khách")
    replies = await harness.send(stranger, "/start")

    assert [m.text for m in replies] == [STRANGER_TEXT]
    assert "đường dẫn mời" in STRANGER_TEXT
    assert harness.db.call(official_by_telegram_id, telegram_user_id=2002) is None


async def test_help_lists_the_vietnamese_commands(harness: BotHarness) -> None:
    user = harness.user(3003, "Minh")
    replies = await harness.send(user, "/help")

    assert len(replies) == 1
    text = replies[0].text or ""
    assert text.startswith("planbot — trợ lý theo dõi kế hoạch và tiến độ")
    for phrase in ("/viec", "/tim <từ khoá>", "/xong", "/tyle", "/huy"):
        assert phrase in text
    # What was sent is valid Telegram HTML (the fake refuses anything else with a 400).
    assert [c.error for c in harness.tg.calls_to("sendMessage")] == [None]


async def test_set_my_commands_registers_vietnamese_descriptions(harness: BotHarness) -> None:
    calls = harness.tg.calls_to("setMyCommands")
    assert len(calls) == 1
    assert calls[0].error is None
    sent = {c["command"]: c["description"] for c in calls[0].params["commands"]}
    # The default scope has the official's menu (handlers/menus.py); leaders' and admins' differ.
    assert sent == {c.command: c.description for c in menu_for("official", COMMANDS)}
    assert "moi" not in sent
    assert sent["xong"] == "Báo cáo tiến độ nhiệm vụ"
    assert sent["viec"] == "Việc của đơn vị tôi"
    # Startup order as with real Telegram: getMe, setMyCommands, deleteWebhook, then polling.
    assert await harness.tg.wait_until(lambda: bool(harness.tg.calls_to("getUpdates")))
    methods = [c.method for c in harness.tg.calls]
    assert methods[:4] == ["getMe", "setMyCommands", "deleteWebhook", "getUpdates"]


async def test_start_survives_a_restart(harness_factory: Callable[..., BotHarness]) -> None:
    async with harness_factory(admin_ids=[ADMIN_ID]) as h:
        admin = h.user(ADMIN_ID, "Lan")
        await h.send(admin, "/start")
        await h.restart()
        replies = await h.send(admin, "/help")
        assert len(replies) == 1
        assert len(h.tg.calls_to("getMe")) == 2
