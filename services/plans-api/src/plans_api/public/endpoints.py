"""``/public/v1``: published plans as open data (JSON, CSV and xlsx) and the reference lists the
open data is filtered by, no login."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from chiiki_common.db import ReadSessionDep
from chiiki_common.errors import PROBLEM_RESPONSES, NotFound
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from plans_api.plans.schemas import JsicCode, StrategicField
from plans_api.public import files
from plans_api.public import service as opendata
from plans_api.public.schemas import Publication, PublicRound
from plans_api.reference.schemas import JsicListOut
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


FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {files.CSV: {}, opendata.XLSX: {}},
        "description": "公表された版の内容(項目ごとに1行)",
        "headers": {
            "ETag": {"description": "ファイルの内容のハッシュ", "schema": {"type": "string"}},
            "Content-Disposition": {
                "description": "ファイル名(filename* に日本語名、RFC 5987)",
                "schema": {"type": "string"},
            },
        },
    },
    304: {"description": "If-None-Match と一致(変更なし)"},
}
PublishedVersionPath = Annotated[int, Path(ge=1, le=2**31 - 1, description="公表された版")]
CURRENT_FILE_CACHE = "public, max-age=300"
VERSION_FILE_CACHE = "public, max-age=86400"
"""An earlier version never changes; the current one may be superseded by a new publication."""


@router.get("/plans/{plan_id}.csv", response_class=Response, responses=FILE_RESPONSES)
async def get_public_plan_csv(
    plan_id: PlanIdPath, session: ReadSessionDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The current published version as CSV (UTF-8 with BOM), one row per item: 区分, 項目, 値 —
    the same labels as the public page; an item never published reads its note. No field is
    ever evaluated as a formula. 404 when the plan is not published."""
    snapshot = await opendata.published_version(session, plan_id, None)
    return files.plan_csv(snapshot).response(if_none_match, CURRENT_FILE_CACHE)


@router.get("/plans/{plan_id}.xlsx", response_class=Response, responses=FILE_RESPONSES)
async def get_public_plan_xlsx(
    plan_id: PlanIdPath, session: ReadSessionDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The current published version as an Excel workbook: the title, then 区分, 項目, 値 for
    every item, built from the published version only. No cell is a formula. 404 when the plan
    is not published."""
    snapshot = await opendata.published_version(session, plan_id, None)
    return files.plan_xlsx(snapshot).response(if_none_match, CURRENT_FILE_CACHE)


@router.get(
    "/plans/{plan_id}/versions/{version}.csv", response_class=Response, responses=FILE_RESPONSES
)
async def get_publication_csv(
    plan_id: PlanIdPath,
    version: PublishedVersionPath,
    session: ReadSessionDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One published version (current or earlier) as CSV, as it was published."""
    snapshot = await opendata.published_version(session, plan_id, version)
    return files.plan_csv(snapshot).response(if_none_match, VERSION_FILE_CACHE)


@router.get(
    "/plans/{plan_id}/versions/{version}.xlsx", response_class=Response, responses=FILE_RESPONSES
)
async def get_publication_xlsx(
    plan_id: PlanIdPath,
    version: PublishedVersionPath,
    session: ReadSessionDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One published version (current or earlier) as an Excel workbook, as it was published."""
    snapshot = await opendata.published_version(session, plan_id, version)
    return files.plan_xlsx(snapshot).response(if_none_match, VERSION_FILE_CACHE)


@router.get("/plans/{plan_id}")
async def get_public_plan(plan_id: PlanIdPath, session: ReadSessionDep) -> dict[str, object]:
    """The published version of one plan, as frozen at publication."""
    return (await opendata.published_version(session, plan_id, None)).content


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
    version: PublishedVersionPath,
    session: ReadSessionDep,
) -> dict[str, object]:
    """One published version of the plan (an earlier one too), as frozen at its publication."""
    return (await opendata.published_version(session, plan_id, version)).content


@router.get("/plans/{plan_id}/versions/{version}/items", response_model=list[DescribedChange])
async def get_publication_items(
    plan_id: PlanIdPath,
    version: PublishedVersionPath,
    session: ReadSessionDep,
) -> list[DescribedChange]:
    """One published version's content as people read it: each item with its Japanese heading
    and value, grouped by area (the same labels as the version history and the 様式)."""
    return opendata.described(await opendata.published_version(session, plan_id, version))


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
    harvest: the list of published plans (JSON, CSV) and a data set per plan (JSON, PDF, CSV,
    xlsx), 1,000 plans per answer, ``hydra:view``'s ``hydra:next`` linking the rest."""
    base = opendata.base_url(request)
    payload = await opendata.catalogue(session, base, offset, opendata.CATALOGUE_PAGE)
    answer = cacheable(request, payload, if_none_match)
    if answer.status_code == 200:
        answer.media_type = "application/ld+json"
        answer.headers["Content-Type"] = "application/ld+json"
    return answer


REFERENCE_CACHE = "public, max-age=3600"
"""The lists change only with a release (JSIC) or when a round is announced."""


@router.get(
    "/reference/jsic",
    response_model=JsicListOut,
    responses={304: {"description": "If-None-Match と一致(変更なし)"}},
)
async def get_public_jsic(request: Request, if_none_match: IfNoneMatch = None) -> Response:
    """The 日本標準産業分類 list the plans' 業種 are chosen from (code, name, level, label and
    search words), the same list the plan editor reads, for the open data's industry filter
    (``industry`` finds a code and everything under it)."""
    answer = cacheable(request, opendata.jsic_list().model_dump(mode="json"), if_none_match)
    answer.headers["Cache-Control"] = REFERENCE_CACHE
    return answer


@router.get(
    "/reference/rounds",
    response_model=list[PublicRound],
    responses={304: {"description": "If-None-Match と一致(変更なし)"}},
)
async def list_public_rounds(
    request: Request, session: ReadSessionDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The pre-check rounds (先行事例, 第1弾, later ones), oldest first: code, name, kind, the last
    day a request counted and the review's target date. A published plan belongs to a
    取りまとめ round (``filterable``), which the open data's ``round`` filter takes."""
    rounds = await opendata.public_rounds(session)
    answer = cacheable(request, [r.model_dump(mode="json") for r in rounds], if_none_match)
    answer.headers["Cache-Control"] = REFERENCE_CACHE
    return answer
