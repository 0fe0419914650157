"""bureau blocks: the prefectures of each regional bureau (地方経済産業局, 内閣府沖縄総合事務局)

Revision ID: a1f0c0de0005
Revises: a1f0c0de0004
Create Date: 2026-12-07 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a1f0c0de0005"
down_revision: str | None = "a1f0c0de0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bureau_prefectures",
        sa.Column("bureau_code", sa.String(length=20), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["bureau_code"],
            ["organisations.code"],
            name=op.f("fk_bureau_prefectures_bureau_code_organisations"),
        ),
        sa.PrimaryKeyConstraint("bureau_code", "prefecture", name=op.f("pk_bureau_prefectures")),
    )
    op.create_index(op.f("ix_bureau_prefectures_prefecture"), "bureau_prefectures", ["prefecture"])


def downgrade() -> None:
    op.drop_index(op.f("ix_bureau_prefectures_prefecture"), table_name="bureau_prefectures")
    op.drop_table("bureau_prefectures")
