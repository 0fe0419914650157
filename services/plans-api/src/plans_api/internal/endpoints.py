"""``/internal``: service-to-service only (the gateway never routes here); each route needs a
``tier=service`` token with its named scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chiiki_common.db import SessionDep
from chiiki_common.outbox import EventFeed, read_feed
from plans_api.internal import service
from plans_api.internal.auth import CoreCompanyWriter, EventReader, PlanReader
from plans_api.internal.schemas import Audience, CoreCompanyAdd, PlanCoreCompanies
from plans_api.models import OutboxEvent
from plans_api.plans import repository
from plans_api.plans.endpoints import PlanId
from plans_api.plans.schemas import RoundOut

router = APIRouter(prefix="/internal", tags=["internal"])


@router.get("/events", response_model=EventFeed)
async def read_events(
    session: SessionDep,
    principal: EventReader,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> EventFeed:
    """Domain events after the cursor ``after`` (scope ``events:read``)."""
    return await read_feed(session, OutboxEvent, after=after, limit=limit)


@router.post("/plans/{plan_id}/core-companies", response_model=PlanCoreCompanies)
async def add_core_company(
    plan_id: PlanId, body: CoreCompanyAdd, session: SessionDep, principal: CoreCompanyWriter
) -> PlanCoreCompanies:
    """Add a core company to a plan, idempotent per corporate number
    (scope ``plans:core-companies:write``)."""
    return await service.add_core_company(session, principal, plan_id, body)


@router.get("/deadline-audiences/precheck-pending", response_model=Audience)
async def precheck_pending_audience(session: SessionDep, principal: PlanReader) -> Audience:
    """Organisations authoring a B or C plan not yet pre-check-requested (scope ``plans:read``)."""
    return Audience(organisations=await service.precheck_pending_authors(session))


@router.get("/deadline-audiences/published-authors", response_model=Audience)
async def published_authors_audience(session: SessionDep, principal: PlanReader) -> Audience:
    """Organisations authoring a published plan (half-yearly KPI reports; scope ``plans:read``)."""
    return Audience(organisations=await service.published_authors(session))


@router.get("/rounds", response_model=list[RoundOut])
async def internal_rounds(session: SessionDep, principal: PlanReader) -> list[RoundOut]:
    """The pre-check rounds with their cutoffs in UTC (scope ``plans:read``)."""
    return [RoundOut.model_validate(r) for r in await repository.all_rounds(session)]
