"""``/api/rollup``: national dashboards."""

from __future__ import annotations

from fastapi import APIRouter

from chiiki_common.db import SessionDep
from plans_api.rollup import service
from plans_api.rollup.auth import NationalUser
from plans_api.rollup.schemas import KgiRollup, PlanStateCounts

router = APIRouter(prefix="/api/rollup", tags=["rollup"])


@router.get("/kgis", response_model=KgiRollup)
async def kgi_rollup(session: SessionDep, principal: NationalUser) -> KgiRollup:
    """Totals of the mandatory KGIs (官民設備投資額 target-year and cumulative, 付加価値増加額,
    産業人材育成数) over published plans and, separately, over pre-check-completed plans, by
    prefecture and type, nationally, and nationally excluding the Tokyo area (seed 001)."""
    return await service.kgi_rollup(session)


@router.get("/plan-states", response_model=PlanStateCounts)
async def plan_state_counts(session: SessionDep, principal: NationalUser) -> PlanStateCounts:
    """How many plans are in each workflow state, over the plans the national tier sees (from their
    first pre-check request on; drafts stay private to their authors)."""
    return await service.plan_state_counts(session, principal)
