"""Builders for reminder and status tests: plain facts for the pure parts, database rows for passes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from bot.settings import Settings, load_settings
from reminders.due import Recipient
from storage.db import Database
from storage.facts import ReportFacts, TaskFacts
from storage.models import (
    ProgressReport,
)
from tests.support.builders import add_agency, add_official, add_organization, add_plan, add_task

VP = 1  # Văn phòng HĐND và UBND xã
TTPV = 2  # Trung tâm Phục vụ hành chính công
VHXH = 3  # Phòng Văn hóa - Xã hội


def task_facts(
    task_id: int,
    *,
    code: str = "I.1",
    content: str = "Xây dựng văn bản chỉ đạo của UBND xã, Chủ tịch UBND xã",
    kind: str = "date",
    due: date | None = None,
    start: date | None = None,
    recurrence: str | None = None,
    lead: Iterable[int] = (VP,),
    coordinating: Iterable[int] = (),
    plan_status: str = "active",
    deadline_text: str | None = None,
) -> TaskFacts:
    return TaskFacts(
        id=task_id,
        plan_id=1,
        organization_id=1,
        code=code,
        content=content,
        section=code.split(".")[0],
        deadline_text=deadline_text,
        deadline_kind=kind,
        due=due,
        start=start,
        recurrence=recurrence,
        lead_agency_ids=frozenset(lead),
        coordinating_agency_ids=frozenset(coordinating),
        plan_status=plan_status,
    )


_report_ids = iter(range(1, 10**6))


def report_facts(
    task_id: int,
    status: str,
    reported_on: date,
    *,
    supersedes_id: int | None = None,
    report_id: int | None = None,
) -> ReportFacts:
    return ReportFacts(
        id=report_id if report_id is not None else next(_report_ids),
        task_id=task_id,
        status=status,
        reported_on=reported_on,
        created_at=datetime(reported_on.year, reported_on.month, reported_on.day, 3, tzinfo=UTC),
        supersedes_id=supersedes_id,
    )


def recipient(official_id: int = 1, agency_id: int | None = VP, **kwargs: Any) -> Recipient:
    return Recipient(
        official_id=official_id,
        chat_id=1000 + official_id,
        full_name=kwargs.pop("full_name", "Nguyễn Thị Lan"),
        agency_id=agency_id,
        organization_id=1,
        **kwargs,
    )


class World:
    """Rows of a commune (UBND xã Thanh Xá) in a real database, created in small transactions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _add(self, row: Any) -> int:
        with self.db.session() as session:
            session.add(row)
            session.flush()
            assert row.id is not None
            return int(row.id)

    def organization(self, name: str = "UBND xã Thanh Xá") -> int:
        with self.db.session() as session:
            return add_organization(session, name)

    def agency(self, org: int, name: str) -> int:
        with self.db.session() as session:
            return add_agency(session, org, name)

    def plan(self, org: int, *, status: str = "active", year: int = 2025) -> int:
        with self.db.session() as session:
            return add_plan(
                session,
                org,
                "Kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông",
                number="25/KH-UBND",
                year=year,
                status=status,
            )

    def task(
        self,
        plan: int,
        code: str,
        content: str,
        *,
        kind: str = "date",
        due: date | None = None,
        start: date | None = None,
        recurrence: str | None = None,
        lead: Iterable[int] = (),
        coordinating: Iterable[int] = (),
        deadline_text: str | None = None,
    ) -> int:
        with self.db.session() as session:
            return add_task(
                session,
                plan,
                code,
                content,
                lead=lead,
                coordinating=coordinating,
                deadline_text=deadline_text,
                deadline_kind=kind,
                deadline_due=due,
                deadline_start=start,
                recurrence=recurrence,
            )

    def official(
        self, user_id: int, name: str, *, org: int, agency: int | None, role: str = "official", **kw: Any
    ) -> int:
        with self.db.session() as session:
            return add_official(
                session, user_id, name, organization_id=org, agency_id=agency, role=role, **kw
            )

    def report(self, task: int, status: str, reported_on: date, official: int | None = None) -> int:
        return self._add(
            ProgressReport(task_id=task, official_id=official, status=status, reported_on=reported_on)
        )


def make_settings(database_url: str = "sqlite://", **values: Any) -> Settings:
    base: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "PLANBOT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "PLANBOT_REMINDER_TIME": "07:30",
    }
    base.update(values)
    return load_settings(**base)
