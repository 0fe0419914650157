"""Scores: recomputed (set-based) whenever figures change; read with their explanation."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock, textsearch
from chiiki_common.auth import Principal
from chiiki_common.errors import NotFound
from chiiki_common.schemas import Page
from scoring_api.models import CompanyScore
from scoring_api.scores import repository
from scoring_api.scores.formulas import METRICS, share
from scoring_api.scores.schemas import (
    CountedCompany,
    MetricExplanation,
    ScoreExplanation,
    ScoreOut,
    score_out,
)
from scoring_api.tenancy import own_prefecture

log = structlog.get_logger("scoring.scores")


async def recompute_scores(
    session: AsyncSession,
    prefectures: Collection[str],
    fiscal_years: Collection[int] | None = None,
) -> int:
    """Recompute the scores of ``prefectures`` (optionally only some fiscal years) in the current
    transaction; a change to one company's figures moves every share of its prefecture."""
    await session.flush()
    count = await repository.recompute(session, prefectures, clock.now(), fiscal_years)
    log.info("scoring.scores.recomputed", prefectures=sorted(prefectures))
    return count


async def list_scores(
    session: AsyncSession,
    principal: Principal,
    *,
    prefecture: str | None,
    fiscal_year: int,
    order_by: str,
    raw_query: str | None = None,
    limit: int,
    offset: int,
) -> Page[ScoreOut]:
    rows, total = await repository.list_scores(
        session,
        principal,
        prefecture=prefecture or own_prefecture(principal),
        fiscal_year=fiscal_year,
        order_by=order_by,
        query=textsearch.parse_query(raw_query) if raw_query else None,
        limit=limit,
        offset=offset,
    )
    return Page(
        items=[score_out(score, name) for score, name in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


async def company_scores(
    session: AsyncSession, principal: Principal, corporate_number: str
) -> Sequence[CompanyScore]:
    return await repository.company_scores(session, principal, corporate_number)


async def explain(
    session: AsyncSession, principal: Principal, corporate_number: str, fiscal_year: int
) -> ScoreExplanation:
    score = await repository.get_score(session, principal, corporate_number, fiscal_year)
    if score is None:
        raise NotFound("この企業・年度のスコアはありません")
    counted = await repository.counted_companies(session, score.prefecture, fiscal_year)
    metrics = []
    for metric in METRICS:
        numerator = int(getattr(score, metric.numerator))
        denominator = int(getattr(score, metric.denominator))
        metrics.append(
            MetricExplanation(
                name=metric.name,
                label=metric.label,
                definition=metric.definition,
                numerator_label=metric.numerator_label,
                numerator=numerator,
                denominator_label=metric.denominator_label,
                denominator=denominator,
                value=share(numerator, denominator),
                rank=getattr(score, f"{metric.name}_rank"),
                percentile=getattr(score, f"{metric.name}_percentile"),
                deviation=getattr(score, f"{metric.name}_deviation"),
            )
        )
    return ScoreExplanation(
        corporate_number=corporate_number,
        fiscal_year=fiscal_year,
        prefecture=score.prefecture,
        companies_counted=score.companies_counted,
        metrics=metrics,
        counted_companies=[
            CountedCompany(
                corporate_number=number,
                name=name,
                out_of_prefecture_sales=out_sales,
                in_prefecture_purchases=in_purchases,
            )
            for number, name, out_sales, in_purchases in counted
        ],
        computed_at=score.computed_at,
    )
