"""Organisations: national bodies, ministries, the regional bureaus with their blocks, and every
local government (全国地方公共団体)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chiiki_common.auth import Tier
from gateway.models import Base


class OrganisationKind(StrEnum):
    national = "national"
    ministry = "ministry"
    bureau = "bureau"
    """地方経済産業局 (and a branch of one) or 内閣府沖縄総合事務局: a block of prefectures."""
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
        if self is OrganisationKind.bureau:
            return Tier.bureau
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
    """Two-digit prefecture number (``43``); none for national bodies and bureaus."""
    parent_code: Mapped[str | None] = mapped_column(String(20))
    """The designated city of a ward (行政区); the bureau a branch belongs to (支局 → 局)."""
    designated_city: Mapped[bool] = mapped_column(Boolean, default=False)
    """政令指定都市: may author type B plans."""

    block_members: Mapped[list[BureauPrefecture]] = relationship(
        lazy="raise", order_by="BureauPrefecture.prefecture"
    )
    """A bureau's prefectures (load with ``selectinload``); none for any other organisation."""

    @property
    def block(self) -> list[str]:
        """The two-digit numbers of a bureau's prefectures, in order; empty for the others."""
        return [member.prefecture for member in self.block_members]


class BureauPrefecture(Base):
    """One prefecture of a bureau's block (管轄区域): 九州経済産業局 ``meti-kyushu`` and ``43``."""

    __tablename__ = "bureau_prefectures"

    bureau_code: Mapped[str] = mapped_column(
        String(20), ForeignKey("organisations.code"), primary_key=True
    )
    prefecture: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)
    """Two-digit prefecture number (``01``–``47``)."""
