"""Service-to-service endpoints (never routed by the gateway): the event feed and open calls."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from chiiki_common import clock
from chiiki_common.auth import Principal, Tier, caller
from chiiki_common.db import SessionDep
from chiiki_common.outbox import EventFeed, FeedParams, read_feed
from chiiki_common.schemas import OutputModel
from chiiki_common.validators import prefecture_code
from scoring_api.calls import repository as calls
from scoring_api.models import OutboxEvent

router = APIRouter(prefix="/internal", tags=["internal"])

EventReader = Annotated[Principal, caller(tiers=[Tier.service], scopes=["events:read"])]
CallReader = Annotated[Principal, caller(tiers=[Tier.service], scopes=["scoring:read"])]


class OpenCall(OutputModel):
    id: int
    prefecture_code: str
    title: str
    closes_at: str
    """UTC, ISO 8601."""


@router.get("/events", response_model=EventFeed)
async def read_events(
    session: SessionDep,
    principal: EventReader,
    feed: FeedParams,
) -> EventFeed:
    """Domain events after the cursor (``application.received``, ``application.decided``)."""
    return await read_feed(session, OutboxEvent, after=feed.after, limit=feed.limit, wait=feed.wait)


@router.get("/calls/open", response_model=list[OpenCall])
async def open_calls(session: SessionDep, principal: CallReader) -> list[OpenCall]:
    """Calls whose window is open now, with their closing time (for deadline reminders)."""
    return [
        OpenCall(
            id=call.id,
            prefecture_code=prefecture_code(call.prefecture),
            title=call.title,
            closes_at=call.closes_at.isoformat(),
        )
        for call in await calls.open_calls(session, clock.now())
    ]
