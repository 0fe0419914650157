"""open-data filters: ``snapshot_tags`` (a published version's strategic fields, industries and
round, one row each), backfilled from the published snapshots

Revision ID: b2f0c0de0006
Revises: b2f0c0de0005
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import BigId

revision: str = "b2f0c0de0006"
down_revision: str | None = "b2f0c0de0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from plans_api.registry.tags import tags_of

    tags = op.create_table(
        "snapshot_tags",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("snapshot_id", BigId, nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["plan_snapshots.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_snapshot_tags_snapshot_id", "snapshot_tags", ["snapshot_id"])
    op.create_index("ix_snapshot_tags_kind_code", "snapshot_tags", ["kind", "code", "snapshot_id"])
    snapshots = sa.table("plan_snapshots", sa.column("id", BigId), sa.column("content", sa.JSON()))
    rows = [
        {"snapshot_id": snapshot_id, "kind": kind, "code": code}
        for snapshot_id, content in op.get_bind().execute(
            sa.select(snapshots.c.id, snapshots.c.content)
        )
        for kind, code in tags_of(content or {})
    ]
    if rows:
        op.bulk_insert(tags, rows)


def downgrade() -> None:
    op.drop_index("ix_snapshot_tags_kind_code", table_name="snapshot_tags")
    op.drop_index("ix_snapshot_tags_snapshot_id", table_name="snapshot_tags")
    op.drop_table("snapshot_tags")
