"""A large, realistic planbot database for benchmarks, written fast with SQLAlchemy core bulk inserts.

    .venv/bin/python -m benchmarks.seed --db /tmp/planbot-bench.db            # 50 orgs, 10,000 tasks …
    .venv/bin/python -m benchmarks.seed --db /tmp/one.db --layout one         # every task in one org

Organizations get Vietnamese agency names (with a group agency "Các phòng chuyên môn"), officials
(one leader and one admin each, the rest officials), plans of 2024–2025 whose tasks use the
contents and deadline wordings of the seeds (parsed with the real deadline parser), lead and
coordinating links, and progress reports spread over the year (some corrections that supersede an
earlier report, some citing documents, KPI values for tasks with targets).

Ids are assigned here (the database is fresh), so no row is inserted one by one.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python benchmarks/seed.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection

from plans.parsing.deadlines import parse_deadline
from storage.db import Database
from storage.models import (
    Agency,
    AgencyGroupMember,
    Official,
    Organization,
    Plan,
    ProgressReport,
    ReportDocument,
    Task,
    TaskAgency,
)
from storage.text import fold

NOW = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)  # "today" of every benchmark: mid Q4/2025
FIRST_USER = 500_000  # telegram ids of seeded officials: FIRST_USER + n

COMMUNES = [
    "Thanh Xá",
    "Thanh Hà",
    "Chí Linh",
    "Quyết Thắng",
    "Khúc Thừa Dụ",
    "Nam Sách",
    "Kinh Môn",
    "Tứ Kỳ",
    "Gia Lộc",
    "Cẩm Giàng",
    "Bình Giang",
    "Thanh Miện",
    "Ninh Giang",
    "Kim Thành",
    "Phú Thái",
    "Lai Cách",
    "An Phụ",
    "Hiệp Hòa",
    "Tân Dân",
    "Hưng Đạo",
    "Lê Lợi",
    "Trần Phú",
    "Hoàng Tiến",
    "Văn Đức",
    "Cộng Hòa",
    "Thái Học",
    "Nhân Huệ",
    "Hoàng Hoa Thám",
    "Bến Tắm",
    "Phả Lại",
    "Sao Đỏ",
    "Đồng Lạc",
    "Tân An",
    "An Lạc",
    "Hoàng Tân",
    "Văn An",
    "Cổ Thành",
    "Minh Tân",
    "Duy Tân",
    "Hiến Thành",
    "Thất Hùng",
    "Long Xuyên",
    "Hà Đông",
    "Tiên Động",
    "Quang Trung",
    "Đoàn Tùng",
    "Thanh Tùng",
    "Ngũ Hùng",
    "Hồng Phong",
    "Lam Sơn",
]
AGENCIES = [
    "Văn phòng HĐND và UBND xã",
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế",
    "Trung tâm Phục vụ hành chính công",
    "Công an xã",
    "Ban Chỉ huy Quân sự xã",
    "Trạm Y tế xã",
    "Đài truyền thanh xã",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa và Thông tin xã",
]
GROUP = "Các phòng chuyên môn"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Phan"]
MIDDLE = ["Thị", "Văn", "Hữu", "Minh", "Thu", "Đức", "Ngọc", "Quang"]
GIVEN = ["Mây", "Hùng", "Lan", "Tuấn", "Hương", "Dũng", "Hà", "Nam", "Thảo", "Long", "Yến", "Sơn"]

SECTIONS = [
    "Xây dựng hoàn thiện thể chế, văn bản chỉ đạo",
    "Triển khai các nhiệm vụ cải cách, kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông",
    "Thông tin, tuyên truyền",
    "Kiểm tra, báo cáo",
]
# Contents as the seeds word them (thanh-xa, chi-linh, quyet-thang, thanh-ha).
CONTENTS = [
    "Xây dựng văn bản chỉ đạo của UBND xã, Chủ tịch UBND xã",
    "Thực hiện giải quyết TTHC trên môi trường điện tử thông qua dịch vụ công trực tuyến",
    "Niêm yết, công khai TTHC tại Bộ phận tiếp nhận và trả kết quả",
    "Rà soát, đơn giản hóa TTHC",
    "Kế hoạch kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông",
    "Rà soát, kiện toàn công chức đầu mối kiểm soát TTHC tại các phòng, ban",
    "Số hóa hồ sơ, kết quả giải quyết TTHC",
    "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
    "Tuyên truyền về kiểm soát TTHC trên Trang thông tin điện tử và Đài truyền thanh xã",
    "Báo cáo tình hình, kết quả thực hiện kiểm soát TTHC định kỳ",
    "Đánh giá chất lượng giải quyết TTHC theo Bộ chỉ số phục vụ người dân, doanh nghiệp",
    "Thanh toán trực tuyến phí, lệ phí trong giải quyết TTHC",
    "Cập nhật, công khai danh mục TTHC thuộc thẩm quyền giải quyết của UBND xã",
    "Kiểm tra việc thực hiện cơ chế một cửa, một cửa liên thông tại các bộ phận",
    "Tập huấn nghiệp vụ kiểm soát TTHC cho công chức",
    "Triển khai thực hiện Đề án 06 về phát triển ứng dụng dữ liệu dân cư",
]
TARGET_CONTENTS = [
    ("Đạt tỷ lệ tối thiểu 60% hồ sơ tiếp nhận trực tuyến", "hồ sơ tiếp nhận trực tuyến", 60.0),
    ("Số hóa hồ sơ, kết quả giải quyết TTHC đạt 100%", "Số hóa hồ sơ", 100.0),
    ("80% hồ sơ TTHC được xử lý trực tuyến", "hồ sơ TTHC được xử lý trực tuyến", 80.0),
]
DEADLINES = [
    "Thường xuyên trong năm {y}",
    "Thường xuyên",
    "Trong năm {y}",
    "Quý I/{y}",
    "Quý II/{y}",
    "Quý III/{y}",
    "Quý IV/{y}",
    "Trong tháng 08/{y}",
    "Tháng 7 năm {y}",
    "Chậm nhất ngày 15/9/{y}",
    "Trước 30/8/{y}",
    "Chậm nhất ngày 20/6/{y}",
    "Trước ngày 15/12/{y}",
    "Từ tháng 4 đến tháng 11/{y}",
    "Định kỳ hàng quý",
    "trước ngày 18 hàng tháng",
    "Định kỳ hàng tháng",
    "Khi có phát sinh",
    "Theo yêu cầu",
    "Theo yêu cầu hoặc thường xuyên trong năm {y}",
]
NOTES = [
    "Đã niêm yết đầy đủ tại Bộ phận một cửa",
    "Đang phối hợp các bộ phận rà soát",
    "Chưa thực hiện do chờ hướng dẫn của UBND tỉnh",
    "Đã tiếp nhận hồ sơ trực tuyến đạt tỷ lệ 78,5%",
    None,
    None,
]
DOC_TYPES = [
    ("Kế hoạch", "KH-UBND"),
    ("Quyết định", "QĐ-UBND"),
    ("Thông báo", "TB-UBND"),
    ("Báo cáo", "BC-UBND"),
]


@dataclass
class SeedSpec:
    organizations: int = 50
    agencies_per_org: int = 12
    officials: int = 2_000
    tasks: int = 10_000
    reports: int = 100_000
    tasks_per_plan: int = 100
    layout: str = "spread"  # spread: across organizations; one: every task in the first organization
    seed: int = 6


@dataclass
class Seeded:
    url: str
    spec: SeedSpec
    organization_ids: list[int] = field(default_factory=list)
    agency_ids: dict[int, list[int]] = field(default_factory=dict)  # org → agencies (no group)
    leaders: dict[int, int] = field(default_factory=dict)  # org → telegram id of its leader
    officials: dict[int, list[int]] = field(default_factory=dict)  # org → telegram ids of officials
    task_count: dict[int, int] = field(default_factory=dict)  # org → tasks
    report_count: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


def _bulk(conn: Connection, table: Any, rows: Sequence[dict[str, Any]], chunk: int = 20_000) -> None:
    tbl: Table = table.__table__
    for i in range(0, len(rows), chunk):
        conn.execute(insert(tbl), list(rows[i : i + chunk]))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _split(total: int, parts: int, layout: str) -> list[int]:
    if parts <= 0:
        return []
    if layout == "one":
        return [total] + [0] * (parts - 1)
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def seed(url: str, spec: SeedSpec | None = None, *, db: Database | None = None) -> Seeded:
    """Create the schema at ``url`` (migrations) and fill it; returns what benchmarks need."""
    spec = spec or SeedSpec()
    rng = random.Random(spec.seed)
    started = time.perf_counter()
    own = db is None
    database = db or Database(url)
    out = Seeded(url=url, spec=spec)
    now = NOW
    deadline_cache: dict[tuple[str, int], Any] = {}
    fold_cache: dict[str, str] = {}

    orgs: list[dict[str, Any]] = []
    agencies: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    officials: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []

    agency_id = official_id = plan_id = task_id = report_id = doc_id = 0
    officials_per_org = _split(spec.officials, spec.organizations, "spread")
    tasks_per_org = _split(spec.tasks, spec.organizations, spec.layout)
    reports_left = spec.reports
    tasks_left = spec.tasks
    user = FIRST_USER
    for o in range(spec.organizations):
        org_id = o + 1
        commune = COMMUNES[o % len(COMMUNES)] + ("" if o < len(COMMUNES) else f" {o // len(COMMUNES) + 1}")
        kind = "phường" if o % 5 == 2 else "xã"
        org_name = f"UBND {kind} {commune}"
        orgs.append({"id": org_id, "name": org_name, "name_key": fold(org_name), "created_at": now})
        out.organization_ids.append(org_id)
        org_agencies: list[int] = []
        for a in range(spec.agencies_per_org):
            agency_id += 1
            base = AGENCIES[a % len(AGENCIES)]
            name = base.replace(" xã", f" {kind}") + (
                "" if a < len(AGENCIES) else f" {a // len(AGENCIES) + 1}"
            )
            agencies.append(
                {
                    "id": agency_id,
                    "organization_id": org_id,
                    "name": name,
                    "name_key": fold(name),
                    "is_group": False,
                    "created_at": now,
                }
            )
            org_agencies.append(agency_id)
        agency_id += 1
        group_id = agency_id
        agencies.append(
            {
                "id": group_id,
                "organization_id": org_id,
                "name": GROUP,
                "name_key": fold(GROUP),
                "is_group": True,
                "created_at": now,
            }
        )
        members += [{"group_id": group_id, "member_id": m} for m in org_agencies[1:]]
        out.agency_ids[org_id] = org_agencies
        org_official_ids: list[int] = []
        for n in range(officials_per_org[o]):
            official_id += 1
            user += 1
            role = "leader" if n == 0 else "admin" if n == 1 else "official"
            officials.append(
                {
                    "id": official_id,
                    "telegram_user_id": user,
                    "chat_id": user,
                    "full_name": _name(rng),
                    "username": None,
                    "organization_id": org_id,
                    "agency_id": None if role != "official" else org_agencies[n % len(org_agencies)],
                    "role": role,
                    "active": True,
                    "reachable": True,
                    "reminders_enabled": True,
                    "reminder_time": None,
                    "remind_coordinating": True,
                    "created_at": now,
                }
            )
            org_official_ids.append(official_id)
            if role == "leader":
                out.leaders[org_id] = user
            elif role == "official":
                out.officials.setdefault(org_id, []).append(user)

        n_tasks = min(tasks_per_org[o], tasks_left)
        tasks_left -= n_tasks
        n_reports = (
            reports_left
            if o == spec.organizations - 1
            else round(spec.reports * n_tasks / max(spec.tasks, 1))
        )
        n_reports = min(n_reports, reports_left) if n_tasks else 0
        reports_left -= n_reports
        out.task_count[org_id] = n_tasks
        out.report_count[org_id] = n_reports
        org_task_ids: list[tuple[int, int, bool]] = []  # id, lead agency, has target
        plan_number = 0
        made = 0
        while made < n_tasks:
            plan_id += 1
            plan_number += 1
            year = 2025 if plan_number % 5 else 2024
            title = (
                "Kế hoạch kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông "
                f"năm {year} (đợt {plan_number})"
            )
            plans.append(
                {
                    "id": plan_id,
                    "organization_id": org_id,
                    "title": title,
                    "number": f"{10 + plan_number}/KH-UBND",
                    "issued_on": date(year, 3, 9),
                    "year": year,
                    "source_filename": f"ke-hoach-{plan_number}.docx",
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            in_plan = min(spec.tasks_per_plan, n_tasks - made)
            position = 0
            for s in range(len(SECTIONS)):
                task_id += 1
                position += 1
                section_code = "I" * (s + 1) if s < 3 else "IV"
                tasks.append(
                    _task_row(
                        task_id,
                        plan_id,
                        section_code,
                        section_code,
                        "section",
                        1,
                        position,
                        section_code,
                        SECTIONS[s],
                        None,
                        None,
                        [],
                        fold_cache,
                        now,
                    )
                )
            for t in range(in_plan):
                task_id += 1
                position += 1
                section_code = ["I", "II", "III", "IV"][t % 4]
                content = CONTENTS[rng.randrange(len(CONTENTS))]
                targets: list[dict[str, Any]] = []
                if rng.random() < 0.08:
                    content, metric, minimum = rng.choice(TARGET_CONTENTS)
                    targets = [{"metric": metric, "min_percent": minimum}]
                content = f"{content} (nội dung {t + 1})"
                text = rng.choice(DEADLINES).format(y=year)
                key = (text, year)
                if key not in deadline_cache:
                    deadline_cache[key] = parse_deadline(text, year=year)
                tasks.append(
                    _task_row(
                        task_id,
                        plan_id,
                        f"{section_code}.{t // 4 + 1}",
                        f"{t // 4 + 1}",
                        "task",
                        2,
                        position,
                        section_code,
                        content,
                        deadline_cache[key],
                        rng.choice(["Văn bản chỉ đạo, đôn đốc", "Báo cáo kết quả", None]),
                        targets,
                        fold_cache,
                        now,
                    )
                )
                lead = rng.choice(org_agencies)
                links.append({"task_id": task_id, "agency_id": lead, "role": "lead"})
                for coordinating in {rng.choice([*org_agencies, group_id]) for _ in range(rng.randrange(3))}:
                    if coordinating != lead:
                        links.append({"task_id": task_id, "agency_id": coordinating, "role": "coordinating"})
                org_task_ids.append((task_id, lead, bool(targets)))
            made += in_plan

        # Progress reports over the year up to NOW; ~4% correct (supersede) the task's previous one.
        last_by_task: dict[int, int] = {}
        start_day = date(2025, 1, 2)
        span = (now.date() - start_day).days
        for _ in range(n_reports):
            report_id += 1
            tid, _lead, has_target = org_task_ids[rng.randrange(len(org_task_ids))]
            day = start_day + timedelta(days=rng.randrange(span + 1))
            status = rng.choices(["done", "in_progress", "not_done"], weights=[45, 40, 15])[0]
            supersedes = last_by_task.get(tid) if rng.random() < 0.04 else None
            reports.append(
                {
                    "id": report_id,
                    "task_id": tid,
                    "official_id": rng.choice(org_official_ids) if org_official_ids else None,
                    "reporter_name": None,
                    "status": status,
                    "note": rng.choice(NOTES),
                    "kpi_value": round(rng.uniform(50, 100), 2) if has_target else None,
                    "reported_on": day,
                    "period_start": None,
                    "period_end": None,
                    "source": "bot",
                    "attachment_file_id": None,
                    "attachment_name": None,
                    "attachment_size": None,
                    "supersedes_id": supersedes,
                    "created_at": datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)
                    + timedelta(seconds=report_id % 30_000),
                }
            )
            last_by_task[tid] = report_id
            if rng.random() < 0.15:
                doc_id += 1
                doc_type, suffix = rng.choice(DOC_TYPES)
                number = f"{rng.randrange(1, 120)}/{suffix}"
                documents.append(
                    {
                        "id": doc_id,
                        "report_id": report_id,
                        "doc_type": doc_type,
                        "number": number,
                        "issued_on": day,
                        "text": f"{doc_type} số {number} ngày {day.day}/{day.month}/{day.year}",
                    }
                )

    with database.engine.begin() as conn:
        for model, rows in (
            (Organization, orgs),
            (Agency, agencies),
            (AgencyGroupMember, members),
            (Official, officials),
            (Plan, plans),
            (Task, tasks),
            (TaskAgency, links),
            (ProgressReport, reports),
            (ReportDocument, documents),
        ):
            _bulk(conn, model, rows)
    if database.engine.dialect.name == "sqlite":
        with database.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    if own:
        database.dispose()
    out.seconds = time.perf_counter() - started
    return out


def _task_row(
    task_id: int,
    plan_id: int,
    code: str,
    number: str,
    kind: str,
    level: int,
    position: int,
    section: str,
    content: str,
    deadline: Any,
    product: str | None,
    targets: list[dict[str, Any]],
    fold_cache: dict[str, str],
    now: datetime,
) -> dict[str, Any]:
    key = fold_cache.get(content)
    if key is None:
        key = fold_cache[content] = fold(content)
    return {
        "id": task_id,
        "plan_id": plan_id,
        "parent_id": None,
        "code": code,
        "number": number,
        "kind": kind,
        "level": level,
        "position": position,
        "section": section,
        "content": content,
        "content_key": key,
        "deadline_text": deadline.text if deadline else None,
        "deadline_kind": deadline.kind if deadline else "unknown",
        "deadline_due": deadline.due if deadline else None,
        "deadline_start": deadline.start if deadline else None,
        "recurrence": deadline.recurrence if deadline else None,
        "product": product,
        "targets": targets,
        "removed": False,
        "created_at": now,
    }


def summary(seeded: Seeded) -> str:
    s = seeded.spec
    return (
        f"{s.organizations} tổ chức, {s.officials} cán bộ, {s.tasks} nhiệm vụ, {s.reports} báo cáo tiến độ "
        f"(layout {s.layout}) seeded in {seeded.seconds:.1f} s"
    )


def add_arguments(parser: argparse.ArgumentParser, defaults: Iterable[tuple[str, Any]] = ()) -> None:
    spec = SeedSpec(**dict(defaults))
    parser.add_argument("--organizations", type=int, default=spec.organizations)
    parser.add_argument("--officials", type=int, default=spec.officials)
    parser.add_argument("--tasks", type=int, default=spec.tasks)
    parser.add_argument("--reports", type=int, default=spec.reports)
    parser.add_argument("--layout", choices=["spread", "one"], default=spec.layout)


def spec_from(args: argparse.Namespace) -> SeedSpec:
    return SeedSpec(
        organizations=args.organizations,
        officials=args.officials,
        tasks=args.tasks,
        reports=args.reports,
        layout=args.layout,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="SQLite file to create (must not exist)")
    add_arguments(parser)
    args = parser.parse_args(argv)
    path = Path(args.db)
    if path.exists():
        parser.error(f"{path} exists")
    seeded = seed(f"sqlite:///{path}", spec_from(args))
    print(summary(seeded))
    return 0


if __name__ == "__main__":
    sys.exit(main())
