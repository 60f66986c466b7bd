"""report templates, escalations and explanations; the agency cells as the plan writes them

An organization may keep its own template of the written report (ReportTemplate). A task overdue
for too long, or an agency without its period report when the reporting window closed, is told to
the leader in charge once (Escalation, claimed by its unique key); an explanation the leader asks
for and the agency's answer are kept (Explanation). Tasks keep their lead and coordinating cells as
written, for the report files.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # 0003 and 0004 created these as timestamps without time zone; every other moment is stored
        # as the models' UTCDateTime (timestamptz). Their values were written in UTC.
        for table in ("calendarday", "indicatorvalue"):
            op.alter_column(
                table,
                "created_at",
                type_=sqlmodel.sql.sqltypes.UTCDateTime(),
                existing_type=sa.DateTime(),
                existing_nullable=False,
                postgresql_using="created_at AT TIME ZONE 'UTC'",
            )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lead_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("coordinating_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    op.create_table(
        "reporttemplate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("placeholders", sa.JSON(), nullable=False),
        sa.Column("uploaded_by", sa.BigInteger(), nullable=True),
        sa.Column("uploaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id"),
    )

    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("days_overdue", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("reminded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["official_id"], ["official.id"]),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "kind", "subject_id", "period_start", "period_end", "official_id", name="uq_escalation_once"
        ),
    )
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalation_official_id"), ["official_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_escalation_organization_id"), ["organization_id"], unique=False)

    op.create_table(
        "explanation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("escalation_id", sa.Integer(), nullable=True),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("answer", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("attachment_file_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("attachment_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("attachment_size", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["answered_by"], ["official.id"]),
        sa.ForeignKeyConstraint(["escalation_id"], ["escalation.id"]),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.ForeignKeyConstraint(["requested_by"], ["official.id"]),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "subject_id", "period_start", "period_end", name="uq_explanation_once"),
    )
    with op.batch_alter_table("explanation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_explanation_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_explanation_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_explanation_task_id"), ["task_id"], unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("calendarday", "indicatorvalue"):
            op.alter_column(
                table,
                "created_at",
                type_=sa.DateTime(),
                existing_type=sqlmodel.sql.sqltypes.UTCDateTime(),
                existing_nullable=False,
                postgresql_using="created_at AT TIME ZONE 'UTC'",
            )
    with op.batch_alter_table("explanation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_explanation_task_id"))
        batch_op.drop_index(batch_op.f("ix_explanation_organization_id"))
        batch_op.drop_index(batch_op.f("ix_explanation_agency_id"))
    op.drop_table("explanation")
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_escalation_organization_id"))
        batch_op.drop_index(batch_op.f("ix_escalation_official_id"))
    op.drop_table("escalation")
    op.drop_table("reporttemplate")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("coordinating_text")
        batch_op.drop_column("lead_text")
