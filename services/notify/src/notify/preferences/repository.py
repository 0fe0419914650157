"""Queries on mail preferences: a user's own row and an organisation's mail settings."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from notify.models import MailPreference, OrganisationMailSettings


async def preference_of(session: AsyncSession, user_id: str) -> MailPreference | None:
    """The preferences row of ``user_id`` (always read from the database), or None."""
    return await session.scalar(select(MailPreference).where(MailPreference.user_id == user_id))


async def get_preference(session: AsyncSession, user_id: str) -> MailPreference | None:
    """The preferences row of ``user_id`` by primary key (this session's copy if loaded), or None."""
    return await session.get(MailPreference, user_id)


async def preferences_by_user(
    session: AsyncSession, user_ids: Sequence[str]
) -> dict[str, MailPreference]:
    """The preferences rows of ``user_ids`` that exist, by user id."""
    rows = await session.scalars(select(MailPreference).where(MailPreference.user_id.in_(user_ids)))
    return {row.user_id: row for row in rows}


async def settings_of(session: AsyncSession, organisation: str) -> OrganisationMailSettings | None:
    """The mail settings of ``organisation`` (always read from the database), or None."""
    return await session.scalar(
        select(OrganisationMailSettings).where(
            OrganisationMailSettings.organisation == organisation
        )
    )


async def get_settings(session: AsyncSession, organisation: str) -> OrganisationMailSettings | None:
    """The mail settings of ``organisation`` by primary key (this session's copy if loaded), or None."""
    return await session.get(OrganisationMailSettings, organisation)


async def settings_by_organisation(
    session: AsyncSession, organisations: set[str]
) -> dict[str, OrganisationMailSettings]:
    """The mail settings of ``organisations`` that have any, by organisation code."""
    rows = await session.scalars(
        select(OrganisationMailSettings).where(
            OrganisationMailSettings.organisation.in_(organisations)
        )
    )
    return {row.organisation: row for row in rows}
