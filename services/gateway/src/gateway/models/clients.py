"""Machine clients: ministry systems and the platform's own services (OAuth2 client credentials)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import UTCDateTime
from gateway.models import Base


class MachineClient(Base):
    """A client of ``POST /auth/token``; the secret is stored as an argon2 hash only.

    After a rotation the previous secret keeps working until ``previous_secret_expires_at`` so the
    client's operators can roll it out without downtime.
    """

    __tablename__ = "machine_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str] = mapped_column(String(20), index=True)
    scopes: Mapped[str] = mapped_column(String(500))
    secret_hash: Mapped[str] = mapped_column(String(200))
    previous_secret_hash: Mapped[str | None] = mapped_column(String(200))
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
