"""Queries the organisation imports write through: the organisations and the bureaus' blocks."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import BureauPrefecture, Organisation


async def all_organisations(session: AsyncSession) -> Sequence[Organisation]:
    """Every organisation, in no particular order."""
    return (await session.scalars(select(Organisation))).all()


async def block_members(
    session: AsyncSession, bureau_codes: list[str]
) -> Sequence[BureauPrefecture]:
    """The block rows (bureau, prefecture) of the bureaus ``bureau_codes``."""
    rows = await session.scalars(
        select(BureauPrefecture).where(BureauPrefecture.bureau_code.in_(bureau_codes))
    )
    return rows.all()
