"""The tables every service's first migration creates the same way: the audit record and the
event outbox, for ``op`` of an Alembic migration.

These are the migrations' DDL, not the models (``AuditRecordMixin``, ``OutboxEventMixin``): a
migration that ran must keep producing the same schema, so this module is never edited to change a
table. A later change to either table is a new migration of each service that has it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from chiiki_common.audit import append_only_ddl, drop_append_only_ddl
from chiiki_common.db import BigId, UTCDateTime
from chiiki_common.outbox import OUTBOX_TXID_DEFAULT_PG

AUDIT_TABLE = "audit_records"
OUTBOX_TABLE = "outbox_events"

_AUDIT_INDEXED = ("occurred_at", "organisation", "resource_id")
_OUTBOX_INDEXED = ("event_type", "aggregate_id")


def _big_id() -> sa.Column[int]:
    return sa.Column(
        "id",
        BigId,
        autoincrement=True,
        nullable=False,
    )


def create_audit_table() -> None:
    """``audit_records`` with its indexes, append-only by trigger (see :mod:`chiiki_common.audit`)."""
    dialect = op.get_bind().dialect.name
    op.create_table(
        AUDIT_TABLE,
        _big_id(),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("resource_type", sa.String(length=50), nullable=False),
        sa.Column("resource_id", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{AUDIT_TABLE}")),
    )
    for column in _AUDIT_INDEXED:
        op.create_index(op.f(f"ix_{AUDIT_TABLE}_{column}"), AUDIT_TABLE, [column])
    for statement in append_only_ddl(AUDIT_TABLE, dialect):
        op.execute(statement)


def drop_audit_table() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_append_only_ddl(AUDIT_TABLE, dialect):
        op.execute(statement)
    for column in reversed(_AUDIT_INDEXED):
        op.drop_index(op.f(f"ix_{AUDIT_TABLE}_{column}"), table_name=AUDIT_TABLE)
    op.drop_table(AUDIT_TABLE)


def create_outbox_table() -> None:
    """``outbox_events`` with its indexes; on PostgreSQL ``txid`` defaults to the writer's
    transaction id (see :mod:`chiiki_common.outbox`)."""
    dialect = op.get_bind().dialect.name
    op.create_table(
        OUTBOX_TABLE,
        _big_id(),
        sa.Column("event_type", sa.String(length=100), nullable=False),
        sa.Column("aggregate_type", sa.String(length=50), nullable=False),
        sa.Column("aggregate_id", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column(
            "txid",
            sa.BigInteger(),
            nullable=True,
            server_default=sa.text(OUTBOX_TXID_DEFAULT_PG) if dialect == "postgresql" else None,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{OUTBOX_TABLE}")),
    )
    for column in _OUTBOX_INDEXED:
        op.create_index(op.f(f"ix_{OUTBOX_TABLE}_{column}"), OUTBOX_TABLE, [column])


def drop_outbox_table() -> None:
    for column in reversed(_OUTBOX_INDEXED):
        op.drop_index(op.f(f"ix_{OUTBOX_TABLE}_{column}"), table_name=OUTBOX_TABLE)
    op.drop_table(OUTBOX_TABLE)
