"""The dashboard's Web App button in the leaders' weekly digest (bot/runtime/sender.py)."""

from __future__ import annotations

from bot.runtime.sender import digest_markup
from reminders.digest import Digest

URL = "https://bot.example.vn/app/"


def test_weekly_digest_opens_the_dashboard() -> None:
    weekly = Digest(official_id=1, chat_id=1, kind="weekly", text="Tuần này")
    markup = digest_markup(weekly, URL)
    assert markup is not None
    button = markup.inline_keyboard[-1][0]
    assert button.text == "📊 Bảng điều khiển" and button.web_app is not None and button.web_app.url == URL
    assert digest_markup(weekly, None) is None  # no https address: no button
    daily = Digest(official_id=1, chat_id=1, kind="daily", text="Hôm nay")
    assert digest_markup(daily, URL) is None  # officials' daily reminders stay as they were
