"""Company, figures and transaction queries; the tenancy filter is part of every read."""

from __future__ import annotations

import json
import zlib
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Select,
    String,
    and_,
    any_,
    bindparam,
    case,
    column,
    delete,
    exists,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from scoring_api.models import Base, Company, CompanyFigures, Transaction
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


TRANSACTION_FIELDS = (
    "importer_prefecture",
    "fiscal_year",
    "seller_number",
    "seller_prefecture",
    "buyer_number",
    "buyer_prefecture",
    "amount",
)
"""The order of a row given to :func:`add_transactions`."""
TransactionRecord = tuple[str, int, str, str, str, str, int]

_INSERT_TRANSACTION = str(
    insert(Transaction).compile(dialect=sqlite.dialect(), column_keys=list(TRANSACTION_FIELDS))
)


_REGISTERED = select(Company.corporate_number, Company.hq_prefecture)
_REGISTERED_SQL = {
    # one parameter whatever the number of 法人番号: an array, or a JSON array on SQLite
    "postgresql": str(
        _REGISTERED.where(
            Company.corporate_number == any_(bindparam("numbers", type_=ARRAY(String())))
        ).compile(dialect=cast(Any, postgresql.dialect)(paramstyle="numeric_dollar"))
    ),
    "sqlite": str(
        _REGISTERED.where(
            Company.corporate_number.in_(
                select(column("value")).select_from(func.json_each(bindparam("numbers")))
            )
        ).compile(dialect=sqlite.dialect())
    ),
}


async def registered_prefectures(session: AsyncSession, numbers: Collection[str]) -> dict[str, str]:
    """法人番号 → HQ prefecture of those of ``numbers`` that are registered, in one query read
    straight from the driver (a file names up to hundreds of thousands of companies)."""
    connection = await session.connection()
    driver: Any = (await connection.get_raw_connection()).driver_connection
    if connection.dialect.name == "postgresql":
        rows = await driver.fetch(_REGISTERED_SQL["postgresql"], list(numbers))
    else:
        cursor = await driver.execute(_REGISTERED_SQL["sqlite"], (json.dumps(list(numbers)),))
        rows = await cursor.fetchall()
        await cursor.close()
    return dict(rows)


def _misstated_sql(stated: Any, dialect: Any) -> str:
    def part(start: int, length: int) -> ColumnElement[str]:
        return func.substr(stated.c.value, literal_column(str(start)), literal_column(str(length)))

    elsewhere: Select[tuple[Any]] = (
        select(literal_column("1"))
        .select_from(stated)
        .join(Company, Company.corporate_number == part(1, 13))
        .where(Company.hq_prefecture != part(14, 2))
    )
    return str(select(elsewhere.exists()).compile(dialect=dialect))


_MISSTATED_SQL = {
    "postgresql": _misstated_sql(
        func.unnest(bindparam("stated", type_=ARRAY(String())))
        .table_valued("value")
        .render_derived()
        .alias("stated"),
        cast(Any, postgresql.dialect)(paramstyle="numeric_dollar"),
    ),
    "sqlite": _misstated_sql(
        func.json_each(bindparam("stated")).table_valued("value").alias("stated"),
        sqlite.dialect(),
    ),
}


async def misstated(session: AsyncSession, stated: Collection[str]) -> bool:
    """Whether any of ``stated`` (a 法人番号 followed by the HQ prefecture a file states for it)
    names a registered company headquartered elsewhere: one query, whatever their number."""
    connection = await session.connection()
    driver: Any = (await connection.get_raw_connection()).driver_connection
    if connection.dialect.name == "postgresql":
        return bool(await driver.fetchval(_MISSTATED_SQL["postgresql"], list(stated)))
    cursor = await driver.execute(_MISSTATED_SQL["sqlite"], (json.dumps(list(stated)),))
    row = await cursor.fetchone()
    await cursor.close()
    return bool(row[0])


async def last_transaction_id(session: AsyncSession) -> int:
    """Every row added after this in the current transaction has a larger id."""
    return int(await session.scalar(select(func.max(Transaction.id))) or 0)


async def add_transactions(session: AsyncSession, rows: Sequence[TransactionRecord]) -> None:
    """Write rows in the session's transaction without the ORM: COPY on PostgreSQL (asyncpg's
    ``copy_records_to_table``), one ``executemany`` of a plain INSERT on SQLite."""
    connection = await session.connection()
    driver: Any = (await connection.get_raw_connection()).driver_connection
    if connection.dialect.name == "postgresql":
        await driver.copy_records_to_table(
            Transaction.__tablename__, records=rows, columns=TRANSACTION_FIELDS
        )
    else:
        cursor = await driver.executemany(_INSERT_TRANSACTION, rows)
        await cursor.close()


BULK_WORK_MEM = "64MB"
"""Sort and hash memory of a transaction that derives and scores a large prefecture on PostgreSQL:
the window sorts of 100,000 companies take about 20 MB each, and PostgreSQL's default (4 MB)
sends every one of them to disk."""


async def prepare_bulk_statements(session: AsyncSession, *written: type[Base]) -> None:
    """On PostgreSQL, statistics of the tables just written in bulk (ANALYZE sees this
    transaction's own rows; without it the planner takes them for empty and joins one row at a
    time) and room for the sorts, for the rest of this transaction. SQLite plans without either."""
    if (await session.connection()).dialect.name != "postgresql":
        return
    await session.execute(text(f"SET LOCAL work_mem = '{BULK_WORK_MEM}'"))
    for model in written:
        await session.execute(text(f"ANALYZE {model.__tablename__}"))


async def lock_transaction_list(session: AsyncSession, prefecture: str) -> None:
    """Hold the prefecture's transaction list until the transaction ends: a second import of the
    same prefecture waits for the first, then replaces it, instead of both lists being kept. On
    SQLite a write that changes nothing takes the database's one write lock now, before the list
    is read, rather than at the first row written."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"transactions:{prefecture}".encode())
        await session.execute(select(func.pg_advisory_xact_lock(key)))
    else:
        await session.execute(delete(Transaction).where(Transaction.id == -1))


async def drop_previous_transactions(
    session: AsyncSession, prefecture: str, fiscal_years: Collection[int], last_id: int
) -> None:
    """The prefecture's list of ``fiscal_years`` as it was before rows after ``last_id`` came."""
    await session.execute(
        delete(Transaction).where(
            Transaction.importer_prefecture == prefecture,
            Transaction.fiscal_year.in_(list(fiscal_years)),
            Transaction.id <= last_id,
        )
    )


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
    # each side summed on its own first: two aggregations of the list into one row per company,
    # rather than one aggregation of twice as many rows
    as_seller = (
        select(
            t.seller_number.label("corporate_number"),
            t.fiscal_year,
            func.sum(t.amount).label("sales"),
            func.sum(case((t.buyer_prefecture != t.seller_prefecture, t.amount), else_=0)).label(
                "out_of_prefecture_sales"
            ),
            literal(0).label("purchases"),
            literal(0).label("in_prefecture_purchases"),
        )
        .where(scope)
        .group_by(t.seller_number, t.fiscal_year)
    )
    as_buyer = (
        select(
            t.buyer_number.label("corporate_number"),
            t.fiscal_year,
            literal(0).label("sales"),
            literal(0).label("out_of_prefecture_sales"),
            func.sum(t.amount).label("purchases"),
            func.sum(case((t.seller_prefecture == t.buyer_prefecture, t.amount), else_=0)).label(
                "in_prefecture_purchases"
            ),
        )
        .where(scope)
        .group_by(t.buyer_number, t.fiscal_year)
    )
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
    named = union(
        select(t.seller_number, t.fiscal_year).where(scope),
        select(t.buyer_number, t.fiscal_year).where(scope),
    )
    f = CompanyFigures
    await session.execute(
        delete(f).where(
            f.fiscal_year.in_(years),
            f.corporate_number.in_(select(c.corporate_number).where(c.hq_prefecture == prefecture)),
            # every figure derived from the previous list goes, also of a company the new list no
            # longer names; the new list's companies are replaced whatever their figures' source
            or_(
                f.source == DERIVED_SOURCE,
                tuple_(f.corporate_number, f.fiscal_year).in_(named),
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


async def delete_company(session: AsyncSession, corporate_number: str) -> None:
    await session.execute(delete(Company).where(Company.corporate_number == corporate_number))


async def upsert(
    session: AsyncSession,
    model: type[Any],
    rows: Sequence[dict[str, Any]],
    *,
    keys: Sequence[str],
) -> None:
    """Insert ``rows``; where ``keys`` already exist, overwrite every other column (INSERT … ON
    CONFLICT DO UPDATE: SQLite and PostgreSQL both have it)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(model)
    updated = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    await session.execute(
        statement.on_conflict_do_update(index_elements=list(keys), set_=updated), list(rows)
    )
