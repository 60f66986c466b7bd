"""Benchmark (not a test): burst throughput on PostgreSQL, one and two planbot processes (issue 17).

    .venv/bin/python -m benchmarks.conversation_pg --url postgresql+psycopg://…

Seeds the same dataset as benchmarks/conversation.py into a schema of its own (`bench_conv`, dropped
and created again: the URL's database is not touched outside it), then offers one burst of updates
from different officials. With two processes, each is a real Application (`BotHarness`, no rate
limiter) in an OS process of its own, polling its own fake Bot API, both sharing the database: the
burst is split between them and they start together (a barrier). Every update still takes its
user's lock row and claims its id in the shared database. Updates/s = all updates / (last one
handled − first one offered).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.conversation import BURST_TEXTS, _no_limiter
from benchmarks.seed import NOW, SeedSpec, seed, summary
from bot.offline.fake import FakeTelegram
from bot.offline.harness import BotHarness
from bot.runtime.warmup import settle_heap, warm_calendar

SCHEMA = "bench_conv"


def schema_url(url: str) -> str:
    """The URL with its search_path set to the benchmark's own schema (created empty)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{SCHEMA}"


async def _burst(url: str, users: list[int], warm: list[int], barrier: Any) -> tuple[float, float, int]:
    async with (
        FakeTelegram() as tg,
        BotHarness(database_url=url, tg=tg, setup=_no_limiter, timeout=120, clock_at=NOW) as h,
    ):
        # Warm, as a running bot is (bot/runtime/warmup.py preloads them after a start): connections,
        # and every organization's snapshot and search index, by one official of each.
        for uid in warm:
            await h.send(h.user(uid, "Cán bộ"), "/viec")
            await h.send(h.user(uid, "Cán bộ"), BURST_TEXTS[1])
        warm_calendar(NOW.date())
        settle_heap()
        barrier.wait()
        start = time.time()
        ids = [
            tg.add_message(h.user(uid, f"Cán bộ {uid}"), BURST_TEXTS[i % len(BURST_TEXTS)])
            for i, uid in enumerate(users)
        ]
        for update_id in ids:
            await h.wait_processed(update_id, timeout=180)
        return start, time.time(), len(h.errors)


def _child(url: str, users: list[int], warm: list[int], barrier: Any, results: Any) -> None:
    results.put(asyncio.run(_burst(url, users, warm, barrier)))


def burst_rate(url: str, users: list[int], warm: list[int], processes: int) -> tuple[float, int]:
    """(updates/s, errors) of one burst split over `processes` OS processes."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes), context.Queue()
    workers = [
        context.Process(target=_child, args=(url, users[i::processes], warm, barrier, results))
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    spans = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    return len(users) / (last - first), sum(s[2] for s in spans)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True, help="a PostgreSQL URL (its schema bench_conv is replaced)")
    parser.add_argument("--burst", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    url = schema_url(args.url)
    seeded = seed(url, SeedSpec(layout="spread"))
    print(summary(seeded))
    users = [u for org in seeded.organization_ids for u in seeded.officials.get(org, [])][: args.burst]
    warm = [seeded.officials[org][-1] for org in seeded.organization_ids if seeded.officials.get(org)]
    for processes in (1, 2):
        for _ in range(args.repeat):
            rate, errors = burst_rate(url, users, warm, processes)
            print(f"postgresql {processes} process(es): {rate:.0f} updates/s, errors {errors}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
