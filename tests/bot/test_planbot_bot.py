"""The Application's bot (bot/runtime/bot.py): a text message it sends or edits comes back as its
identity, enough to edit it later; what reached the chat is whole; a file's message comes back whole."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.offline.fake import FakeTelegram
from bot.runtime.bot import PlanbotBot
from bot.runtime.request import AiohttpRequest

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Đã thực hiện", callback_data="s:1:done")]])


async def test_a_text_comes_back_as_its_identity_and_a_file_whole() -> None:
    async with FakeTelegram() as tg:
        tg.user(77, "Lan", "Nguyễn Thị")
        bot = PlanbotBot(tg.token, base_url=tg.base_url, base_file_url=tg.file_url, request=AiohttpRequest(8))
        async with bot:
            sent = await bot.send_message(
                77, "<b>II.1</b> Niêm yết", parse_mode="HTML", reply_markup=KEYBOARD
            )
            assert sent.chat.id == 77 and sent.date is not None
            assert sent.text is None and sent.reply_markup is None  # not parsed back
            edited = await bot.edit_message_text("Đã lưu", chat_id=77, message_id=sent.message_id)
            assert not isinstance(edited, bool) and edited.message_id == sent.message_id
            document = await bot.send_document(77, b"PK\x03\x04", filename="bao-cao.docx", caption="Báo cáo")
            assert document.document is not None and document.document.file_name == "bao-cao.docx"
            assert document.caption == "Báo cáo"
        [message, _file] = tg.messages_to(77)
        assert message.message_id == sent.message_id and message.text == "Đã lưu"
