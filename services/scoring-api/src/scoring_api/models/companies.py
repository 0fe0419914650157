"""Companies, their yearly 様式2 figures, the transaction list they may be derived from, and the
computed connector / hub scores."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from chiiki_common.db import BigId, UTCDateTime
from chiiki_common.textsearch import normalise
from scoring_api.models.base import Base


class Company(Base):
    """A company keyed by its 法人番号, with HQ prefecture (2-digit) and JSIC industry."""

    __tablename__ = "companies"
    __table_args__ = (
        CheckConstraint("length(corporate_number) = 13", name="corporate_number_length"),
        CheckConstraint("hq_prefecture >= '01' AND hq_prefecture <= '47'", name="hq_prefecture"),
        CheckConstraint("employees >= 0", name="employees_not_negative"),
    )

    corporate_number: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_normalised: Mapped[str | None] = mapped_column(Text)
    """The name as search compares it (``chiiki_common.textsearch.normalise``), kept by the model."""
    hq_prefecture: Mapped[str] = mapped_column(String(2), index=True)
    jsic_major: Mapped[str | None] = mapped_column(String(1))
    jsic_middle: Mapped[str | None] = mapped_column(String(2))
    employees: Mapped[int | None] = mapped_column(Integer)
    web: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    @validates("name")
    def _normalise_name(self, _key: str, value: str) -> str:
        self.name_normalised = normalise(value)
        return value


class CompanyFigures(Base):
    """様式2 1. 取引高情報 for one fiscal year; the database refuses a part larger than its whole."""

    __tablename__ = "company_figures"
    __table_args__ = (
        CheckConstraint("sales >= 0", name="sales_not_negative"),
        CheckConstraint("out_of_prefecture_sales >= 0", name="out_sales_not_negative"),
        CheckConstraint("out_of_prefecture_sales <= sales", name="out_sales_within_sales"),
        CheckConstraint("purchases >= 0", name="purchases_not_negative"),
        CheckConstraint("in_prefecture_purchases >= 0", name="in_purchases_not_negative"),
        CheckConstraint(
            "in_prefecture_purchases <= purchases", name="in_purchases_within_purchases"
        ),
    )

    corporate_number: Mapped[str] = mapped_column(
        String(13), ForeignKey("companies.corporate_number", ondelete="CASCADE"), primary_key=True
    )
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    sales: Mapped[int] = mapped_column(BigInteger)
    out_of_prefecture_sales: Mapped[int] = mapped_column(BigInteger)
    purchases: Mapped[int] = mapped_column(BigInteger)
    in_prefecture_purchases: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Transaction(Base):
    """One row of an imported transaction list (seller → buyer), with each party's HQ prefecture.

    ``importer_prefecture`` is the prefecture whose import the row belongs to; a new import of a
    fiscal year replaces that prefecture's rows of the year.
    """

    __tablename__ = "transactions"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        Index("ix_transactions_importer_year", "importer_prefecture", "fiscal_year"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    importer_prefecture: Mapped[str] = mapped_column(String(2))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    seller_number: Mapped[str] = mapped_column(String(13))
    seller_prefecture: Mapped[str] = mapped_column(String(2))
    buyer_number: Mapped[str] = mapped_column(String(13))
    buyer_prefecture: Mapped[str] = mapped_column(String(2))
    amount: Mapped[int] = mapped_column(BigInteger)


class CompanyScore(Base):
    """Connector / hub degree of a company in a fiscal year, both definitions, with rank,
    percentile and 偏差値 within its prefecture (written only by ``scores.service.recompute``)."""

    __tablename__ = "company_scores"
    __table_args__ = (Index("ix_company_scores_prefecture_year", "prefecture", "fiscal_year"),)

    corporate_number: Mapped[str] = mapped_column(
        String(13), ForeignKey("companies.corporate_number", ondelete="CASCADE"), primary_key=True
    )
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefecture: Mapped[str] = mapped_column(String(2))
    companies_counted: Mapped[int] = mapped_column(Integer)
    sales: Mapped[int] = mapped_column(BigInteger)
    out_of_prefecture_sales: Mapped[int] = mapped_column(BigInteger)
    purchases: Mapped[int] = mapped_column(BigInteger)
    in_prefecture_purchases: Mapped[int] = mapped_column(BigInteger)
    prefecture_out_of_prefecture_sales: Mapped[int] = mapped_column(BigInteger)
    prefecture_in_prefecture_purchases: Mapped[int] = mapped_column(BigInteger)
    connector_share: Mapped[float | None] = mapped_column(Float)
    connector_share_rank: Mapped[int | None] = mapped_column(Integer)
    connector_share_percentile: Mapped[float | None] = mapped_column(Float)
    connector_share_deviation: Mapped[float | None] = mapped_column(Float)
    hub_share: Mapped[float | None] = mapped_column(Float)
    hub_share_rank: Mapped[int | None] = mapped_column(Integer)
    hub_share_percentile: Mapped[float | None] = mapped_column(Float)
    hub_share_deviation: Mapped[float | None] = mapped_column(Float)
    connector_ratio: Mapped[float | None] = mapped_column(Float)
    connector_ratio_rank: Mapped[int | None] = mapped_column(Integer)
    connector_ratio_percentile: Mapped[float | None] = mapped_column(Float)
    connector_ratio_deviation: Mapped[float | None] = mapped_column(Float)
    hub_ratio: Mapped[float | None] = mapped_column(Float)
    hub_ratio_rank: Mapped[int | None] = mapped_column(Integer)
    hub_ratio_percentile: Mapped[float | None] = mapped_column(Float)
    hub_ratio_deviation: Mapped[float | None] = mapped_column(Float)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())
