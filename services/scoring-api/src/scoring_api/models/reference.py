"""経済産業省's 参考リスト (imported, versioned per fiscal year), evidence filings (証憑) for companies
outside it, and their review history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import BigId, UTCDateTime
from scoring_api.models.base import Base


class MetiReferenceVersion(Base):
    """One version of 経済産業省's 参考リスト for a fiscal year, as METI imported it (seed 000 ⑨:
    「民間データベース等を参照し抽出」). The highest version of a fiscal year is the current list."""

    __tablename__ = "meti_reference_versions"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    entry_count: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MetiReferenceEntry(Base):
    """A company on one version of METI's 参考リスト; it need not be registered in this platform."""

    __tablename__ = "meti_reference_entries"
    __table_args__ = (
        CheckConstraint("prefecture >= '01' AND prefecture <= '47'", name="prefecture"),
        Index("ix_meti_reference_entries_corporate_number", "corporate_number"),
    )

    version_id: Mapped[int] = mapped_column(
        ForeignKey("meti_reference_versions.id", ondelete="CASCADE"), primary_key=True
    )
    corporate_number: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefecture: Mapped[str] = mapped_column(String(2))
    note: Mapped[str | None] = mapped_column(Text)


class EvidenceFiling(Base):
    """A prefecture's claim, with documents and figures, that a company has a relatively high
    connector / hub degree although the 参考リスト does not name it (seed 000 ⑨)."""

    __tablename__ = "evidence_filings"
    __table_args__ = (
        CheckConstraint("status IN ('submitted', 'confirmed', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
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

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    filing_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_filings.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    comment: Mapped[str | None] = mapped_column(Text)
