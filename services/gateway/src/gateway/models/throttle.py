"""Failed-attempt counters of the login and token throttle, shared by every gateway process."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import UTCDateTime
from gateway.models import Base


class AuthFailure(Base):
    """One counter: of an (account, client address) pair or of a client address alone.

    ``key`` is a SHA-256 of what is counted, so neither e-mail addresses nor client addresses are
    kept here. The rules that read and write these rows are in :mod:`gateway.throttle.service`.
    """

    __tablename__ = "auth_failures"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """A pair may not try again before this moment (none for an address counter)."""
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    """From this moment the counter no longer counts and may be deleted."""
