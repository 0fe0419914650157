"""METI's reference list (versions and entries), recorded waivers of required documents, and a
selection's effect on the plan and its refused state

Revision ID: c3f0c0de0003
Revises: c3f0c0de0002
Create Date: 2026-12-01 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import BigId, UTCDateTime

revision: str = "c3f0c0de0003"
down_revision: str | None = "c3f0c0de0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meti_reference_versions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "version >= 1", name=op.f("ck_meti_reference_versions_version_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meti_reference_versions")),
        sa.UniqueConstraint(
            "fiscal_year",
            "version",
            name=op.f("uq_meti_reference_versions_fiscal_year_version"),
        ),
    )
    op.create_table(
        "meti_reference_entries",
        sa.Column("version_id", BigId, nullable=False),
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "prefecture >= '01' AND prefecture <= '47'",
            name=op.f("ck_meti_reference_entries_prefecture"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["meti_reference_versions.id"],
            name=op.f("fk_meti_reference_entries_version_id_meti_reference_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "version_id", "corporate_number", name=op.f("pk_meti_reference_entries")
        ),
    )
    with op.batch_alter_table("meti_reference_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meti_reference_entries_corporate_number", ["corporate_number"], unique=False
        )

    op.create_table(
        "document_waivers",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("application_id", BigId, nullable=False),
        sa.Column("document_type", sa.String(length=50), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("waived_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_document_waivers_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_waivers")),
        sa.UniqueConstraint(
            "application_id",
            "document_type",
            name=op.f("uq_document_waivers_application_id_document_type"),
        ),
    )
    with op.batch_alter_table("document_waivers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_waivers_application_id"), ["application_id"], unique=False
        )

    with op.batch_alter_table("selections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("effect", sa.String(length=20), nullable=True))
        batch_op.drop_constraint(batch_op.f("ck_selections_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_selections_status"), "status IN ('pending', 'done', 'refused')"
        )


def downgrade() -> None:
    op.execute("UPDATE selections SET status = 'pending' WHERE status = 'refused'")
    with op.batch_alter_table("selections", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_selections_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_selections_status"), "status IN ('pending', 'done')"
        )
        batch_op.drop_column("effect")

    with op.batch_alter_table("document_waivers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_waivers_application_id"))

    op.drop_table("document_waivers")
    with op.batch_alter_table("meti_reference_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_meti_reference_entries_corporate_number")

    op.drop_table("meti_reference_entries")
    op.drop_table("meti_reference_versions")
