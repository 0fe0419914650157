"""rate buckets: the request-rate limits as one budget shared by every gateway process

Revision ID: a1f0c0de0004
Revises: a1f0c0de0003
Create Date: 2026-12-02 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a1f0c0de0004"
down_revision: str | None = "a1f0c0de0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_buckets",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("stamp", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_buckets")),
    )
    op.create_index(op.f("ix_rate_buckets_stamp"), "rate_buckets", ["stamp"])


def downgrade() -> None:
    op.drop_index(op.f("ix_rate_buckets_stamp"), table_name="rate_buckets")
    op.drop_table("rate_buckets")
