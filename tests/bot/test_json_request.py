"""Bot API calls go as a JSON body (bot/runtime/request.py), files still as a multipart form, and the
fake Bot API reads both as Telegram does: the message arrives with its text, HTML and buttons."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.offline.fake import FakeTelegram
from bot.runtime.request import JsonHTTPXRequest
from bot.runtime.sender import build_bot

TEXT = "<b>II.1</b> Niêm yết công khai TTHC tại Bộ phận Một cửa — “đúng hạn” & <i>đầy đủ</i>"
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Đã thực hiện", callback_data="s:1:done")]])


@pytest.fixture
def sent_bodies(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What each call handed to httpx: the headers and whether it was a body or a form."""
    seen: list[dict[str, Any]] = []
    original = httpx.AsyncClient.request

    async def request(self: httpx.AsyncClient, method: str, url: Any, **kwargs: Any) -> httpx.Response:
        seen.append({"url": str(url), **kwargs})
        return await original(self, method, url, **kwargs)

    monkeypatch.setattr(httpx.AsyncClient, "request", request)
    return seen


async def test_a_message_goes_as_json_and_arrives_whole(sent_bodies: list[dict[str, Any]]) -> None:
    async with FakeTelegram() as tg:
        tg.user(77, "Lan", "Nguyễn Thị")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            sent = await bot.send_message(77, TEXT, parse_mode="HTML", reply_markup=KEYBOARD)
        [message] = tg.messages_to(77)
    [call] = [c for c in sent_bodies if c["url"].endswith("/sendMessage")]
    assert call["headers"]["Content-Type"] == "application/json"
    assert isinstance(call["content"], bytes) and "data" not in call and "files" not in call
    assert message.html == TEXT and message.parse_mode == "HTML"
    assert message.text == "II.1 Niêm yết công khai TTHC tại Bộ phận Một cửa — “đúng hạn” & đầy đủ"
    assert message.button_texts == ["✅ Đã thực hiện"] and message.buttons[0][0].callback_data == "s:1:done"
    assert sent.message_id == message.message_id and sent.chat.id == 77


async def test_a_file_still_goes_as_a_multipart_form(sent_bodies: list[dict[str, Any]]) -> None:
    async with FakeTelegram() as tg:
        tg.user(77, "Lan")
        async with build_bot(tg.token, tg.base_url, tg.file_url) as bot:
            await bot.send_document(
                77, b"PK\x03\x04 bao cao", filename="bao-cao-quy-1.docx", caption="Báo cáo quý I"
            )
        [message] = tg.messages_to(77)
    [call] = [c for c in sent_bodies if c["url"].endswith("/sendDocument")]
    assert call.get("files") and "content" not in call
    assert message.document is not None and message.document.file_name == "bao-cao-quy-1.docx"
    assert message.document.content == b"PK\x03\x04 bao cao" and message.caption == "Báo cáo quý I"


async def test_a_connection_failure_is_the_error_ptb_would_raise() -> None:
    """Retries, the rate limiter and the sender's delivery outcomes depend on PTB's error types."""
    request = JsonHTTPXRequest(connect_timeout=1)
    await request.initialize()
    try:
        data = RequestData(
            [RequestParameter("chat_id", 77, None), RequestParameter("text", "xin chào", None)]
        )
        with pytest.raises(NetworkError):  # nothing listens on port 9 of the loopback
            await request.do_request("http://127.0.0.1:9/bot1:x/sendMessage", "POST", data)
    finally:
        await request.shutdown()
