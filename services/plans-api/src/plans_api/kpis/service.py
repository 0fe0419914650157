"""Monitoring (seed 000 ④ PDCA): actuals every half year once a plan is published; a KPI whose
actual breaches its withdrawal criterion (撤退基準) is flagged and a ``kpi.breached`` event goes out.

Actuals are monitoring data, not the plan's content: they are kept beside the plan (keyed by the
KPI's key), never change the published version or the pre-checked content, and so need no review.
Changing a KPI itself (its targets, criterion, 5W1H) is content: a revision and a new pre-check."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, NotFound, PreconditionFailed
from chiiki_common.outbox import emit
from plans_api.kpis import repository as kpis_repository
from plans_api.models import AuditRecord, KpiActual, OutboxEvent, Plan
from plans_api.plans import repository as plans_repository
from plans_api.plans.withdrawal import COMPARATOR_SYMBOLS, COMPARE
from plans_api.registry import repository as registry_repository


def breaches(kpi: dict[str, Any], value: float) -> bool:
    """True when ``value`` meets the withdrawal criterion (``actual <comparator> threshold``)."""
    withdrawal = kpi.get("withdrawal")
    if not withdrawal:
        return False
    return COMPARE[withdrawal["comparator"]](value, withdrawal["threshold"])


async def _published_kpi(session: AsyncSession, plan: Plan, key: str) -> dict[str, Any]:
    """The KPI as published (a revision in progress does not change what is monitored)."""
    if plan.published_version is None:
        raise Conflict("実績は公表後の計画についてのみ報告できます")
    snapshot = await registry_repository.current_snapshot(session, plan.id)
    assert snapshot is not None
    kpi: dict[str, Any] | None = next(
        (k for k in snapshot.content.get("kpis", []) if k["key"] == key), None
    )
    if kpi is None:
        raise NotFound("公表版にこのKPIはありません")
    return kpi


async def list_actuals(session: AsyncSession, plan: Plan, key: str) -> list[KpiActual]:
    return [a for a in await plans_repository.kpi_actuals(session, plan.id) if a.kpi_key == key]


async def report_actual(
    session: AsyncSession,
    principal: Principal,
    plan: Plan,
    key: str,
    period: str,
    value: float,
) -> KpiActual:
    """Record an actual on a plan its authors may write (``plans.auth.EditablePlan``: the
    If-Match version checked), whatever its state: monitoring is not the content."""
    kpi = await _published_kpi(session, plan, key)
    now = clock.now()
    if not await plans_repository.compare_and_set(session, plan.id, plan.version, now=now):
        raise PreconditionFailed("計画は他の利用者によって更新されています")
    breached = breaches(kpi, value)
    existing = await kpis_repository.actual(session, plan.id, key, period)
    actual = existing or KpiActual(plan_id=plan.id, kpi_key=key, period=period)
    actual.value, actual.breached = value, breached
    actual.reported_at, actual.reported_by = now, principal.subject
    session.add(actual)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="plan.kpi.actual",
        resource_type="plan",
        resource_id=plan.id,
        details={"kpi": key, "period": period, "value": value, "breached": breached},
    )
    if breached:
        withdrawal = kpi["withdrawal"]
        emit(
            session,
            OutboxEvent,
            "kpi.breached",
            aggregate_type="plan",
            aggregate_id=plan.id,
            payload={
                "plan_id": plan.id,
                "title": plan.title,
                "kpi_id": key,
                "name": kpi["name"],
                "period": period,
                "actual": value,
                "criterion": (
                    f"{COMPARATOR_SYMBOLS[withdrawal['comparator']]} {withdrawal['threshold']}"
                    f"({withdrawal['text']})"
                ),
                "lead_organisation": plan.lead_organisation,
                "organisations": plan.organisations,
            },
        )
    await session.flush()
    return actual
