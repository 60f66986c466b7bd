"""Benchmark (not a test): a leader's question answered over 10,000 tasks and 100,000 progress
reports held by ONE organization (the worst case; 49 more organizations share the database), one
question of every kind the question engine answers (issue 13).

    .venv/bin/python -m benchmarks.stats_answer            # seeds a temporary SQLite database
    .venv/bin/python -m benchmarks.stats_answer --db /tmp/one.db --profile   # reuse a seeded file

Each answer is timed end to end as the bot runs it: `Database.call(answer_question, …)` (one session,
one transaction), text in, HTML text out. "warm" = the data did not change since the previous answer
(the per-organization facts snapshot is reused); "after a new report" = a progress report was added
just before the answer (the snapshot is refreshed). Goal (issue 13): p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, col, select

from benchmarks.results import summarize_ms, verdict, write_section
from benchmarks.seed import NOW, SeedSpec, seed, summary
from plans import snapshot as cache
from plans.periods import PeriodPolicy
from reports.answers.core import answer_question
from storage.db import Database
from storage.models import Official, Plan, Task
from storage.queries.progress import create_report

# One question of every kind (reports/questions/frame.py ASKS), on the seeded commune's words.
QUESTIONS = [
    "tỷ lệ hoàn thành quý này?",
    "đơn vị nào chậm nhất?",
    "việc nào quá hạn?",
    "Phòng Văn hóa - Xã hội còn việc gì chưa làm quý trước",
    "bao nhiêu việc đã xong quý 3",
    "so sánh quý 3 với quý 2",
    "số hóa hồ sơ đến đâu rồi?",
    "thông báo 15/TB-UBND là cho việc nào",
    "quý 3 ban hành những kế hoạch nào",
    "tỷ lệ hồ sơ tiếp nhận trực tuyến đạt chỉ tiêu chưa",
    "các chỉ tiêu chưa đạt",
    "tháng này có việc gì đến hạn",
    "nhiệm vụ II.3 thế nào",
    "which tasks are not done yet?",
]
FOLLOW_UP = ("tỷ lệ hoàn thành quý này?", "còn văn phòng thì sao?")
GOAL_MS = 50.0


def _leader(session: Session, organization_id: int) -> Official:
    official = session.exec(
        select(Official).where(Official.organization_id == organization_id, Official.role == "leader")
    ).first()
    assert official is not None
    return official


def ask(
    *,
    session: Session,
    organization_id: int,
    text: str,
    now: datetime,
    memory: dict[str, object] | None = None,
) -> str:
    viewer = _leader(session, organization_id)
    answer = answer_question(
        session=session, text=text, viewer=viewer, today=now.date(), periods=PeriodPolicy(), memory=memory
    )
    assert answer is not None, text
    return answer.text


def remembered(*, session: Session, organization_id: int, text: str, now: datetime) -> dict[str, object]:
    """The frame a chat keeps after a question (what a follow-up is read with)."""
    viewer = _leader(session, organization_id)
    answer = answer_question(
        session=session, text=text, viewer=viewer, today=now.date(), periods=PeriodPolicy()
    )
    assert answer is not None and answer.remember is not None
    return answer.remember.to_dict()


def add_report(*, session: Session, organization_id: int, n: int) -> None:
    """A new progress report on one of the organization's tasks (what invalidates a cached snapshot)."""
    task_id = session.exec(
        select(Task.id)
        .join(Plan, col(Plan.id) == col(Task.plan_id))
        .where(Plan.organization_id == organization_id, Task.kind == "task")
        .order_by(col(Task.id))
        .offset(n % 500)
    ).first()
    assert task_id is not None
    official = _leader(session, organization_id)
    create_report(
        session=session,
        task_id=task_id,
        official=official,
        status="done",
        reported_on=NOW.date(),
        note="bench",
    )


def measure_cold(db: Database, organization_id: int, runs: int) -> list[float]:
    """The first answer after a start or a re-import: the snapshot is loaded in full."""
    out = []
    for _ in range(runs):
        cache.clear()
        t0 = time.perf_counter()
        db.call(ask, organization_id=organization_id, text=QUESTIONS[0], now=NOW)
        out.append(time.perf_counter() - t0)
    return out


def measure(db: Database, organization_id: int, runs: int) -> dict[str, dict[str, list[float]]]:
    follow = f"{FOLLOW_UP[0]} → {FOLLOW_UP[1]}"
    times: dict[str, dict[str, list[float]]] = {
        q: {"warm": [], "new_report": []} for q in [*QUESTIONS, follow]
    }
    memory = db.call(remembered, organization_id=organization_id, text=FOLLOW_UP[0], now=NOW)
    asked = [(q, q, None) for q in QUESTIONS] + [(follow, FOLLOW_UP[1], memory)]
    for _, text, mem in asked:  # warm-up: imports, first snapshot, the document index
        db.call(ask, organization_id=organization_id, text=text, now=NOW, memory=mem)
    for i in range(runs):
        for name, text, mem in asked:
            db.call(add_report, organization_id=organization_id, n=i)
            t0 = time.perf_counter()
            db.call(ask, organization_id=organization_id, text=text, now=NOW, memory=mem)
            times[name]["new_report"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            db.call(ask, organization_id=organization_id, text=text, now=NOW, memory=mem)
            times[name]["warm"].append(time.perf_counter() - t0)
    return times


def render(
    times: dict[str, dict[str, list[float]]], cold: list[float], seeded_text: str, runs: int, command: str
) -> str:
    lines = [
        "## Question engine answer (issue 13; was: statistics answer, issue 6)",
        "",
        f"Command: `{command}`",
        "",
        f"Dataset: {seeded_text}; every task and report in ONE organization (the worst case). "
        f"Viewer: its leader; today = {NOW:%d/%m/%Y}; {runs} runs per question and case. One question "
        "of every kind the engine answers (rate, ranking, overdue list, agency + status list, count, "
        "period comparison, topic, document by number, documents of a period, one indicator, the unmet "
        "indicators, upcoming deadlines, one task, English) and a follow-up read with the chat's last "
        "frame. Timed: `Database.call(answer_question, …)`, one session, question text → answer HTML "
        "(parse, follow-up merge, figures, answer, text).",
        "",
        f"Goal (issue 13): p95 under {GOAL_MS:.0f} ms.",
        "",
        f"| Question | Case | p50 ms | p95 ms | max ms | Goal < {GOAL_MS:.0f} ms (p95) |",
        "|---|---|---:|---:|---:|---|",
    ]
    for q, cases in times.items():
        for case, label in (("warm", "data unchanged"), ("new_report", "after a new report")):
            s = summarize_ms(cases[case])
            lines.append(
                f"| {q} | {label} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} | "
                f"{verdict(s['p95'] < GOAL_MS)} |"
            )
    c = summarize_ms(cold)
    lines += [
        "",
        f"Not a goal, for the record: loading the organization's snapshot in full (every task and "
        f"report) takes p50 {c['p50']:.0f} ms, max {c['max']:.0f} ms over {len(cold)} runs. The bot "
        "does it for every organization in the background right after a start (`reports/warmup.py`); "
        "the first answer after a plan is (re-)imported still pays it. Every later answer only "
        "checks a one-row version query and merges the reports added since.",
        "",
        "How the goal is met (profiled with pyinstrument): the snapshot (`plans/snapshot.py`: one per "
        "organization, checked by `facts_version`, new reports merged incrementally, per-period task "
        "states memoized) is shared by every question. What the engine builds from the tasks alone is "
        "kept in the snapshot's `derived` store, shared by the snapshots merged from it: the question "
        "context (agency names and forms, task codes, the plan's words for typo correction), the "
        "search index the topic questions use (postings, so a topic is never a scan of 10,000 "
        "contents), each task's targets by indicator, the groups rankings use; the document index "
        "grows with the reports merged. Per question, the scope's tasks of a period, the measured "
        "values and the target lines are computed once. Only the page shown is written out (a list "
        "of 5,000 tasks renders 10 lines). After a new report, about half the time is the snapshot "
        "merge (reading the new report rows and their documents).",
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
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of one answer")
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            url = f"sqlite:///{args.db}"
            seeded_text = f"{args.db} (pre-seeded)"
        else:
            url = f"sqlite:///{Path(tmp) / 'stats.db'}"
            spec = SeedSpec(tasks=args.tasks, reports=args.reports, layout="one")
            seeded_text = summary(seed(url, spec))
            print(seeded_text)
        db = Database(url)
        org_id = 1
        if args.profile:
            profile(db, org_id)
        times = measure(db, org_id, args.runs)
        cold = measure_cold(db, org_id, 5)
        db.dispose()
    for q, cases in times.items():
        for case, values in cases.items():
            s = summarize_ms(values)
            print(
                f"{q!r:34} {case:10} p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms  max {s['max']:7.1f} ms"
            )
    command = ".venv/bin/python -m benchmarks.stats_answer"
    if not args.no_write:
        write_section("stats_answer", render(times, cold, seeded_text, args.runs, command))
    worst = max(summarize_ms(v)["p95"] for cases in times.values() for v in cases.values())
    return 0 if worst < GOAL_MS else 1


def profile(db: Database, org_id: int) -> None:
    from pyinstrument import Profiler

    db.call(ask, organization_id=org_id, text=QUESTIONS[0], now=NOW)  # first snapshot
    for label, before in (("after a new report", True), ("data unchanged", False)):
        if before:
            db.call(add_report, organization_id=org_id, n=999)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        db.call(ask, organization_id=org_id, text=QUESTIONS[0], now=NOW)
        profiler.stop()
        print(f"--- profile: {QUESTIONS[0]} ({label})")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    sys.exit(main())
