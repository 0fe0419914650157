"""Every query on ``plan_versions``; the caller has already read the plan through the tenancy
filter (``plans.repository.get_visible_plan``), so these select by plan id only."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.pagination import PageParams
from plans_api.models import PlanVersion


async def latest(session: AsyncSession, plan_id: int) -> PlanVersion | None:
    query = (
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan_id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )
    return (await session.scalars(query)).one_or_none()


async def get(session: AsyncSession, plan_id: int, version: int) -> PlanVersion | None:
    query = select(PlanVersion).where(
        PlanVersion.plan_id == plan_id, PlanVersion.version == version
    )
    return (await session.scalars(query)).one_or_none()


async def page(
    session: AsyncSession, plan_id: int, params: PageParams
) -> tuple[list[PlanVersion], PlanVersion | None, int]:
    """One page, newest first, plus the version just before the page's last (to say what the
    oldest entry of the page changed)."""
    total = await session.scalar(
        select(func.count(PlanVersion.id)).where(PlanVersion.plan_id == plan_id)
    )
    rows = list(
        await session.scalars(
            select(PlanVersion)
            .where(PlanVersion.plan_id == plan_id)
            .order_by(PlanVersion.version.desc())
            .limit(params.limit + 1)
            .offset(params.offset)
        )
    )
    before = rows[params.limit] if len(rows) > params.limit else None
    return rows[: params.limit], before, int(total or 0)


async def previous(session: AsyncSession, plan_id: int, version: int) -> PlanVersion | None:
    query = (
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan_id, PlanVersion.version < version)
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )
    return (await session.scalars(query)).one_or_none()


async def last_of_revision(session: AsyncSession, plan_id: int, revision: int) -> int | None:
    """The number of the newest version recorded in PDCA revision ``revision``."""
    query = select(func.max(PlanVersion.version)).where(
        PlanVersion.plan_id == plan_id, PlanVersion.revision == revision
    )
    return await session.scalar(query)
