"""The rows of rounds' history and of their one publication (the rounds themselves and their
member plans are read through :mod:`plans_api.plans.repository`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans_api.models import RoundHistory, RoundPublication

SCHEDULED = "scheduled"


async def history(session: AsyncSession, code: str) -> list[RoundHistory]:
    """Every version of the round, oldest first."""
    query = select(RoundHistory).where(RoundHistory.round_code == code).order_by(RoundHistory.id)
    return list(await session.scalars(query))


async def publication(session: AsyncSession, code: str) -> RoundPublication | None:
    query = select(RoundPublication).where(RoundPublication.round_code == code)
    return (await session.scalars(query)).one_or_none()


async def claim_due(session: AsyncSession, now: datetime) -> RoundPublication | None:
    """The next scheduled publication whose moment has come, locked for this transaction (on
    PostgreSQL ``FOR UPDATE SKIP LOCKED``: another replica takes the next one, never this one)."""
    query = (
        select(RoundPublication)
        .where(RoundPublication.status == SCHEDULED, RoundPublication.publish_at <= now)
        .order_by(RoundPublication.publish_at)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return (await session.scalars(query)).one_or_none()
