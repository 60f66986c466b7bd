"""Benchmark (not a test): the dashboard's pages over 10,000 tasks and 100,000 progress reports held
by ONE organization (the worst case), each page fetched over HTTP from the real aiohttp app as a
browser would, signed in as the commune's leader (issue 18).

    .venv/bin/python -m benchmarks.dashboard              # seeds a temporary SQLite database
    .venv/bin/python -m benchmarks.dashboard --db /tmp/one.db --runs 50 --no-write

Timed per request: from sending it to the whole body read (session check, the snapshot's version
check, the page data from reports/dashboard/, the HTML and SVG). "warm" = nothing changed since the
previous request; "after a new report" = a progress report was added just before. Goal (issue 18):
p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from sqlmodel import Session, col, select

from benchmarks.results import summarize_ms, verdict, write_section
from benchmarks.seed import NOW, SeedSpec, seed, summary
from benchmarks.stats_answer import add_report
from bot.dashboard import auth
from bot.dashboard.server import DashboardConfig, DashboardServer
from plans.clock import Clock
from plans.periods import PeriodPolicy
from storage.db import Database
from storage.models import Official, Plan, Task

GOAL_MS = 200.0
TOKEN = "123456:bench-token"


def _ids(*, session: Session, organization_id: int) -> tuple[int, int, int]:
    """The leader's official id, an agency id and a task id of the organization."""
    leader = session.exec(
        select(Official).where(Official.organization_id == organization_id, Official.role == "leader")
    ).first()
    task = session.exec(
        select(Task)
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(Plan.organization_id == organization_id, Task.kind == "task")
        .order_by(col(Task.id))
        .offset(1234)
    ).first()
    assert leader is not None and leader.id is not None and task is not None and task.id is not None
    from storage.models import Agency

    agency = session.exec(select(Agency).where(Agency.organization_id == organization_id)).first()
    assert agency is not None and agency.id is not None
    return leader.id, agency.id, task.id


def pages(agency_id: int, task_id: int) -> list[tuple[str, str]]:
    return [
        ("overview", ""),
        ("overview, last quarter", "?period=2025-Q3"),
        ("task table, page 1", "tasks"),
        ("task table, text filter", "tasks?q=so+hoa+ho+so"),
        ("task table, status + agency, by due day", f"tasks?status=not_done&agency={agency_id}&sort=due"),
        ("task table, overdue, page 3", "tasks?timeliness=overdue&page=3"),
        ("task page", f"tasks/{task_id}"),
        ("reports page", "reports"),
    ]


async def measure(db: Database, org_id: int, runs: int) -> dict[str, dict[str, list[float]]]:
    leader_id, agency_id, task_id = db.call(_ids, organization_id=org_id)
    clock = Clock(ZoneInfo("Asia/Ho_Chi_Minh")).set_to(NOW)
    config = DashboardConfig(db=db, clock=clock, periods=PeriodPolicy(), bot_token=TOKEN)
    server = DashboardServer(config, "127.0.0.1", 0)
    await server.start()
    cookie, _data = auth.make_session(config.key, leader_id)
    times: dict[str, dict[str, list[float]]] = {
        name: {"warm": [], "new_report": []} for name, _ in pages(0, 0)
    }
    try:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar, cookies={auth.COOKIE_NAME: cookie}) as client:

            async def get(path: str) -> float:
                t0 = time.perf_counter()
                async with client.get(server.url + path) as response:
                    await response.read()
                    assert response.status == 200, (path, response.status)
                return time.perf_counter() - t0

            for _name, path in pages(agency_id, task_id):  # warm-up: imports, the first snapshot
                await get(path)
            for i in range(runs):
                for name, path in pages(agency_id, task_id):
                    await db.run(add_report, organization_id=org_id, n=i)
                    times[name]["new_report"].append(await get(path))
                    times[name]["warm"].append(await get(path))
    finally:
        await server.close()
    return times


def render(times: dict[str, dict[str, list[float]]], seeded_text: str, runs: int, command: str) -> str:
    lines = [
        "## Dashboard pages (issue 18)",
        "",
        f"Command: `{command}`",
        "",
        f"Dataset: {seeded_text}; every task and report in ONE organization (the worst case). Viewer: "
        f"its leader (session cookie); today = {NOW:%d/%m/%Y}; {runs} runs per page and case. Timed: one "
        "HTTP GET to the dashboard's aiohttp app on 127.0.0.1, request sent → body read.",
        "",
        f"Goal (issue 18): p95 under {GOAL_MS:.0f} ms.",
        "",
        f"| Page | Case | p50 ms | p95 ms | max ms | Goal < {GOAL_MS:.0f} ms (p95) |",
        "|---|---|---:|---:|---:|---|",
    ]
    for name, cases in times.items():
        for case, label in (("warm", "data unchanged"), ("new_report", "after a new report")):
            s = summarize_ms(cases[case])
            lines.append(
                f"| {name} | {label} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} | "
                f"{verdict(s['p95'] < GOAL_MS)} |"
            )
    lines += [
        "",
        "The pages read the organization's snapshot (`plans/snapshot.py`, with the period's task states "
        "memoized), as the bot's answers do; the task table folds each task's words once per snapshot "
        "and writes out one page of 100 rows.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="an existing database seeded with --layout one (else a temporary one)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            url, seeded_text = f"sqlite:///{args.db}", f"{args.db} (pre-seeded)"
        else:
            url = f"sqlite:///{Path(tmp) / 'dashboard.db'}"
            seeded_text = summary(seed(url, SeedSpec(tasks=args.tasks, reports=args.reports, layout="one")))
            print(seeded_text)
        db = Database(url)
        try:
            times = asyncio.run(measure(db, 1, args.runs))
        finally:
            db.dispose()
    for name, cases in times.items():
        for case, values in cases.items():
            s = summarize_ms(values)
            print(
                f"{name:42} {case:10} p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms  max {s['max']:7.1f} ms"
            )
    if not args.no_write:
        write_section(
            "dashboard", render(times, seeded_text, args.runs, ".venv/bin/python -m benchmarks.dashboard")
        )
    worst = max(summarize_ms(v)["p95"] for cases in times.values() for v in cases.values())
    print(f"worst p95: {worst:.1f} ms")
    return 0 if worst < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
