"""CPU per Bot API call: planbot's backend (bot/runtime/request.py: aiohttp, JSON bodies) against
python-telegram-bot's default HTTPXRequest (httpx, urlencoded forms), one call at a time and 16 at
once (as many updates as planbot handles together), against the fake Bot API in the same process.

Each call is a 450-character Vietnamese HTML reply with six buttons, the size of a task list page.
CPU is the process's (bot and fake together) over the calls, best of three rounds, rounds of the
two backends interleaved so that a slower minute of the machine hits both.

    .venv/bin/python -m benchmarks.bot_api_send [--no-write]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.request import BaseRequest, HTTPXRequest

from benchmarks.results import write_section
from bot.offline.fake import FakeTelegram
from bot.runtime.request import AiohttpRequest

TEXT = "<b>II.1</b> Niêm yết công khai TTHC tại Bộ phận Một cửa — “đúng hạn” & <i>đầy đủ</i> " * 5
KEYBOARD = InlineKeyboardMarkup(
    [[InlineKeyboardButton(f"✅ II.{i} Số hóa hồ sơ", callback_data=f"s:{i}:done")] for i in range(6)]
)
CALLS_PER_WORKER = 40
ROUNDS = 3
BACKENDS: dict[str, Callable[[], BaseRequest]] = {
    "PTB's HTTPXRequest (httpx, form)": lambda: HTTPXRequest(connection_pool_size=256),
    "planbot's AiohttpRequest (aiohttp, JSON)": lambda: AiohttpRequest(256),
}


async def _cpu_per_call(tg: FakeTelegram, backend: Callable[[], BaseRequest], concurrency: int) -> float:
    bot = Bot(tg.token, base_url=tg.base_url, base_file_url=tg.file_url, request=backend())
    async with bot:

        async def worker(chat: int) -> None:
            for _ in range(CALLS_PER_WORKER):
                await bot.send_message(chat, TEXT, parse_mode="HTML", reply_markup=KEYBOARD)

        started = time.process_time()
        await asyncio.gather(*(worker(7700 + w) for w in range(concurrency)))
        return (time.process_time() - started) * 1000 / (CALLS_PER_WORKER * concurrency)


async def measure() -> dict[tuple[str, int], float]:
    best: dict[tuple[str, int], float] = {}
    async with FakeTelegram() as tg:
        for w in range(16):
            tg.user(7700 + w, f"Cán bộ {w}")
        for _ in range(ROUNDS):
            for concurrency in (1, 16):
                for name, backend in BACKENDS.items():
                    cpu = await _cpu_per_call(tg, backend, concurrency)
                    key = (name, concurrency)
                    best[key] = min(best.get(key, cpu), cpu)
    return best


def render(best: dict[tuple[str, int], float]) -> str:
    lines = [
        "## Bot API calls: CPU per call by backend (issue 17)",
        "",
        "Command: `.venv/bin/python -m benchmarks.bot_api_send`. A 450-character Vietnamese HTML reply "
        "with six buttons, sent to the fake Bot API in the same process; CPU of bot and fake together, "
        "best of three interleaved rounds.",
        "",
        "| Backend | 1 call at a time, ms CPU per call | 16 at once, ms CPU per call |",
        "|---|---:|---:|",
    ]
    for name in BACKENDS:
        lines.append(f"| {name} | {best[(name, 1)]:.2f} | {best[(name, 16)]:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    text = render(asyncio.run(measure()))
    print(text)
    if not args.no_write:
        write_section("bot_api_send", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
