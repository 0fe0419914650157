"""``/public/v1``: published plans as open data (JSON and CSV), no login."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from chiiki_common import clock
from chiiki_common.db import ReadSessionDep
from chiiki_common.errors import PROBLEM_RESPONSES, NotFound
from chiiki_common.pagination import PageDep, PageParams
from chiiki_common.schemas import Page
from plans_api.plans.content import STRATEGIC_FIELDS
from plans_api.registry import repository, service
from plans_api.registry.endpoints import IfNoneMatch, PlanTypeQuery, PrefectureQuery, cacheable
from plans_api.registry.schemas import PublishedPlan

router = APIRouter(prefix="/public/v1", tags=["public"], responses=PROBLEM_RESPONSES)

CSV_HEADINGS = [
    "計画ID",
    "類型",
    "計画名",
    "代表団体コード",
    "作成団体コード",
    "都道府県",
    "版",
    "公表日時(JST)",
    "戦略分野",
    "核となる企業・事業者",
]


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
    snapshots, total = await repository.published_plans(
        session, plan_type.value if plan_type else None, prefecture, page
    )
    payload = Page(
        items=[service.published_plan(s) for s in snapshots],
        total=total,
        limit=page.limit,
        offset=page.offset,
    ).model_dump(mode="json")
    return cacheable(request, payload, if_none_match)


@router.get("/plans.csv", response_class=Response)
async def export_public_plans_csv(
    session: ReadSessionDep, plan_type: PlanTypeQuery = None, prefecture: PrefectureQuery = None
) -> Response:
    """Published plans as CSV (UTF-8 with BOM so spreadsheet software reads the Japanese)."""
    snapshots, _ = await repository.published_plans(
        session,
        plan_type.value if plan_type else None,
        prefecture,
        PageParams(limit=100_000, offset=0),
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADINGS)
    for s in snapshots:
        plan = service.published_plan(s)
        writer.writerow(
            [
                plan.plan_id,
                plan.plan_type,
                plan.title,
                plan.lead_organisation,
                " ".join(plan.organisations),
                plan.prefecture_name,
                plan.version,
                clock.to_jst(plan.published_at).strftime("%Y-%m-%d %H:%M"),
                " ".join(STRATEGIC_FIELDS.get(f, f) for f in s.content.get("strategic_fields", [])),
                " ".join(c["name"] for c in s.content.get("core_companies", [])),
            ]
        )
    return Response(
        content="\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="published_plans.csv"'},
    )


@router.get("/plans/{plan_id}")
async def get_public_plan(
    plan_id: Annotated[int, Path(ge=1, le=2**63 - 1)], session: ReadSessionDep
) -> dict[str, object]:
    """The published version of one plan, as frozen at publication."""
    snapshot = await repository.current_snapshot(session, plan_id)
    if snapshot is None:
        raise NotFound("公表された計画が見つかりません")
    return snapshot.content
