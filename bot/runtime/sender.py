"""The Telegram side of reminders: deliver a digest with python-telegram-bot and say how it went
(reminders/sending.py decides what to do about it). Digest actions become inline buttons through
the handlers' callback registry, so the digest never knows callback formats."""

from __future__ import annotations

import warnings
from datetime import timedelta

import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, WebAppInfo
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.runtime.request import AiohttpRequest
from handlers.ui.callbacks import action_data
from reminders.digest import Digest
from reminders.sending import Delivery


def digest_markup(digest: Digest, webapp_url: str | None = None) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(b.text, callback_data=action_data(b.action, b.task_id)) for b in row]
        for row in digest.buttons
    ]
    if webapp_url and digest.kind == "weekly":  # the leaders' digest opens the dashboard in Telegram
        rows.append([InlineKeyboardButton("📊 Bảng điều khiển", web_app=WebAppInfo(webapp_url))])
    return InlineKeyboardMarkup(rows) if rows else None


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    """reminders.sending.Sender over a telegram.Bot."""

    def __init__(self, bot: telegram.Bot, *, webapp_url: str | None = None) -> None:
        self.bot = bot
        self.webapp_url = webapp_url

    async def deliver(self, digest: Digest) -> Delivery:
        try:
            message = await self.bot.send_message(
                digest.chat_id,
                digest.text,
                parse_mode=ParseMode.HTML,
                reply_markup=digest_markup(digest, self.webapp_url),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except RetryAfter as exc:
            with warnings.catch_warnings():  # PTB 22 warns that retry_after will become a timedelta
                warnings.simplefilter("ignore")
                wait = _seconds(exc.retry_after)
            return Delivery("rate_limited", retry_after=wait, error=str(exc))
        except Forbidden as exc:
            return Delivery("blocked", error=str(exc))
        except BadRequest as exc:
            return Delivery("failed", error=str(exc))
        except NetworkError as exc:  # includes TimedOut and 5xx answers
            return Delivery("transient", error=str(exc))
        except TelegramError as exc:
            return Delivery("failed", error=str(exc))
        return Delivery("sent", message_id=message.message_id)


def build_bot(token: str, base_url: str, base_file_url: str, *, pool_size: int = 32) -> telegram.Bot:
    """A plain Bot for the CLI and tests, with a connection pool big enough for concurrent sends."""
    request = AiohttpRequest(pool_size, read_timeout=10.0, pool_timeout=30.0)
    return telegram.Bot(token, base_url=base_url, base_file_url=base_file_url, request=request)
