"""Token signing keys: the newest signs; every key not retired is published in the JWKS."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import UTCDateTime
from gateway.models import Base


class SigningKeyRecord(Base):
    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    algorithm: Mapped[str] = mapped_column(String(10))
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
