"""ORM models of scoring-api: one metadata for Alembic."""

from __future__ import annotations

from chiiki_common.audit import AuditRecordMixin
from chiiki_common.outbox import OutboxEventMixin
from scoring_api.models.base import Base
from scoring_api.models.calls import (
    Application,
    ApplicationDecision,
    Attachment,
    Call,
    DocumentWaiver,
    Selection,
)
from scoring_api.models.companies import Company, CompanyFigures, CompanyScore, Transaction
from scoring_api.models.reference import (
    EvidenceEvent,
    EvidenceFiling,
    MetiReferenceEntry,
    MetiReferenceVersion,
)


class AuditRecord(AuditRecordMixin, Base):
    """Append-only audit record (who, organisation, tier, action, resource, outcome)."""


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events for other services (transactional outbox)."""


__all__ = [
    "Application",
    "ApplicationDecision",
    "Attachment",
    "AuditRecord",
    "Base",
    "Call",
    "Company",
    "CompanyFigures",
    "CompanyScore",
    "DocumentWaiver",
    "EvidenceEvent",
    "EvidenceFiling",
    "MetiReferenceEntry",
    "MetiReferenceVersion",
    "OutboxEvent",
    "Selection",
    "Transaction",
]
