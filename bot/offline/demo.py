"""`planbot demo`: a fresh database with the bundled sample plan and a few officials, then a chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session

from plans.agencies import AgencyMatcher
from plans.importing import store_plan
from plans.parsing.importer import parse_file
from plans.samples import SAMPLE_PLAN
from storage.db import Database
from storage.models import Role
from storage.queries.officials import ensure_official
from storage.queries.plans import agencies_with_aliases

# Officials of the sample commune (names as in the Thanh Xá report); the chat user is added by `chat`.
DEMO_OFFICIALS: list[tuple[int, str, str, str]] = [
    (20001, "Nguyễn Thị Hoa", Role.official, "Văn phòng HĐND và UBND xã"),
    (20002, "Trần Văn Nam", Role.official, "Phòng Văn hóa - Xã hội"),
    (20003, "Lê Văn Bình", Role.leader, "Văn phòng HĐND và UBND xã"),
]

# Played when the demo has no terminal to read from (e.g. `make demo` in CI).
TOUR: list[str] = [
    "/start",
    "/viec",
    "so hoa ho so",
    "1",  # opens the first task found
    "tỷ lệ hoàn thành quý 1 năm 2023?",
    "thống kê theo đơn vị quý 1 năm 2023",
    "việc nào quá hạn?",
]


@dataclass
class DemoInfo:
    directory: Path
    database_url: str
    organization: str
    tasks: int
    results: int


def prepare_demo(directory: Path, today: date | None = None) -> DemoInfo:
    """Create (or recreate) the demo database in `directory` and fill it from the sample plan."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "planbot-demo.db"
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    parsed = parse_file(SAMPLE_PLAN, filename=SAMPLE_PLAN.name)
    database = Database(url)
    try:
        with database.session() as session:
            result = store_plan(session=session, parsed=parsed, organization_name=None, today=today)
            _add_officials(session, result.organization_id)
            organization = parsed.organization or ""
    finally:
        database.dispose()
    return DemoInfo(
        directory, url, organization, len(parsed.tasks), len([t for t in parsed.tasks if t.result])
    )


def _add_officials(session: Session, organization_id: int) -> None:
    known = agencies_with_aliases(session=session, organization_id=organization_id)
    matcher = AgencyMatcher([(a.id, a.name, aliases) for a, aliases in known if a.id is not None])
    for user_id, name, role, agency_name in DEMO_OFFICIALS:
        agency_id = matcher.match(agency_name).agency_id
        ensure_official(
            session=session,
            telegram_user_id=user_id,
            full_name=name,
            role=role,
            organization_id=organization_id,
            agency_id=agency_id,
        )


DEMO_LEADER = 20003  # the sample commune's leader: the dashboard login link printed by `planbot demo`


def demo_login(database_url: str) -> str | None:
    """A single-use dashboard login token for the demo's leader (plans/dashboard_login.py)."""
    from plans.dashboard_login import issue_login

    database = Database(database_url)
    try:
        return database.call(issue_login, telegram_user_id=DEMO_LEADER)
    finally:
        database.dispose()
