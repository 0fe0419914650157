"""Nothing public shows a company's sales or purchase figures, and individual investment cases
(投資の具体像) are never published (seed 003)."""

from __future__ import annotations

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KUMAMOTO,
    SECTIONS_B,
    companies_for,
    company_number,
    complete,
    create,
    drive,
    write,
)
from tests.plans_api.freeze.test_freeze import push, selected

INVESTMENT_CASE = "くまもと精密装置（サンプル）が菊陽町に120億円の新工場を建設する"
FIGURE_WORDS = ("売上", "仕入", "sales", "purchase", INVESTMENT_CASE)


async def test_a_company_scale_naming_sales_is_refused_wherever_it_is_written(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, editor, "B")
    pushed = await push(ctx, plan["id"], selected(scale="従業員 500名・売上高 12億円"))
    assert pushed.status_code == 422
    assert [e["field"] for e in pushed.json()["errors"]] == ["scale"]
    written = await ctx.client.put(
        f"/api/plans/{plan['id']}/core-companies",
        json=[{**companies_for("B")[0], "scale": "売上高 100億円、仕入高 40億円"}],
        headers={**editor, "If-Match": '"1"'},
    )
    assert written.status_code == 422
    assert written.json()["errors"][0]["field"] == "0/scale"
    stored = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)).json()
    assert (stored["core_companies"], stored["version"]) == ([], 1)
    # words about trade without a figure, and an employee band, are the prefecture's wording
    plan = await write(
        ctx.client,
        editor,
        stored,
        "PUT",
        "/core-companies",
        [
            {
                **companies_for("B")[0],
                "role": "県内仕入の中核となるハブ企業",
                "scale": "従業員 300〜999名",
            }
        ],
    )
    assert plan["core_companies"][0]["role"] == "県内仕入の中核となるハブ企業"
    accepted = await push(ctx, plan["id"], selected(scale="従業員 1,000〜2,000名"))
    assert accepted.status_code == 200


async def test_nothing_public_shows_a_trade_figure_or_an_investment_case(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    sections = {**SECTIONS_B, "path": {**SECTIONS_B["path"], "investment_picture": INVESTMENT_CASE}}
    plan = await write(ctx.client, editor, plan, "PATCH", "", {"sections": sections})
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    detail = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    assert detail["sections"]["path"]["investment_picture"] is None
    assert detail["sections"]["path"]["basic_strategy"] == SECTIONS_B["path"]["basic_strategy"]
    assert detail["withheld"] == {
        "sections/path/investment_picture": "企業の個別の投資案件を含むため公表していません"
    }
    bodies = [
        (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).text,
        (await ctx.client.get("/public/v1/plans")).text,
        (await ctx.client.get("/public/v1/plans.csv")).text,
        (await ctx.client.get("/registry/v1/plans", headers=ctx.tokens.ministry())).text,
        (
            await ctx.client.get(
                f"/registry/v1/companies/{company_number(1)}", headers=ctx.tokens.ministry()
            )
        ).text,
    ]
    for body in bodies:
        assert not any(word in body for word in FIGURE_WORDS)
    # national users and the authors still read the whole plan
    own = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=ctx.tokens.national())).json()
    assert own["sections"]["path"]["investment_picture"] == INVESTMENT_CASE


async def test_a_company_selected_in_an_open_call_is_published_with_its_name_and_outline(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    pushed = await push(ctx, plan["id"], selected(scale="従業員 300〜999名"))
    assert pushed.json()["effect"] == "added"
    plan = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)).json()
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    detail = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    assert [(c["corporate_number"], c["name"], c["role"]) for c in detail["core_companies"]] == [
        (company_number(1), "サンプル製作所1（サンプル）", "前工程の装置部品"),
        (company_number(42), "公募選定工業株式会社（サンプル）", "後工程の検査装置"),
    ]
    csv_text = (await ctx.client.get("/public/v1/plans.csv")).text
    assert "公募選定工業株式会社（サンプル）" in csv_text
    registry = (
        await ctx.client.get(
            f"/registry/v1/companies/{company_number(42)}", headers=ctx.tokens.ministry()
        )
    ).json()
    assert (registry["is_core_company"], registry["plans"][0]["role"]) == (True, "後工程の検査装置")
    for body in (str(detail), csv_text, str(registry)):
        assert not any(word in body for word in FIGURE_WORDS)
