"""scoring-api's migrations build exactly its models, and the database itself refuses impossible
figures even if a bug slipped past the service."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from chiiki_common import clock
from chiiki_common.db import create_engine
from scoring_api import MIGRATIONS
from tests.fixtures.databases import DatabaseFactory
from tests.scoring_api.factories import corporate_number


@pytest.mark.parametrize(
    ("sales", "out", "purchases", "inside"),
    [(100, 101, 10, 5), (100, 10, 10, 11), (-1, 0, 0, 0), (100, 10, -5, 0)],
)
async def test_database_refuses_impossible_figures(
    backend: str,
    database_factory: DatabaseFactory,
    sales: int,
    out: int,
    purchases: int,
    inside: int,
) -> None:
    engine = create_engine(database_factory.fresh(backend, "scoring_api", MIGRATIONS))
    at = clock.now().replace(tzinfo=None) if backend == "sqlite" else clock.now()
    number = corporate_number(1)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO companies (corporate_number, name, hq_prefecture, created_at, updated_at)"
                " VALUES (:n, 'x', '43', :at, :at)"
            ),
            {"n": number, "at": at},
        )
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO company_figures (corporate_number, fiscal_year, sales,"
                    " out_of_prefecture_sales, purchases, in_prefecture_purchases, source, updated_at)"
                    " VALUES (:n, 2024, :s, :o, :p, :i, 'form', :at)"
                ),
                {"n": number, "s": sales, "o": out, "p": purchases, "i": inside, "at": at},
            )
    await engine.dispose()
