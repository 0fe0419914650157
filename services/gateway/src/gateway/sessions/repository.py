"""Queries for users and their sessions."""

from __future__ import annotations

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from chiiki_common import clock
from gateway.models import LoginSession, Organisation, User


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(
        select(User)
        .options(joinedload(User.organisation).selectinload(Organisation.block_members))
        .where(func.lower(User.email) == email.strip().lower())
    )


async def live_session(
    session: AsyncSession, key: str
) -> Row[LoginSession, User, Organisation] | None:
    """The unrevoked, unexpired session ``key`` of an active user, with the user and their
    organisation (its ``block_members`` loaded), or None."""
    return (
        await session.execute(
            select(LoginSession, User, Organisation)
            .join(User, User.id == LoginSession.user_id)
            .join(Organisation, Organisation.code == User.organisation_code)
            .options(selectinload(Organisation.block_members))
            .where(
                LoginSession.id == key,
                LoginSession.revoked_at.is_(None),
                LoginSession.expires_at > clock.now(),
                User.active.is_(True),
            )
        )
    ).first()


async def revoke_session(session: AsyncSession, key: str) -> None:
    await session.execute(
        update(LoginSession)
        .where(LoginSession.id == key, LoginSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


async def revoke_user_sessions(session: AsyncSession, user_id: int) -> None:
    await session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
