"""freeze after pre-check, derived rounds with review clock and publications, registry flags

- plans: ``first_asked_at`` (round membership is derived from it), ``review_requested_at`` (the
  review clock), ``reviewed_content`` (what publication must match); the stamped ``round_code`` and
  ``leading_example`` go (derived now).
- rounds: cutoffs become the exclusive start of the next JST day (never 23:59); a review target
  date per round; ``round_history`` (append-only) and ``round_publications``.
- core companies and their published copies: ``support_target`` (伴走支援の対象).
- registry receipts become append-only.

Revision ID: b2f0c0de0003
Revises: b2f0c0de0002
Create Date: 2026-12-01 23:00:00
"""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from alembic import op

from chiiki_common.audit import append_only_ddl, drop_append_only_ddl
from chiiki_common.clock import JST
from chiiki_common.db import BigId, UTCDateTime

revision: str = "b2f0c0de0003"
down_revision: str | None = "b2f0c0de0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEEDED_TARGETS = {"2026-batch-1": date(2026, 8, 15)}
"""seed 000 ⑥※1: 「1ヶ月程度の確認期間を経た後」 — about a month after 2026-07-15."""


def _rounds() -> sa.TableClause:
    return sa.table(
        "rounds",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("cutoff_at", UTCDateTime()),
        sa.column("review_target_date", sa.Date),
    )


def _move_cutoffs(to_exclusive: bool) -> None:
    """23:59 JST of the last day ⇄ 00:00 JST of the next day."""
    bind = op.get_bind()
    rounds = _rounds()
    for row in bind.execute(sa.select(rounds.c.id, rounds.c.code, rounds.c.cutoff_at)).all():
        local = row.cutoff_at.astimezone(JST)
        if to_exclusive:
            if local.time() == time(0, 0):
                continue
            moved = datetime.combine(local.date() + timedelta(days=1), time(0, 0), tzinfo=JST)
        else:
            moved = datetime.combine(local.date() - timedelta(days=1), time(23, 59), tzinfo=JST)
        values: dict[str, object] = {"cutoff_at": moved}
        if to_exclusive and row.code in SEEDED_TARGETS:
            values["review_target_date"] = SEEDED_TARGETS[row.code]
        bind.execute(sa.update(rounds).where(rounds.c.id == row.id).values(**values))


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_target_date", sa.Date(), nullable=True))
    _move_cutoffs(to_exclusive=True)

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_asked_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("review_requested_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_content", sa.JSON(), nullable=True))
        batch_op.drop_index(batch_op.f("ix_plans_round_code"))
        batch_op.drop_column("round_code")
        batch_op.drop_column("leading_example")
        batch_op.create_index(
            batch_op.f("ix_plans_first_asked_at"), ["first_asked_at"], unique=False
        )
    # the first request (a municipality's to its prefecture counts) and the latest arrival at the
    # national side, from the append-only history
    op.execute(
        "UPDATE plans SET first_asked_at = (SELECT min(h.occurred_at) FROM plan_history h"
        " WHERE h.plan_id = plans.id AND h.action = 'request_precheck')"
    )
    op.execute(
        "UPDATE plans SET review_requested_at = (SELECT max(h.occurred_at) FROM plan_history h"
        " WHERE h.plan_id = plans.id AND h.to_state = 'precheck_requested')"
    )

    for table in ("plan_core_companies", "snapshot_companies"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("support_target", sa.Boolean(), server_default=sa.true(), nullable=False)
            )

    op.create_table(
        "round_history",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("round_code", sa.String(length=30), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_history")),
    )
    with op.batch_alter_table("round_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_round_history_round_code"), ["round_code"], unique=False
        )
    op.create_table(
        "round_publications",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("round_code", sa.String(length=30), nullable=False),
        sa.Column("publish_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("scheduled_by", sa.String(length=200), nullable=False),
        sa.Column("scheduled_by_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=20), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        sa.Column("published", sa.JSON(), nullable=False),
        sa.Column("left_out", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_publications")),
        sa.UniqueConstraint("round_code", name=op.f("uq_round_publications_round_code")),
    )
    with op.batch_alter_table("round_publications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_round_publications_publish_at"), ["publish_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_round_publications_status"), ["status"], unique=False)

    for table in ("round_history", "registry_receipts"):
        for statement in append_only_ddl(table, dialect):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in ("round_history", "registry_receipts"):
        for statement in drop_append_only_ddl(table, dialect):
            op.execute(statement)
    with op.batch_alter_table("round_publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_publications_status"))
        batch_op.drop_index(batch_op.f("ix_round_publications_publish_at"))
    op.drop_table("round_publications")
    with op.batch_alter_table("round_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_history_round_code"))
    op.drop_table("round_history")

    for table in ("snapshot_companies", "plan_core_companies"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("support_target")

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_first_asked_at"))
        batch_op.add_column(
            sa.Column("leading_example", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("round_code", sa.String(length=30), nullable=True))
        batch_op.create_index(batch_op.f("ix_plans_round_code"), ["round_code"], unique=False)
        batch_op.drop_column("reviewed_content")
        batch_op.drop_column("review_requested_at")
        batch_op.drop_column("first_asked_at")

    _move_cutoffs(to_exclusive=False)
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_column("review_target_date")
