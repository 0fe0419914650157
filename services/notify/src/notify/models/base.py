"""The declarative base of notify (one metadata for Alembic)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from chiiki_common.audit import AuditRecordMixin
from chiiki_common.db import make_metadata


class Base(DeclarativeBase):
    metadata = make_metadata()


class AuditRecord(AuditRecordMixin, Base):
    """Append-only audit record (who, organisation, tier, action, resource, outcome)."""
