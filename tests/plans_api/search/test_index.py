"""The search index is derived data: the migration that creates it indexes the plans already
there, and a full rebuild gives back what the writes had indexed."""

from __future__ import annotations

from sqlalchemy import text

import plans_api
from chiiki_common.db import create_engine, session_factory
from chiiki_common.migrations import downgrade, upgrade
from plans_api.search.index import rebuild_all, rebuild_command
from plans_api.settings import Settings
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KUMAMOTO, company_number, create, write
from tests.plans_api.search.test_search import search, titles


async def _plan(ctx: PlansContext) -> dict[str, str]:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, pref, "B", title="球磨焼酎の輸出計画")
    plan = await write(
        ctx.client,
        pref,
        plan,
        "PATCH",
        "",
        {"sections": {"path": {"basic_strategy": "蔵元の連携"}}},
    )
    await write(
        ctx.client,
        pref,
        plan,
        "PUT",
        "/core-companies",
        [
            {
                "corporate_number": company_number(3),
                "name": "ｸﾏ酒造",
                "role": "醸造",
                "scale": "20名",
            }
        ],
    )
    return pref


async def test_the_migration_indexes_the_plans_already_written(ctx: PlansContext) -> None:
    pref = await _plan(ctx)
    downgrade(plans_api.MIGRATIONS, ctx.database_url, "b2f0c0de0004")
    upgrade(plans_api.MIGRATIONS, ctx.database_url)
    assert titles(await search(ctx, pref, "蔵元")) == ["球磨焼酎の輸出計画"]
    assert titles(await search(ctx, pref, "くま酒造")) == ["球磨焼酎の輸出計画"]
    assert titles(await search(ctx, pref, company_number(3)[:6])) == ["球磨焼酎の輸出計画"]


async def test_a_full_rebuild_gives_back_the_index(ctx: PlansContext) -> None:
    pref = await _plan(ctx)
    before = await search(ctx, pref, "焼酎")
    engine = create_engine(ctx.database_url)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM plan_search_grams"))
        await connection.execute(text("DELETE FROM plan_search_texts"))
    assert (await search(ctx, pref, "焼酎"))["total"] == 0
    async with session_factory(engine)() as session, session.begin():
        assert await rebuild_all(session) == 1
    await engine.dispose()
    assert await search(ctx, pref, "焼酎") == before


async def test_the_maintenance_command_rebuilds_the_index(ctx: PlansContext) -> None:
    pref = await _plan(ctx)
    engine = create_engine(ctx.database_url)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM plan_search_grams"))
    await engine.dispose()
    assert (await search(ctx, pref, "蔵元"))["total"] == 0
    await rebuild_command(Settings(database_url=ctx.database_url, environment="test"), None)
    assert titles(await search(ctx, pref, "蔵元")) == ["球磨焼酎の輸出計画"]
