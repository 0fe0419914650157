"""期限カレンダー: my deadlines, the organisation's iCalendar feed, ad-hoc deadlines."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from notify.deadlines import service
from notify.deadlines.auth import DeadlineReader, NationalAdmin
from notify.deadlines.schemas import DeadlineCreate, DeadlineOut

router = APIRouter(prefix="/api/notify", tags=["deadlines"])


@router.get("/deadlines", response_model=Page[DeadlineOut], summary="自団体の期限一覧")
async def list_my_deadlines(
    session: SessionDep, principal: DeadlineReader, page: PageDep
) -> Page[DeadlineOut]:
    """The caller's organisation's coming deadlines (national users: all), soonest first, with the
    days left counted in JST."""
    return await service.list_for(session, principal, limit=page.limit, offset=page.offset)


@router.post(
    "/deadlines", response_model=DeadlineOut, status_code=201, summary="期限を追加する(国の管理者)"
)
async def create_deadline(
    body: DeadlineCreate, session: SessionDep, principal: NationalAdmin
) -> DeadlineOut:
    """Add an ad-hoc deadline (e.g. a later round). Reminders go out at 09:00 JST on the business
    day on or before each offset, to the listed organisations or to every local government."""
    return await service.create_ad_hoc(session, principal, body)


@router.get(
    "/calendar.ics",
    response_class=Response,
    summary="期限のiCalendarフィード",
    responses={200: {"content": {"text/calendar": {}}}},
)
async def calendar_feed(
    request: Request, session: SessionDep, principal: DeadlineReader
) -> Response:
    """The organisation's deadlines as iCalendar (one VEVENT per deadline, UTC times, stable
    UIDs), for Outlook or any calendar that subscribes to a feed."""
    settings = request.app.state.settings
    body = await service.calendar_for(session, principal, settings)
    return Response(
        content=body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="chiiki-deadlines.ics"'},
    )
