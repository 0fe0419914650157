from __future__ import annotations

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KUMAMOTO, complete, create, published_plan
from tests.plans_api.workflow.test_workflow import events


async def report(ctx: PlansContext, plan: dict, value: float, period: str = "2027H1") -> dict:
    fresh = (
        await ctx.client.get(f"/api/plans/{plan['id']}", headers=ctx.tokens.prefecture(KUMAMOTO))
    ).json()
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/kpis/kpi-1/actuals",
        json={"period": period, "value": value},
        headers={**ctx.tokens.prefecture(KUMAMOTO, "editor"), "If-Match": f'"{fresh["version"]}"'},
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_actual_breaching_withdrawal_criterion_is_flagged_with_event(
    ctx: PlansContext,
) -> None:
    plan = await published_plan(ctx.client, ctx.tokens)
    ok = await report(ctx, plan, 12, "2026H2")
    assert ok["breached"] is False
    breached = await report(ctx, plan, 3, "2027H1")
    assert breached["breached"] is True
    current = (
        await ctx.client.get(f"/api/plans/{plan['id']}", headers=ctx.tokens.national())
    ).json()
    assert current["kpis"][0]["breached"] is True
    assert [a["period"] for a in current["kpis"][0]["actuals"]] == ["2026H2", "2027H1"]
    breaches = [p for kind, p in await events(ctx) if kind == "kpi.breached"]
    assert len(breaches) == 1
    assert breaches[0]["kpi_id"] == "kpi-1"
    assert breaches[0]["actual"] == 3
    assert breaches[0]["criterion"].startswith("< 5")


async def test_correcting_an_actual_clears_the_flag(ctx: PlansContext) -> None:
    plan = await published_plan(ctx.client, ctx.tokens)
    await report(ctx, plan, 3)
    corrected = await report(ctx, plan, 8)
    assert corrected["breached"] is False
    actuals = (
        await ctx.client.get(
            f"/api/plans/{plan['id']}/kpis/kpi-1/actuals", headers=ctx.tokens.national()
        )
    ).json()
    assert [(a["period"], a["value"]) for a in actuals] == [("2027H1", 8)]


async def test_actuals_only_once_published(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/kpis/kpi-1/actuals",
        json={"period": "2027H1", "value": 1},
        headers={**editor, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 409


async def test_rollup_excludes_tokyo_area_and_separates_precheck_completed(
    ctx: PlansContext,
) -> None:
    await published_plan(ctx.client, ctx.tokens, org=KUMAMOTO, title="熊本", company=1)
    await published_plan(ctx.client, ctx.tokens, org="130001", title="東京", company=2)
    await published_plan(
        ctx.client, ctx.tokens, org="130001", plan_type="C", title="東京C", company=3
    )
    rollup = (await ctx.client.get("/api/rollup/kgis", headers=ctx.tokens.national())).json()
    published = rollup["published"]
    assert published["national"]["plans"] == 3
    assert published["national"]["totals"]["value_added"] == 102 + 102 + 100
    assert published["national_excluding_tokyo_area"]["plans"] == 1
    assert published["national_excluding_tokyo_area"]["totals"]["capex_cumulative"] == 101
    groups = {
        (g["prefecture_name"], g["plan_type"]): g["plans"]
        for g in published["by_prefecture_and_type"]
    }
    assert groups == {("東京都", "B"): 1, ("東京都", "C"): 1, ("熊本県", "B"): 1}
    assert rollup["precheck_completed"]["national"]["plans"] == 0
    forbidden = await ctx.client.get("/api/rollup/kgis", headers=ctx.tokens.prefecture(KUMAMOTO))
    assert forbidden.status_code == 403
