"""plans: plans, authors, core companies, KGIs, KPIs, history, rounds, snapshots, registry

Revision ID: b2f0c0de0002
Revises: b2f0c0de0001
Create Date: 2026-11-23 18:05:23.505027
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.audit import append_only_ddl, drop_append_only_ddl
from chiiki_common.clock import jst_wall_clock
from chiiki_common.db import BigId, UTCDateTime

revision: str = "b2f0c0de0002"
down_revision: str | None = "b2f0c0de0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "plans",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_type", sa.String(length=1), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("lead_organisation", sa.String(length=20), nullable=False),
        sa.Column("lead_prefecture", sa.String(length=2), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("pending_step", sa.String(length=20), nullable=True),
        sa.Column("period_start_fy", sa.Integer(), nullable=True),
        sa.Column("goal_fiscal_year", sa.Integer(), nullable=True),
        sa.Column("field_tags", sa.String(length=600), nullable=False),
        sa.Column("jsic_codes", sa.JSON(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("commitment", sa.JSON(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("coordination", sa.JSON(), nullable=False),
        sa.Column("announcement_date", sa.Date(), nullable=True),
        sa.Column("announcement_url", sa.String(length=500), nullable=True),
        sa.Column("first_precheck_requested_at", UTCDateTime(), nullable=True),
        sa.Column("round_code", sa.String(length=30), nullable=True),
        sa.Column("leading_example", sa.Boolean(), nullable=False),
        sa.Column("precheck_completed_at", UTCDateTime(), nullable=True),
        sa.Column("published_version", sa.Integer(), nullable=True),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plans_first_precheck_requested_at"),
            ["first_precheck_requested_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_plans_lead_organisation"), ["lead_organisation"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_plans_lead_prefecture"), ["lead_prefecture"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_plans_plan_type"), ["plan_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_plans_round_code"), ["round_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_plans_state"), ["state"], unique=False)

    op.create_table(
        "registry_receipts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_organisation", sa.String(length=100), nullable=False),
        sa.Column("client", sa.String(length=200), nullable=False),
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_receipts")),
    )
    with op.batch_alter_table("registry_receipts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registry_receipts_client_organisation"),
            ["client_organisation"],
            unique=False,
        )

    op.create_table(
        "rounds",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("cutoff_at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("code", name=op.f("uq_rounds_code")),
    )
    # seed 000 ⑥: the two dates announced so far; later rounds are added as data
    op.bulk_insert(
        sa.table(
            "rounds",
            sa.column("code", sa.String),
            sa.column("name", sa.String),
            sa.column("cutoff_at", UTCDateTime()),
            sa.column("kind", sa.String),
        ),
        [
            {
                "code": "2026-leading",
                "name": "先行事例(2026年6月5日までの事前確認依頼)",
                "cutoff_at": jst_wall_clock(2026, 6, 5, 23, 59),
                "kind": "leading_example",
            },
            {
                "code": "2026-batch-1",
                "name": "第1弾(2026年7月15日までの事前確認依頼)",
                "cutoff_at": jst_wall_clock(2026, 7, 15, 23, 59),
                "kind": "batch",
            },
        ],
    )
    op.create_table(
        "plan_authors",
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=False),
        sa.Column("is_lead", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_authors_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "organisation", name=op.f("pk_plan_authors")),
    )
    with op.batch_alter_table("plan_authors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_authors_organisation"), ["organisation"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_plan_authors_prefecture"), ["prefecture"], unique=False
        )

    op.create_table(
        "plan_core_companies",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("corporate_number", sa.String(length=13), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("scale", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_core_companies_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_core_companies")),
    )
    with op.batch_alter_table("plan_core_companies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_core_companies_corporate_number"),
            ["corporate_number"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_plan_core_companies_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "plan_history",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=30), nullable=True),
        sa.Column("to_state", sa.String(length=30), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("recorded_outside", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_history_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_history")),
    )
    with op.batch_alter_table("plan_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_history_plan_id"), ["plan_id"], unique=False)
    for statement in append_only_ddl("plan_history", dialect):
        op.execute(statement)

    op.create_table(
        "plan_kgis",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=False),
        sa.Column("baseline", sa.Double(), nullable=True),
        sa.Column("baseline_year", sa.Integer(), nullable=True),
        sa.Column("target", sa.Double(), nullable=True),
        sa.Column("target_year", sa.Integer(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_kgis_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_kgis")),
    )
    with op.batch_alter_table("plan_kgis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_kgis_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_kpi_actuals",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("kpi_key", sa.String(length=50), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("breached", sa.Boolean(), nullable=False),
        sa.Column("reported_at", UTCDateTime(), nullable=False),
        sa.Column("reported_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_kpi_actuals_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_kpi_actuals")),
        sa.UniqueConstraint(
            "plan_id", "kpi_key", "period", name=op.f("uq_plan_kpi_actuals_plan_id_kpi_key_period")
        ),
    )
    with op.batch_alter_table("plan_kpi_actuals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_kpi_actuals_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_kpis",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=False),
        sa.Column("baseline", sa.Double(), nullable=True),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("withdrawal_comparator", sa.String(length=2), nullable=True),
        sa.Column("withdrawal_threshold", sa.Double(), nullable=True),
        sa.Column("withdrawal_text", sa.Text(), nullable=False),
        sa.Column("five_w1h", sa.JSON(), nullable=False),
        sa.Column("kgi_key", sa.String(length=50), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_kpis_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_kpis")),
    )
    with op.batch_alter_table("plan_kpis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_kpis_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_snapshots",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("plan_type", sa.String(length=1), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("lead_organisation", sa.String(length=20), nullable=False),
        sa.Column("lead_prefecture", sa.String(length=2), nullable=False),
        sa.Column("organisations", sa.JSON(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_snapshots_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_snapshots")),
        sa.UniqueConstraint(
            "plan_id", "version_number", name=op.f("uq_plan_snapshots_plan_id_version_number")
        ),
    )
    with op.batch_alter_table("plan_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_plan_snapshots_current_type_prefecture",
            ["is_current", "plan_type", "lead_prefecture"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_plan_snapshots_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "snapshot_companies",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("snapshot_id", BigId, nullable=False),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("valid_from", UTCDateTime(), nullable=False),
        sa.Column("valid_until", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["plan_snapshots.id"],
            name=op.f("fk_snapshot_companies_snapshot_id_plan_snapshots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshot_companies")),
    )
    with op.batch_alter_table("snapshot_companies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_snapshot_companies_corporate_number"), ["corporate_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_snapshot_companies_snapshot_id"), ["snapshot_id"], unique=False
        )


def downgrade() -> None:
    for statement in drop_append_only_ddl("plan_history", op.get_bind().dialect.name):
        op.execute(statement)
    with op.batch_alter_table("snapshot_companies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_snapshot_companies_snapshot_id"))
        batch_op.drop_index(batch_op.f("ix_snapshot_companies_corporate_number"))

    op.drop_table("snapshot_companies")
    with op.batch_alter_table("plan_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_snapshots_plan_id"))
        batch_op.drop_index("ix_plan_snapshots_current_type_prefecture")

    op.drop_table("plan_snapshots")
    with op.batch_alter_table("plan_kpis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_kpis_plan_id"))

    op.drop_table("plan_kpis")
    with op.batch_alter_table("plan_kpi_actuals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_kpi_actuals_plan_id"))

    op.drop_table("plan_kpi_actuals")
    with op.batch_alter_table("plan_kgis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_kgis_plan_id"))

    op.drop_table("plan_kgis")
    with op.batch_alter_table("plan_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_history_plan_id"))

    op.drop_table("plan_history")
    with op.batch_alter_table("plan_core_companies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_core_companies_plan_id"))
        batch_op.drop_index(batch_op.f("ix_plan_core_companies_corporate_number"))

    op.drop_table("plan_core_companies")
    with op.batch_alter_table("plan_authors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_authors_prefecture"))
        batch_op.drop_index(batch_op.f("ix_plan_authors_organisation"))

    op.drop_table("plan_authors")
    op.drop_table("rounds")
    with op.batch_alter_table("registry_receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_receipts_client_organisation"))

    op.drop_table("registry_receipts")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_state"))
        batch_op.drop_index(batch_op.f("ix_plans_round_code"))
        batch_op.drop_index(batch_op.f("ix_plans_plan_type"))
        batch_op.drop_index(batch_op.f("ix_plans_lead_prefecture"))
        batch_op.drop_index(batch_op.f("ix_plans_lead_organisation"))
        batch_op.drop_index(batch_op.f("ix_plans_first_precheck_requested_at"))

    op.drop_table("plans")
