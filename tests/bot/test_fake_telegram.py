"""The fake Bot API refuses what Telegram refuses, keeps Telegram's getUpdates semantics, injects faults."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.offline.fake import FakeTelegram
from bot.offline.fake.html import HtmlError, parse_html

USER_ID = 501


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        fake.user(USER_ID, "Hoa", "Trần")
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    request = HTTPXRequest(read_timeout=0.5, connect_timeout=1)
    client = Bot(tg.token, base_url=tg.base_url, base_file_url=tg.file_url, request=request)
    async with client:
        yield client


async def raw_call(tg: FakeTelegram, method: str, token: str | None = None, **params: Any) -> tuple[int, Any]:
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{tg.base_url}{token or tg.token}/{method}", data=data) as response,
    ):
        return response.status, await response.json()


async def test_send_message_records_plain_text_html_and_buttons(tg: FakeTelegram, bot: Bot) -> None:
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Báo cáo tiến độ", callback_data="rp:12"),
                InlineKeyboardButton("Quay lại", callback_data="bk"),
            ]
        ]
    )
    sent = await bot.send_message(
        USER_ID, "<b>II.2</b> Số hóa hồ sơ &amp; lưu trữ", parse_mode="HTML", reply_markup=markup
    )
    [message] = tg.messages_to(USER_ID)
    assert message.message_id == sent.message_id
    assert message.text == "II.2 Số hóa hồ sơ & lưu trữ"
    assert message.html == "<b>II.2</b> Số hóa hồ sơ &amp; lưu trữ"
    assert message.button_texts == ["Báo cáo tiến độ", "Quay lại"]
    assert message.button("Báo cáo").callback_data == "rp:12"
    assert tg.calls_to("sendMessage")[0].params["chat_id"] == USER_ID


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("", "message text is empty"),
        ("   \n ", "message text is empty"),
        ("x" * 4097, "message is too long"),
        ("<b>đậm", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", "Unmatched end tag at byte offset"),
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("tỷ lệ < 50%", 'Unsupported start tag ""'),
        ("<br/>xuống dòng", 'Unsupported start tag "br"'),
        ('<span class="x">a</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("x</b>", "Unexpected end tag"),
    ],
)
async def test_text_telegram_refuses(tg: FakeTelegram, text: str, description: str) -> None:
    status, body = await raw_call(tg, "sendMessage", chat_id=USER_ID, text=text, parse_mode="HTML")
    assert status == 400
    assert body["ok"] is False
    assert body["error_code"] == 400
    assert body["description"].startswith("Bad Request: ")
    assert description in body["description"]
    assert tg.messages_to(USER_ID) == []


async def test_length_counts_the_text_without_tags(tg: FakeTelegram) -> None:
    text = "<b>" + "a" * 4000 + "</b>" + "&amp;" * 96  # 4096 characters once parsed
    status, _ = await raw_call(tg, "sendMessage", chat_id=USER_ID, text=text, parse_mode="HTML")
    assert status == 200
    # Without parse_mode the same text is literal and too long.
    status, body = await raw_call(tg, "sendMessage", chat_id=USER_ID, text=text)
    assert (status, body["description"]) == (400, "Bad Request: message is too long")


def test_html_parser_accepts_what_telegram_accepts() -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>"
        '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler><a href="https://t.me/x?start=ab">link</a>'
        '<code>c</code><pre><code class="language-python">x</code></pre><blockquote>bq</blockquote>'
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &lt;&gt;&quot;&#39;&#x41; A & B &nbsp;'
    )
    assert parse_html(html) == "bsieunskdpqlinkcxbq👍 <>\"'A A & B &nbsp;"
    with pytest.raises(HtmlError):
        parse_html("<a href='x'>unterminated")


async def test_other_refusals(tg: FakeTelegram) -> None:
    status, body = await raw_call(tg, "sendMessage", chat_id=999999, text="xin chào")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")

    markup = {"inline_keyboard": [[{"text": "Quá dài", "callback_data": "x" * 65}]]}
    status, body = await raw_call(tg, "sendMessage", chat_id=USER_ID, text="a", reply_markup=markup)
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")
    markup = {"inline_keyboard": [[{"text": "Vừa đủ", "callback_data": "đ" * 32}]]}  # 64 bytes
    status, _ = await raw_call(tg, "sendMessage", chat_id=USER_ID, text="a", reply_markup=markup)
    assert status == 200

    status, body = await raw_call(tg, "sendMessage", token="42:wrong", chat_id=USER_ID, text="a")
    assert (status, body["error_code"], body["description"]) == (401, 401, "Unauthorized")

    status, body = await raw_call(tg, "sendPoll", chat_id=USER_ID)
    assert (status, body["description"]) == (404, "Not Found")


async def test_caption_limit_and_documents(tg: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_document(USER_ID, b"%PDF-1.4", filename="bao-cao.pdf", caption="c" * 1025)
    message = await bot.send_document(
        USER_ID, b"%PDF-1.4 data", filename="bao-cao-quy-3.pdf", caption="Phụ lục"
    )
    [stored] = tg.messages_to(USER_ID)
    assert stored.document is not None
    assert stored.document.file_name == "bao-cao-quy-3.pdf"
    assert stored.document.content == b"%PDF-1.4 data"
    assert stored.caption == "Phụ lục"
    assert message.document is not None and message.document.file_size == 13


async def test_user_documents_can_be_downloaded(tg: FakeTelegram, bot: Bot) -> None:
    user = tg.users[USER_ID]
    tg.add_document(user, file_name="KH 23.docx", content=b"PK\x03\x04 docx", mime_type="application/msword")
    [update] = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.document is not None
    assert update.message.document.file_size == 9
    file = await update.message.document.get_file()
    assert bytes(await file.download_as_bytearray()) == b"PK\x03\x04 docx"

    tg.add_document(
        user, file_name="lon.pdf", content=b"x", mime_type="application/pdf", file_size=21 * 1024 * 1024
    )
    updates = await bot.get_updates(offset=update.update_id + 1, timeout=0)
    document = updates[0].message.document if updates[0].message else None
    assert document is not None and document.file_size == 21 * 1024 * 1024
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await document.get_file()


async def test_get_updates_keeps_pending_updates_until_confirmed(tg: FakeTelegram, bot: Bot) -> None:
    user = tg.users[USER_ID]
    first = tg.add_message(user, "/viec")
    second = tg.add_message(user, "so hoa ho so")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    assert updates[0].message is not None and updates[0].message.entities[0].type == "bot_command"
    # Not confirmed yet: a client that crashed gets them again.
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [first, second]
    assert [u.update_id for u in await bot.get_updates(offset=second, timeout=0)] == [second]
    # Confirmed updates are gone even for a later call without an offset.
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [second]
    assert await bot.get_updates(offset=second + 1, timeout=0) == ()
    assert [u.update_id for u in await bot.get_updates(limit=5, timeout=0)] == []


async def test_long_poll_returns_as_soon_as_an_update_arrives(tg: FakeTelegram) -> None:
    user = tg.users[USER_ID]
    poll = asyncio.create_task(raw_call(tg, "getUpdates", timeout=30))
    await asyncio.sleep(0.05)
    assert not poll.done()
    update_id = tg.add_message(user, "xin chào")
    status, body = await asyncio.wait_for(poll, 5)
    assert status == 200
    assert [u["update_id"] for u in body["result"]] == [update_id]
    # A long poll that was answered did not consume the update: still there until confirmed.
    _, again = await raw_call(tg, "getUpdates", timeout=0)
    assert [u["update_id"] for u in again["result"]] == [update_id]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fault_injection(tg: FakeTelegram, bot: Bot) -> None:
    tg.fail_next("sendMessage", error="429", retry_after=7)
    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(USER_ID, "a")
    assert "Retry in 7" in str(retry.value)

    tg.fail_next("sendMessage", error="403", times=2)
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(USER_ID, "a")

    tg.fail_next("sendMessage", error="500")
    with pytest.raises(NetworkError):
        await bot.send_message(USER_ID, "a")
    tg.fail_next("sendMessage", error="502")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(USER_ID, "a")

    tg.timeout_hold = 2.0
    tg.fail_next("sendMessage", error="timeout")
    with pytest.raises(TimedOut):
        await bot.send_message(USER_ID, "a")

    tg.fail_next("sendMessage", error="reset")
    with pytest.raises(NetworkError):
        await bot.send_message(USER_ID, "a")

    # Faults are used up: the next call goes through, and every attempt was recorded.
    await bot.send_message(USER_ID, "lần này được")
    assert [m.text for m in tg.messages_to(USER_ID)] == ["lần này được"]
    assert len(tg.calls_to("sendMessage")) == 8


async def test_wrong_token_is_refused_at_startup(tg: FakeTelegram) -> None:
    client = Bot("42:AAwrongTokenButWellFormedXXXXXXXXXXXX", base_url=tg.base_url)
    with pytest.raises(InvalidToken):
        await client.initialize()


async def test_edits_keep_history_and_unchanged_edits_are_refused(tg: FakeTelegram, bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("▶", callback_data="pg:2")]])
    sent = await bot.send_message(USER_ID, "Trang 1/2", reply_markup=markup)
    await bot.edit_message_text("Trang 2/2", chat_id=USER_ID, message_id=sent.message_id)
    [message] = tg.messages_to(USER_ID)
    assert message.text == "Trang 2/2"
    assert message.buttons == []  # an edit without reply_markup removes the keyboard, as on Telegram
    assert [r.text for r in message.history] == ["Trang 1/2"]
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Trang 2/2", chat_id=USER_ID, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=999)
    await bot.delete_message(USER_ID, sent.message_id)
    assert tg.messages_to(USER_ID) == []


async def test_callback_queries_and_answers(tg: FakeTelegram, bot: Bot) -> None:
    user = tg.users[USER_ID]
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Mở", callback_data="task:7")]])
    sent = await bot.send_message(USER_ID, "Nhiệm vụ", reply_markup=markup)
    update_id = tg.add_callback(user, message_id=sent.message_id, data="task:7")
    [update] = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query is not None and query.data == "task:7"
    assert query.message is not None and query.message.message_id == sent.message_id
    await query.answer("Không có quyền", show_alert=True)
    assert tg.callback_answer(update_id) is not None
    assert tg.callback_answer(update_id)["text"] == "Không có quyền"  # type: ignore[index]
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer()
    with pytest.raises(KeyError):
        tg.add_callback(user, message_id=12345, data="x")


async def test_enforced_limits_answer_429() -> None:
    async with FakeTelegram(enforce_limits=True, global_rate=30, per_chat_rate=1) as fake:
        fake.user(USER_ID, "Hoa")
        status, _ = await raw_call(fake, "sendMessage", chat_id=USER_ID, text="1")
        assert status == 200
        status, body = await raw_call(fake, "sendMessage", chat_id=USER_ID, text="2")
        assert status == 429
        assert body["parameters"]["retry_after"] >= 1


def test_runs_in_a_background_thread_for_sync_code() -> None:
    import urllib.request

    with FakeTelegram.run_in_thread() as fake:
        fake.user(USER_ID, "Hoa")
        with urllib.request.urlopen(f"{fake.base_url}{fake.token}/getMe", timeout=5) as response:
            body = json.loads(response.read())
        assert body["result"]["username"] == "planbot_test_bot"
        fake.add_message(fake.users[USER_ID], "/start")
        assert fake.wait_for(lambda: len(fake.calls_to("getMe")) == 1, timeout=1)
        assert len(fake.pending_updates()) == 1
