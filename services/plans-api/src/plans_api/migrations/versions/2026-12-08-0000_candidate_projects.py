"""candidate projects: the prefectures' proposals for the 戦略産業クラスター計画 (type A)

Revision ID: b2f0c0de0008
Revises: b2f0c0de0007
Create Date: 2026-12-08 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import BigId, UTCDateTime

revision: str = "b2f0c0de0008"
down_revision: str | None = "b2f0c0de0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "candidate_projects",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("strategic_fields", sa.JSON(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decision_comment", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_projects")),
    )
    for column in ("organisation", "prefecture", "state"):
        op.create_index(
            op.f(f"ix_candidate_projects_{column}"), "candidate_projects", [column], unique=False
        )


def downgrade() -> None:
    for column in ("organisation", "prefecture", "state"):
        op.drop_index(op.f(f"ix_candidate_projects_{column}"), table_name="candidate_projects")
    op.drop_table("candidate_projects")
