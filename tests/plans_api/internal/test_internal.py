from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from chiiki_common.db import create_engine, session_factory
from chiiki_common.validators import make_corporate_number
from plans_api.demo import seed
from plans_api.models import Plan, PlanSnapshot
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KIKUYO,
    KUMAMOTO,
    act,
    company_number,
    complete,
    create,
    published_plan,
)


async def feed(ctx: PlansContext, headers: dict[str, str], *, after: int, limit: int) -> dict:
    """The next events after ``after`` (polled briefly: the feed holds an event back while an older
    transaction of this test's database is still in flight)."""
    for _ in range(100):
        page = (
            await ctx.client.get(f"/internal/events?after={after}&limit={limit}", headers=headers)
        ).json()
        if page["events"]:
            return page  # type: ignore[no-any-return]
        await asyncio.sleep(0.1)
    raise AssertionError("the feed returned nothing")


async def test_event_feed_needs_scope_and_pages_with_a_cursor(ctx: PlansContext) -> None:
    await published_plan(ctx.client, ctx.tokens)
    notify = ctx.tokens.service("notify", scope="events:read plans:read")
    first = await feed(ctx, notify, after=0, limit=4)
    assert first["events"][0]["event_type"] == "plan.state_changed"
    rest = await feed(ctx, notify, after=first["next_cursor"], limit=100)
    assert rest["events"][0]["id"] > first["events"][-1]["id"]
    assert "plan.published" in [e["event_type"] for e in rest["events"]]
    wrong = ctx.tokens.service("scoring", scope="plans:core-companies:write")
    assert (await ctx.client.get("/internal/events", headers=wrong)).status_code == 403
    user = ctx.tokens.national("admin")
    assert (await ctx.client.get("/internal/events", headers=user)).status_code == 403


async def test_core_company_add_is_idempotent_per_corporate_number(ctx: PlansContext) -> None:
    plan = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B")
    scoring = ctx.tokens.service("scoring-api", scope="plans:core-companies:write")
    body = {
        "corporate_number": company_number(42),
        "name": "選定企業（サンプル）",
        "prefecture_code": KUMAMOTO,
        "role": "部材",
        "scale": None,
    }
    url = f"/internal/plans/{plan['id']}/core-companies"
    first = await ctx.client.post(url, json=body, headers=scoring)
    second = await ctx.client.post(url, json=body, headers=scoring)
    assert first.status_code == second.status_code == 200
    assert (first.json()["effect"], second.json()["effect"]) == ("added", "unchanged")
    assert first.json()["core_companies"] == second.json()["core_companies"]
    assert second.json()["version"] == first.json()["version"]
    assert [c["corporate_number"] for c in second.json()["core_companies"]] == [company_number(42)]
    missing = await ctx.client.post(
        "/internal/plans/999/core-companies", json=body, headers=scoring
    )
    assert missing.status_code == 404
    reader = ctx.tokens.service("notify", scope="plans:read")
    assert (await ctx.client.post(url, json=body, headers=reader)).status_code == 403


async def test_deadline_audiences_and_rounds(ctx: PlansContext) -> None:
    await create(ctx.client, ctx.tokens.municipality(KIKUYO), "C", co_authors=[KUMAMOTO])
    await published_plan(ctx.client, ctx.tokens, org="400009")
    withdrawn = await create(ctx.client, ctx.tokens.prefecture("130001"), "B")
    await act(ctx.client, ctx.tokens.prefecture("130001", "approver"), withdrawn, "withdraw")
    notify = ctx.tokens.service("notify", scope="plans:read")
    pending = (
        await ctx.client.get("/internal/deadline-audiences/precheck-pending", headers=notify)
    ).json()
    assert pending["organisations"] == [KUMAMOTO, KIKUYO]
    published = (
        await ctx.client.get("/internal/deadline-audiences/published-authors", headers=notify)
    ).json()
    assert published["organisations"] == ["400009"]
    rounds = (await ctx.client.get("/internal/rounds", headers=notify)).json()
    # the cutoff is the exclusive start of the next JST day (never 23:59), with the last day beside
    assert [(r["code"], r["kind"], r["last_day"], r["cutoff_at"]) for r in rounds] == [
        ("2026-leading", "leading_example", "2026-06-05", "2026-06-05T15:00:00Z"),
        ("2026-batch-1", "batch", "2026-07-15", "2026-07-15T15:00:00Z"),
    ]


async def test_a_municipal_plan_waiting_at_its_prefecture_sends_reminders_to_the_prefecture(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
    notify = ctx.tokens.service("notify", scope="plans:read")
    url = "/internal/deadline-audiences/precheck-pending"
    assert (await ctx.client.get(url, headers=notify)).json()["organisations"] == [KIKUYO]
    plan = await act(
        ctx.client, ctx.tokens.municipality(KIKUYO, "approver"), plan, "request_precheck"
    )
    assert plan["state"] == "prefecture_review"
    waiting = (await ctx.client.get(url, headers=notify)).json()["organisations"]
    assert waiting == [KUMAMOTO]
    in_round = await ctx.client.get(f"{url}?round=2026-batch-1", headers=notify)
    later = await ctx.client.get(f"{url}?round=2026-leading", headers=notify)
    # asked now (after both cutoffs): not a member of the first batch, so not its audience
    assert in_round.json()["organisations"] == []
    assert later.json()["organisations"] == []
    plan = await act(ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "forward")
    assert (await ctx.client.get(url, headers=notify)).json()["organisations"] == []


KURUME = "402036"


async def test_a_rounds_reminders_for_a_municipal_plan_waiting_at_its_prefecture_go_to_it(
    ctx: PlansContext,
) -> None:
    async def asked_by(municipality: str, day: int, hour: int) -> dict:
        set_clock(Clock(jst_wall_clock(2026, 7, day, hour, 0), frozen=True))
        editor = ctx.tokens.municipality(municipality, "editor")
        plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
        approver = ctx.tokens.municipality(municipality, "approver")
        return await act(ctx.client, approver, plan, "request_precheck")

    in_round = await asked_by(KIKUYO, 15, 23)
    after_cutoff = await asked_by(KURUME, 16, 0)
    assert {in_round["state"], after_cutoff["state"]} == {"prefecture_review"}
    notify = ctx.tokens.service("notify", scope="plans:read")
    url = "/internal/deadline-audiences/precheck-pending"

    async def audience(query: str = "") -> list[str]:
        response = await ctx.client.get(f"{url}{query}", headers=notify)
        assert response.status_code == 200, response.text
        return response.json()["organisations"]  # type: ignore[no-any-return]

    # the first batch's reminders: 熊本県 for 菊陽町's plan, never the municipality; 久留米市 asked
    # after the cutoff, so 福岡県 is not reminded of a round its plan does not belong to
    assert await audience("?round=2026-batch-1") == [KUMAMOTO]
    assert await audience() == [FUKUOKA, KUMAMOTO]
    await act(ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), in_round, "forward")
    assert await audience("?round=2026-batch-1") == []
    assert await audience() == [FUKUOKA]


async def test_seed_demo_is_idempotent_and_shows_the_walkthrough(ctx: PlansContext) -> None:
    engine = create_engine(ctx.database_url)
    maker = session_factory(engine)
    assert await seed(maker) == 8
    assert await seed(maker) == 0
    async with maker() as session:
        states = dict((await session.execute(select(Plan.title, Plan.state))).all())
        snapshots = await session.scalar(select(func.count(PlanSnapshot.id)))
    await engine.dispose()
    assert states["半導体産業と半導体ユーザー産業"] == "published"
    assert states["食のみやこ熊本県とライフサイエンス産業"] == "in_review"
    assert states["菊陽町 にんじん産地と加工の成長プラン"] == "prefecture_review"
    assert snapshots == 4
    public = (await ctx.client.get("/public/v1/plans")).json()
    assert {p["prefecture_name"] for p in public["items"]} == {
        "熊本県",
        "福岡県",
        "東京都",
        "北海道",
    }
    rollup = (await ctx.client.get("/api/rollup/kgis", headers=ctx.tokens.national())).json()
    assert rollup["published"]["national_excluding_tokyo_area"]["plans"] == 3
    assert rollup["precheck_completed"]["national"]["plans"] == 1
    lookup = await ctx.client.get(
        f"/registry/v1/companies/{make_corporate_number('900000000001')}",
        headers=ctx.tokens.ministry(),
    )
    assert lookup.json()["plans"][0]["company_name"].endswith("（サンプル）")
    kikuyo_plan = (
        await ctx.client.get(
            "/api/plans?state=prefecture_review", headers=ctx.tokens.prefecture(KUMAMOTO)
        )
    ).json()
    assert kikuyo_plan["total"] == 1
