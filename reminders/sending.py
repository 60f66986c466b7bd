"""Sending digests without knowing Telegram: a Sender delivers one message and says how it went;
this module paces the sends and retries what is worth retrying.

bot/runtime/sender.py is the Telegram implementation (it turns the digest's actions into buttons
through the handlers' callback registry and Bot API errors into the outcomes below).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from reminders.digest import Digest

logger = logging.getLogger(__name__)

OVERALL_RATE = 29.0  # a little under Telegram's ~30 messages/second, so the limit is rarely hit
PER_CHAT_INTERVAL = 1.0  # seconds between two messages to the same chat


@dataclass(frozen=True)
class Delivery:
    """What one attempt to send came to."""

    outcome: Literal["sent", "rate_limited", "blocked", "failed", "transient"]
    message_id: int | None = None
    retry_after: float = 0.0  # rate_limited: seconds to wait
    error: str = ""


class Sender(Protocol):
    async def deliver(self, digest: Digest) -> Delivery: ...


class Pacer:
    """At most `rate` sends per second overall and one per chat per PER_CHAT_INTERVAL; a 429 pauses all."""

    def __init__(self, rate: float = OVERALL_RATE) -> None:
        self.interval = 1.0 / rate
        self.next_slot = 0.0
        self.chat_next: dict[int, float] = {}
        self.lock = asyncio.Lock()

    async def wait(self, chat_id: int) -> None:
        loop = asyncio.get_running_loop()
        async with self.lock:
            now = loop.time()
            slot = max(now, self.next_slot, self.chat_next.get(chat_id, 0.0))
            self.next_slot = max(self.next_slot, slot) + self.interval
            self.chat_next[chat_id] = slot + PER_CHAT_INTERVAL
        if slot > now:
            await asyncio.sleep(slot - now)

    def pause(self, seconds: float) -> None:
        until = asyncio.get_running_loop().time() + seconds
        self.next_slot = max(self.next_slot, until)


@dataclass
class SendStats:
    rate_limited: int = 0  # 429 answers
    retried: int = 0  # network / 5xx retries


@dataclass(frozen=True)
class Outcome:
    official_id: int
    status: Literal["sent", "failed", "blocked"]
    message_id: int | None = None
    error: str = ""


async def send_with_retries(
    sender: Sender,
    digest: Digest,
    pacer: Pacer,
    stats: SendStats,
    *,
    max_attempts: int = 4,
    max_rate_limited: int = 8,
    backoff_base: float = 0.5,
) -> Outcome:
    """Send one digest: a 429 waits retry_after, blocked is final, network errors and 5xx back off."""
    attempts = limited = 0
    error = ""
    while attempts < max_attempts and limited <= max_rate_limited:
        await pacer.wait(digest.chat_id)
        result = await sender.deliver(digest)
        if result.outcome == "sent":
            return Outcome(digest.official_id, "sent", result.message_id)
        error = result.error
        if result.outcome == "rate_limited":
            limited += 1
            stats.rate_limited += 1
            logger.warning("Telegram flood control: waiting %.1f s", result.retry_after)
            pacer.pause(result.retry_after)
        elif result.outcome == "transient":
            attempts += 1
            if attempts < max_attempts:
                stats.retried += 1
                await asyncio.sleep(min(30.0, backoff_base * 2 ** (attempts - 1)))
        else:  # blocked, or a permanent failure (chat not found, bad markup): retrying will not help
            return Outcome(digest.official_id, result.outcome, error=result.error)
    return Outcome(digest.official_id, "failed", error=error or "too many retries")
