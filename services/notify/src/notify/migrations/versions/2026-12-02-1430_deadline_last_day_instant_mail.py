"""deadlines: the last day of a day deadline; mail preferences: a viewer's opt-in to instant mail

Revision ID: d4f0c0de0005
Revises: d4f0c0de0004
Create Date: 2026-12-02 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4f0c0de0005"
down_revision: str | None = "d4f0c0de0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("last_day", sa.Date(), nullable=True))
    with op.batch_alter_table("mail_preferences") as batch:
        batch.add_column(
            sa.Column("instant_mail", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("mail_preferences") as batch:
        batch.drop_column("instant_mail")
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_column("last_day")
