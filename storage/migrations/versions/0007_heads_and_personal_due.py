"""heads of agency and personal due dates

Official.is_head: the head of an agency, who assigns its tasks to its officials (plans/access.py);
TaskAssignee.due_date: a personal due date within the task's own (plans/personal_due.py).

Plain ADD/DROP COLUMN, no batch mode: recreating `official` would go through the foreign keys of
every table that points at it (and cascade into taskassignee).

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("official", sa.Column("is_head", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("taskassignee", sa.Column("due_date", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("taskassignee", "due_date")
    op.drop_column("official", "is_head")
