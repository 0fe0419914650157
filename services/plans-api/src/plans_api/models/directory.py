"""The organisations' names as the gateway's directory gives them (団体名), kept so that documents
for people (the PDF, the 様式, the open data) name a municipality instead of printing its code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import UTCDateTime
from plans_api.models.base import Base


class OrganisationName(Base):
    """One organisation of the directory: its 全国地方公共団体コード (or a national body's short
    code), its name and kind. A copy: the gateway's directory is the home, read by
    ``plans_api.directory.tasks``."""

    __tablename__ = "organisation_names"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    prefecture: Mapped[str | None] = mapped_column(String(2))
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime())
