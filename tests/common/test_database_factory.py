"""The test databases themselves: a PostgreSQL database that served a test is reset to the
template's state before it serves the next, and replaced when its schema was changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

import plans_api
from chiiki_common import clock
from chiiki_common.db import create_engine
from tests.fixtures.databases import DatabaseFactory

pytestmark = pytest.mark.postgres

AUDIT = text(
    "INSERT INTO audit_records (occurred_at, actor, organisation, tier, action, resource_type,"
    " resource_id, outcome) VALUES (:at, 'u', '430005', 'prefecture', 'plan.create', 'plan', '1',"
    " 'success')"
)


@pytest.fixture(scope="module")
def factory(
    pg_unavailable: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseFactory]:
    if pg_unavailable:
        pytest.skip(pg_unavailable)
    # its own template and databases (the session's factory serves this very test), dropped after
    own = DatabaseFactory(tmp_path_factory.mktemp("own"))
    yield own
    own.drop_all()


def fresh(factory: DatabaseFactory) -> str:
    factory.test_started()
    return factory.fresh("postgresql", "plans_api", plans_api.MIGRATIONS)


async def state(url: str) -> tuple[int, int, list[str]]:
    """Audit rows, plans, and the round codes the migrations wrote."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            audit = (await connection.execute(text("SELECT count(*) FROM audit_records"))).scalar()
            plans = (await connection.execute(text("SELECT count(*) FROM plans"))).scalar()
            rounds = (await connection.execute(text("SELECT code FROM rounds ORDER BY code"))).all()
    finally:
        await engine.dispose()
    return int(audit or 0), int(plans or 0), [row[0] for row in rounds]


async def next_audit_id(url: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(AUDIT, {"at": clock.now()})
            return int(
                (await connection.execute(text("SELECT max(id) FROM audit_records"))).scalar_one()
            )
    finally:
        await engine.dispose()


async def test_a_used_database_serves_the_next_test_in_the_template_state(
    factory: DatabaseFactory,
) -> None:
    first = fresh(factory)
    template_state = await state(first)
    assert template_state[:2] == (0, 0)
    assert template_state[2], "the migrations seed the rounds"
    first_id = await next_audit_id(first)
    engine = create_engine(first)
    await next_audit_id(first)  # rows the next test must not see, and rows it must see again
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM rounds"))
    # a connection the test left open does not keep the database from being reset
    lingering = await engine.connect()
    factory.test_finished()

    second = fresh(factory)
    assert second == first, "the database is reused, not cloned anew"
    assert await state(second) == template_state
    assert await next_audit_id(second) == first_id, "sequences start where the template's do"
    factory.test_finished()
    await lingering.close()
    await engine.dispose()


async def test_a_database_serves_one_test_at_a_time(factory: DatabaseFactory) -> None:
    first = fresh(factory)
    second = factory.fresh("postgresql", "plans_api", plans_api.MIGRATIONS)  # same test: another
    assert second != first
    factory.test_finished()
    factory.test_started()
    assert {
        factory.fresh("postgresql", "plans_api", plans_api.MIGRATIONS),
        factory.fresh("postgresql", "plans_api", plans_api.MIGRATIONS),
    } == {first, second}
    third = factory.fresh("postgresql", "plans_api", plans_api.MIGRATIONS)
    assert third not in {first, second}, "both reused ones are in use: a new clone"
    factory.test_finished()


async def test_a_database_whose_schema_a_test_changed_is_replaced(
    factory: DatabaseFactory,
) -> None:
    first = fresh(factory)
    engine = create_engine(first)
    async with engine.begin() as connection:
        await connection.execute(text("ALTER TABLE plans ADD COLUMN left_behind integer"))
    await engine.dispose()
    factory.test_finished()

    second = fresh(factory)
    assert second != first
    engine = create_engine(second)
    async with engine.connect() as connection:
        columns = await connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'plans' AND column_name = 'left_behind'"
            )
        )
        assert columns.all() == []
    await engine.dispose()
    factory.test_finished()


async def test_a_database_given_outside_a_test_is_never_reused(factory: DatabaseFactory) -> None:
    wider = factory.fresh("postgresql", "plans_api", plans_api.MIGRATIONS)  # a module fixture's
    factory.test_started()
    factory.test_finished()
    assert fresh(factory) != wider
    factory.test_finished()
