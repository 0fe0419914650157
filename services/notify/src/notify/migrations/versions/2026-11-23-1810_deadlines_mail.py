"""deadlines, reminder runs, mail outbox, digest queue, preferences, event cursors

Revision ID: d4f0c0de0002
Revises: d4f0c0de0001
Create Date: 2026-11-23 18:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import BigId, UTCDateTime

revision: str = "d4f0c0de0002"
down_revision: str | None = "d4f0c0de0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deadlines",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("source_ref", sa.String(length=200), nullable=False),
        sa.Column("audience_rule", sa.String(length=40), nullable=False),
        sa.Column("audience_params", sa.JSON(), nullable=False),
        sa.Column("offsets", sa.JSON(), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
        sa.UniqueConstraint("source_ref", name=op.f("uq_deadlines_source_ref")),
    )
    op.create_index(op.f("ix_deadlines_due_at"), "deadlines", ["due_at"], unique=False)
    op.create_table(
        "digest_items",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("idempotency_key", sa.String(length=250), nullable=False),
        sa.Column("recipient_user_id", sa.String(length=100), nullable=False),
        sa.Column("recipient_email", sa.String(length=320), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("digest_mail_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_items")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_digest_items_idempotency_key")),
    )
    op.create_index(
        op.f("ix_digest_items_digest_mail_id"), "digest_items", ["digest_mail_id"], unique=False
    )
    op.create_index(
        op.f("ix_digest_items_recipient_user_id"),
        "digest_items",
        ["recipient_user_id"],
        unique=False,
    )
    op.create_table(
        "digest_runs",
        sa.Column("digest_on", sa.Date(), nullable=False),
        sa.Column("processed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("digest_on", name=op.f("pk_digest_runs")),
    )
    op.create_table(
        "event_cursors",
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_event_cursors")),
    )
    op.create_table(
        "mail_preferences",
        sa.Column("user_id", sa.String(length=100), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("mute_optional", sa.Boolean(), nullable=False),
        sa.Column("daily_digest", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_mail_preferences")),
    )
    op.create_table(
        "organisation_mail_settings",
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("attach_ics", sa.Boolean(), nullable=False),
        sa.Column("lgwan", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("organisation", name=op.f("pk_organisation_mail_settings")),
    )
    op.create_table(
        "outbox_mails",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("idempotency_key", sa.String(length=250), nullable=False),
        sa.Column("message_id", sa.String(length=250), nullable=False),
        sa.Column("recipient_user_id", sa.String(length=100), nullable=False),
        sa.Column("recipient_email", sa.String(length=320), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("ics", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("claim_token", sa.String(length=40), nullable=True),
        sa.Column("last_error", sa.String(length=1000), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_mails")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_mails_idempotency_key")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_mails_message_id")),
    )
    op.create_index(
        op.f("ix_outbox_mails_created_at"), "outbox_mails", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_outbox_mails_next_attempt_at"), "outbox_mails", ["next_attempt_at"], unique=False
    )
    op.create_index(
        op.f("ix_outbox_mails_organisation"), "outbox_mails", ["organisation"], unique=False
    )
    op.create_index(op.f("ix_outbox_mails_reason"), "outbox_mails", ["reason"], unique=False)
    op.create_index(
        op.f("ix_outbox_mails_recipient_email"), "outbox_mails", ["recipient_email"], unique=False
    )
    op.create_index(
        op.f("ix_outbox_mails_recipient_user_id"),
        "outbox_mails",
        ["recipient_user_id"],
        unique=False,
    )
    op.create_index(op.f("ix_outbox_mails_state"), "outbox_mails", ["state"], unique=False)
    op.create_table(
        "deadline_targets",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("deadline_id", BigId, nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadlines.id"],
            name=op.f("fk_deadline_targets_deadline_id_deadlines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_targets")),
        sa.UniqueConstraint(
            "deadline_id", "organisation", name=op.f("uq_deadline_targets_deadline_id_organisation")
        ),
    )
    op.create_index(
        op.f("ix_deadline_targets_deadline_id"), "deadline_targets", ["deadline_id"], unique=False
    )
    op.create_index(
        op.f("ix_deadline_targets_organisation"), "deadline_targets", ["organisation"], unique=False
    )
    op.create_table(
        "reminder_runs",
        sa.Column(
            "id",
            BigId,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("deadline_id", BigId, nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.Column("send_on", sa.Date(), nullable=False),
        sa.Column("send_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("processed_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadlines.id"],
            name=op.f("fk_reminder_runs_deadline_id_deadlines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_runs")),
        sa.UniqueConstraint(
            "deadline_id", "offset_days", name=op.f("uq_reminder_runs_deadline_id_offset_days")
        ),
    )
    op.create_index(
        op.f("ix_reminder_runs_deadline_id"), "reminder_runs", ["deadline_id"], unique=False
    )
    op.create_index(op.f("ix_reminder_runs_send_at"), "reminder_runs", ["send_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reminder_runs_send_at"), table_name="reminder_runs")
    op.drop_index(op.f("ix_reminder_runs_deadline_id"), table_name="reminder_runs")
    op.drop_table("reminder_runs")
    op.drop_index(op.f("ix_deadline_targets_organisation"), table_name="deadline_targets")
    op.drop_index(op.f("ix_deadline_targets_deadline_id"), table_name="deadline_targets")
    op.drop_table("deadline_targets")
    op.drop_index(op.f("ix_outbox_mails_state"), table_name="outbox_mails")
    op.drop_index(op.f("ix_outbox_mails_recipient_user_id"), table_name="outbox_mails")
    op.drop_index(op.f("ix_outbox_mails_recipient_email"), table_name="outbox_mails")
    op.drop_index(op.f("ix_outbox_mails_reason"), table_name="outbox_mails")
    op.drop_index(op.f("ix_outbox_mails_organisation"), table_name="outbox_mails")
    op.drop_index(op.f("ix_outbox_mails_next_attempt_at"), table_name="outbox_mails")
    op.drop_index(op.f("ix_outbox_mails_created_at"), table_name="outbox_mails")
    op.drop_table("outbox_mails")
    op.drop_table("organisation_mail_settings")
    op.drop_table("mail_preferences")
    op.drop_table("event_cursors")
    op.drop_table("digest_runs")
    op.drop_index(op.f("ix_digest_items_recipient_user_id"), table_name="digest_items")
    op.drop_index(op.f("ix_digest_items_digest_mail_id"), table_name="digest_items")
    op.drop_table("digest_items")
    op.drop_index(op.f("ix_deadlines_due_at"), table_name="deadlines")
    op.drop_table("deadlines")
