"""Hostile input end to end: long messages, HTML/Markdown injection, NFD, emoji, RTL, null bytes, huge commands.

The bot always answers, no handler fails (h.errors stays empty) and every call the bot made passed the
fake Bot API's checks (HTML entities, 4096-character limit): a 400 would show as an error on the call.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from bot.offline.fake import BotMessage, FakeUser
from bot.offline.harness import BotHarness
from storage.models import DeadlineKind
from tests.support.commune import TTPVHCC, World, task_row

INJECTION = (
    '<b>Đậm</b> </code> <a href="https://evil.example/?a=1&b=2">bấm</a> &amp; &lt;i&gt; *sao* _gạch_ '
    "`mã` [liên kết](https://evil.example) <script>alert(1)</script> </pre> <tg-spoiler>"
)
RTL = "\u202eمرحبا بالعالم שלום עולם\u202c"
EMOJI = "👍🏽🇻🇳🔥 số hóa 🙏 hồ sơ 😀"


def _check_calls(h: BotHarness, since: int, what: str) -> None:
    failed = [(c.method, c.error) for c in h.tg.calls[since:] if c.error and c.method != "getUpdates"]
    assert not failed, f"{what}: the Bot API refused {failed}"
    assert not h.errors, f"{what}: {h.errors!r}"


async def say(h: BotHarness, user: FakeUser, text: str) -> list[BotMessage]:
    since = len(h.tg.calls)
    replies = await h.send(user, text)
    assert replies, f"silence after {text[:60]!r}"
    _check_calls(h, since, repr(text[:60]))
    for reply in replies:
        assert len(reply.text) <= 4096
    return replies


async def tap(h: BotHarness, user: FakeUser, message: BotMessage, button: str) -> list[BotMessage]:
    since = len(h.tg.calls)
    replies = await h.press(user, message, button)
    _check_calls(h, since, f"button {button!r}")
    return replies


@pytest.fixture
def hostile_world(world: World) -> World:
    """A task whose content, product and deadline carry HTML and Markdown, led by the Trung tâm."""
    with world.db.session() as session:
        world.tasks["V.1"] = task_row(
            session,
            world.plan_id,
            "V.1",
            "Công khai thủ tục " + INJECTION,
            99,
            lead=[world.agencies[TTPVHCC]],
            deadline_text="Trước ngày 30/9/2025 <i>gấp</i> & </b>",
            kind=DeadlineKind.unknown,
            product="Báo cáo <b>kết quả</b> & [sản phẩm](x)",
            targets=[{"metric": "hồ sơ <b>đúng hạn</b> & trực tuyến", "min_percent": 80.0}],
        )
    world.add_official(101, "Nguyễn <b>Thị</b> & Lan </code>", TTPVHCC)
    world.add_official(102, "Phạm Thị Mây", None, role="leader")
    return world


async def test_injection_in_task_content_is_escaped_everywhere(
    hostile_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan <b>", "Nguyễn </code>")
        replies = await say(h, lan, "/start")
        assert "Nguyễn <b>Thị</b> & Lan </code>" in replies[0].text  # shown literally, not as markup
        [listing] = await say(h, lan, "/viec")
        assert "V.1" in listing.text
        # Page to the task and open its card: content, deadline, product and target shown literally.
        while "V.1" not in listing.button_texts:
            [listing] = await tap(h, lan, listing, "▶")
        button = next(b for b in listing.all_buttons if b.text == "V.1")
        assert button.callback_data is not None
        [card] = await h.press_data(lan, listing.message_id, button.callback_data)
        assert "<b>Đậm</b>" in card.text and "</code>" in card.text and "&amp;" in card.text
        assert "<script>alert(1)</script>" in card.text
        assert "Báo cáo <b>kết quả</b> & [sản phẩm](x)" in card.text
        assert card.html is not None and "<script>" not in card.html  # escaped on the wire
        # Search and the progress conversation echo the content too.
        [found] = await say(h, lan, "/tim công khai thủ tục đậm")
        assert any(b.text.startswith("V.1") for b in found.all_buttons)
        replies = await tap(h, lan, card, "Báo cáo tiến độ")
        assert "<b>Đậm</b>" in replies[-1].text
        await tap(h, lan, replies[-1], "Đang thực hiện")
        replies = await say(h, lan, "Kế hoạch số 23/KH-UBND ngày 15/8/2025 " + INJECTION)
        assert "23/KH-UBND" in replies[-1].text
        await say(h, lan, "/huy")
        leader = h.user(102, "Mây", "Phạm Thị")
        await say(h, leader, "/quahan")
        await say(h, leader, "/chitieu")
        await say(h, leader, "tỷ lệ hoàn thành quý này?")


HOSTILE_TEXTS = [
    INJECTION,
    "<b>",
    "</code>",
    '<a href="javascript:alert(1)">x</a>',
    "&amp; &lt; &#x41; &bogus;",
    "**đậm** __nghiêng__ `mã` ```khối```",
    RTL,
    EMOJI,
    "số hóa\x00hồ sơ\x00",
    "\x00",
    "\u200b\u200c\ufeff",
    "ư" * 4096,
    ("Số hóa hồ sơ <b>& " * 400)[:4096],
    "/tim " + INJECTION,
    "/tim " + ("<i>&" * 1400)[:4091],
    "/xong " + INJECTION,
    "/tyle " + INJECTION,
    "/baocao </code>",
    "/start " + INJECTION,
    "/start " + "A" * 4000,
]


async def test_hostile_user_text_gets_a_valid_answer(
    hostile_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    # One harness for every text (fast); `say` names the text that failed.
    async with harness_factory() as h:
        for text in HOSTILE_TEXTS:
            for user in (h.user(101, "Lan"), h.user(102, "Mây"), h.user(555, "Người <b>lạ</b>")):
                await say(h, user, text)
                await say(h, user, "/huy")
        await say(h, h.user(101, "Lan"), "/toi")  # still answering afterwards


async def test_user_text_injected_into_the_progress_conversation(
    hostile_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        await say(h, lan, "/capnhat " + INJECTION)  # no task matches: the text is echoed, escaped
        replies = await say(h, lan, "II.3")  # an exact code: the card at once
        replies = await tap(h, lan, replies[-1], "Chưa thực hiện")
        replies = await say(h, lan, "Khó khăn: " + INJECTION)  # the reason
        replies = await say(h, lan, "không nhớ số văn bản " + INJECTION)  # unparsable: kept as a note?
        assert "<b>Đậm</b>" in replies[-1].text
        replies = await tap(h, lan, replies[-1], "Lưu làm ghi chú")
        replies = await say(h, lan, "bỏ qua")  # attachment
        replies = await say(h, lan, "<b>61,3</b>%")  # the KPI value with markup around it
        assert not h.errors


async def test_nfd_vietnamese_behaves_like_nfc(
    hostile_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        may = h.user(102, "Mây")
        for user, text in (
            (lan, "/tim số hóa hồ sơ"),
            (lan, "số hóa hồ sơ"),
            (lan, "/xong số hóa hồ sơ"),
            (may, "tỷ lệ hoàn thành quý này?"),
            (may, "/tyle quý này"),
        ):
            nfc_replies = await say(h, user, unicodedata.normalize("NFC", text))
            await say(h, user, "/huy")
            nfd_replies = await say(h, user, unicodedata.normalize("NFD", text))
            await say(h, user, "/huy")
            assert [m.text for m in nfd_replies] == [m.text for m in nfc_replies], text
            assert [m.button_texts for m in nfd_replies] == [m.button_texts for m in nfc_replies], text


@pytest.mark.parametrize(
    "command", ["/tim", "/xong", "/tyle", "/baocao", "/moi", "/canbo", "/viec", "/start"]
)
async def test_command_with_a_thousand_arguments(
    command: str, hostile_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    args = " ".join(f"đối{i}" if i % 3 else "<b>&" for i in range(1000))
    async with harness_factory(admin_ids=[777]) as h:
        for user in (h.user(101, "Lan"), h.user(777, "Quản trị")):
            await say(h, user, f"{command} {args}")
            await say(h, user, "/huy")


async def test_emoji_rtl_and_null_bytes_in_search_still_find_the_task(
    hostile_world: World, harness_factory: Callable[..., BotHarness]
) -> None:
    async with harness_factory() as h:
        lan = h.user(101, "Lan")
        for text in (EMOJI, f"{RTL} số hóa hồ sơ", "số\x00hóa hồ\x00sơ"):
            [found] = await say(h, lan, f"/tim {text}")
            assert any(b.text.startswith("II.3") for b in found.all_buttons), (text, found.text)
