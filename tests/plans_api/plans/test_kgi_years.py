"""KGIs tied to the plan's years (seed 000 ③④): the mandatory KGIs' target year is the goal year,
the cumulative capex runs from the start fiscal year to it, goals within ten fiscal years; B's
伴走支援体制 and C's 相談窓口 ask for what the seed names."""

from __future__ import annotations

from typing import Any

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    COMMITMENT_B,
    KIKUYO,
    KUMAMOTO,
    complete,
    create,
    kgis_for,
    write,
)


async def validation(ctx: PlansContext, plan: dict[str, Any], headers: dict[str, str]) -> Any:
    response = await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)
    assert response.status_code == 200
    return response.json()


def by_kind(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k["kind"]: k for k in plan["kgis"]}


async def test_mandatory_kgis_take_the_plans_goal_year_and_the_capex_its_start_year(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    sent = [{**k, "target_year": 2030, "baseline_year": 2024} for k in kgis_for("B")]
    own = {
        "kind": "own",
        "name": "独自KGI",
        "unit": "社",
        "target": 5,
        "target_year": 2031,
        "baseline_year": 2024,
        "basis": "積み上げ",
    }
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", [*sent, own])
    kgis = by_kind(plan)
    assert {kind: k["target_year"] for kind, k in kgis.items()} == {
        "capex_target_year": 2035,
        "capex_cumulative": 2035,
        "value_added": 2035,
        "human_resources": 2035,
        "own": 2031,
    }
    assert (kgis["capex_cumulative"]["baseline_year"], kgis["value_added"]["baseline_year"]) == (
        2026,
        2024,
    )
    assert kgis["capex_cumulative"]["years_label"] == "令和8年度〜令和17年度の累積"
    assert kgis["value_added"]["years_label"] == "令和17年度"
    assert (await validation(ctx, plan, headers))["valid"] is True
    # the plan's years move: the mandatory KGIs move with them, the plan's own KGI does not
    plan = await write(
        ctx.client, headers, plan, "PATCH", "", {"period_start_fy": 2027, "goal_fiscal_year": 2034}
    )
    kgis = by_kind(plan)
    assert (kgis["capex_cumulative"]["baseline_year"], kgis["capex_cumulative"]["target_year"]) == (
        2027,
        2034,
    )
    assert (kgis["human_resources"]["target_year"], kgis["own"]["target_year"]) == (2034, 2031)
    assert (await validation(ctx, plan, headers))["valid"] is True


async def test_goals_reach_at_most_ten_fiscal_years_counting_the_first(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    assert (await validation(ctx, plan, headers))["valid"] is True  # 2026 → 2035: ten years
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"goal_fiscal_year": 2036})
    report = await validation(ctx, plan, headers)
    assert [(e["field"], e["code"]) for e in report["errors"]] == [
        ("goal_fiscal_year", "goal.too_far")
    ]
    assert "2035年度まで" in report["errors"][0]["message"]
    own = {
        "kind": "own",
        "name": "独自",
        "unit": "社",
        "target": 5,
        "target_year": 2036,
        "basis": "b",
    }
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"goal_fiscal_year": 2035})
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", [*kgis_for("B"), own])
    report = await validation(ctx, plan, headers)
    assert [(e["field"], e["code"]) for e in report["errors"]] == [
        ("kgis/4/target_year", "kgi.target_year_range")
    ]


async def test_b_support_structure_needs_field_staff_department_measures_and_frequency(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    thin = {"departments": ["産業振興課"], "staff": "3名", "frequency": "月1回"}
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"commitment": thin})
    report = await validation(ctx, plan, headers)
    assert {e["field"] for e in report["errors"]} == {
        "commitment/support_fields",
        "commitment/measures",
    }
    without_banks = {**COMMITMENT_B, "financial_institutions": []}
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"commitment": without_banks})
    assert (await validation(ctx, plan, headers))["valid"] is True


async def test_c_consultation_desk_may_name_several_departments_of_partner_bodies(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "C"))
    none = {"department": None, "further_departments": []}
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"commitment": none})
    report = await validation(ctx, plan, headers)
    assert [e["field"] for e in report["errors"]] == ["commitment/department"]
    desks = {
        "department": "菊陽町 産業振興課",
        "further_departments": ["菊陽町 農政課", "菊陽町商工会 経営支援課", "JA菊池 営農部"],
        "contact": "096-000-0000(サンプル)",
    }
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"commitment": desks})
    assert plan["commitment"]["further_departments"][1] == "菊陽町商工会 経営支援課"
    assert (await validation(ctx, plan, headers))["valid"] is True
    partners_only = {"further_departments": ["菊陽町商工会 経営支援課"]}
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"commitment": partners_only})
    assert (await validation(ctx, plan, headers))["valid"] is True
