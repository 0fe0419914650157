"""The declarative base of scoring-api (one metadata for Alembic)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from chiiki_common.db import make_metadata


class Base(DeclarativeBase):
    metadata = make_metadata()
