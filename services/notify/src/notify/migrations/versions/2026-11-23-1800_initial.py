"""initial: audit records

Revision ID: d4f0c0de0001
Revises:
Create Date: 2026-11-23 18:00:00
"""

from collections.abc import Sequence

from chiiki_common.migration_tables import create_audit_table, drop_audit_table

revision: str = "d4f0c0de0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_audit_table()


def downgrade() -> None:
    drop_audit_table()
