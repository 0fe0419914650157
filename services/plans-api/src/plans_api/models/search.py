"""The plans' search index (計画の検索): derived from the plans, rebuilt from them at any time
(``plans_api.search.index``)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import BigId
from plans_api.models.base import Base


class PlanSearchText(Base):
    """One searchable text of a plan (title, a description item, a KGI or KPI name, a core
    company's name or 法人番号) with its normalised form (``chiiki_common.textsearch``)."""

    __tablename__ = "plan_search_texts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(300))
    weight: Mapped[int] = mapped_column(Integer)
    prefix_only: Mapped[bool] = mapped_column(Boolean)
    """A 法人番号: matched from its first digit only (exact or prefix)."""
    text: Mapped[str] = mapped_column(Text)
    normalised: Mapped[str] = mapped_column(Text)


class PlanSearchGram(Base):
    """Each character bigram (and single character) of a plan's normalised texts, once per plan,
    with the summed weight of the texts holding it and its occurrences: the candidates of a query
    are the plans holding all of its grams, ranked from this table alone. A 法人番号 is entered
    by its prefixes instead (``#4``, ``#43``, … ``#4300…``), so it is found from its first digit."""

    __tablename__ = "plan_search_grams"
    __table_args__ = (
        PrimaryKeyConstraint("gram", "plan_id", postgresql_include=["weight", "occurrences"]),
        {"sqlite_with_rowid": False},
    )
    """On SQLite the rows live in the primary key's b-tree: a query's grams are read in one pass."""

    gram: Mapped[str] = mapped_column(String(14))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    weight: Mapped[int] = mapped_column(Integer)
    occurrences: Mapped[int] = mapped_column(Integer)
