"""ORM models of gateway: one metadata for Alembic."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from chiiki_common.audit import AuditRecordMixin
from chiiki_common.db import make_metadata


class Base(DeclarativeBase):
    metadata = make_metadata()


class AuditRecord(AuditRecordMixin, Base):
    """Append-only audit record (who, organisation, tier, action, resource, outcome)."""


from gateway.models.clients import MachineClient  # noqa: E402
from gateway.models.keys import SigningKeyRecord  # noqa: E402
from gateway.models.organisations import (  # noqa: E402
    BureauPrefecture,
    Organisation,
    OrganisationKind,
)
from gateway.models.ratelimit import RateBucket  # noqa: E402
from gateway.models.throttle import AuthFailure  # noqa: E402
from gateway.models.users import LoginSession, User  # noqa: E402

__all__ = [
    "AuditRecord",
    "AuthFailure",
    "Base",
    "BureauPrefecture",
    "LoginSession",
    "MachineClient",
    "Organisation",
    "OrganisationKind",
    "RateBucket",
    "SigningKeyRecord",
    "User",
]
