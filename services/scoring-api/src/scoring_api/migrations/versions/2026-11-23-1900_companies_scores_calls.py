"""companies, figures, transactions, scores, evidence filings, calls, applications, selections

Revision ID: c3f0c0de0002
Revises: c3f0c0de0001
Create Date: 2026-11-23 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import BigId, UTCDateTime

revision: str = "c3f0c0de0002"
down_revision: str | None = "c3f0c0de0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "attachments",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("owner_type", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("document_type", sa.String(length=50), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by", sa.String(length=200), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index("ix_attachments_owner", ["owner_type", "owner_id"], unique=False)

    op.create_table(
        "calls",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("prefecture", sa.String(length=2), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("opens_at", UTCDateTime(), nullable=False),
        sa.Column("closes_at", UTCDateTime(), nullable=False),
        sa.Column("target_fields", sa.JSON(), nullable=False),
        sa.Column("min_sales", sa.BigInteger(), nullable=True),
        sa.Column("max_employees", sa.Integer(), nullable=True),
        sa.Column("required_consents", sa.JSON(), nullable=False),
        sa.Column("required_documents", sa.JSON(), nullable=False),
        sa.Column("plan_id", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("closes_at > opens_at", name=op.f("ck_calls_window_order")),
        sa.CheckConstraint("max_employees >= 0", name=op.f("ck_calls_max_employees_not_negative")),
        sa.CheckConstraint("min_sales >= 0", name=op.f("ck_calls_min_sales_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calls_closes_at"), ["closes_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_calls_prefecture"), ["prefecture"], unique=False)

    op.create_table(
        "companies",
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("hq_prefecture", sa.String(length=2), nullable=False),
        sa.Column("jsic_major", sa.String(length=1), nullable=True),
        sa.Column("jsic_middle", sa.String(length=2), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("web", sa.String(length=500), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "hq_prefecture >= '01' AND hq_prefecture <= '47'",
            name=op.f("ck_companies_hq_prefecture"),
        ),
        sa.CheckConstraint("employees >= 0", name=op.f("ck_companies_employees_not_negative")),
        sa.CheckConstraint(
            "length(corporate_number) = 13", name=op.f("ck_companies_corporate_number_length")
        ),
        sa.PrimaryKeyConstraint("corporate_number", name=op.f("pk_companies")),
    )
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_companies_hq_prefecture"), ["hq_prefecture"], unique=False
        )

    op.create_table(
        "transactions",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("importer_prefecture", sa.String(length=2), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("seller_number", sa.String(length=13), nullable=False),
        sa.Column("seller_prefecture", sa.String(length=2), nullable=False),
        sa.Column("buyer_number", sa.String(length=13), nullable=False),
        sa.Column("buyer_prefecture", sa.String(length=2), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_transactions_amount_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transactions")),
    )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transactions_buyer_number"), ["buyer_number"], unique=False
        )
        batch_op.create_index(
            "ix_transactions_importer_year", ["importer_prefecture", "fiscal_year"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transactions_seller_number"), ["seller_number"], unique=False
        )

    op.create_table(
        "applications",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("call_id", BigId, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("company_name", sa.String(length=200), nullable=False),
        sa.Column("hq_address", sa.String(length=500), nullable=False),
        sa.Column("business_summary", sa.Text(), nullable=False),
        sa.Column("employees", sa.Integer(), nullable=False),
        sa.Column("employees_as_of", sa.String(length=20), nullable=True),
        sa.Column("current_sales", sa.BigInteger(), nullable=False),
        sa.Column("current_sales_period", sa.String(length=20), nullable=True),
        sa.Column("web", sa.String(length=500), nullable=True),
        sa.Column("philosophy", sa.Text(), nullable=False),
        sa.Column("present_state", sa.Text(), nullable=False),
        sa.Column("strategy", sa.Text(), nullable=False),
        sa.Column("investment_picture", sa.Text(), nullable=False),
        sa.Column("regional_impact", sa.Text(), nullable=False),
        sa.Column("vision", sa.Text(), nullable=False),
        sa.Column("fiscal_period", sa.String(length=7), nullable=False),
        sa.Column("sales", sa.BigInteger(), nullable=False),
        sa.Column("out_of_prefecture_sales", sa.BigInteger(), nullable=False),
        sa.Column("purchases", sa.BigInteger(), nullable=False),
        sa.Column("in_prefecture_purchases", sa.BigInteger(), nullable=False),
        sa.Column("excellence_statement", sa.Text(), nullable=True),
        sa.Column("consents", sa.JSON(), nullable=False),
        sa.Column("submitted_by", sa.String(length=200), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.Column("connector_assessment", sa.Text(), nullable=True),
        sa.Column("hub_assessment", sa.Text(), nullable=True),
        sa.Column("field_match", sa.Boolean(), nullable=True),
        sa.Column("assessment_note", sa.Text(), nullable=True),
        sa.Column("assessed_by", sa.String(length=200), nullable=True),
        sa.Column("assessed_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('received', 'selected', 'declined')", name=op.f("ck_applications_status")
        ),
        sa.CheckConstraint(
            "current_sales >= 0", name=op.f("ck_applications_current_sales_not_negative")
        ),
        sa.CheckConstraint("employees >= 0", name=op.f("ck_applications_employees_not_negative")),
        sa.CheckConstraint(
            "in_prefecture_purchases >= 0 AND in_prefecture_purchases <= purchases",
            name=op.f("ck_applications_in_purchases_within_purchases"),
        ),
        sa.CheckConstraint(
            "out_of_prefecture_sales >= 0 AND out_of_prefecture_sales <= sales",
            name=op.f("ck_applications_out_sales_within_sales"),
        ),
        sa.CheckConstraint("purchases >= 0", name=op.f("ck_applications_purchases_not_negative")),
        sa.CheckConstraint("sales >= 0", name=op.f("ck_applications_sales_not_negative")),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["calls.id"],
            name=op.f("fk_applications_call_id_calls"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint(
            "call_id", "corporate_number", name=op.f("uq_applications_call_id_corporate_number")
        ),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_applications_call_id"), ["call_id"], unique=False)

    op.create_table(
        "company_figures",
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("sales", sa.BigInteger(), nullable=False),
        sa.Column("out_of_prefecture_sales", sa.BigInteger(), nullable=False),
        sa.Column("purchases", sa.BigInteger(), nullable=False),
        sa.Column("in_prefecture_purchases", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "in_prefecture_purchases <= purchases",
            name=op.f("ck_company_figures_in_purchases_within_purchases"),
        ),
        sa.CheckConstraint(
            "in_prefecture_purchases >= 0",
            name=op.f("ck_company_figures_in_purchases_not_negative"),
        ),
        sa.CheckConstraint(
            "out_of_prefecture_sales <= sales",
            name=op.f("ck_company_figures_out_sales_within_sales"),
        ),
        sa.CheckConstraint(
            "out_of_prefecture_sales >= 0", name=op.f("ck_company_figures_out_sales_not_negative")
        ),
        sa.CheckConstraint(
            "purchases >= 0", name=op.f("ck_company_figures_purchases_not_negative")
        ),
        sa.CheckConstraint("sales >= 0", name=op.f("ck_company_figures_sales_not_negative")),
        sa.ForeignKeyConstraint(
            ["corporate_number"],
            ["companies.corporate_number"],
            name=op.f("fk_company_figures_corporate_number_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("corporate_number", "fiscal_year", name=op.f("pk_company_figures")),
    )
    op.create_table(
        "company_scores",
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=False),
        sa.Column("companies_counted", sa.Integer(), nullable=False),
        sa.Column("sales", sa.BigInteger(), nullable=False),
        sa.Column("out_of_prefecture_sales", sa.BigInteger(), nullable=False),
        sa.Column("purchases", sa.BigInteger(), nullable=False),
        sa.Column("in_prefecture_purchases", sa.BigInteger(), nullable=False),
        sa.Column("prefecture_out_of_prefecture_sales", sa.BigInteger(), nullable=False),
        sa.Column("prefecture_in_prefecture_purchases", sa.BigInteger(), nullable=False),
        sa.Column("connector_share", sa.Float(), nullable=True),
        sa.Column("connector_share_rank", sa.Integer(), nullable=True),
        sa.Column("connector_share_percentile", sa.Float(), nullable=True),
        sa.Column("connector_share_deviation", sa.Float(), nullable=True),
        sa.Column("hub_share", sa.Float(), nullable=True),
        sa.Column("hub_share_rank", sa.Integer(), nullable=True),
        sa.Column("hub_share_percentile", sa.Float(), nullable=True),
        sa.Column("hub_share_deviation", sa.Float(), nullable=True),
        sa.Column("connector_ratio", sa.Float(), nullable=True),
        sa.Column("connector_ratio_rank", sa.Integer(), nullable=True),
        sa.Column("connector_ratio_percentile", sa.Float(), nullable=True),
        sa.Column("connector_ratio_deviation", sa.Float(), nullable=True),
        sa.Column("hub_ratio", sa.Float(), nullable=True),
        sa.Column("hub_ratio_rank", sa.Integer(), nullable=True),
        sa.Column("hub_ratio_percentile", sa.Float(), nullable=True),
        sa.Column("hub_ratio_deviation", sa.Float(), nullable=True),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["corporate_number"],
            ["companies.corporate_number"],
            name=op.f("fk_company_scores_corporate_number_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("corporate_number", "fiscal_year", name=op.f("pk_company_scores")),
    )
    with op.batch_alter_table("company_scores", schema=None) as batch_op:
        batch_op.create_index(
            "ix_company_scores_prefecture_year", ["prefecture", "fiscal_year"], unique=False
        )

    op.create_table(
        "evidence_filings",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("prefecture", sa.String(length=2), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("claimed_out_of_prefecture_sales", sa.BigInteger(), nullable=True),
        sa.Column("claimed_in_prefecture_purchases", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("filed_by", sa.String(length=200), nullable=False),
        sa.Column("filed_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('submitted', 'confirmed', 'rejected')",
            name=op.f("ck_evidence_filings_status"),
        ),
        sa.ForeignKeyConstraint(
            ["corporate_number"],
            ["companies.corporate_number"],
            name=op.f("fk_evidence_filings_corporate_number_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_filings")),
    )
    with op.batch_alter_table("evidence_filings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_filings_corporate_number"), ["corporate_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evidence_filings_prefecture"), ["prefecture"], unique=False
        )

    op.create_table(
        "application_decisions",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("application_id", BigId, nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_decisions_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_decisions")),
    )
    with op.batch_alter_table("application_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_decisions_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "evidence_events",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("filing_id", BigId, nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["filing_id"],
            ["evidence_filings.id"],
            name=op.f("fk_evidence_events_filing_id_evidence_filings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_events")),
    )
    with op.batch_alter_table("evidence_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_events_filing_id"), ["filing_id"], unique=False
        )

    op.create_table(
        "selections",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("application_id", BigId, nullable=False),
        sa.Column("plan_id", sa.String(length=64), nullable=False),
        sa.Column("corporate_number", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=500), nullable=False),
        sa.Column("scale", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("pushed_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'done')", name=op.f("ck_selections_status")),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_selections_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selections")),
        sa.UniqueConstraint("application_id", name=op.f("uq_selections_application_id")),
    )
    with op.batch_alter_table("selections", schema=None) as batch_op:
        batch_op.create_index("ix_selections_status", ["status"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("selections", schema=None) as batch_op:
        batch_op.drop_index("ix_selections_status")

    op.drop_table("selections")
    with op.batch_alter_table("evidence_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_events_filing_id"))

    op.drop_table("evidence_events")
    with op.batch_alter_table("application_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_decisions_application_id"))

    op.drop_table("application_decisions")
    with op.batch_alter_table("evidence_filings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_filings_prefecture"))
        batch_op.drop_index(batch_op.f("ix_evidence_filings_corporate_number"))

    op.drop_table("evidence_filings")
    with op.batch_alter_table("company_scores", schema=None) as batch_op:
        batch_op.drop_index("ix_company_scores_prefecture_year")

    op.drop_table("company_scores")
    op.drop_table("company_figures")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applications_call_id"))

    op.drop_table("applications")
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transactions_seller_number"))
        batch_op.drop_index("ix_transactions_importer_year")
        batch_op.drop_index(batch_op.f("ix_transactions_buyer_number"))

    op.drop_table("transactions")
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_companies_hq_prefecture"))

    op.drop_table("companies")
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calls_prefecture"))
        batch_op.drop_index(batch_op.f("ix_calls_closes_at"))

    op.drop_table("calls")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_attachments_owner")

    op.drop_table("attachments")
