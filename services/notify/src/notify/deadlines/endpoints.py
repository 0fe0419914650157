"""期限カレンダー: my deadlines, the organisation's iCalendar feed, ad-hoc deadlines."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from notify.deadlines import service
from notify.deadlines.auth import DeadlineReader, NationalAdmin
from notify.deadlines.schemas import ClosedDay, DeadlineCreate, DeadlineOut

router = APIRouter(prefix="/api/notify", tags=["deadlines"])


@router.get("/deadlines", response_model=Page[DeadlineOut], summary="自団体の期限一覧")
async def list_my_deadlines(
    session: SessionDep, principal: DeadlineReader, page: PageDep
) -> Page[DeadlineOut]:
    """The caller's organisation's coming deadlines (national users: all), soonest first, with the
    days left counted in JST."""
    return await service.list_for(session, principal, limit=page.limit, offset=page.offset)


@router.get("/deadlines/{deadline_id}", response_model=DeadlineOut, summary="期限の詳細")
async def read_deadline(
    deadline_id: Annotated[int, Path(ge=1, le=2**53)],
    session: SessionDep,
    principal: DeadlineReader,
) -> DeadlineOut:
    """One deadline of the caller's organisation (national users: any); 404 for one it does not
    concern. The calendar feed's and the reminder mail's links open it."""
    return await service.get_for(session, principal, deadline_id)


@router.get("/closed-days", response_model=list[ClosedDay], summary="祝日と年末年始の休日")
async def list_closed_days(
    principal: DeadlineReader,
    start: Annotated[date, Query(alias="from", description="最初の日")],
    end: Annotated[date, Query(alias="to", description="最後の日(この日を含む)")],
) -> list[ClosedDay]:
    """The public holidays (国民の祝日・振替休日・国民の休日) and the year-end closure (12/29–1/3)
    between two days: reminders falling on them go out on the open day before."""
    return service.closed_days(start, end)


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
