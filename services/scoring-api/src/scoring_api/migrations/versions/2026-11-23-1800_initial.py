"""initial: audit records and the event outbox

Revision ID: c3f0c0de0001
Revises:
Create Date: 2026-11-23 18:00:00
"""

from collections.abc import Sequence

from chiiki_common.migration_tables import (
    create_audit_table,
    create_outbox_table,
    drop_audit_table,
    drop_outbox_table,
)

revision: str = "c3f0c0de0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_audit_table()
    create_outbox_table()


def downgrade() -> None:
    drop_outbox_table()
    drop_audit_table()
