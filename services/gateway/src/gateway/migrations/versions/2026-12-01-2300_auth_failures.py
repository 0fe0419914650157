"""auth failures: login and token throttle counters per (account, address) pair and per address,
shared by every gateway process; the per-account lockout columns of users go

Revision ID: a1f0c0de0003
Revises: a1f0c0de0002
Create Date: 2026-12-01 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import UTCDateTime

revision: str = "a1f0c0de0003"
down_revision: str | None = "a1f0c0de0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auth_failures",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", UTCDateTime(), nullable=True),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_auth_failures")),
    )
    op.create_index(op.f("ix_auth_failures_expires_at"), "auth_failures", ["expires_at"])
    with op.batch_alter_table("users") as batch:
        batch.drop_column("failed_login_count")
        batch.drop_column("last_failed_login_at")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("last_failed_login_at", UTCDateTime(), nullable=True))
        batch.add_column(
            sa.Column("failed_login_count", sa.Integer(), server_default="0", nullable=False)
        )
    op.drop_index(op.f("ix_auth_failures_expires_at"), table_name="auth_failures")
    op.drop_table("auth_failures")
