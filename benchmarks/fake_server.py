"""The fake Bot API in a process of its own, for benchmarks: Telegram's side of the work (parsing,
HTML checks, limits) then runs on another core than the bots', as it would in production.

    python benchmarks/fake_server.py --bots 4 --officials 8000 --rate 30

serves bot 0 (the fake's default token) and bots 1… (token_of), each with its own limits and its
block of users (blocks); prints {"port": N} once ready, then on the line "tally" on its standard
input prints, per bot, the chats of its successful sends and its number of 429 answers, and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.offline.fake import DEFAULT_TOKEN, FakeTelegram

FIRST_USER = 100_000
PROVINCES = ["default", "lamdong", "thaibinh", "nghean", "cantho", "quangninh", "daklak", "angiang"]


def token_of(index: int) -> str:
    """Bot 0 is the default bot (TELEGRAM_BOT_TOKEN), the others are registered with `planbot bots`."""
    return (
        DEFAULT_TOKEN
        if index == 0
        else f"{7_000_000_000 + index}:AAFakeBenchmarkTokenForBot{index:02d}_abcdefghij"
    )


def blocks(officials: int, bots: int) -> list[range]:
    """The Telegram user ids of each bot's officials: the officials split evenly."""
    return [
        range(FIRST_USER + i * officials // bots, FIRST_USER + (i + 1) * officials // bots)
        for i in range(bots)
    ]


@dataclass(frozen=True)
class BotTally:
    chats: list[int]  # the chat of every successful send
    answered_429: int


@dataclass
class RemoteFake:
    """The parent's handle on the fake's process."""

    port: int
    process: asyncio.subprocess.Process
    token: str = DEFAULT_TOKEN

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def tally(self) -> list[BotTally]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(b"tally\n")
        await self.process.stdin.drain()
        raw = json.loads(await self.process.stdout.readline())
        await self.process.wait()
        return [BotTally(chats=list(b["chats"]), answered_429=int(b["429"])) for b in raw]


@asynccontextmanager
async def remote_fake(bots: int, officials: int, rate: int) -> AsyncIterator[RemoteFake]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(Path(__file__).resolve()),
        "--bots",
        str(bots),
        "--officials",
        str(officials),
        "--rate",
        str(rate),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        limit=64 * 1024 * 1024,  # the tally is one long JSON line
    )
    try:
        assert process.stdout is not None
        ready = json.loads(await process.stdout.readline())
        yield RemoteFake(port=int(ready["port"]), process=process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def serve(bots: int, officials: int, rate: int) -> None:
    async with FakeTelegram(enforce_limits=True, global_rate=rate) as tg:
        fakes = [tg] + [
            tg.add_bot(token_of(i), bot_username=f"planbot_{PROVINCES[i]}_bot") for i in range(1, bots)
        ]
        for fake, users in zip(fakes, blocks(officials, bots), strict=True):
            for user in users:
                fake.user(user, f"Cán bộ {user - FIRST_USER}")
        print(json.dumps({"port": tg.port}), flush=True)
        loop = asyncio.get_running_loop()
        while (await loop.run_in_executor(None, sys.stdin.readline)).strip() not in ("tally", ""):
            pass
        result: list[dict[str, Any]] = []
        for fake in fakes:
            calls = fake.calls_to("sendMessage")
            result.append(
                {
                    "chats": [int(c.params["chat_id"]) for c in calls if not c.error],
                    "429": sum(1 for c in calls if c.error and "Too Many" in c.error),
                }
            )
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bots", type=int, required=True)
    parser.add_argument("--officials", type=int, required=True)
    parser.add_argument("--rate", type=int, default=30, help="messages/s each bot may send")
    args = parser.parse_args()
    asyncio.run(serve(args.bots, args.officials, args.rate))
