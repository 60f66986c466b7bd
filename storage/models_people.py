"""Tables about people and places beyond the plan: who a task is assigned to, join requests on a
shared invite, bound group chats, dashboard logins, the admins' corrections of tasks, and the bots
of a deployment serving several."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models import utcnow


class TaskAssignee(SQLModel, table=True):
    """A person a task is assigned to, beside the agency that leads it; several may share a task."""

    task_id: int = Field(foreign_key="task.id", primary_key=True, ondelete="CASCADE")
    official_id: int = Field(foreign_key="official.id", primary_key=True, index=True, ondelete="CASCADE")
    assigned_by: int | None = Field(default=None, foreign_key="official.id")
    assigned_at: datetime = Field(default_factory=utcnow)
    due_date: date | None = None  # a personal due date within the task's own (plans/personal_due.py)


class JoinRequest(SQLModel, table=True):
    """Someone who opened a shared invite that needs an admin's approval."""

    __table_args__ = (UniqueConstraint("invite_id", "telegram_user_id", name="uq_join_once"),)
    id: int | None = Field(default=None, primary_key=True)
    invite_id: int = Field(foreign_key="invite.id", index=True)
    telegram_user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    full_name: str = Field(max_length=255)
    username: str | None = Field(default=None, max_length=64)
    status: str = Field(default="pending", max_length=16)  # pending | approved | rejected
    decided_by: int | None = Field(default=None, foreign_key="official.id")
    decided_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class GroupChat(SQLModel, table=True):
    """A Telegram group bound to an organization (and optionally one agency) by an admin or leader."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    organization_id: int = Field(foreign_key="organization.id", index=True)
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    title: str = Field(default="", max_length=255)
    bound_by: int | None = Field(default=None, foreign_key="official.id")
    weekly_summary: bool = True
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class DashboardLogin(SQLModel, table=True):
    """A single-use link that logs a PC browser into the dashboard; only the token's hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    official_id: int = Field(foreign_key="official.id", index=True)
    expires_at: datetime
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class TaskEdit(SQLModel, table=True):
    """An admin's correction of one field of a task (audited); a re-import that brings back the old
    value keeps the correction."""

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    field: str = Field(max_length=32)  # content | deadline | lead | coordinating | product | targets
    old_value: str | None = None  # as the document had it
    new_value: str | None = None
    official_id: int | None = Field(default=None, foreign_key="official.id")
    actor_user_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    source: str = Field(default="bot", max_length=16)  # bot | cli | dashboard
    created_at: datetime = Field(default_factory=utcnow)


class BotAccount(SQLModel, table=True):
    """One Telegram bot of a deployment that serves several (one per province, say). The token is
    shown only masked and never logged."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=64)
    token: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=utcnow)


class BotOrganization(SQLModel, table=True):
    """The bot an organization is served by; an organization without a row uses the default bot."""

    organization_id: int = Field(foreign_key="organization.id", primary_key=True, ondelete="CASCADE")
    bot_id: int = Field(foreign_key="botaccount.id", index=True, ondelete="CASCADE")
