from __future__ import annotations

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KUMAMOTO,
    complete,
    create,
    drive,
    kgis_for,
    published_plan,
    write,
)


async def test_monetary_kgis_in_different_units_add_up_in_yen(ctx: PlansContext) -> None:
    await published_plan(ctx.client, ctx.tokens, org=KUMAMOTO, title="億円の計画", company=1)
    editor = ctx.tokens.prefecture("400009", "editor")
    plan = await create(ctx.client, editor, "B", title="百万円の計画")
    plan = await complete(ctx.client, editor, plan)
    in_millions = [{**k, "unit": "百万円"} for k in kgis_for("B")]
    in_millions[0]["unit"] = "件"
    plan = await write(ctx.client, editor, plan, "PUT", "/kgis", in_millions)
    await drive(ctx.client, ctx.tokens, plan, "publish")

    national = (await ctx.client.get("/api/rollup/kgis", headers=ctx.tokens.national())).json()
    totals = national["published"]["national"]
    # 熊本: 102億円; 福岡: 102百万円 (seed 001 全体KGI 付加価値増加額)
    assert totals["yen_totals"]["value_added"] == 102 * 10**8 + 102 * 10**6
    assert totals["yen_totals"]["capex_cumulative"] == 101 * 10**8 + 101 * 10**6
    # 福岡's target-year capex was entered in 件: not a yen amount, left out and counted
    assert totals["yen_totals"]["capex_target_year"] == 100 * 10**8
    assert totals["unconverted_kgis"] == 1
    assert "human_resources" not in totals["yen_totals"]
    assert totals["totals"]["human_resources"] == 103 + 103


async def test_plan_state_counts_cover_what_the_national_tier_sees(ctx: PlansContext) -> None:
    await published_plan(ctx.client, ctx.tokens, org=KUMAMOTO, title="公表", company=1)
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    await create(ctx.client, editor, "B", title="下書きのまま")
    requested = await complete(
        ctx.client, editor, await create(ctx.client, editor, "B", title="依頼")
    )
    await drive(ctx.client, ctx.tokens, requested, "start_review")

    response = await ctx.client.get("/api/rollup/plan-states", headers=ctx.tokens.national())
    assert response.status_code == 200, response.text
    counts = {c["state"]: c["plans"] for c in response.json()["by_state"]}
    assert counts["published"] == 1
    assert counts["in_review"] == 1
    # a draft never sent for a pre-check stays private to its authors
    assert counts["draft"] == 0
    assert response.json()["total"] == 2
    assert list(counts) == [
        "draft",
        "prefecture_review",
        "precheck_requested",
        "in_review",
        "returned",
        "precheck_completed",
        "announced",
        "submitted",
        "published",
        "withdrawn",
    ]


async def test_plan_state_counts_are_for_national_callers_only(ctx: PlansContext) -> None:
    for headers in (
        ctx.tokens.prefecture(KUMAMOTO, "admin"),
        ctx.tokens.municipality("431001", "admin"),
    ):
        response = await ctx.client.get("/api/rollup/plan-states", headers=headers)
        assert response.status_code == 403
