"""The request-rate buckets every gateway process draws from (one budget across replicas)."""

from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models import Base


class RateBucket(Base):
    """One caller's bucket: ``tokens`` left at the Unix time ``stamp`` (refilled at the limit's
    rate from then on). ``key`` is a SHA-256 of the limit and the caller (user, client or address),
    so no address is kept. The rules are in :mod:`gateway.ratelimit`."""

    __tablename__ = "rate_buckets"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    stamp: Mapped[float] = mapped_column(Float, index=True)
