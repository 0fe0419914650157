"""``/public/v1``: published plans as open data (JSON and CSV), no login."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from chiiki_common.db import ReadSessionDep
from chiiki_common.errors import PROBLEM_RESPONSES, NotFound
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from plans_api.plans.schemas import JsicCode, StrategicField
from plans_api.public import service as opendata
from plans_api.public.schemas import Publication
from plans_api.registry import repository, service
from plans_api.registry.endpoints import IfNoneMatch, PlanTypeQuery, PrefectureQuery, cacheable
from plans_api.registry.schemas import PublishedPlan
from plans_api.rounds.schemas import RoundCode
from plans_api.versions.schemas import DescribedChange

router = APIRouter(prefix="/public/v1", tags=["public"], responses=PROBLEM_RESPONSES)

PlanIdPath = Annotated[int, Path(ge=1, le=2**63 - 1, description="計画ID")]
FieldQuery = Annotated[StrategicField | None, Query(alias="field", description="戦略分野のコード")]
IndustryQuery = Annotated[
    JsicCode | None, Query(description="日本標準産業分類(E なら E28 などその下の分類も)")
]
RoundQuery = Annotated[RoundCode | None, Query(alias="round", description="回のコード")]


async def _query(
    plan_type: PlanTypeQuery = None,
    prefecture: PrefectureQuery = None,
    field: FieldQuery = None,
    industry: IndustryQuery = None,
    round_code: RoundQuery = None,
) -> repository.PublishedQuery:
    return repository.PublishedQuery(
        plan_type.value if plan_type else None, prefecture, field, industry, round_code
    )


PublishedFilter = Annotated[repository.PublishedQuery, Depends(_query)]
"""The open data's filters: type, prefecture, strategic field, industry and round."""


@router.get(
    "/plans",
    response_model=Page[PublishedPlan],
    responses={304: {"description": "If-None-Match と一致(変更なし)"}},
)
async def list_public_plans(
    request: Request,
    session: ReadSessionDep,
    page: PageDep,
    query: PublishedFilter,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Published plans (open data), newest version of each, filtered by type, prefecture,
    strategic field, industry (a JSIC code and everything under it) and round."""
    payload = await service.published_page(session, query, page)
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
    query: PublishedFilter,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="先頭からの位置")] = 0,
) -> StreamingResponse:
    """Published plans as CSV (UTF-8 with BOM so spreadsheet software reads the Japanese), streamed.
    One answer carries at most ``PLANS_OPEN_DATA_CSV_MAX_ROWS`` plans (default 10,000) in plan-id
    order; when more match, the ``Link`` header (rel="next") gives the URL of the next part and
    ``X-Total-Count`` the number that match. No field is ever evaluated as a formula."""
    cap = request.app.state.settings.open_data_csv_max_rows
    export = await opendata.published_csv(
        session, request.app.state.read_sessionmaker, query, offset=offset, cap=cap
    )
    headers = {
        "Content-Disposition": 'attachment; filename="published_plans.csv"',
        "X-Total-Count": str(export.total),
    }
    if export.next_offset is not None:
        headers["Link"] = opendata.next_link(request.url.path, query, export.next_offset)
    return StreamingResponse(export.body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/plans/{plan_id}")
async def get_public_plan(plan_id: PlanIdPath, session: ReadSessionDep) -> dict[str, object]:
    """The published version of one plan, as frozen at publication."""
    snapshot = await repository.current_snapshot(session, plan_id)
    if snapshot is None:
        raise NotFound("公表された計画が見つかりません")
    return snapshot.content


@router.get("/plans/{plan_id}/versions", response_model=list[Publication])
async def list_publications(plan_id: PlanIdPath, session: ReadSessionDep) -> list[Publication]:
    """Every published version of the plan, newest first: the history of its publications."""
    snapshots = await repository.publications(session, plan_id)
    if not snapshots:
        raise NotFound("公表された計画が見つかりません")
    return [opendata.publication(s) for s in snapshots]


@router.get("/plans/{plan_id}/versions/{version}")
async def get_publication(
    plan_id: PlanIdPath,
    version: Annotated[int, Path(ge=1, le=2**31 - 1, description="公表された版")],
    session: ReadSessionDep,
) -> dict[str, object]:
    """One published version of the plan (an earlier one too), as frozen at its publication."""
    snapshot = await repository.publication(session, plan_id, version)
    if snapshot is None:
        raise NotFound("公表された版が見つかりません")
    return snapshot.content


@router.get("/plans/{plan_id}/versions/{version}/items", response_model=list[DescribedChange])
async def get_publication_items(
    plan_id: PlanIdPath,
    version: Annotated[int, Path(ge=1, le=2**31 - 1, description="公表された版")],
    session: ReadSessionDep,
) -> list[DescribedChange]:
    """One published version's content as people read it: each item with its Japanese heading
    and value, grouped by area (the same labels as the version history and the 様式)."""
    snapshot = await repository.publication(session, plan_id, version)
    if snapshot is None:
        raise NotFound("公表された版が見つかりません")
    return opendata.described(snapshot)


@router.get(
    "/catalog.json",
    responses={200: {"content": {"application/ld+json": {}}, "description": "DCAT カタログ"}},
)
async def open_data_catalogue(
    request: Request,
    session: ReadSessionDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="先頭からの位置")] = 0,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The open data as a DCAT catalogue (JSON-LD; licence CC BY 4.0) for data catalogues to
    harvest: the list of published plans (JSON, CSV) and a data set per plan (JSON, PDF), 1,000
    plans per answer, ``hydra:view``'s ``hydra:next`` linking the rest."""
    base = opendata.base_url(request)
    payload = await opendata.catalogue(session, base, offset, opendata.CATALOGUE_PAGE)
    answer = cacheable(request, payload, if_none_match)
    if answer.status_code == 200:
        answer.media_type = "application/ld+json"
        answer.headers["Content-Type"] = "application/ld+json"
    return answer
