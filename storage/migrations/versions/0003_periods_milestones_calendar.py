"""reporting periods on every report, plan periods, task milestones, the commune calendar

Every progress report now belongs to a reporting period (kỳ báo cáo). Imported results already
had one; a report sent through the bot gets the calendar quarter containing the day it was sent,
which is the period the old rules counted it in. Plans get the period they cover (their year, for
those that had one) and tasks the milestones of compound deadlines.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _quarter(day: date) -> tuple[date, date]:
    first = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first, 1)
    end = date(day.year + 1, 1, 1) if first == 10 else date(day.year, first + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def upgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("period_end", sa.Date(), nullable=True))
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("milestones", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "calendarday",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "day", name="uq_calendar_day"),
    )
    with op.batch_alter_table("calendarday", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendarday_organization_id"), ["organization_id"], unique=False)

    bind = op.get_bind()
    plans = sa.table(
        "plan", sa.column("id"), sa.column("year"), sa.column("period_start", sa.Date()), sa.column("period_end", sa.Date())
    )
    for plan_id, year in bind.execute(sa.select(plans.c.id, plans.c.year).where(plans.c.year.is_not(None))):
        bind.execute(
            plans.update()
            .where(plans.c.id == plan_id)
            .values(period_start=date(year, 1, 1), period_end=date(year, 12, 31))
        )
    reports = sa.table(
        "progressreport",
        sa.column("id"),
        sa.column("reported_on", sa.Date()),
        sa.column("period_start", sa.Date()),
        sa.column("period_end", sa.Date()),
    )
    rows = bind.execute(
        sa.select(reports.c.id, reports.c.reported_on).where(
            sa.or_(reports.c.period_start.is_(None), reports.c.period_end.is_(None))
        )
    ).all()
    for report_id, reported_on in rows:
        start, end = _quarter(reported_on)
        # Not through the ORM: progress reports are append-only there; a migration fills a new field.
        bind.execute(
            reports.update().where(reports.c.id == report_id).values(period_start=start, period_end=end)
        )


def downgrade() -> None:
    with op.batch_alter_table("calendarday", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendarday_organization_id"))
    op.drop_table("calendarday")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("milestones")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("period_end")
        batch_op.drop_column("period_start")
