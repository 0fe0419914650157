"""``/public/v1``: published plans as open data (JSON and CSV), no login."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from chiiki_common.db import ReadSessionDep
from chiiki_common.errors import PROBLEM_RESPONSES, NotFound
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from plans_api.public import service as opendata
from plans_api.registry import repository, service
from plans_api.registry.endpoints import IfNoneMatch, PlanTypeQuery, PrefectureQuery, cacheable
from plans_api.registry.schemas import PublishedPlan

router = APIRouter(prefix="/public/v1", tags=["public"], responses=PROBLEM_RESPONSES)


@router.get(
    "/plans",
    response_model=Page[PublishedPlan],
    responses={304: {"description": "If-None-Match と一致(変更なし)"}},
)
async def list_public_plans(
    request: Request,
    session: ReadSessionDep,
    page: PageDep,
    plan_type: PlanTypeQuery = None,
    prefecture: PrefectureQuery = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Published plans (open data), newest version of each."""
    payload = await service.published_page(session, plan_type, prefecture, page)
    return cacheable(request, payload, if_none_match)


@router.get(
    "/plans.csv",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/csv": {}},
            "description": "公表された計画(CSV)",
            "headers": {
                "Link": {
                    "description": '上限件数を超える場合、続きの URL(rel="next")',
                    "schema": {"type": "string"},
                },
                "X-Total-Count": {
                    "description": "条件に合う公表計画の総数",
                    "schema": {"type": "integer"},
                },
            },
        }
    },
)
async def export_public_plans_csv(
    request: Request,
    session: ReadSessionDep,
    plan_type: PlanTypeQuery = None,
    prefecture: PrefectureQuery = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="先頭からの位置")] = 0,
) -> StreamingResponse:
    """Published plans as CSV (UTF-8 with BOM so spreadsheet software reads the Japanese), streamed.
    One answer carries at most ``PLANS_OPEN_DATA_CSV_MAX_ROWS`` plans (default 10,000) in plan-id
    order; when more match, the ``Link`` header (rel="next") gives the URL of the next part and
    ``X-Total-Count`` the number that match. No field is ever evaluated as a formula."""
    cap = request.app.state.settings.open_data_csv_max_rows
    kind = plan_type.value if plan_type else None
    export = await opendata.published_csv(
        session,
        request.app.state.read_sessionmaker,
        plan_type=kind,
        prefecture=prefecture,
        offset=offset,
        cap=cap,
    )
    headers = {
        "Content-Disposition": 'attachment; filename="published_plans.csv"',
        "X-Total-Count": str(export.total),
    }
    if export.next_offset is not None:
        headers["Link"] = opendata.next_link(request.url.path, kind, prefecture, export.next_offset)
    return StreamingResponse(export.body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/plans/{plan_id}")
async def get_public_plan(
    plan_id: Annotated[int, Path(ge=1, le=2**63 - 1)], session: ReadSessionDep
) -> dict[str, object]:
    """The published version of one plan, as frozen at publication."""
    snapshot = await repository.current_snapshot(session, plan_id)
    if snapshot is None:
        raise NotFound("公表された計画が見つかりません")
    return snapshot.content
