"""Connector / hub degree (コネクター度・ハブ度), both definitions, with rank, percentile and 偏差値
within the prefecture, and a "why this score" explanation."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import FiscalYear, Page
from scoring_api.companies.auth import VisibleCompany
from scoring_api.companies.schemas import (
    CompanyQuery,
    CorporateNumberPath,
    FiscalYearPath,
    PrefectureNumber,
)
from scoring_api.scores import service
from scoring_api.scores.auth import ScoreReader
from scoring_api.scores.schemas import ScoreExplanation, ScoreOut, score_out

router = APIRouter(prefix="/api/scoring", tags=["scores"])

MetricName = Literal["connector_share", "hub_share", "connector_ratio", "hub_ratio"]


@router.get("/scores", response_model=Page[ScoreOut])
async def list_scores(
    session: SessionDep,
    principal: ScoreReader,
    page: PageDep,
    fiscal_year: Annotated[FiscalYear, Query(description="事業年度")],
    prefecture: Annotated[PrefectureNumber | None, Query()] = None,
    order_by: Annotated[MetricName, Query(description="順位の基準")] = "connector_share",
    q: CompanyQuery = None,
) -> Page[ScoreOut]:
    """都道府県内のスコア一覧(順位順)。都道府県の職員は自都道府県のみ、国の職員は全都道府県。
    ``q`` を指定すると企業一覧と同じく企業名と法人番号で絞り込みます(順位は都道府県内のまま)。"""
    return await service.list_scores(
        session,
        principal,
        prefecture=prefecture,
        fiscal_year=fiscal_year,
        order_by=order_by,
        raw_query=q,
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/companies/{corporate_number}/scores", response_model=list[ScoreOut])
async def company_scores(
    company: VisibleCompany, session: SessionDep, principal: ScoreReader
) -> list[ScoreOut]:
    """企業のスコア(年度ごと)。"""
    rows = await service.company_scores(session, principal, company.corporate_number)
    return [score_out(row, company.name) for row in rows]


@router.get(
    "/companies/{corporate_number}/scores/{fiscal_year}/explanation",
    response_model=ScoreExplanation,
)
async def explain_score(
    corporate_number: CorporateNumberPath,
    fiscal_year: FiscalYearPath,
    session: SessionDep,
    principal: ScoreReader,
) -> ScoreExplanation:
    """スコアの根拠: 各指標の分子・分母と、都道府県の合計に数えた企業の一覧。"""
    return await service.explain(session, principal, corporate_number, fiscal_year)
