"""The rows of reported KPI actuals."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans_api.models import KpiActual


async def actual(session: AsyncSession, plan_id: int, key: str, period: str) -> KpiActual | None:
    """The actual reported for one KPI and half year, if any."""
    query = select(KpiActual).where(
        KpiActual.plan_id == plan_id, KpiActual.kpi_key == key, KpiActual.period == period
    )
    return (await session.scalars(query)).one_or_none()
