"""Company, figures and transaction queries; the tenancy filter is part of every read."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from scoring_api.models import Company, CompanyFigures, Transaction
from scoring_api.tenancy import prefecture_filter

DERIVED_SOURCE = "transactions"
"""``CompanyFigures.source`` of the figures derived from a transaction list."""


async def get_company(
    session: AsyncSession, principal: Principal, corporate_number: str
) -> Company | None:
    return await session.scalar(
        select(Company).where(
            Company.corporate_number == corporate_number,
            prefecture_filter(principal, Company.hq_prefecture),
        )
    )


async def company_exists(session: AsyncSession, corporate_number: str) -> bool:
    return bool(
        await session.scalar(select(exists().where(Company.corporate_number == corporate_number)))
    )


async def list_companies(
    session: AsyncSession,
    principal: Principal,
    *,
    prefecture: str | None,
    query: str | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Company], int]:
    condition = [prefecture_filter(principal, Company.hq_prefecture)]
    if prefecture:
        condition.append(Company.hq_prefecture == prefecture)
    order: list[ColumnElement[Any]] = []
    if query:
        condition.append(named(query))
        # a name that starts with the query, or the 法人番号 itself, before the other matches
        order.append(
            case(
                (
                    or_(
                        Company.corporate_number == query,
                        Company.name_normalised.startswith(query, autoescape=True),
                    ),
                    0,
                ),
                else_=1,
            )
        )
    total = await session.scalar(select(func.count()).select_from(Company).where(*condition))
    rows = await session.scalars(
        select(Company)
        .where(*condition)
        .order_by(*order, Company.corporate_number)
        .limit(limit)
        .offset(offset)
    )
    return rows.all(), int(total or 0)


def named(query: str) -> ColumnElement[bool]:
    """The company's name holds ``query`` (both normalised: ``chiiki_common.textsearch``), or a
    query of digits is its 法人番号 or the start of it."""
    by_name = Company.name_normalised.contains(query, autoescape=True)
    if query.isascii() and query.isdigit():
        return or_(by_name, Company.corporate_number.startswith(query, autoescape=True))
    return by_name


async def companies_by_number(
    session: AsyncSession, numbers: Collection[str]
) -> dict[str, Company]:
    found: dict[str, Company] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 1000):  # keep every IN list within SQLite's bind limit
        chunk = ordered[start : start + 1000]
        rows = await session.scalars(select(Company).where(Company.corporate_number.in_(chunk)))
        found.update({company.corporate_number: company for company in rows})
    return found


async def list_figures(session: AsyncSession, corporate_number: str) -> Sequence[CompanyFigures]:
    rows = await session.scalars(
        select(CompanyFigures)
        .where(CompanyFigures.corporate_number == corporate_number)
        .order_by(CompanyFigures.fiscal_year)
    )
    return rows.all()


async def get_figures(
    session: AsyncSession, corporate_number: str, fiscal_year: int
) -> CompanyFigures | None:
    return await session.get(CompanyFigures, (corporate_number, fiscal_year))


async def replace_transactions(
    session: AsyncSession,
    prefecture: str,
    fiscal_years: Collection[int],
    rows: Sequence[dict[str, object]],
) -> None:
    await session.execute(
        delete(Transaction).where(
            Transaction.importer_prefecture == prefecture,
            Transaction.fiscal_year.in_(list(fiscal_years)),
        )
    )
    for start in range(0, len(rows), 10_000):
        await session.execute(insert(Transaction), list(rows[start : start + 10_000]))


async def derive_figures(
    session: AsyncSession, prefecture: str, fiscal_years: Collection[int], now: datetime
) -> int:
    """Each company's 様式2 figures from the prefecture's transaction list, in two statements.

    Sales and purchases are the company's own transactions as seller and as buyer; the
    out-of-prefecture part is sold to a buyer headquartered outside the company's prefecture, the
    in-prefecture part bought from a seller headquartered inside it (seed 003 ※1, ※2).

    The new list replaces every figure of ``fiscal_years`` derived from the previous one: a company
    it no longer names keeps no derived figures of those years (so leaves the prefecture's totals).
    """
    t, c = Transaction, Company
    years = list(fiscal_years)
    scope = and_(t.importer_prefecture == prefecture, t.fiscal_year.in_(years))
    as_seller = select(
        t.seller_number.label("corporate_number"),
        t.fiscal_year,
        t.amount.label("sales"),
        case((t.buyer_prefecture != t.seller_prefecture, t.amount), else_=0).label(
            "out_of_prefecture_sales"
        ),
        literal(0).label("purchases"),
        literal(0).label("in_prefecture_purchases"),
    ).where(scope)
    as_buyer = select(
        t.buyer_number.label("corporate_number"),
        t.fiscal_year,
        literal(0).label("sales"),
        literal(0).label("out_of_prefecture_sales"),
        t.amount.label("purchases"),
        case((t.seller_prefecture == t.buyer_prefecture, t.amount), else_=0).label(
            "in_prefecture_purchases"
        ),
    ).where(scope)
    legs = union_all(as_seller, as_buyer).subquery("legs")
    derived = (
        select(
            legs.c.corporate_number,
            legs.c.fiscal_year,
            func.sum(legs.c.sales),
            func.sum(legs.c.out_of_prefecture_sales),
            func.sum(legs.c.purchases),
            func.sum(legs.c.in_prefecture_purchases),
            literal(DERIVED_SOURCE),
            literal(now, CompanyFigures.updated_at.type),
        )
        .join(c, c.corporate_number == legs.c.corporate_number)
        .where(c.hq_prefecture == prefecture)
        .group_by(legs.c.corporate_number, legs.c.fiscal_year)
    )
    f = CompanyFigures
    await session.execute(
        delete(f).where(
            f.fiscal_year.in_(years),
            f.corporate_number.in_(select(c.corporate_number).where(c.hq_prefecture == prefecture)),
            # every figure derived from the previous list goes, also of a company the new list no
            # longer names; the new list's companies are replaced whatever their figures' source
            # (two EXISTS rather than one with OR, so each can use its own index)
            or_(
                f.source == DERIVED_SOURCE,
                exists().where(
                    scope, t.fiscal_year == f.fiscal_year, t.seller_number == f.corporate_number
                ),
                exists().where(
                    scope, t.fiscal_year == f.fiscal_year, t.buyer_number == f.corporate_number
                ),
            ),
        )
    )
    result = await session.execute(
        insert(f).from_select(
            [
                "corporate_number",
                "fiscal_year",
                "sales",
                "out_of_prefecture_sales",
                "purchases",
                "in_prefecture_purchases",
                "source",
                "updated_at",
            ],
            derived,
        )
    )
    return int(cast(CursorResult[Any], result).rowcount or 0)
