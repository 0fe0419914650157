"""``/api/plans/{id}/kpis/{key}/actuals``: half-yearly KPI actuals of a published plan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from chiiki_common.db import SessionDep
from plans_api.kpis import service
from plans_api.kpis.schemas import KpiActualIn
from plans_api.plans.auth import Caller, EditablePlan, VisiblePlan
from plans_api.plans.schemas import KpiActualOut

router = APIRouter(prefix="/api/plans", tags=["kpis"])

KpiKey = Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,50}$", description="KPIのキー")]


@router.get("/{plan_id}/kpis/{kpi_key}/actuals", response_model=list[KpiActualOut])
async def list_kpi_actuals(
    plan: VisiblePlan, kpi_key: KpiKey, session: SessionDep
) -> list[KpiActualOut]:
    """The actuals reported for one KPI, by half year."""
    actuals = await service.list_actuals(session, plan, kpi_key)
    return [KpiActualOut.model_validate(a) for a in actuals]


@router.post("/{plan_id}/kpis/{kpi_key}/actuals", response_model=KpiActualOut)
async def report_kpi_actual(
    plan: EditablePlan,
    kpi_key: KpiKey,
    body: KpiActualIn,
    session: SessionDep,
    principal: Caller,
) -> KpiActualOut:
    """Report (or correct) a half-year actual of a published plan's KPI. If it breaches the
    withdrawal criterion (撤退基準) the KPI is flagged and a ``kpi.breached`` event is emitted."""
    actual = await service.report_actual(session, principal, plan, kpi_key, body.period, body.value)
    return KpiActualOut.model_validate(actual)
