"""``/api/plans/{id}/kpis/{key}/actuals``: half-yearly KPI actuals of a published plan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from chiiki_common.auth import CurrentPrincipal
from chiiki_common.db import SessionDep
from plans_api.kpis import service
from plans_api.kpis.schemas import KpiActualIn
from plans_api.plans.auth import IfMatch
from plans_api.plans.endpoints import PlanId
from plans_api.plans.schemas import KpiActualOut

router = APIRouter(prefix="/api/plans", tags=["kpis"])

KpiKey = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,50}$", description="KPIのキー")]


@router.get("/{plan_id}/kpis/{kpi_key}/actuals", response_model=list[KpiActualOut])
async def list_kpi_actuals(
    plan_id: PlanId, kpi_key: KpiKey, session: SessionDep, principal: CurrentPrincipal
) -> list[KpiActualOut]:
    """The actuals reported for one KPI, by half year."""
    actuals = await service.list_actuals(session, principal, plan_id, kpi_key)
    return [KpiActualOut.model_validate(a) for a in actuals]


@router.post("/{plan_id}/kpis/{kpi_key}/actuals", response_model=KpiActualOut)
async def report_kpi_actual(
    plan_id: PlanId,
    kpi_key: KpiKey,
    body: KpiActualIn,
    if_match: IfMatch,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> KpiActualOut:
    """Report (or correct) a half-year actual of a published plan's KPI. If it breaches the
    withdrawal criterion (撤退基準) the KPI is flagged and a ``kpi.breached`` event is emitted."""
    actual = await service.report_actual(
        session, principal, plan_id, kpi_key, if_match, body.period, body.value
    )
    return KpiActualOut.model_validate(actual)
