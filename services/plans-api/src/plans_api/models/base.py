"""The declarative base: one metadata (with the naming convention) for Alembic."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from chiiki_common.db import make_metadata


class Base(DeclarativeBase):
    metadata = make_metadata()
