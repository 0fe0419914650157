from __future__ import annotations

import pytest

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KIKUYO,
    KUMAMOTO,
    KUMAMOTO_CITY,
    act,
    complete,
    create,
    kgis_for,
    kpis_for,
    write,
)


async def test_prefecture_creates_b_plan_and_becomes_lead(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "B", co_authors=["431001"])
    assert plan["lead_organisation"] == KUMAMOTO
    assert plan["state"] == "draft"
    assert plan["version"] == 1
    assert plan["period_end_fy"] == 2030
    assert [a["organisation"] for a in plan["authors"]] == [KUMAMOTO, KUMAMOTO_CITY]
    response = await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)
    assert response.headers["etag"] == '"1"'


@pytest.mark.parametrize(
    ("tier", "org", "plan_type", "extra", "status"),
    [
        ("municipality", KIKUYO, "B", {}, 403),
        ("municipality", KUMAMOTO_CITY, "B", {"designated_city": True}, 201),
        ("municipality", KIKUYO, "C", {}, 201),
        ("prefecture", KUMAMOTO, "C", {}, 201),
        ("national", "cas", "B", {}, 403),
        ("prefecture", KUMAMOTO, "A", {}, 422),
    ],
)
async def test_who_may_author_which_type(
    ctx: PlansContext, tier: str, org: str, plan_type: str, extra: dict[str, bool], status: int
) -> None:
    headers = ctx.tokens.headers(tier=tier, org=org, roles=["editor"], **extra)
    response = await ctx.client.post(
        "/api/plans", json={"plan_type": plan_type, "title": "計画"}, headers=headers
    )
    assert response.status_code == status, response.text


async def test_viewer_cannot_create(ctx: PlansContext) -> None:
    response = await ctx.client.post(
        "/api/plans",
        json={"plan_type": "B", "title": "計画"},
        headers=ctx.tokens.prefecture(KUMAMOTO, "viewer"),
    )
    assert response.status_code == 403


async def test_lead_organisation_and_state_cannot_be_posted(ctx: PlansContext) -> None:
    response = await ctx.client.post(
        "/api/plans",
        json={
            "plan_type": "B",
            "title": "計画",
            "lead_organisation": "130001",
            "state": "published",
        },
        headers=ctx.tokens.prefecture(KUMAMOTO),
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"lead_organisation", "state"}


async def test_b_co_author_must_be_prefecture_or_designated_city(ctx: PlansContext) -> None:
    response = await ctx.client.post(
        "/api/plans",
        json={"plan_type": "B", "title": "計画", "co_authors": [KIKUYO]},
        headers=ctx.tokens.prefecture(KUMAMOTO),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "co_authors/0"


async def test_update_needs_if_match_and_refuses_stale_version(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, headers)
    url = f"/api/plans/{plan['id']}"
    missing = await ctx.client.patch(url, json={"title": "新しい名称"}, headers=headers)
    assert missing.status_code == 428
    ok = await ctx.client.patch(
        url, json={"title": "新しい名称"}, headers={**headers, "If-Match": '"1"'}
    )
    assert ok.status_code == 200
    assert ok.headers["etag"] == '"2"'
    stale = await ctx.client.patch(
        url, json={"title": "上書き"}, headers={**headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    current = (await ctx.client.get(url, headers=headers)).json()
    assert current["title"] == "新しい名称"
    assert current["version"] == 2


async def test_stale_kgi_write_changes_nothing(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, headers)
    await write(ctx.client, headers, plan, "PUT", "/kgis", kgis_for("B"))
    response = await ctx.client.put(
        f"/api/plans/{plan['id']}/kgis", json=[], headers={**headers, "If-Match": '"1"'}
    )
    assert response.status_code == 412
    current = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert len(current["kgis"]) == 4


async def test_sections_are_validated_against_the_plan_type(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, headers, "B")
    response = await ctx.client.patch(
        f"/api/plans/{plan['id']}",
        json={"sections": {"field": {"crops_varieties": "いちご"}}},
        headers={**headers, "If-Match": '"1"'},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sections/field"


async def test_invalid_corporate_number_is_refused(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, headers, "B")
    response = await ctx.client.put(
        f"/api/plans/{plan['id']}/core-companies",
        json=[{"corporate_number": "1234567890123", "name": "A社", "role": "r", "scale": "s"}],
        headers={**headers, "If-Match": '"1"'},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "0/corporate_number"


async def test_validation_lists_every_failing_item(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, headers, "B", goal_fiscal_year=2040)
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)).json()
    assert report["valid"] is False
    fields = {e["field"] for e in report["errors"]}
    assert {
        "goal_fiscal_year",
        "jsic_codes",
        "sections/industry/reason",
        "sections/localisation/policy",
        "commitment/support_fields",
        "commitment/measures",
        "core_companies",
        "kgis",
        "kpis",
        "requirements/7/statement",
    } <= fields
    # regional financial institutions are asked for "if any" (seed 000 B ⑥): not a failing item
    assert "commitment/financial_institutions" not in fields
    mandatory = [e["message"] for e in report["errors"] if e["field"] == "kgis"]
    assert len(mandatory) == 4
    assert all(e["message"] for e in report["errors"])


async def test_a_stored_plan_fails_each_rule_its_items_break_and_cannot_be_sent_for_precheck(
    ctx: PlansContext,
) -> None:
    """The rules over what is stored (JSON columns and child rows read back from the database),
    each failing, and the pre-check request refused with the same list."""
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    kgis = kgis_for("B")
    kgis[0] = {**kgis[0], "target": None}
    kgis[1] = {**kgis[1], "unit": " "}
    kgis[2] = {**kgis[2], "basis": ""}
    undated = {"kind": "own", "name": "独自", "unit": "社", "target": 5, "basis": "積み上げ"}
    plan = await write(ctx.client, editor, plan, "PUT", "/kgis", [*kgis, undated])
    kpi = {
        **kpis_for()[0],
        "targets": [],
        "withdrawal": None,
        "five_w1h": {"why": "意義"},
        "kgi_key": None,
    }
    silent = {
        **kpis_for()[0],
        "key": "kpi-2",
        "withdrawal": {"comparator": "lt", "threshold": 5, "text": ""},
    }
    plan = await write(ctx.client, editor, plan, "PUT", "/kpis", [kpi, silent])
    company = {"name": "番号なし（サンプル）", "role": "", "scale": ""}
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", [company])
    plan = await write(
        ctx.client,
        editor,
        plan,
        "PATCH",
        "",
        {"jsic_codes": [], "requirement_statements": {"3": ""}, "goal_fiscal_year": 2025},
    )
    blank_title = await ctx.client.patch(
        f"/api/plans/{plan['id']}",
        json={"title": "   "},
        headers={**editor, "If-Match": f'"{plan["version"]}"'},
    )
    assert blank_title.status_code == 422  # the title rule's input side: never stored blank
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=editor)).json()
    assert report["valid"] is False
    found = {(e["field"], e["code"]) for e in report["errors"]}
    assert {
        ("goal_fiscal_year", "goal.before_start"),
        ("jsic_codes", "jsic.missing"),
        ("core_companies/0/corporate_number", "core_company.corporate_number"),
        ("core_companies/0/role", "core_company.role"),
        ("core_companies/0/scale", "core_company.scale"),
        ("kgis/0/target", "kgi.target"),
        ("kgis/1/unit", "kgi.unit"),
        ("kgis/2/basis", "kgi.basis"),
        ("kgis/4/target_year", "kgi.target_year"),
        ("kpis/0/withdrawal", "kpi.withdrawal_missing"),
        ("kpis/1/withdrawal/text", "kpi.withdrawal_text"),
        ("kpis/0/targets", "kpi.targets"),
        ("kpis/0/kgi_key", "kpi.kgi_link"),
        ("kpis/0/five_w1h/forum", "kpi.5w1h"),
        ("requirements/3/statement", "requirement.statement"),
    } <= found
    assert all(e["message"] for e in report["errors"])
    refused = await act(
        ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "request_precheck", 422
    )
    assert {(e["field"], e["code"]) for e in refused["errors"]} == found
    current = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)).json()
    assert (current["state"], current["version"]) == ("draft", plan["version"])
    plan = await write(
        ctx.client, editor, plan, "PATCH", "", {"period_start_fy": None, "goal_fiscal_year": None}
    )
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=editor)).json()
    assert {
        ("period_start_fy", "period.missing"),
        ("goal_fiscal_year", "goal.missing"),
    } <= {(e["field"], e["code"]) for e in report["errors"]}


async def test_complete_plan_is_valid(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)).json()
    assert report == {"valid": True, "errors": [], "warnings": []}
    judged = {r["number"]: r["machine_judgement"] for r in plan["requirements"]}
    assert judged == {1: None, 2: True, 3: None, 4: None, 5: None, 6: True, 7: True}


async def test_c_accepts_labour_productivity_instead_of_value_added(ctx: PlansContext) -> None:
    headers = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "C"))
    kgi = {**kgis_for("C")[0], "kind": "labour_productivity", "key": "value_added"}
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", [kgi])
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)).json()
    assert report["valid"] is True
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", [{**kgi, "kind": "own"}])
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)).json()
    assert [e["field"] for e in report["errors"]] == ["kgis"]


async def test_c_core_operator_needs_no_corporate_number(ctx: PlansContext) -> None:
    headers = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "C"))
    plan = await write(
        ctx.client,
        headers,
        plan,
        "PUT",
        "/core-companies",
        [{"name": "農家(サンプル)", "role": "生産"}],
    )
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)).json()
    assert report["valid"] is True


async def test_more_than_five_b_plans_is_a_warning(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plans = [await create(ctx.client, headers, "B", title=f"計画{i}") for i in range(6)]
    plan = await complete(ctx.client, headers, plans[-1])
    report = (await ctx.client.get(f"/api/plans/{plan['id']}/validation", headers=headers)).json()
    assert report["valid"] is True
    assert [w["code"] for w in report["warnings"]] == ["plan.b_count_above_guide"]


async def test_value_added_calculator(ctx: PlansContext) -> None:
    response = await ctx.client.post(
        "/api/plans/calculators/value-added",
        json={"sales_increase": 200_000_000, "value_added_rate": 0.3},
        headers=ctx.tokens.municipality(KIKUYO),
    )
    assert response.json()["value_added_increase"] == pytest.approx(60_000_000)


async def test_list_filters_and_paginates(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    await create(ctx.client, headers, "B", strategic_fields=["ai_semiconductor"])
    await create(ctx.client, headers, "B", strategic_fields=["foodtech"])
    await create(ctx.client, headers, "C")
    page = (await ctx.client.get("/api/plans?type=B&limit=1", headers=headers)).json()
    assert page["total"] == 2
    assert len(page["items"]) == 1
    by_field = (await ctx.client.get("/api/plans?field=foodtech", headers=headers)).json()
    assert by_field["total"] == 1
    other = (await ctx.client.get("/api/plans?prefecture=40", headers=headers)).json()
    assert other["total"] == 0


async def test_lead_changes_co_authors_and_they_gain_access(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "C")
    kikuyo = ctx.tokens.municipality(KIKUYO, "editor")
    assert (await ctx.client.get(f"/api/plans/{plan['id']}", headers=kikuyo)).status_code == 404
    plan = await write(ctx.client, headers, plan, "PUT", "/co-authors", {"organisations": [KIKUYO]})
    assert [a["organisation"] for a in plan["authors"]] == [KUMAMOTO, KIKUYO]
    assert (await ctx.client.get(f"/api/plans/{plan['id']}", headers=kikuyo)).status_code == 200
    response = await ctx.client.put(
        f"/api/plans/{plan['id']}/co-authors",
        json={"organisations": []},
        headers={**kikuyo, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 403
