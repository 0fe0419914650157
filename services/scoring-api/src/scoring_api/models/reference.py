"""Evidence filings (証憑) for companies outside the 参考リスト, and their review history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import UTCDateTime
from scoring_api.models.base import Base
from scoring_api.models.companies import ID_TYPE


class EvidenceFiling(Base):
    """A prefecture's claim, with documents and figures, that a company has a relatively high
    connector / hub degree although the 参考リスト does not name it (seed 000 ⑨)."""

    __tablename__ = "evidence_filings"
    __table_args__ = (
        CheckConstraint("status IN ('submitted', 'confirmed', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    corporate_number: Mapped[str] = mapped_column(
        String(13), ForeignKey("companies.corporate_number", ondelete="CASCADE"), index=True
    )
    fiscal_year: Mapped[int] = mapped_column(Integer)
    prefecture: Mapped[str] = mapped_column(String(2), index=True)
    statement: Mapped[str] = mapped_column(Text)
    claimed_out_of_prefecture_sales: Mapped[int | None] = mapped_column(BigInteger)
    claimed_in_prefecture_purchases: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(20))
    filed_by: Mapped[str] = mapped_column(String(200))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class EvidenceEvent(Base):
    """One step of a filing's review (filed, confirmed, rejected), never edited."""

    __tablename__ = "evidence_events"

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    filing_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_filings.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    comment: Mapped[str | None] = mapped_column(Text)
