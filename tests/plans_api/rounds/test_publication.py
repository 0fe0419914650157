"""One publication for a round (「第1弾として取りまとめ、内閣官房HPで一斉に公表」): every ready plan
of the round at the same instant, the others listed and left out; scheduled in the database so it
happens after a restart too; a single plan can still be published on its own."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from chiiki_common.db import create_engine, session_factory
from plans_api.app import create_app
from plans_api.rounds.service import publish_due
from plans_api.settings import Settings
from tests.fixtures.apps import running
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    act,
    companies_for,
    complete,
    create,
    drive,
    write,
)

URL = "/api/rounds/2026-batch-1/publication"
PUBLISH_AT = "2026-08-20T10:00:00+09:00"


def at(moment: datetime) -> None:
    set_clock(Clock(moment, frozen=True))


async def plan_at(
    ctx: PlansContext, moment: datetime, until: str, title: str, company: int, org: str = KUMAMOTO
) -> dict[str, Any]:
    at(moment)
    editor = ctx.tokens.prefecture(org, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B", title=title))
    plan = await write(
        ctx.client, editor, plan, "PUT", "/core-companies", companies_for("B", company)
    )
    return await drive(ctx.client, ctx.tokens, plan, until)


async def schedule(ctx: PlansContext, publish_at: str = PUBLISH_AT, expect: int = 200) -> Any:
    response = await ctx.client.put(
        URL, json={"publish_at": publish_at}, headers=ctx.tokens.national("publisher")
    )
    assert response.status_code == expect, response.text
    return response.json()


async def carry_out_due(ctx: PlansContext) -> int:
    engine = create_engine(ctx.database_url)
    try:
        return await publish_due(session_factory(engine))
    finally:
        await engine.dispose()


def titles(items: list[dict[str, Any]]) -> list[str]:
    return sorted(i["title"] for i in items)


async def round_of_four(ctx: PlansContext) -> dict[str, dict[str, Any]]:
    return {
        "ready-1": await plan_at(ctx, jst_wall_clock(2026, 7, 10, 10), "submit", "準備済み1", 1),
        "ready-2": await plan_at(
            ctx, jst_wall_clock(2026, 7, 14, 10), "submit", "準備済み2", 2, org=FUKUOKA
        ),
        "in-review": await plan_at(
            ctx, jst_wall_clock(2026, 7, 15, 23, 30), "start_review", "確認中", 3
        ),
        "outsider": await plan_at(ctx, jst_wall_clock(2026, 7, 16, 0, 0), "submit", "回の外", 4),
    }


async def test_the_round_publishes_every_ready_plan_at_one_instant_and_lists_the_rest(
    ctx: PlansContext,
) -> None:
    plans = await round_of_four(ctx)
    at(jst_wall_clock(2026, 8, 18, 9, 0))
    scheduled = await schedule(ctx)
    assert (scheduled["status"], scheduled["publish_at"]) == ("scheduled", "2026-08-20T01:00:00Z")
    assert titles(scheduled["ready"]) == ["準備済み1", "準備済み2"]
    assert [(p["title"], p["state"]) for p in scheduled["not_ready"]] == [("確認中", "in_review")]
    assert "正式提出" in scheduled["not_ready"][0]["reason"]
    assert "事前確認中" in scheduled["not_ready"][0]["reason"]  # the state in words, never its key
    assert "in_review" not in scheduled["not_ready"][0]["reason"]
    at(jst_wall_clock(2026, 8, 20, 9, 59))
    assert await carry_out_due(ctx) == 0
    at(jst_wall_clock(2026, 8, 20, 10, 3))
    assert await carry_out_due(ctx) == 1
    assert await carry_out_due(ctx) == 0  # done once
    national = ctx.tokens.national()
    done = (await ctx.client.get(URL, headers=national)).json()
    assert done["status"] == "done"
    assert titles(done["published"]) == ["準備済み1", "準備済み2"]
    assert [p["title"] for p in done["left_out"]] == ["確認中"]
    for key in ("ready-1", "ready-2"):
        plan = (await ctx.client.get(f"/api/plans/{plans[key]['id']}", headers=national)).json()
        assert (plan["state"], plan["published_at"]) == ("published", "2026-08-20T01:00:00Z")
    for key in ("in-review", "outsider"):
        plan = (await ctx.client.get(f"/api/plans/{plans[key]['id']}", headers=national)).json()
        assert plan["published_version"] is None
    listed = (await ctx.client.get("/registry/v1/plans", headers=ctx.tokens.ministry())).json()
    assert {p["published_at"] for p in listed["items"]} == {"2026-08-20T01:00:00Z"}
    # the plan left out (and the one outside the round) can still be published on its own
    outsider = (
        await ctx.client.get(f"/api/plans/{plans['outsider']['id']}", headers=national)
    ).json()
    alone = await act(ctx.client, ctx.tokens.national("publisher"), outsider, "publish")
    assert alone["state"] == "published"
    again = await ctx.client.put(
        URL,
        json={"publish_at": "2026-09-01T10:00:00+09:00"},
        headers=ctx.tokens.national("publisher"),
    )
    assert again.status_code == 409


async def test_the_round_leaves_out_a_plan_changed_since_its_precheck_and_says_why(
    ctx: PlansContext,
) -> None:
    kept = await plan_at(ctx, jst_wall_clock(2026, 7, 10, 10), "submit", "確認どおり", 1)
    changed = await plan_at(ctx, jst_wall_clock(2026, 7, 11, 10), "submit", "確認後に変更", 2)
    engine = create_engine(ctx.database_url)
    async with engine.begin() as connection:
        # a change that went round the API after the pre-check (a script, a future route)
        await connection.execute(
            text("UPDATE plan_kgis SET target = 999 WHERE plan_id = :id"), {"id": changed["id"]}
        )
    await engine.dispose()
    at(jst_wall_clock(2026, 8, 18, 9, 0))
    scheduled = await schedule(ctx)
    assert titles(scheduled["ready"]) == ["確認どおり"]
    [not_ready] = scheduled["not_ready"]
    assert (not_ready["title"], not_ready["state"]) == ("確認後に変更", "submitted")
    assert "事前確認の完了後に内容が変わっています" in not_ready["reason"]
    at(jst_wall_clock(2026, 8, 20, 10, 1))
    assert await carry_out_due(ctx) == 1
    done = (await ctx.client.get(URL, headers=ctx.tokens.national())).json()
    assert titles(done["published"]) == ["確認どおり"]
    assert [(p["title"], p["reason"]) for p in done["left_out"]] == [
        ("確認後に変更", not_ready["reason"])
    ]
    national = ctx.tokens.national()
    after = (await ctx.client.get(f"/api/plans/{changed['id']}", headers=national)).json()
    assert (after["state"], after["published_version"]) == ("submitted", None)
    assert (await ctx.client.get(f"/public/v1/plans/{changed['id']}")).status_code == 404
    assert (await ctx.client.get(f"/public/v1/plans/{kept['id']}")).status_code == 200


async def test_a_publication_due_while_the_service_was_down_happens_when_it_starts(
    ctx: PlansContext,
) -> None:
    plan = await plan_at(ctx, jst_wall_clock(2026, 7, 10, 10), "submit", "再起動をまたぐ", 1)
    at(jst_wall_clock(2026, 8, 18, 9, 0))
    await schedule(ctx)
    at(jst_wall_clock(2026, 8, 21, 8, 0))  # the service comes back a day late
    settings = Settings(
        database_url=ctx.database_url,
        environment="test",
        log_requests=False,
        publication_poll_seconds=3600,
    )
    app = create_app(settings, verifier=ctx.tokens.verifier(settings.audience))
    async with running(app) as client:
        for _ in range(200):
            status = (await client.get(URL, headers=ctx.tokens.national())).json()["status"]
            if status == "done":
                break
            await asyncio.sleep(0.05)
        assert status == "done"
        current = (
            await client.get(f"/api/plans/{plan['id']}", headers=ctx.tokens.national())
        ).json()
    assert (current["state"], current["published_at"]) == ("published", "2026-08-20T01:00:00Z")


async def test_only_a_publisher_schedules_after_the_cutoff_and_may_cancel(
    ctx: PlansContext,
) -> None:
    at(jst_wall_clock(2026, 7, 1, 9, 0))
    reviewer = await ctx.client.put(
        URL, json={"publish_at": PUBLISH_AT}, headers=ctx.tokens.national("reviewer")
    )
    assert reviewer.status_code == 403
    early = await schedule(ctx, "2026-07-15T12:00:00+09:00", expect=422)
    assert early["errors"][0]["field"] == "publish_at"
    leading = await ctx.client.put(
        "/api/rounds/2026-leading/publication",
        json={"publish_at": PUBLISH_AT},
        headers=ctx.tokens.national("publisher"),
    )
    assert leading.status_code == 409
    await schedule(ctx)
    at(jst_wall_clock(2026, 8, 21, 9, 0))
    past = await schedule(ctx, PUBLISH_AT, expect=422)
    assert past["errors"][0]["field"] == "publish_at"
    cancelled = await ctx.client.delete(URL, headers=ctx.tokens.national("publisher"))
    assert cancelled.status_code == 204
    assert (await ctx.client.get(URL, headers=ctx.tokens.national())).status_code == 404
    assert await carry_out_due(ctx) == 0


@pytest.mark.postgres
async def test_two_replicas_due_at_once_publish_the_round_exactly_once(
    ctx: PlansContext, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("the row-lock claim (FOR UPDATE SKIP LOCKED) is a PostgreSQL test")
    plan = await plan_at(ctx, jst_wall_clock(2026, 7, 10, 10), "submit", "二重実行なし", 1)
    at(jst_wall_clock(2026, 8, 18, 9, 0))
    await schedule(ctx)
    at(jst_wall_clock(2026, 8, 20, 10, 1))
    done = await asyncio.gather(carry_out_due(ctx), carry_out_due(ctx))
    assert sorted(done) == [0, 1]
    history = (
        await ctx.client.get(f"/api/plans/{plan['id']}/history", headers=ctx.tokens.national())
    ).json()
    assert [h["action"] for h in history].count("publish") == 1
