"""draft version history: ``plan_versions`` (append-only), one row per content-changing write

Each row holds the plan's content (``plans/freeze.py`` ``content_of``) as it stood after the write,
numbered by the plan's version counter (its ETag) at that moment, with who wrote it and how
(作成 / 編集 / 取込 / 復元). Plans written before this revision start their history at their next
write.

Revision ID: b2f0c0de0004
Revises: b2f0c0de0003
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.audit import append_only_ddl, drop_append_only_ddl
from chiiki_common.db import BigId, UTCDateTime

revision: str = "b2f0c0de0004"
down_revision: str | None = "b2f0c0de0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "plan_versions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("written_at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_versions_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.UniqueConstraint("plan_id", "version", name=op.f("uq_plan_versions_plan_id_version")),
    )
    for statement in append_only_ddl("plan_versions", dialect):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_append_only_ddl("plan_versions", dialect):
        op.execute(statement)
    op.drop_table("plan_versions")
