"""Open calls (公募) for key support companies, applications (様式1 / 様式2), attachments,
decisions and the selections pushed to plans-api."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
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


class Call(Base):
    """重点支援企業の公募: window (stored UTC), target fields, criteria, consents, documents, B plan."""

    __tablename__ = "calls"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="window_order"),
        CheckConstraint("min_sales >= 0", name="min_sales_not_negative"),
        CheckConstraint("max_employees >= 0", name="max_employees_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    prefecture: Mapped[str] = mapped_column(String(2), index=True)
    organisation: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    target_fields: Mapped[list[str]] = mapped_column(JSON)
    min_sales: Mapped[int | None] = mapped_column(BigInteger)
    max_employees: Mapped[int | None] = mapped_column(Integer)
    required_consents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    required_documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    plan_id: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Application(Base):
    """An application to a call: the 様式1 fields, the 様式2 figures, consents, assessment."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("call_id", "corporate_number"),
        CheckConstraint("status IN ('received', 'selected', 'declined')", name="status"),
        CheckConstraint("employees >= 0", name="employees_not_negative"),
        CheckConstraint("current_sales >= 0", name="current_sales_not_negative"),
        CheckConstraint("sales >= 0", name="sales_not_negative"),
        CheckConstraint(
            "out_of_prefecture_sales >= 0 AND out_of_prefecture_sales <= sales",
            name="out_sales_within_sales",
        ),
        CheckConstraint("purchases >= 0", name="purchases_not_negative"),
        CheckConstraint(
            "in_prefecture_purchases >= 0 AND in_prefecture_purchases <= purchases",
            name="in_purchases_within_purchases",
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    # 様式1
    corporate_number: Mapped[str] = mapped_column(String(13))
    company_name: Mapped[str] = mapped_column(String(200))
    hq_address: Mapped[str] = mapped_column(String(500))
    business_summary: Mapped[str] = mapped_column(Text)
    employees: Mapped[int] = mapped_column(Integer)
    employees_as_of: Mapped[str | None] = mapped_column(String(20))
    current_sales: Mapped[int] = mapped_column(BigInteger)
    current_sales_period: Mapped[str | None] = mapped_column(String(20))
    web: Mapped[str | None] = mapped_column(String(500))
    philosophy: Mapped[str] = mapped_column(Text)
    present_state: Mapped[str] = mapped_column(Text)
    strategy: Mapped[str] = mapped_column(Text)
    investment_picture: Mapped[str] = mapped_column(Text)
    regional_impact: Mapped[str] = mapped_column(Text)
    vision: Mapped[str] = mapped_column(Text)
    # 様式2
    fiscal_period: Mapped[str] = mapped_column(String(7))
    sales: Mapped[int] = mapped_column(BigInteger)
    out_of_prefecture_sales: Mapped[int] = mapped_column(BigInteger)
    purchases: Mapped[int] = mapped_column(BigInteger)
    in_prefecture_purchases: Mapped[int] = mapped_column(BigInteger)
    excellence_statement: Mapped[str | None] = mapped_column(Text)
    consents: Mapped[list[str]] = mapped_column(JSON)
    submitted_by: Mapped[str] = mapped_column(String(200))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # staff's qualitative assessment (定性的基準)
    connector_assessment: Mapped[str | None] = mapped_column(Text)
    hub_assessment: Mapped[str | None] = mapped_column(Text)
    field_match: Mapped[bool | None] = mapped_column(Boolean)
    assessment_note: Mapped[str | None] = mapped_column(Text)
    assessed_by: Mapped[str | None] = mapped_column(String(200))
    assessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ApplicationDecision(Base):
    """One decision on an application (selected / declined), never edited."""

    __tablename__ = "application_decisions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DocumentWaiver(Base):
    """A required document an application need not bring, with the reason; recorded, never edited."""

    __tablename__ = "document_waivers"
    __table_args__ = (UniqueConstraint("application_id", "document_type"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    document_type: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    waived_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Attachment(Base):
    """File metadata; the bytes live on disk under the attachment folder, named by SHA-256."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    owner_type: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(BigInteger)
    document_type: Mapped[str] = mapped_column(String(50))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Selection(Base):
    """A selected company waiting to be (or already) added to the call's B plan in plans-api;
    ``refused`` when plans-api will never take it (the plan was published or withdrawn since)."""

    __tablename__ = "selections"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done', 'refused')", name="status"),
        Index("ix_selections_status", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    plan_id: Mapped[str] = mapped_column(String(64))
    corporate_number: Mapped[str] = mapped_column(String(13))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(500))
    scale: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    effect: Mapped[str | None] = mapped_column(String(20))
    """What the push did to the plan: ``added``, ``change_request`` (back to review), ``unchanged``."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    pushed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
