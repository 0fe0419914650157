"""A rolling update (README, "Production"): the next release's migration runs while pods of the
current version still serve. An expanding change (a new nullable column, a new table) leaves the
running version reading and writing as before; a contracting one (a rename) breaks it, which is why
contractions wait for a release of their own (tests/infra/test_expand_contract.py checks every
migration for them)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from chiiki_common.db import create_engine
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KUMAMOTO, complete, create, write


async def _migrate(url: str, *statements: str) -> None:
    """What the next release's migration Job does, from a process of its own."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def _status(ctx: PlansContext, method: str, path: str, **kwargs: object) -> int:
    try:
        response = await ctx.client.request(method, path, **kwargs)  # type: ignore[arg-type]
    except Exception:  # the app's own error surfaced through the in-process transport
        return 500
    return response.status_code


async def test_the_running_version_keeps_serving_after_an_expanding_migration(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    listed = await ctx.client.get("/api/plans", headers=headers)
    assert listed.status_code == 200  # the running version's statements are prepared and cached

    await _migrate(
        ctx.database_url,
        "ALTER TABLE plans ADD COLUMN region_note TEXT",
        "ALTER TABLE plan_kgis ADD COLUMN source_note VARCHAR(200)",
        "CREATE TABLE plan_tags (id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL, tag TEXT)",
    )

    # reads, edits and new plans by the version that knows none of it
    listed = await ctx.client.get("/api/plans", headers=headers)
    assert listed.status_code == 200, listed.text
    assert plan["id"] in [item["id"] for item in listed.json()["items"]]
    read = await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)
    assert read.status_code == 200, read.text
    edited = await write(ctx.client, headers, read.json(), "PATCH", "", {"title": "改訂後の計画"})
    assert edited["title"] == "改訂後の計画"
    again = await create(ctx.client, headers, "C", title="更新中に作った計画")
    kgis = await ctx.client.get(f"/api/plans/{again['id']}", headers=headers)
    assert kgis.status_code == 200
    validation = await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)
    assert validation.status_code == 200, validation.text


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("ALTER TABLE plans RENAME COLUMN title TO plan_title", id="rename"),
        pytest.param("ALTER TABLE plans DROP COLUMN title", id="drop"),
    ],
)
async def test_a_contracting_migration_breaks_the_running_version(
    ctx: PlansContext, statement: str
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    await create(ctx.client, headers, "B")
    assert await _status(ctx, "GET", "/api/plans", headers=headers) == 200
    await _migrate(ctx.database_url, statement)
    assert await _status(ctx, "GET", "/api/plans", headers=headers) >= 500
