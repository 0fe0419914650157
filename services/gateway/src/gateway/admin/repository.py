"""Administration queries; the organisation filter is part of every user query."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import Organisation, User


async def users_of(
    session: AsyncSession, organisation: str, *, limit: int, offset: int
) -> tuple[list[User], int]:
    where = User.organisation_code == organisation
    total = await session.scalar(select(func.count()).select_from(User).where(where))
    rows = await session.scalars(
        select(User).where(where).order_by(User.id).limit(limit).offset(offset)
    )
    return list(rows), total or 0


async def user_of(session: AsyncSession, organisation: str, user_id: int) -> User | None:
    return await session.scalar(
        select(User).where(User.id == user_id, User.organisation_code == organisation)
    )


async def email_taken(session: AsyncSession, email: str) -> bool:
    found = await session.scalar(select(User.id).where(func.lower(User.email) == email.lower()))
    return found is not None


async def organisation(session: AsyncSession, code: str) -> Organisation | None:
    return await session.get(Organisation, code)
