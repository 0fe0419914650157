"""Score queries: the set-based recomputation (window functions, SQLite ≥ 3.25 and PostgreSQL)
and the reads, with the tenancy filter in the SQL."""

from __future__ import annotations

import typing
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Float,
    Select,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    literal_column,
    nulls_last,
    select,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from scoring_api.companies import repository as companies
from scoring_api.models import Company, CompanyFigures, CompanyScore
from scoring_api.scores.formulas import DEVIATION_MEAN, DEVIATION_SCALE, METRICS
from scoring_api.tenancy import prefecture_filter


def _recompute_select(
    prefectures: Collection[str], fiscal_years: Collection[int] | None, computed_at: datetime
) -> Select[tuple[object, ...]]:
    f, c = CompanyFigures, Company
    partition = (c.hq_prefecture, f.fiscal_year)
    year_filter = [] if fiscal_years is None else [f.fiscal_year.in_(list(fiscal_years))]
    base = (
        select(
            f.corporate_number,
            f.fiscal_year,
            c.hq_prefecture.label("prefecture"),
            f.sales,
            f.out_of_prefecture_sales,
            f.purchases,
            f.in_prefecture_purchases,
            func.count().over(partition_by=partition).label("companies_counted"),
            func.sum(f.out_of_prefecture_sales)
            .over(partition_by=partition)
            .label("prefecture_out_of_prefecture_sales"),
            func.sum(f.in_prefecture_purchases)
            .over(partition_by=partition)
            .label("prefecture_in_prefecture_purchases"),
        )
        .join(c, c.corporate_number == f.corporate_number)
        .where(c.hq_prefecture.in_(list(prefectures)), *year_filter)
        .cte("base")
    )
    values = select(
        *base.c,
        *(
            case(
                (
                    base.c[m.denominator] > 0,
                    cast(base.c[m.numerator], Float) / cast(base.c[m.denominator], Float),
                ),
                else_=None,
            ).label(m.name)
            for m in METRICS
        ),
    ).cte("metric_values")
    windowed_columns = []
    for m in METRICS:
        value = values.c[m.name]
        # constants written out, not bound: SQLite computes windows of the same text together,
        # and a bound parameter in each makes every window a pass of its own
        window = (
            values.c.prefecture,
            values.c.fiscal_year,
            case((value.is_(None), literal_column("1")), else_=literal_column("0")),
        )
        # one ascending sort per metric gives both: the rows at or below a value (peers included)
        # are its cume_dist × n, and the rows above it, n minus those, are its rank − 1 from the top
        at_or_below = func.count().over(partition_by=window, order_by=value)
        counted = func.count().over(partition_by=window)
        windowed_columns += [
            case((value.is_not(None), counted - at_or_below + 1), else_=None).label(
                f"{m.name}_rank"
            ),
            case(
                (
                    value.is_not(None),
                    100.0 * (cast(at_or_below, Float) / cast(counted, Float)).self_group(),
                ),
                else_=None,
            ).label(f"{m.name}_percentile"),
            func.avg(value).over(partition_by=window).label(f"{m.name}_mean"),
            func.avg(value * value).over(partition_by=window).label(f"{m.name}_mean_square"),
        ]
    windowed = select(*values.c, *windowed_columns).cte("windowed")
    deviation_columns = []
    for m in METRICS:
        value = windowed.c[m.name]
        mean = windowed.c[f"{m.name}_mean"]
        variance = windowed.c[f"{m.name}_mean_square"] - mean * mean
        deviation_columns.append(
            case(
                (value.is_(None), None),
                # rounding leaves a tiny variance when all values are equal: that is 50
                (
                    variance > 1e-12 * windowed.c[f"{m.name}_mean_square"],
                    DEVIATION_MEAN + DEVIATION_SCALE * (value - mean) / func.sqrt(variance),
                ),
                else_=DEVIATION_MEAN,
            ).label(f"{m.name}_deviation")
        )
    plain = [
        "corporate_number",
        "fiscal_year",
        "prefecture",
        "companies_counted",
        "sales",
        "out_of_prefecture_sales",
        "purchases",
        "in_prefecture_purchases",
        "prefecture_out_of_prefecture_sales",
        "prefecture_in_prefecture_purchases",
    ]
    per_metric = []
    for m in METRICS:
        per_metric += [
            windowed.c[m.name],
            windowed.c[f"{m.name}_rank"],
            windowed.c[f"{m.name}_percentile"],
        ]
    return select(
        *(windowed.c[name] for name in plain),
        *per_metric,
        *deviation_columns,
        literal(computed_at, CompanyScore.computed_at.type).label("computed_at"),
    )


def _score_columns() -> list[str]:
    names = [
        "corporate_number",
        "fiscal_year",
        "prefecture",
        "companies_counted",
        "sales",
        "out_of_prefecture_sales",
        "purchases",
        "in_prefecture_purchases",
        "prefecture_out_of_prefecture_sales",
        "prefecture_in_prefecture_purchases",
    ]
    for m in METRICS:
        names += [m.name, f"{m.name}_rank", f"{m.name}_percentile"]
    names += [f"{m.name}_deviation" for m in METRICS]
    return [*names, "computed_at"]


async def recompute(
    session: AsyncSession,
    prefectures: Collection[str],
    computed_at: datetime,
    fiscal_years: Collection[int] | None = None,
) -> int:
    """Replace the scores of ``prefectures`` (all fiscal years, or only ``fiscal_years``) in two
    statements: a DELETE and an INSERT … SELECT over window functions."""
    if not prefectures:
        return 0
    condition = [CompanyScore.prefecture.in_(list(prefectures))]
    if fiscal_years is not None:
        condition.append(CompanyScore.fiscal_year.in_(list(fiscal_years)))
    await session.execute(delete(CompanyScore).where(*condition))
    result = await session.execute(
        insert(CompanyScore).from_select(
            _score_columns(), _recompute_select(prefectures, fiscal_years, computed_at)
        )
    )
    return int(typing.cast(CursorResult[Any], result).rowcount or 0)


async def list_scores(
    session: AsyncSession,
    principal: Principal,
    *,
    prefecture: str | None,
    fiscal_year: int,
    order_by: str,
    query: str | None = None,
    limit: int,
    offset: int,
) -> tuple[Sequence[tuple[CompanyScore, str]], int]:
    """``query`` (normalised, :func:`chiiki_common.textsearch.parse_query`) matches the company's
    name or 法人番号 as the company list's search does."""
    condition = [
        prefecture_filter(principal, CompanyScore.prefecture),
        CompanyScore.fiscal_year == fiscal_year,
    ]
    if prefecture:
        condition.append(CompanyScore.prefecture == prefecture)
    if query:
        condition.append(companies.named(query))
    total = await session.scalar(
        select(func.count())
        .select_from(CompanyScore)
        .join(Company, Company.corporate_number == CompanyScore.corporate_number)
        .where(*condition)
    )
    order_column = getattr(CompanyScore, f"{order_by}_rank")
    rows = await session.execute(
        select(CompanyScore, Company.name)
        .join(Company, Company.corporate_number == CompanyScore.corporate_number)
        .where(*condition)
        .order_by(
            CompanyScore.prefecture, nulls_last(order_column.asc()), CompanyScore.corporate_number
        )
        .limit(limit)
        .offset(offset)
    )
    return [(score, name) for score, name in rows], int(total or 0)


async def company_scores(
    session: AsyncSession, principal: Principal, corporate_number: str
) -> Sequence[CompanyScore]:
    rows = await session.scalars(
        select(CompanyScore)
        .where(
            CompanyScore.corporate_number == corporate_number,
            prefecture_filter(principal, CompanyScore.prefecture),
        )
        .order_by(CompanyScore.fiscal_year)
    )
    return rows.all()


async def get_score(
    session: AsyncSession, principal: Principal, corporate_number: str, fiscal_year: int
) -> CompanyScore | None:
    return await session.scalar(
        select(CompanyScore).where(
            CompanyScore.corporate_number == corporate_number,
            CompanyScore.fiscal_year == fiscal_year,
            prefecture_filter(principal, CompanyScore.prefecture),
        )
    )


async def counted_companies(
    session: AsyncSession, prefecture: str, fiscal_year: int
) -> Sequence[tuple[str, str, int, int]]:
    """The companies whose figures make up the prefecture's totals (the denominators)."""
    rows = await session.execute(
        select(
            CompanyScore.corporate_number,
            Company.name,
            CompanyScore.out_of_prefecture_sales,
            CompanyScore.in_prefecture_purchases,
        )
        .join(Company, Company.corporate_number == CompanyScore.corporate_number)
        .where(CompanyScore.prefecture == prefecture, CompanyScore.fiscal_year == fiscal_year)
        .order_by(CompanyScore.out_of_prefecture_sales.desc(), CompanyScore.corporate_number)
    )
    return [(row[0], row[1], row[2], row[3]) for row in rows]
