"""organisation names: the directory's names, so documents name municipalities

Revision ID: b2f0c0de0007
Revises: b2f0c0de0006
Create Date: 2026-12-04 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import UTCDateTime

revision: str = "b2f0c0de0007"
down_revision: str | None = "b2f0c0de0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisation_names",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=True),
        sa.Column("synced_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_organisation_names")),
    )


def downgrade() -> None:
    op.drop_table("organisation_names")
