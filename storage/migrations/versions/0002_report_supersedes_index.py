"""index progressreport.supersedes_id

Task lists rank each task's latest report that no other report supersedes (NOT EXISTS on
supersedes_id); without the index every list scanned the reports once per report.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("progressreport", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progressreport_supersedes_id"), ["supersedes_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("progressreport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progressreport_supersedes_id"))
