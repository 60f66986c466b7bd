"""Keeping a pass's claims alive while it sends: a claim is leased (lease_until), renewed every third
of a lease while the sends run (a 429 may hold them for minutes), and taken over by another pass
once the lease has run out (its process died)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


async def renewing(work: Awaitable[T], renew: Callable[[], Awaitable[object]], lease: timedelta) -> T:
    """Await `work` while calling `renew` every third of `lease`."""
    done = asyncio.Event()

    async def beat() -> None:
        while not done.is_set():
            try:
                await asyncio.wait_for(done.wait(), timeout=lease.total_seconds() / 3)
            except TimeoutError:
                try:
                    await renew()
                except Exception:  # the next beat tries again; a lapsed lease means a resend at worst
                    logger.warning("Could not renew the leases of a pass", exc_info=True)

    heart = asyncio.create_task(beat())
    try:
        return await work
    finally:
        done.set()
        await heart
