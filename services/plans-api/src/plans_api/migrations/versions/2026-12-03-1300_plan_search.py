"""plans' search index: ``plan_search_texts`` (each searchable text, as written and normalised)
and ``plan_search_grams`` (each bigram and character once per plan, with the weight and
occurrences that rank it; a 法人番号 by its prefixes), backfilled from the plans

Japanese has no spaces, so plans are searched by character bigrams on both SQLite and PostgreSQL
with the same SQL (FTS5's trigram tokenizer and pg_trgm miss two-character words); a query of
one or two characters is answered and ranked from ``plan_search_grams`` alone. The index is
derived data: ``plans_api.search.index.rebuild_all`` rebuilds it at any time.

Revision ID: b2f0c0de0005
Revises: b2f0c0de0004
Create Date: 2026-12-03 13:00:00
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from chiiki_common.db import BigId

revision: str = "b2f0c0de0005"
down_revision: str | None = "b2f0c0de0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    texts = op.create_table(
        "plan_search_texts",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("prefix_only", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("normalised", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_search_texts_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_search_texts")),
    )
    op.create_index(op.f("ix_plan_search_texts_plan_id"), "plan_search_texts", ["plan_id"])
    grams = op.create_table(
        "plan_search_grams",
        sa.Column("gram", sa.String(length=14), nullable=False),
        sa.Column("plan_id", BigId, nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("occurrences", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_search_grams_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "gram",
            "plan_id",
            name=op.f("pk_plan_search_grams"),
            postgresql_include=["weight", "occurrences"],
        ),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_plan_search_grams_plan_id"), "plan_search_grams", ["plan_id"])
    _backfill(texts, grams)


def _backfill(texts: sa.Table, grams: sa.Table) -> None:
    """Index the plans already there, with the same functions the write path uses."""
    from plans_api.search.index import rows_of, texts_of

    bind = op.get_bind()
    plans = sa.table(
        "plans",
        sa.column("id", BigId),
        sa.column("plan_type", sa.String()),
        sa.column("title", sa.String()),
        sa.column("sections", sa.JSON()),
    )
    children: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for name, columns in (
        ("plan_kgis", ("key", "kind", "name")),
        ("plan_kpis", ("key", "name")),
        ("plan_core_companies", ("corporate_number", "name")),
    ):
        table = sa.table(
            name, sa.column("plan_id"), sa.column("position"), *(sa.column(c) for c in columns)
        )
        by_plan: dict[int, list[dict[str, Any]]] = defaultdict(list)
        query = sa.select(table).order_by(table.c.plan_id, table.c.position)
        for row in bind.execute(query).mappings():
            by_plan[row["plan_id"]].append(dict(row))
        children[name] = by_plan
    for plan in bind.execute(sa.select(plans).order_by(plans.c.id)).mappings():
        plan_id = plan["id"]
        found = texts_of(
            plan["plan_type"],
            plan["title"],
            plan["sections"] or {},
            children["plan_kgis"].get(plan_id, []),
            children["plan_kpis"].get(plan_id, []),
            children["plan_core_companies"].get(plan_id, []),
        )
        rows, plan_grams = rows_of(plan_id, found)
        if rows:
            bind.execute(sa.insert(texts), rows)
        if plan_grams:
            bind.execute(sa.insert(grams), plan_grams)


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_search_grams_plan_id"), table_name="plan_search_grams")
    op.drop_table("plan_search_grams")
    op.drop_index(op.f("ix_plan_search_texts_plan_id"), table_name="plan_search_texts")
    op.drop_table("plan_search_texts")
