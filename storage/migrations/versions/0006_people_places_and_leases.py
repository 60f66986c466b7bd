"""people, places and leases

Tasks assigned to people (TaskAssignee); shared invites with a use limit and an admin's approval
(Invite.max_uses/use_count/needs_approval, JoinRequest); group chats bound to a commune (GroupChat);
single-use dashboard login links (DashboardLogin); admins' corrections of tasks (TaskEdit); the bots
of a deployment serving several (BotAccount, BotOrganization); leases on reminder, digest and
escalation claims, so a claim held by a dead process is sent later (lease_until).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "botaccount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "botorganization",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("bot_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["bot_id"], ["botaccount.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("organization_id"),
    )
    with op.batch_alter_table("botorganization", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_botorganization_bot_id"), ["bot_id"], unique=False)

    op.create_table(
        "dashboardlogin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["official_id"],
            ["official.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("dashboardlogin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dashboardlogin_official_id"), ["official_id"], unique=False)

    op.create_table(
        "groupchat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("bound_by", sa.Integer(), nullable=True),
        sa.Column("weekly_summary", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["bound_by"],
            ["official.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id"),
    )
    with op.batch_alter_table("groupchat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_groupchat_organization_id"), ["organization_id"], unique=False)

    op.create_table(
        "taskassignee",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("assigned_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by"],
            ["official.id"],
        ),
        sa.ForeignKeyConstraint(["official_id"], ["official.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("task_id", "official_id"),
    )
    with op.batch_alter_table("taskassignee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taskassignee_official_id"), ["official_id"], unique=False)

    op.create_table(
        "taskedit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("old_value", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("new_value", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("official_id", sa.Integer(), nullable=True),
        sa.Column("actor_user_id", sa.BigInteger(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["official_id"],
            ["official.id"],
        ),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("taskedit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taskedit_task_id"), ["task_id"], unique=False)

    op.create_table(
        "joinrequest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invite_id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["official.id"],
        ),
        sa.ForeignKeyConstraint(
            ["invite_id"],
            ["invite.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invite_id", "telegram_user_id", name="uq_join_once"),
    )
    with op.batch_alter_table("joinrequest", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joinrequest_invite_id"), ["invite_id"], unique=False)

    with op.batch_alter_table("digestlog", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_uses", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("use_count", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("needs_approval", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("reminderlog", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminderlog", schema=None) as batch_op:
        batch_op.drop_column("lease_until")

    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.drop_column("needs_approval")
        batch_op.drop_column("use_count")
        batch_op.drop_column("max_uses")

    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.drop_column("lease_until")

    with op.batch_alter_table("digestlog", schema=None) as batch_op:
        batch_op.drop_column("lease_until")

    with op.batch_alter_table("joinrequest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joinrequest_invite_id"))

    op.drop_table("joinrequest")
    with op.batch_alter_table("taskedit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taskedit_task_id"))

    op.drop_table("taskedit")
    with op.batch_alter_table("taskassignee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taskassignee_official_id"))

    op.drop_table("taskassignee")
    with op.batch_alter_table("groupchat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groupchat_organization_id"))

    op.drop_table("groupchat")
    with op.batch_alter_table("dashboardlogin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dashboardlogin_official_id"))

    op.drop_table("dashboardlogin")
    with op.batch_alter_table("botorganization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_botorganization_bot_id"))

    op.drop_table("botorganization")
    op.drop_table("botaccount")
