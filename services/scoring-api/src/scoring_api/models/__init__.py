"""ORM models of scoring-api: one metadata for Alembic."""

from __future__ import annotations

from chiiki_common.audit import AuditRecordMixin
from chiiki_common.db import make_metadata
from chiiki_common.outbox import OutboxEventMixin
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    metadata = make_metadata()


class AuditRecord(AuditRecordMixin, Base):
    """Append-only audit record (who, organisation, tier, action, resource, outcome)."""


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events for other services (transactional outbox)."""
