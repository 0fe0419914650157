"""``/internal``: service-to-service only (the gateway never routes here); each route needs a
``tier=service`` token with its named scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chiiki_common.db import SessionDep
from chiiki_common.outbox import EventFeed, FeedParams, read_feed
from plans_api.internal import service
from plans_api.internal.auth import CoreCompanyWriter, EventReader, PlanReader, SelectionChecker
from plans_api.internal.schemas import (
    Audience,
    CoreCompanyAdd,
    PlanCoreCompanies,
    PrefectureRef,
    SelectionTarget,
)
from plans_api.models import OutboxEvent
from plans_api.plans import repository
from plans_api.plans import service as plans
from plans_api.plans.auth import PlanId
from plans_api.plans.schemas import RoundOut
from plans_api.rounds.schemas import RoundCode

router = APIRouter(prefix="/internal", tags=["internal"])


@router.get("/events", response_model=EventFeed)
async def read_events(
    session: SessionDep,
    principal: EventReader,
    feed: FeedParams,
) -> EventFeed:
    """Domain events after the cursor ``after`` (scope ``events:read``)."""
    return await read_feed(session, OutboxEvent, after=feed.after, limit=feed.limit, wait=feed.wait)


@router.get("/plans/{plan_id}/selection-target", response_model=SelectionTarget)
async def selection_target(
    plan_id: PlanId,
    prefecture: Annotated[PrefectureRef, Query()],
    session: SessionDep,
    principal: SelectionChecker,
) -> SelectionTarget:
    """May an open call of ``prefecture`` add the companies it selects to this plan? It must be a B
    plan the prefecture authors, in a state where its content may change (``effect`` says what a
    push does now: ``added``, or ``change_request`` back to the pre-check). Always 200; ``reasons``
    say why not (scope ``plans:core-companies:write`` or ``plans:read``)."""
    return await service.selection_target(session, plan_id, prefecture)


@router.post("/plans/{plan_id}/core-companies", response_model=PlanCoreCompanies)
async def add_core_company(
    plan_id: PlanId, body: CoreCompanyAdd, session: SessionDep, principal: CoreCompanyWriter
) -> PlanCoreCompanies:
    """Add a company selected in an open call to a B plan of the call's prefecture, idempotent per
    corporate number. A pre-checked plan receives it as a change request (back to
    ``precheck_requested`` with the difference for the reviewer); while the plan is on its way to or
    in review the push is refused with 409 and should be retried (scope
    ``plans:core-companies:write``)."""
    return await service.add_core_company(session, principal, plan_id, body)


@router.get("/deadline-audiences/precheck-pending", response_model=Audience)
async def precheck_pending_audience(
    session: SessionDep,
    principal: PlanReader,
    round_code: Annotated[RoundCode | None, Query(alias="round")] = None,
) -> Audience:
    """Who gets a round's cutoff reminders: the authors of B and C plans that have not reached the
    national side, except that a municipal plan waiting at its prefecture (取りまとめ) names the
    prefecture instead of the municipality. ``round``: the plans not yet asked plus those asked in
    that round (scope ``plans:read``)."""
    return Audience(organisations=await service.precheck_pending_audience(session, round_code))


@router.get("/deadline-audiences/published-authors", response_model=Audience)
async def published_authors_audience(session: SessionDep, principal: PlanReader) -> Audience:
    """Organisations authoring a published plan (half-yearly KPI reports; scope ``plans:read``)."""
    return Audience(organisations=await service.published_authors(session))


@router.get("/rounds", response_model=list[RoundOut])
async def internal_rounds(session: SessionDep, principal: PlanReader) -> list[RoundOut]:
    """The pre-check rounds: ``last_day`` (JST) is the last day a request counts, ``cutoff_at``
    the exclusive end (00:00 JST of the next day, in UTC) — schedule reminders on ``last_day``
    (scope ``plans:read``)."""
    return [plans.round_out(r) for r in await repository.all_rounds(session)]
