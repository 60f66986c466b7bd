"""Benchmark (not a test): importing a 100-row plan in each format, and fuzzy task search over
10,000 tasks (issue 7 #3; issue 3: a 100-row .docx imported in under 1 s).

    .venv/bin/python -m benchmarks.import_search

Import: the plan is built the way Word lays such plans out (tests/support/documents/builders.py:
section rows spanning the table, vertically merged lead/deadline cells, bullet sub-rows, a repeated
header row), then timed as the bot does it: `parse_file` (bytes → ParsedPlan) and `store_plan` into
a fresh SQLite database (one transaction). Search: `plans.tasks.search` (the index of
`plans/search.py`) as a leader sees it (all 10,000 tasks of the organization) and as an
official of one agency, with typed queries with and without diacritics, typos and codes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, select

from benchmarks.results import summarize_ms, verdict, write_section
from benchmarks.seed import NOW, SeedSpec, seed, summary
from plans.importing import store_plan
from plans.parsing.importer import parse_file
from plans.tasks import Today, search
from storage.db import Database
from storage.models import Official
from tests.support.documents.builders import build_docx, build_pdf, build_text, build_xlsx
from tests.support.documents.model import M, PlanDoc, Row

IMPORT_GOAL_S = 1.0  # .docx (issue 3)
SEARCH_GOAL_MS = 20.0
QUERIES = [
    "niêm yết công khai",
    "so hoa ho so",
    "dịch vụ công trực tuyến",
    "ra soat don gian hoa tthc",
    "tuyen truyen kiem soat",
    "thanh toán trực tuyến phí",
    "bao cao dinh ky",
    "tap huan nghiep vu",
    "II.3",
    "phản ánh kiến nghị",
    "danh mục TTHC",
    "de an 06 du lieu dan cu",
]

COLUMNS = [
    "TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Sản phẩm dự kiến hoàn thành",
]
SECTION_TITLES = [
    "Công tác chỉ đạo, điều hành",
    "Kiểm soát quy định thủ tục hành chính",
    "Thực hiện cơ chế một cửa, một cửa liên thông",
    "Thông tin, tuyên truyền",
    "Kiểm tra, báo cáo",
]
CONTENTS = [
    "Rà soát, kiện toàn công chức đầu mối kiểm soát TTHC tại các phòng, ban",
    "Niêm yết, công khai TTHC tại Bộ phận tiếp nhận và trả kết quả",
    "Thực hiện giải quyết TTHC trên môi trường điện tử thông qua dịch vụ công trực tuyến",
    "Số hóa hồ sơ, kết quả giải quyết TTHC đạt 100%",
    "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
    "Đạt tỷ lệ tối thiểu 60% hồ sơ tiếp nhận trực tuyến",
    "Tuyên truyền về kiểm soát TTHC trên Trang thông tin điện tử",
    "Báo cáo tình hình, kết quả thực hiện kiểm soát TTHC định kỳ",
]
LEADS = [
    "Trung tâm Phục vụ Hành chính công",
    "Văn phòng HĐND và UBND phường",
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
]
PRODUCTS = ["Danh mục TTHC được niêm yết", "Báo cáo kết quả rà soát", "Văn bản chỉ đạo, đôn đốc"]
DEADLINES = [
    "Trong tháng 08/2025",
    "Thường xuyên",
    "Quý III/2025",
    "Chậm nhất ngày 15/9/2025",
    "Định kỳ hàng quý",
    "trước ngày 18 hàng tháng",
    "Khi có phát sinh",
    "Thường xuyên trong năm 2025",
]

TODAY = Today(NOW.date())  # the seeded plans are followed on this day (mid Q4/2025)


def plan_doc(rows: int = 100) -> PlanDoc:
    """A plan whose appendix has `rows` task rows: 5 sections, numbered rows, bullet sub-rows under
    every third numbered row sharing its merged lead/deadline cells, a repeated header row."""
    body: list[Row] = []
    made = 0
    section = 0
    while made < rows:
        body.append(
            {"section": ["I", "II", "III", "IV", "V"][section % 5], "title": SECTION_TITLES[section % 5]}
        )
        for n in range(1, 7):
            if made >= rows:
                break
            i = made
            content = f"{CONTENTS[i % len(CONTENTS)]} (lần {i + 1})"
            lead, deadline = LEADS[i % len(LEADS)], DEADLINES[i % len(DEADLINES)]
            if n % 3 == 0 and rows - made >= 3:
                body.append([f"{n}", f"{content}, gồm:", lead, "Các phòng chuyên môn", deadline, "Báo cáo"])
                for k in range(3):
                    # Each bullet row has its own product, as appendices usually do (a row with only
                    # the content filled would be a row split over two pages).
                    bullet = f"- {CONTENTS[(i + k + 1) % len(CONTENTS)]};"
                    body.append(["", bullet, M, M, M, PRODUCTS[k]])
                made += 3
            else:
                body.append(
                    [f"{n}", content, lead, "Các phòng chuyên môn", deadline, "Kế hoạch được ban hành"]
                )
                made += 1
            if made == 50:
                body.append({"header": True})  # a page break repeats the header
        section += 1
    return PlanDoc(
        name="bench-100",
        columns=COLUMNS,
        rows=body,
        header_table=[
            [
                "ỦY BAN NHÂN DÂN\nPHƯỜNG CHÍ LINH",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            ],
            ["Số: 112/KH-UBND", "Chí Linh, ngày 15 tháng 8 năm 2025"],
        ],
        before=[
            "KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH",
            "VÀ THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG NĂM 2025",
        ],
    )


def build_all(folder: Path) -> dict[str, Path]:
    doc = plan_doc()
    return {
        ".docx": build_docx(doc, folder / "plan.docx"),
        ".xlsx": build_xlsx(doc, folder / "plan.xlsx"),
        ".pdf": build_pdf(doc, folder / "plan.pdf"),
        ".md": build_text(doc, folder / "plan.md", markdown=True),
        ".txt": build_text(doc, folder / "plan.txt"),
    }


def time_imports(folder: Path, runs: int) -> dict[str, dict[str, Any]]:
    files = build_all(folder)
    db = Database(f"sqlite:///{folder / 'import.db'}")
    out: dict[str, dict[str, Any]] = {}
    for ext, path in files.items():
        data = path.read_bytes()
        parse_times: list[float] = []
        total_times: list[float] = []
        tasks = 0
        for i in range(runs + 1):
            t0 = time.perf_counter()
            parsed = parse_file(data=data, filename=path.name)
            t1 = time.perf_counter()
            parsed.number = f"{i + 1}{ext[1:]}/KH-UBND"  # a new plan each run, not a revision
            db.call(store_plan, parsed=parsed, organization_name="UBND phường Chí Linh")
            t2 = time.perf_counter()
            tasks = len(parsed.tasks)
            if i:  # the first run pays the imports of the parser libraries
                parse_times.append(t1 - t0)
                total_times.append(t2 - t0)
        out[ext] = {"bytes": len(data), "tasks": tasks, "parse": parse_times, "total": total_times}
        print(
            f"{ext:6} {tasks} tasks: parse p50 {summarize_ms(parse_times)['p50']:.0f} ms, "
            f"parse+store p50 {summarize_ms(total_times)['p50']:.0f} ms"
        )
    db.dispose()
    return out


def _official(session: Session, telegram_user_id: int) -> Official:
    official = session.exec(select(Official).where(Official.telegram_user_id == telegram_user_id)).one()
    session.expunge(official)
    return official


def time_search(url: str, leader_id: int, official_id: int, runs: int) -> dict[str, list[float]]:
    db = Database(url)
    out: dict[str, list[float]] = {"leader": [], "official": []}
    for who, user in (("leader", leader_id), ("official", official_id)):
        viewer = db.call(_official, telegram_user_id=user)
        db.call(search, official=viewer, query="niêm yết", today=TODAY)  # warm-up: index and snapshot
        for _ in range(runs):
            for q in QUERIES:
                t0 = time.perf_counter()
                found = db.call(search, official=viewer, query=q, today=TODAY)
                out[who].append(time.perf_counter() - t0)
                assert found or who == "official", q
    db.dispose()
    return out


def render(
    imports: dict[str, dict[str, Any]], search: dict[str, list[float]], seeded: str, command: str
) -> str:
    lines = [
        "## Plan import and task search (issue 3, issue 7 #3)",
        "",
        f"Command: `{command}`",
        "",
        "### Import of a 100-row plan",
        "",
        "The same appendix (5 sections, numbered rows, bullet sub-rows under merged lead/deadline cells, a "
        "header row repeated after a page break) built with `tests/support/documents/builders.py` in each format; "
        "timed: `parse_file` (bytes → ParsedPlan) and `parse_file` + `store_plan` into SQLite in one "
        "transaction; first run (library imports) excluded.",
        "",
        "| Format | File size | Tasks | Parse p50 ms | Parse + store p50 ms | Parse + store max ms | Goal |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for ext, r in imports.items():
        p = summarize_ms(r["parse"])
        t = summarize_ms(r["total"])
        goal = verdict(t["max"] < IMPORT_GOAL_S * 1000) + " (< 1 s)" if ext == ".docx" else "—"
        lines.append(
            f"| {ext} | {r['bytes'] / 1024:.0f} KiB | {r['tasks']} | {p['p50']:.0f} | {t['p50']:.0f} | "
            f"{t['max']:.0f} | {goal} |"
        )
    lines += [
        "",
        "### Fuzzy task search over 10,000 tasks",
        "",
        f"Dataset: {seeded}; the searched organization holds all 10,000 tasks. Timed: "
        f"`Database.call(plans.tasks.search, official=…, query=…)` (what the bot calls) for "
        f"{len(QUERIES)} queries (with and without "
        "diacritics, a code), repeated; the leader searches the whole organization, the official the "
        "tasks of their agency.",
        "",
        "| Viewer | Searches | p50 ms | p95 ms | max ms | Goal < 20 ms (p95) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for who, values in search.items():
        s = summarize_ms(values)
        lines.append(
            f"| {who} | {len(values)} | {s['p50']:.1f} | {s['p95']:.1f} | {s['max']:.1f} | "
            f"{verdict(s['p95'] < SEARCH_GOAL_MS)} |"
        )
    lines += [
        "",
        "How the search goal is met: `plans/search.py` keeps one index per organization snapshot "
        "(`plans/snapshot.py`: folded contents with abbreviations spelled out, a word → tasks map, the "
        "sorted vocabulary for prefixes and rapidfuzz corrections), rebuilt only when the plans change. "
        "A search looks up each typed word, counts the words each task holds with set and Counter "
        "operations (C code: a plan's common words match most of its 10,000 tasks), scores only the "
        "best-covered tiers, and works out word adjacency for the 50 best. The set of current tasks a "
        "viewer may see is decided once per viewer and day and kept with the snapshot "
        "(`plans/tasks.py`); deciding it per search cost ~14 ms for a leader, more than the search. "
        "The rare max is a garbage-collector pass over the 100,000-report snapshot.",
        "",
        "Import: the 100-row .docx is well under the goal. Storing is one INSERT and flush per row (a "
        "row's id is its sub-rows' parent) plus its links; a re-import reads the old tasks' links in "
        "one query. PDF parsing is pdfplumber's table extraction.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="imports per format")
    parser.add_argument("--search-runs", type=int, default=10, help="passes over the queries")
    parser.add_argument("--db", help="an existing database seeded with --layout one (else a temporary one)")
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        imports = time_imports(folder, args.runs)
        if args.db:
            url, seeded = f"sqlite:///{args.db}", f"{args.db} (pre-seeded)"
        else:
            url = f"sqlite:///{folder / 'search.db'}"
            seeded = summary(seed(url, SeedSpec(layout="one")))
            print(seeded)
        # Seeded ids: the first organization's leader and its first official (see benchmarks/seed.py).
        db = Database(url)
        leader_id, official_id = db.call(_viewer_ids)
        db.dispose()
        search = time_search(url, leader_id, official_id, args.search_runs)
    for who, values in search.items():
        s = summarize_ms(values)
        print(f"search as {who}: p50 {s['p50']:.1f} ms, p95 {s['p95']:.1f} ms, max {s['max']:.1f} ms")
    if not args.no_write:
        write_section(
            "import_search", render(imports, search, seeded, ".venv/bin/python -m benchmarks.import_search")
        )
    docx_ok = summarize_ms(imports[".docx"]["total"])["max"] < IMPORT_GOAL_S * 1000
    search_ok = all(summarize_ms(v)["p95"] < SEARCH_GOAL_MS for v in search.values())
    return 0 if docx_ok and search_ok else 1


def _viewer_ids(*, session: Session) -> tuple[int, int]:
    leader = session.exec(
        select(Official).where(Official.organization_id == 1, Official.role == "leader")
    ).one()
    official = session.exec(
        select(Official).where(Official.organization_id == 1, Official.role == "official")
    ).first()
    assert official is not None
    return leader.telegram_user_id, official.telegram_user_id


if __name__ == "__main__":
    sys.exit(main())
