"""mail outbox: deferrals (no server reachable, no attempt spent) and the last SMTP reply

Revision ID: d4f0c0de0004
Revises: d4f0c0de0003
Create Date: 2026-12-01 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4f0c0de0004"
down_revision: str | None = "d4f0c0de0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_mails") as batch:
        batch.add_column(sa.Column("deferrals", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("smtp_code", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("smtp_reply", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_mails") as batch:
        batch.drop_column("smtp_reply")
        batch.drop_column("smtp_code")
        batch.drop_column("deferrals")
