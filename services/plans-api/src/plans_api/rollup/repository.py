"""The rows the roll-ups add up: current published snapshots, pre-checked plans never published,
and the plans a person may see counted by state."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from chiiki_common.auth import Principal
from plans_api.models import Plan, PlanSnapshot
from plans_api.plans.repository import readable


async def current_snapshots(session: AsyncSession) -> list[PlanSnapshot]:
    """The published version in force of every published plan (public data: no tenancy)."""
    query = select(PlanSnapshot).where(PlanSnapshot.is_current.is_(True))
    return list(await session.scalars(query))


async def never_published_with_kgis(session: AsyncSession, states: Iterable[str]) -> list[Plan]:
    """Plans in ``states`` that have no published version yet, with their KGIs (national
    roll-up of what is pre-checked but not yet public)."""
    query = (
        select(Plan)
        .where(Plan.state.in_(sorted(states)), Plan.published_version.is_(None))
        .options(selectinload(Plan.kgis))
    )
    return list(await session.scalars(query))


async def state_counts(session: AsyncSession, principal: Principal) -> dict[str, int]:
    """How many plans ``principal`` may see, per workflow state."""
    visible = readable(principal).with_only_columns(Plan.state, func.count(Plan.id))
    rows = await session.execute(visible.group_by(Plan.state))
    return {str(state): int(n) for state, n in rows}
