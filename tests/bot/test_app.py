"""The Application's wiring: database persistence across restarts, the single error handler, logging."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.app import BUSY_TEXT, ERROR_TEXT
from bot.logging_setup import RedactingFormatter, setup_logging
from bot.offline.harness import BotHarness
from handlers.context import PlanbotContext
from storage.models import KeyValue

ASK_DOCUMENT = 1
USER_ID = 7001


async def _begin(update: Update, context: PlanbotContext) -> int:
    assert context.user_data is not None and update.effective_chat is not None
    context.user_data["draft"] = {"task_id": 12, "status": "done"}
    await update.effective_chat.send_message("Nhập văn bản tham chiếu (ví dụ: KH 23/KH-UBND ngày 15/8/2025):")
    return ASK_DOCUMENT


async def _document(update: Update, context: PlanbotContext) -> int:
    assert context.user_data is not None and update.effective_chat is not None and update.message
    draft = context.user_data.pop("draft", None)
    await update.effective_chat.send_message(f"Đã ghi nhận: {update.message.text} (nháp: {draft})")
    return ConversationHandler.END


def _first(application: Any, handler: Any) -> None:
    """Put a test handler before the product's own handlers of group 0 (the fallback answers all)."""
    application.add_handler(handler)
    group = application.handlers[0]
    group.insert(0, group.pop())


def _add_conversation(application: Any) -> None:
    _first(
        application,
        ConversationHandler(
            entry_points=[CommandHandler("thu", _begin)],
            states={ASK_DOCUMENT: [MessageHandler(filters.TEXT & ~filters.COMMAND, _document)]},
            fallbacks=[],
            name="test_report",
            persistent=True,
        ),
    )


async def test_conversation_state_and_user_data_survive_a_restart(
    harness_factory: Callable[..., BotHarness],
) -> None:
    async with harness_factory(setup=_add_conversation) as h:
        official = h.user(USER_ID, "Bình")
        [question] = await h.send(official, "/thu")
        assert question.text is not None and question.text.startswith("Nhập văn bản tham chiếu")

        await h.restart()  # flushes the persistence to the database and starts a fresh Application
        rows = h.db.call(lambda session: list(session.exec(select(KeyValue)).all()))
        stored = {(row.namespace, row.key): row.value for row in rows}
        assert stored[("conversation:test_report", f"[{USER_ID}, {USER_ID}]")] == ASK_DOCUMENT
        assert stored[("user_data", str(USER_ID))] == {"draft": {"task_id": 12, "status": "done"}}

        [answer] = await h.send(official, "KH 23/KH-UBND ngày 15/8/2025")
        assert answer.text == (
            "Đã ghi nhận: KH 23/KH-UBND ngày 15/8/2025 (nháp: {'task_id': 12, 'status': 'done'})"
        )
        await h.restart()
        rows = h.db.call(lambda session: list(session.exec(select(KeyValue)).all()))
        # The ended conversation and the emptied draft leave no rows (and no lock is left behind).
        assert not [r for r in rows if r.namespace.startswith("conversation:")]
        assert not [r for r in rows if r.namespace in ("user_data", "user_lock")]


def _raising(error: Exception) -> Callable[[Any], None]:
    async def boom(update: Update, context: PlanbotContext) -> None:
        raise error

    def setup(application: Any) -> None:
        _first(application, CommandHandler("loi", boom))

    return setup


async def test_an_error_gets_a_polite_vietnamese_answer(harness_factory: Callable[..., BotHarness]) -> None:
    async with harness_factory(setup=_raising(ValueError("hỏng"))) as h:
        user = h.user(USER_ID, "Bình")
        replies = await h.send(user, "/loi")
        assert [m.text for m in replies] == [ERROR_TEXT]
        assert [type(e) for e in h.errors] == [ValueError]


async def test_a_busy_database_says_so(harness_factory: Callable[..., BotHarness]) -> None:
    error = OperationalError("SELECT 1", {}, Exception("database is locked"))
    async with harness_factory(setup=_raising(error)) as h:
        user = h.user(USER_ID, "Bình")
        replies = await h.send(user, "/loi")
        assert [m.text for m in replies] == [BUSY_TEXT]
        assert BUSY_TEXT.startswith("Hệ thống đang bận")


def test_token_is_redacted_from_messages_and_tracebacks() -> None:
    token = "987654321:AAHsecretTokenValue_1234567890abcdef"
    formatter = RedactingFormatter("%(levelname)s %(message)s", secrets=[token])
    try:
        raise RuntimeError(f"Client error for url 'https://api.telegram.org/bot{token}/getMe'")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "httpx", logging.ERROR, __file__, 1, "POST %s", (f"/bot{token}/x",), sys.exc_info()
        )
    text = formatter.format(record)
    assert token not in text
    assert "AAHsecretTokenValue" not in text
    assert "<token>" in text


async def test_token_never_reaches_the_logs(
    harness_factory: Callable[..., BotHarness], capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging("DEBUG")
    root = logging.getLogger()
    try:
        async with harness_factory(setup=_raising(ValueError("hỏng"))) as h:
            user = h.user(USER_ID, "Bình")
            await h.send(user, "/start")
            await h.send(user, "/loi")
            token = h.tg.token
    finally:
        root.handlers.clear()
        root.setLevel(logging.WARNING)
    err = capsys.readouterr().err
    assert "Set Bot API URL: http://127.0.0.1" in err  # PTB logged the URL that carries the token…
    assert "/bot<token>" in err
    assert "Unhandled error while handling an update" in err
    assert token not in err  # …without the token
    assert token.split(":")[1] not in err


async def test_an_error_on_a_button_answers_the_query_and_the_user(
    harness_factory: Callable[..., BotHarness],
) -> None:
    async def boom(update: Update, context: PlanbotContext) -> None:
        raise KeyError("task 12")

    def setup(application: Any) -> None:
        _first(application, CallbackQueryHandler(boom, pattern=r"^boom$"))

    async with harness_factory(setup=setup) as h:
        user = h.user(USER_ID, "Bình")
        [greeting] = await h.send(user, "/start")
        replies = await h.press_data(user, greeting.message_id, "boom")
        assert [m.text for m in replies] == [ERROR_TEXT]
        assert h.last_answer is not None  # the spinner on the button was stopped
