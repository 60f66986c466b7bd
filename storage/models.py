"""SQLModel tables. Times are stored in UTC; dates (due days, report periods) are local calendar dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, UniqueConstraint, event
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapper
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    official = "official"
    leader = "leader"
    admin = "admin"


class NodeKind(StrEnum):
    section = "section"  # mục: I, II …
    group = "group"  # a row that only introduces the rows below it
    task = "task"  # nhiệm vụ: a leaf that is tracked and counted


class DeadlineKind(StrEnum):
    date = "date"
    month = "month"
    quarter = "quarter"
    range = "range"
    recurring = "recurring"
    continuous = "continuous"
    on_demand = "on_demand"
    unknown = "unknown"


class ReportStatus(StrEnum):
    done = "done"
    in_progress = "in_progress"
    not_done = "not_done"


class PlanStatus(StrEnum):
    active = "active"
    finished = "finished"
    archived = "archived"


class LinkRole(StrEnum):
    lead = "lead"
    coordinating = "coordinating"


class Organization(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=255)  # "UBND xã Thanh Xá"
    name_key: str = Field(index=True, max_length=255)  # folded, for look-ups without diacritics
    created_at: datetime = Field(default_factory=utcnow)


class Agency(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("organization_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(max_length=255)
    name_key: str = Field(max_length=255)
    is_group: bool = False  # "Các phòng chuyên môn": stands for its members
    created_at: datetime = Field(default_factory=utcnow)


class AgencyAlias(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("agency_id", "alias_key"),)
    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True, ondelete="CASCADE")
    alias: str = Field(max_length=255)
    alias_key: str = Field(max_length=255, index=True)


class AgencyGroupMember(SQLModel, table=True):
    group_id: int = Field(foreign_key="agency.id", primary_key=True, ondelete="CASCADE")
    member_id: int = Field(foreign_key="agency.id", primary_key=True, ondelete="CASCADE")


class Official(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    full_name: str = Field(max_length=255)
    username: str | None = Field(default=None, max_length=64)
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    role: str = Field(default=Role.official, max_length=16)
    active: bool = True
    reachable: bool = True  # False once Telegram answers 403 (blocked)
    reminders_enabled: bool = True
    reminder_time: str | None = Field(default=None, max_length=5)  # "HH:MM"; None = the global time
    remind_coordinating: bool = True
    is_head: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})  # assigns tasks
    created_at: datetime = Field(default_factory=utcnow)


class Invite(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    organization_id: int = Field(foreign_key="organization.id")
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    role: str = Field(default=Role.official, max_length=16)
    created_by: int | None = Field(default=None, foreign_key="official.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None  # the first use
    used_by_user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    # One link for a whole agency: up to max_uses people, each admitted by an admin when asked.
    max_uses: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    use_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    needs_approval: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})


class Plan(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    title: str
    number: str | None = Field(default=None, max_length=64)  # "25/KH-UBND"
    issued_on: date | None = None
    year: int | None = Field(default=None, index=True)
    # The period the plan covers: a year, or a span such as "giai đoạn 2026–2030" (local dates).
    period_start: date | None = None
    period_end: date | None = None
    source_filename: str | None = Field(default=None, max_length=255)
    status: str = Field(default=PlanStatus.active, max_length=16)  # active | archived (lưu trữ)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Task(SQLModel, table=True):
    """A node of a plan's appendix: a section, a group row, or a task (the counted leaf)."""

    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        Index("ix_task_plan_kind", "plan_id", "kind"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="task.id")
    code: str = Field(max_length=32)  # "II.2.3"
    number: str | None = Field(default=None, max_length=16)  # as printed: "2.1", "-", "II"
    kind: str = Field(default=NodeKind.task, max_length=16)
    level: int = 1  # 1 = mục, 2 = nội dung, 3 = row under a nội dung
    position: int = 0  # order in the document
    section: str | None = Field(default=None, max_length=16)
    content: str
    content_key: str = ""  # folded content, for search without diacritics
    deadline_text: str | None = None
    deadline_kind: str = Field(default=DeadlineKind.unknown, max_length=16)
    deadline_due: date | None = Field(default=None, index=True)
    deadline_start: date | None = None
    recurrence: str | None = Field(default=None, max_length=32)  # "monthly:18", "quarterly", "yearly"
    # Dated milestones written inside a continuous deadline: [{"day": "2023-06-20", "text": "…"}]
    milestones: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    product: str | None = None
    # The agency cells as the plan writes them ("Văn phòng HĐND và UBND xã; Văn hóa xã hội xã"):
    # report files show these, not the matched agencies' names. None for rows stored before 0005.
    lead_text: str | None = None
    coordinating_text: str | None = None
    targets: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    removed: bool = False  # dropped by a revised plan; its reports stay
    created_at: datetime = Field(default_factory=utcnow)


class TaskAgency(SQLModel, table=True):
    task_id: int = Field(foreign_key="task.id", primary_key=True, ondelete="CASCADE")
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)
    role: str = Field(default=LinkRole.lead, primary_key=True, max_length=16)


class ProgressReport(SQLModel, table=True):
    """Append-only: a correction is a new row that supersedes an older one."""

    __table_args__ = (Index("ix_progress_task_created", "task_id", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    official_id: int | None = Field(default=None, foreign_key="official.id")
    reporter_name: str | None = Field(default=None, max_length=255)
    status: str = Field(max_length=16)
    note: str | None = None
    kpi_value: float | None = None
    # The day it was sent (local date), and the reporting period (kỳ báo cáo) it is about.
    reported_on: date
    period_start: date | None = None
    period_end: date | None = None
    source: str = Field(default="bot", max_length=16)  # "bot" | "import"
    attachment_file_id: str | None = Field(default=None, max_length=255)
    attachment_name: str | None = Field(default=None, max_length=255)
    attachment_size: int | None = None
    # Indexed: lists rank "the latest report no other report supersedes" (NOT EXISTS on this column).
    supersedes_id: int | None = Field(default=None, foreign_key="progressreport.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class ReportDocument(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="progressreport.id", index=True)
    doc_type: str = Field(max_length=64)  # "Kế hoạch"
    number: str | None = Field(default=None, max_length=64)  # "23/KH-UBND"
    issued_on: date | None = None
    text: str | None = None  # as written


class IndicatorValue(SQLModel, table=True):
    """A measured figure of a reporting period: "120 hồ sơ trực tuyến" in a narrative monthly report,
    or "tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 61,3%" in a task's result. `key` names what it measures
    (plans/indicators.py); a value belongs to that indicator only."""

    __table_args__ = (Index("ix_indicator_org_key", "organization_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    key: str = Field(max_length=64)  # "ho_so_truc_tuyen", "ty_le_tiep_nhan_truc_tuyen" …
    label: str = Field(max_length=255)  # as the source writes it
    value: float
    unit: str = Field(default="", max_length=32)  # "hồ sơ", "%", "TTHC"
    period_start: date
    period_end: date
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True)
    report_id: int | None = Field(default=None, foreign_key="progressreport.id")
    source: str = Field(default="", max_length=255)  # "Báo cáo số 194/BC-UBND ngày 02/10/2025"
    text: str | None = None  # the sentence the value was read from
    created_at: datetime = Field(default_factory=utcnow)


class CalendarDay(SQLModel, table=True):
    """A commune's own extra day off, or weekend day worked to make up for one (holidays: `holidays`)."""

    __table_args__ = (UniqueConstraint("organization_id", "day", name="uq_calendar_day"),)
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    day: date
    working: bool  # True: a working day (a make-up Saturday); False: a day off
    note: str = Field(default="", max_length=255)
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)


class ReminderLog(SQLModel, table=True):
    """One row per reminder item; the unique key makes recording a reminder twice impossible."""

    __table_args__ = (
        UniqueConstraint(
            "official_id", "task_id", "occurrence", "offset_days", "day", name="uq_reminder_once"
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    official_id: int = Field(foreign_key="official.id", index=True)
    task_id: int = Field(foreign_key="task.id")
    occurrence: date  # the due day this reminder is about
    offset_days: int  # days before due; negative = overdue
    day: date = Field(index=True)  # local day of the digest
    status: str = Field(default="claimed", max_length=16)  # claimed | sent | failed
    claimed_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None  # a claim past its lease belongs to a dead process
    sent_at: datetime | None = None


class DigestLog(SQLModel, table=True):
    """One digest per official, day and kind; claimed before sending, marked after."""

    __table_args__ = (UniqueConstraint("official_id", "day", "kind", name="uq_digest_once"),)
    id: int | None = Field(default=None, primary_key=True)
    official_id: int = Field(foreign_key="official.id", index=True)
    day: date = Field(index=True)
    kind: str = Field(default="daily", max_length=16)  # daily | weekly
    status: str = Field(default="claimed", max_length=16)  # claimed | sent | failed | blocked
    attempts: int = 0
    claimed_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None  # a claim past its lease belongs to a dead process
    sent_at: datetime | None = None
    message_id: int | None = None
    error: str | None = None


class ReportTemplate(SQLModel, table=True):
    """An organization's own template of the written report (a .docx with the placeholders of
    reports/outputs/templates.py); without one the shipped default is used."""

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", unique=True)
    file_name: str = Field(max_length=255)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    placeholders: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    uploaded_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    uploaded_at: datetime = Field(default_factory=utcnow)


class EscalationKind(StrEnum):
    overdue = "overdue"  # a task overdue for more than PLANBOT_ESCALATE_AFTER_DAYS working days
    missing_report = "missing_report"  # an agency without its period report when the window closed


class Escalation(SQLModel, table=True):
    """A notice to a leader in charge; claimed before it is sent (the unique key), so it goes out once
    per task or agency, period and leader, across restarts and processes."""

    __table_args__ = (
        UniqueConstraint(
            "kind", "subject_id", "period_start", "period_end", "official_id", name="uq_escalation_once"
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    kind: str = Field(max_length=16)  # EscalationKind
    subject_id: int  # the task (overdue) or the agency (missing_report)
    task_id: int | None = Field(default=None, foreign_key="task.id")
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    period_start: date
    period_end: date
    official_id: int = Field(foreign_key="official.id", index=True)  # the leader told
    days_overdue: int = 0
    status: str = Field(default="claimed", max_length=16)  # claimed | sent | failed | blocked
    attempts: int = 0
    claimed_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None  # a claim past its lease belongs to a dead process
    sent_at: datetime | None = None
    message_id: int | None = None
    error: str | None = None
    reminded_at: datetime | None = None  # "Nhắc đơn vị" pressed (once)


class Explanation(SQLModel, table=True):
    """An explanation (giải trình) a leader asked an agency for, and its answer: one per task or
    agency and period."""

    __table_args__ = (
        UniqueConstraint("kind", "subject_id", "period_start", "period_end", name="uq_explanation_once"),
    )
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    kind: str = Field(max_length=16)  # EscalationKind
    subject_id: int
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)  # the agency asked
    period_start: date
    period_end: date
    escalation_id: int | None = Field(default=None, foreign_key="escalation.id")
    requested_by: int | None = Field(default=None, foreign_key="official.id")
    requested_at: datetime = Field(default_factory=utcnow)
    answer: str | None = None
    answered_by: int | None = Field(default=None, foreign_key="official.id")
    answered_at: datetime | None = None
    attachment_file_id: str | None = Field(default=None, max_length=255)
    attachment_name: str | None = Field(default=None, max_length=255)
    attachment_size: int | None = None


class AuditLog(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    action: str = Field(max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class KeyValue(SQLModel, table=True):
    """Bot persistence (conversation states, user data) kept in the database, not in a pickle file."""

    namespace: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=255)
    value: Any = Field(sa_column=Column(JSON, nullable=True))
    updated_at: datetime = Field(default_factory=utcnow)


class ProcessedUpdate(SQLModel, table=True):
    """Telegram update ids already claimed by a handler run: a redelivered update is handled once."""

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    # Same id, other content: Telegram reuses ids after a quiet week (and a fresh fake restarts at 1).
    digest: str = Field(default="", max_length=32)
    processed_at: datetime = Field(default_factory=utcnow, index=True)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a stored progress report."""


@event.listens_for(ProgressReport, "before_update")
def _refuse_update(mapper: Mapper[Any], connection: Any, target: ProgressReport) -> None:
    raise AppendOnlyError("progress reports are append-only; add a new report that supersedes this one")


@event.listens_for(ProgressReport, "before_delete")
def _refuse_delete(mapper: Mapper[Any], connection: Any, target: ProgressReport) -> None:
    raise AppendOnlyError("progress reports are append-only and cannot be deleted")


# Registered with the metadata wherever the tables are (storage.models is what everyone imports).
from storage import models_people as _models_people  # noqa: E402,F401
