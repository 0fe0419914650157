"""Organisations: national bodies, ministries and every local government (全国地方公共団体)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.auth import Tier
from gateway.models import Base


class OrganisationKind(StrEnum):
    national = "national"
    ministry = "ministry"
    prefecture = "prefecture"
    designated_city = "designated_city"
    city = "city"
    special_ward = "special_ward"
    town_village = "town_village"
    ward = "ward"

    @property
    def tier(self) -> Tier:
        """The tier of the people of such an organisation (ministries log in as national)."""
        if self in (OrganisationKind.national, OrganisationKind.ministry):
            return Tier.national
        if self is OrganisationKind.prefecture:
            return Tier.prefecture
        return Tier.municipality


class Organisation(Base):
    """An organisation: ``code`` is the 6-digit 全国地方公共団体コード or a short national code."""

    __tablename__ = "organisations"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kana: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), index=True)
    prefecture: Mapped[str | None] = mapped_column(String(2), index=True)
    """Two-digit prefecture number (``43``); none for national bodies."""
    parent_code: Mapped[str | None] = mapped_column(String(20))
    """The designated city of a ward (行政区)."""
    designated_city: Mapped[bool] = mapped_column(Boolean, default=False)
    """政令指定都市: may author type B plans."""
