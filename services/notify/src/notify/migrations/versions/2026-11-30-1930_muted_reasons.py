"""mail preferences: optional notices muted one by one

Revision ID: d4f0c0de0003
Revises: d4f0c0de0002
Create Date: 2026-11-30 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4f0c0de0003"
down_revision: str | None = "d4f0c0de0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "mail_preferences",
        sa.Column("muted_reasons", sa.String(length=500), server_default="", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("mail_preferences") as batch:
        batch.drop_column("muted_reasons")
