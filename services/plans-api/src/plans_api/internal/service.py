"""What other services ask plans-api for."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, NotFound, PreconditionFailed
from plans_api.internal.schemas import CoreCompanyAdd, PlanCoreCompanies
from plans_api.models import AuditRecord, CoreCompany, Plan, PlanAuthor, PlanState
from plans_api.plans import repository
from plans_api.plans.schemas import CoreCompanyOut


def _answer(plan: Plan) -> PlanCoreCompanies:
    return PlanCoreCompanies(
        plan_id=plan.id,
        version=plan.version,
        core_companies=[CoreCompanyOut.model_validate(c) for c in plan.core_companies],
    )


async def add_core_company(
    session: AsyncSession, principal: Principal, plan_id: int, body: CoreCompanyAdd
) -> PlanCoreCompanies:
    """Add a company selected in an open call (重点支援企業の公募) to a plan's core companies;
    idempotent per corporate number (a repeat changes nothing)."""
    plan = await repository.get_plan(session, plan_id)
    if plan is None:
        raise NotFound("計画が見つかりません")
    if plan.state == PlanState.withdrawn:
        raise Conflict("取り下げられた計画には追加できません")
    if any(c.corporate_number == body.corporate_number for c in plan.core_companies):
        return _answer(plan)
    if not await repository.compare_and_set(session, plan.id, plan.version, now=clock.now()):
        raise PreconditionFailed("計画が同時に更新されました。再試行してください")
    session.add(
        CoreCompany(
            plan_id=plan.id,
            position=len(plan.core_companies),
            corporate_number=body.corporate_number,
            name=body.name,
            role=body.role or "",
            scale=body.scale or "",
        )
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="plan.core_company.add",
        resource_type="plan",
        resource_id=plan.id,
        details={"corporate_number": body.corporate_number},
    )
    await session.flush()
    reloaded = await repository.get_plan(session, plan.id)
    assert reloaded is not None
    return _answer(reloaded)


async def precheck_pending_authors(session: AsyncSession) -> list[str]:
    """Organisations authoring a B or C plan not yet pre-check-requested (and not withdrawn)."""
    query = (
        select(PlanAuthor.organisation)
        .distinct()
        .join(Plan, Plan.id == PlanAuthor.plan_id)
        .where(
            Plan.first_precheck_requested_at.is_(None),
            Plan.state != PlanState.withdrawn.value,
            Plan.plan_type.in_(("B", "C")),
        )
        .order_by(PlanAuthor.organisation)
    )
    return list(await session.scalars(query))


async def published_authors(session: AsyncSession) -> list[str]:
    query = (
        select(PlanAuthor.organisation)
        .distinct()
        .join(Plan, Plan.id == PlanAuthor.plan_id)
        .where(Plan.published_version.is_not(None))
        .order_by(PlanAuthor.organisation)
    )
    return list(await session.scalars(query))
