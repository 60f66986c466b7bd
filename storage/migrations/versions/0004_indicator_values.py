"""indicator values: measured figures of a reporting period (narrative reports, task results)

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicatorvalue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.ForeignKeyConstraint(["report_id"], ["progressreport.id"]),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("indicatorvalue", schema=None) as batch_op:
        batch_op.create_index("ix_indicator_org_key", ["organization_id", "key"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicatorvalue_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicatorvalue_task_id"), ["task_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicatorvalue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicatorvalue_task_id"))
        batch_op.drop_index(batch_op.f("ix_indicatorvalue_organization_id"))
        batch_op.drop_index("ix_indicator_org_key")
    op.drop_table("indicatorvalue")
