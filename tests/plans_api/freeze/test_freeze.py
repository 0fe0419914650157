"""What was pre-checked is what is published: no path (author writes, workbook import, the
selection route, KPI edits, co-authors) reaches publication with content no reviewer saw."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from chiiki_common.db import create_engine
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    KUMAMOTO_CITY,
    SECTIONS_B,
    act,
    announcement,
    company_number,
    complete,
    create,
    drive,
    kgis_for,
    kpis_for,
    published_plan,
    write,
)

SELECTION_SCOPE = "plans:core-companies:write"


async def fetch(ctx: PlansContext, plan: dict[str, Any]) -> dict[str, Any]:
    response = await ctx.client.get(f"/api/plans/{plan['id']}", headers=ctx.tokens.national())
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def prechecked(ctx: PlansContext, until: str = "complete_precheck") -> dict[str, Any]:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    return await drive(ctx.client, ctx.tokens, plan, until)


def selected(number: int = 42, prefecture: str = KUMAMOTO, **extra: Any) -> dict[str, Any]:
    return {
        "corporate_number": company_number(number),
        "name": "公募選定工業株式会社（サンプル）",
        "prefecture_code": prefecture,
        "role": "後工程の検査装置",
        "scale": "従業員 300〜999名",
        **extra,
    }


async def push(ctx: PlansContext, plan_id: int, body: dict[str, Any]) -> Any:
    return await ctx.client.post(
        f"/internal/plans/{plan_id}/core-companies",
        json=body,
        headers=ctx.tokens.service("scoring-api", scope=SELECTION_SCOPE),
    )


async def author_writes(ctx: PlansContext, plan: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every way an author changes content, each tried against the plan as it is now."""
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    headers = {**editor, "If-Match": f'"{plan["version"]}"'}
    url = f"/api/plans/{plan['id']}"
    workbook = (await ctx.client.get(f"{url}/export.xlsx", headers=editor)).content
    other_kgis = [{**k, "target": 999.0} for k in kgis_for("B")]
    companies = [{"name": "後から追加（サンプル）", "corporate_number": company_number(77)}]
    return [
        ("PATCH", await ctx.client.patch(url, json={"title": "差し替え"}, headers=headers)),
        ("kgis", await ctx.client.put(f"{url}/kgis", json=other_kgis, headers=headers)),
        (
            "kpis",
            await ctx.client.put(
                f"{url}/kpis", json=kpis_for("capex_target_year"), headers=headers
            ),
        ),
        (
            "companies",
            await ctx.client.put(f"{url}/core-companies", json=companies, headers=headers),
        ),
        (
            "co-authors",
            await ctx.client.put(
                f"{url}/co-authors", json={"organisations": [FUKUOKA]}, headers=headers
            ),
        ),
        (
            "import",
            await ctx.client.post(
                f"{url}/import",
                files={"file": ("plan.xlsx", workbook)},
                headers=headers,
            ),
        ),
    ]


@pytest.mark.parametrize("until", ["complete_precheck", "announce", "submit"])
async def test_no_author_write_changes_a_prechecked_plan(ctx: PlansContext, until: str) -> None:
    plan = await prechecked(ctx, until)
    before = await fetch(ctx, plan)
    for path, response in await author_writes(ctx, plan):
        assert response.status_code == 409, (path, response.text)
        problem = response.json()
        assert problem["type"].endswith("/plan-frozen"), path
        assert "再編集" in problem["detail"], path
    after = await fetch(ctx, plan)
    assert after == before


CONTENT_PATCHES = {
    "sections": {
        "sections": {**SECTIONS_B, "policy": {"issues": "別の課題", "policy_package": "x"}}
    },
    "commitment": {
        "commitment": {
            "departments": ["別の部署"],
            "staff": "1名",
            "frequency": "年1回",
            "support_fields": "販路",
            "measures": "訪問",
        }
    },
    "requirement_statements": {"requirement_statements": {"1": "差し替えた充足状況"}},
    "period": {"period_start_fy": 2027, "goal_fiscal_year": 2036},
    "strategic_fields": {"strategic_fields": []},
    "jsic_codes": {"jsic_codes": ["E29"]},
}


@pytest.mark.parametrize("until", ["complete_precheck", "announce", "submit"])
async def test_every_content_field_of_a_patch_is_refused_after_the_precheck(
    ctx: PlansContext, until: str
) -> None:
    plan = await prechecked(ctx, until)
    before = await fetch(ctx, plan)
    headers = {**ctx.tokens.prefecture(KUMAMOTO, "editor"), "If-Match": f'"{plan["version"]}"'}
    for name, body in CONTENT_PATCHES.items():
        response = await ctx.client.patch(f"/api/plans/{plan['id']}", json=body, headers=headers)
        assert response.status_code == 409, (name, response.text)
        assert response.json()["type"].endswith("/plan-frozen"), name
        assert "再度の事前確認" in response.json()["detail"], name
    assert await fetch(ctx, plan) == before


async def test_a_selection_waits_while_the_plan_is_asked_for_or_at_its_prefecture(
    ctx: PlansContext,
) -> None:
    requested = await prechecked(ctx, "request_precheck")
    refused = await push(ctx, requested["id"], selected())
    assert refused.status_code == 409, refused.text
    assert "事前確認" in refused.json()["detail"]
    after = await fetch(ctx, requested)
    assert (after["state"], after["version"]) == ("precheck_requested", requested["version"])
    assert [c["corporate_number"] for c in after["core_companies"]] == [company_number(1)]
    # a designated city's B plan co-authored by the prefecture, waiting at the prefecture
    city = ctx.tokens.municipality(KUMAMOTO_CITY, "editor", designated_city=True)
    plan = await complete(
        ctx.client, city, await create(ctx.client, city, "B", co_authors=[KUMAMOTO])
    )
    plan = await act(
        ctx.client,
        ctx.tokens.municipality(KUMAMOTO_CITY, "approver", designated_city=True),
        plan,
        "request_precheck",
    )
    assert plan["state"] == "prefecture_review"
    waiting = await push(ctx, plan["id"], selected())
    assert waiting.status_code == 409, waiting.text
    current = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=city)).json()
    assert (current["state"], current["version"]) == ("prefecture_review", plan["version"])
    assert [c["corporate_number"] for c in current["core_companies"]] == [company_number(1)]


async def test_writes_while_the_plan_waits_for_review_are_refused_with_the_reason(
    ctx: PlansContext,
) -> None:
    plan = await prechecked(ctx, "request_precheck")
    results = await author_writes(ctx, plan)
    assert {r.status_code for _, r in results} == {409}
    assert "事前確認を依頼中" in results[0][1].json()["detail"]
    assert (await fetch(ctx, plan))["title"] == "テスト計画B"


async def test_reopened_plan_is_reviewed_again_with_the_changes_shown_to_the_reviewer(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    approver = ctx.tokens.prefecture(KUMAMOTO, "approver")
    reviewer = ctx.tokens.national("reviewer")
    plan = await prechecked(ctx, "announce")
    await act(ctx.client, approver, plan, "reopen", expect=422)  # needs the reason
    plan = await act(ctx.client, approver, plan, "reopen", comment="KGIの見直し")
    assert (plan["state"], plan["announcement_date"], plan["precheck_completed_at"]) == (
        "draft",
        None,
        None,
    )
    plan = await write(ctx.client, editor, plan, "PATCH", "", {"title": "改めた名称"})
    plan = await act(ctx.client, approver, plan, "request_precheck")
    assert (plan["state"], plan["changed_since_review"]) == ("precheck_requested", True)
    diff = (await ctx.client.get(f"/api/plans/{plan['id']}/changes", headers=reviewer)).json()
    assert diff["reviewed_at"] is not None
    assert diff["changes"] == [{"path": "title", "before": "テスト計画B", "after": "改めた名称"}]
    history = (await ctx.client.get(f"/api/plans/{plan['id']}/history", headers=reviewer)).json()
    assert history[-1]["details"]["changes_since_review"] == diff["changes"]
    # a publisher cannot skip the new review
    await act(ctx.client, ctx.tokens.national("publisher"), plan, "publish", expect=409)
    plan = await act(ctx.client, reviewer, plan, "start_review")
    plan = await act(ctx.client, reviewer, plan, "complete_precheck")
    assert plan["changed_since_review"] is False
    plan = await act(ctx.client, approver, plan, "announce", **announcement())
    plan = await act(ctx.client, approver, plan, "submit")
    plan = await act(ctx.client, ctx.tokens.national("publisher"), plan, "publish")
    public = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    assert public["title"] == "改めた名称"


async def test_selection_into_a_prechecked_plan_is_a_change_request_the_reviewer_sees(
    ctx: PlansContext,
) -> None:
    plan = await prechecked(ctx, "submit")
    response = await push(ctx, plan["id"], selected())
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["effect"], answer["state"]) == ("change_request", "precheck_requested")
    plan = await fetch(ctx, plan)
    assert plan["state"] == "precheck_requested"
    assert plan["announcement_date"] is None  # announced content is no longer the content
    assert plan["changed_since_review"] is True
    diff = (
        await ctx.client.get(f"/api/plans/{plan['id']}/changes", headers=ctx.tokens.national())
    ).json()
    assert diff["changes"] == [
        {
            "path": f"core_companies/{company_number(42)}",
            "before": None,
            "after": {
                "corporate_number": company_number(42),
                "name": "公募選定工業株式会社（サンプル）",
                "role": "後工程の検査装置",
                "scale": "従業員 300〜999名",
                "support_target": True,
            },
        }
    ]
    history = (
        await ctx.client.get(f"/api/plans/{plan['id']}/history", headers=ctx.tokens.national())
    ).json()
    assert (history[-1]["action"], history[-1]["from_state"]) == ("change_request", "submitted")
    await act(ctx.client, ctx.tokens.national("publisher"), plan, "publish", expect=409)
    registry = await ctx.client.get(
        f"/registry/v1/companies/{company_number(42)}", headers=ctx.tokens.ministry()
    )
    assert registry.json()["is_core_company"] is False


async def test_selection_waits_while_the_plan_is_in_review_and_joins_a_returned_plan(
    ctx: PlansContext,
) -> None:
    plan = await prechecked(ctx, "start_review")
    refused = await push(ctx, plan["id"], selected())
    assert refused.status_code == 409
    after = await fetch(ctx, plan)
    assert [c["corporate_number"] for c in after["core_companies"]] == [company_number(1)]
    assert after["version"] == plan["version"]
    plan = await act(
        ctx.client,
        ctx.tokens.national("reviewer"),
        plan,
        "return_with_comments",
        comment="核となる企業を追加してください",
    )
    added = await push(ctx, plan["id"], selected())
    assert (added.json()["effect"], added.json()["state"]) == ("added", "returned")
    assert [c["corporate_number"] for c in (await fetch(ctx, plan))["core_companies"]] == [
        company_number(1),
        company_number(42),
    ]


async def test_publication_refuses_content_changed_after_the_precheck_by_any_path(
    ctx: PlansContext,
) -> None:
    plan = await prechecked(ctx, "submit")
    engine = create_engine(ctx.database_url)
    async with engine.begin() as connection:
        # a change that went round the API (a script, a future route): still never published
        await connection.execute(
            text("UPDATE plan_kgis SET target = 999 WHERE plan_id = :id"), {"id": plan["id"]}
        )
    await engine.dispose()
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/transitions",
        json={"action": "publish"},
        headers={**ctx.tokens.national("publisher"), "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 409
    assert response.json()["title"] == "事前確認を経ていない内容は公表できません"
    assert (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).status_code == 404
    assert (await fetch(ctx, plan))["state"] == "submitted"


async def test_kpi_actuals_after_publication_are_monitoring_data_not_content(
    ctx: PlansContext,
) -> None:
    plan = await published_plan(ctx.client, ctx.tokens)
    public_before = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    fresh = await fetch(ctx, plan)
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/kpis/kpi-1/actuals",
        json={"period": "2027H1", "value": 12},
        headers={**ctx.tokens.prefecture(KUMAMOTO, "editor"), "If-Match": f'"{fresh["version"]}"'},
    )
    assert response.status_code == 200, response.text
    after = await fetch(ctx, plan)
    assert (after["state"], after["changed_since_review"]) == ("published", False)
    assert (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json() == public_before
