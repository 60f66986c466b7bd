"""Bot API calls go over aiohttp as a JSON body (bot/runtime/request.py), files still as a multipart
form; the fake Bot API reads both as Telegram does, and every failure is the error PTB's own
backend raises (retries, the rate limiter and the sender's delivery outcomes depend on it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter
from yarl import URL

from bot.offline.fake import FakeTelegram
from bot.runtime.request import AiohttpRequest
from bot.runtime.sender import build_bot

TEXT = "<b>II.1</b> Niêm yết công khai TTHC tại Bộ phận Một cửa — “đúng hạn” & <i>đầy đủ</i>"
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Đã thực hiện", callback_data="s:1:done")]])


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(timeout_hold=5.0) as fake:
        fake.user(77, "Lan", "Nguyễn Thị")
        yield fake


async def test_a_message_goes_as_json_and_arrives_whole(tg: FakeTelegram) -> None:
    async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
        sent = await bot.send_message(77, TEXT, parse_mode="HTML", reply_markup=KEYBOARD)
    [message] = tg.messages_to(77)
    [call] = tg.calls_to("sendMessage")
    assert call.content_type == "application/json"
    assert message.html == TEXT and message.parse_mode == "HTML"
    assert message.text == "II.1 Niêm yết công khai TTHC tại Bộ phận Một cửa — “đúng hạn” & đầy đủ"
    assert message.button_texts == ["✅ Đã thực hiện"] and message.buttons[0][0].callback_data == "s:1:done"
    assert sent.message_id == message.message_id and sent.chat.id == 77


async def test_a_file_goes_as_a_multipart_form_and_downloads_again(tg: FakeTelegram) -> None:
    async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
        sent = await bot.send_document(
            77, b"PK\x03\x04 bao cao", filename="bao-cao-quy-1.docx", caption="Báo cáo quý I"
        )
        assert sent.document is not None
        found = await bot.get_file(sent.document.file_id)
        # A GET whose kept-alive connection is reset goes out once more (aiohttp's own retry); a POST
        # never does (below): it could send a message twice.
        tg.fail_next("download", error="reset")
        downloaded = bytes(await found.download_as_bytearray())
    [message] = tg.messages_to(77)
    [call] = tg.calls_to("sendDocument")
    assert call.content_type == "multipart/form-data"
    assert message.document is not None and message.document.file_name == "bao-cao-quy-1.docx"
    assert message.document.content == b"PK\x03\x04 bao cao" and message.caption == "Báo cáo quý I"
    assert downloaded == b"PK\x03\x04 bao cao"


async def test_failures_are_the_errors_ptb_would_raise(tg: FakeTelegram) -> None:
    request = AiohttpRequest(8, read_timeout=0.5, connect_timeout=1)
    async with Bot(tg.token, base_url=tg.base_url, base_file_url=tg.file_url, request=request) as bot:
        tg.fail_next("sendMessage", error="timeout")  # held open past the read timeout
        with pytest.raises(TimedOut):
            await bot.send_message(77, "một")
        tg.fail_next("sendMessage", error="reset")  # the connection dropped without an answer
        with pytest.raises(NetworkError) as reset:
            await bot.send_message(77, "hai")
        assert not isinstance(reset.value, TimedOut)
        tg.fail_next("sendMessage", error="429", retry_after=3)
        with pytest.raises(RetryAfter) as limited:
            await bot.send_message(77, "ba")
        assert "Retry in 3 seconds" in str(limited.value)
        tg.fail_next("sendMessage", error="502")
        with pytest.raises(NetworkError):
            await bot.send_message(77, "bốn")
        await bot.send_message(77, "năm")  # the session survives all of them
    assert [m.text for m in tg.messages_to(77)] == ["năm"]


async def test_a_refused_connection_is_a_network_error_and_an_unready_backend_says_so() -> None:
    request = AiohttpRequest(connect_timeout=1)
    data = RequestData([RequestParameter("chat_id", 77, None), RequestParameter("text", "xin chào", None)])
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/bot1:x/sendMessage", "POST", data)
    await request.initialize()
    try:
        with pytest.raises(NetworkError):  # nothing listens on port 9 of the loopback
            await request.do_request("http://127.0.0.1:9/bot1:x/sendMessage", "POST", data)
    finally:
        await request.shutdown()


def test_telegram_is_verified_against_a_ca_bundle_even_without_a_system_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ssl

    from bot.runtime.request import _tls_context

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    context = _tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 100  # certifi's bundle, as httpx used


async def test_a_proxy_from_the_environment_carries_the_calls_and_no_proxy_bypasses_it(
    tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP(S)_PROXY and NO_PROXY are honoured as httpx honoured them, looked up once per host
    (aiohttp's trust_env would look them up, in a thread, for every call)."""
    import aiohttp.helpers
    from aiohttp import web

    seen: list[str] = []

    async def proxy(request: web.Request) -> web.Response:  # answers in the Bot API's place
        seen.append(str(request.url))
        user = {"id": 1, "is_bot": True, "first_name": "planbot", "username": "planbot_bot"}
        return web.json_response({"ok": True, "result": user})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", proxy)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    lookups: list[str] = []
    real_lookup = aiohttp.helpers.get_env_proxy_for_url

    def counted(url: URL) -> Any:
        lookups.append(str(url.host))
        return real_lookup(url)

    monkeypatch.setattr(aiohttp.helpers, "get_env_proxy_for_url", counted)
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    try:
        # A host only the proxy knows: reached through it, looked up once for three calls.
        base = "http://api.telegram.invalid/bot"
        async with Bot("1:x", base_url=base, request=AiohttpRequest(connect_timeout=2)) as bot:
            for _ in range(2):
                assert (await bot.get_me()).username == "planbot_bot"
        assert seen == ["http://api.telegram.invalid/bot1:x/getMe"] * 3  # initialize's getMe, then 2
        assert lookups == ["api.telegram.invalid"]
        # NO_PROXY names the fake: the calls go to it directly, the proxy sees none of them.
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            await bot.send_message(77, TEXT, parse_mode="HTML")
        assert len(seen) == 3 and len(tg.messages_to(77)) == 1
    finally:
        await runner.cleanup()
