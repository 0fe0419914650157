from __future__ import annotations

import csv
import io
from datetime import datetime

from chiiki_common.clock import to_jst
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KUMAMOTO,
    act,
    companies_for,
    company_number,
    complete,
    create,
    drive,
    published_plan,
    write,
)

FORBIDDEN_FIGURES = ("sales", "purchase", "売上", "仕入")


async def test_lookup_one_and_batch_without_any_figures(ctx: PlansContext) -> None:
    plan = await published_plan(ctx.client, ctx.tokens, company=7)
    ministry = ctx.tokens.ministry()
    one = await ctx.client.get(f"/registry/v1/companies/{company_number(7)}", headers=ministry)
    assert one.status_code == 200
    body = one.json()
    assert body["is_core_company"] is True
    entry = body["plans"][0]
    assert (entry["plan_id"], entry["version"], entry["prefecture_name"]) == (
        plan["id"],
        1,
        "熊本県",
    )
    assert entry["role"] == "前工程の装置部品"
    assert not any(word in one.text for word in FORBIDDEN_FIGURES)
    numbers = [company_number(n) for n in range(1, 1001)]
    batch = await ctx.client.post(
        "/registry/v1/companies/lookup", json={"corporate_numbers": numbers}, headers=ministry
    )
    assert batch.status_code == 200
    hits = [r["corporate_number"] for r in batch.json()["results"] if r["is_core_company"]]
    assert hits == [company_number(7)]
    too_many = await ctx.client.post(
        "/registry/v1/companies/lookup",
        json={"corporate_numbers": [*numbers, company_number(1001)]},
        headers=ministry,
    )
    assert too_many.status_code == 422


async def test_registry_needs_scope_or_national(ctx: PlansContext) -> None:
    url = f"/registry/v1/companies/{company_number(1)}"
    assert (
        await ctx.client.get(url, headers=ctx.tokens.ministry(scope="other"))
    ).status_code == 403
    assert (await ctx.client.get(url, headers=ctx.tokens.prefecture(KUMAMOTO))).status_code == 403
    assert (await ctx.client.get(url, headers=ctx.tokens.national())).status_code == 200
    assert (await ctx.client.get(url)).status_code == 401


async def test_drafts_and_unpublished_plans_are_not_in_the_registry(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    await drive(ctx.client, ctx.tokens, plan, "submit")
    response = await ctx.client.get(
        f"/registry/v1/companies/{company_number(1)}", headers=ctx.tokens.ministry()
    )
    assert response.json()["is_core_company"] is False
    listed = await ctx.client.get("/registry/v1/plans", headers=ctx.tokens.ministry())
    assert listed.json()["total"] == 0


async def test_published_list_is_cacheable(ctx: PlansContext) -> None:
    await published_plan(ctx.client, ctx.tokens)
    ministry = ctx.tokens.ministry()
    first = await ctx.client.get("/registry/v1/plans", headers=ministry)
    assert first.json()["total"] == 1
    companies = first.json()["items"][0]["core_companies"]
    assert [c["corporate_number"] for c in companies] == [company_number(1)]
    tag = first.headers["etag"]
    again = await ctx.client.get("/registry/v1/plans", headers={**ministry, "If-None-Match": tag})
    assert again.status_code == 304
    await published_plan(ctx.client, ctx.tokens, title="2件目", company=2)
    changed = await ctx.client.get("/registry/v1/plans", headers={**ministry, "If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.json()["total"] == 2


async def test_attestation_receipt_answers_for_the_date_and_can_be_fetched_later(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await published_plan(ctx.client, ctx.tokens, company=1)
    # a revision replaces company 1 by company 2 and is published as version 2
    plan = await act(ctx.client, editor, plan, "revise")
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", companies_for("B", 2))
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    published_on = to_jst(datetime.fromisoformat(plan["published_at"])).date().isoformat()
    ministry = ctx.tokens.ministry()
    before = await ctx.client.post(
        "/registry/v1/attestations",
        json={"corporate_number": company_number(1), "on_date": "2026-01-01"},
        headers=ministry,
    )
    assert before.status_code == 201
    assert before.json()["was_core_company"] is False
    current = await ctx.client.get(f"/registry/v1/companies/{company_number(1)}", headers=ministry)
    assert current.json()["is_core_company"] is False
    on_day = await ctx.client.post(
        "/registry/v1/attestations",
        json={"corporate_number": company_number(2), "on_date": published_on},
        headers=ministry,
    )
    answer = on_day.json()
    assert answer["was_core_company"] is True
    assert answer["plans"][0]["version"] == 2
    fetched = await ctx.client.get(f"/registry/v1/attestations/{answer['id']}", headers=ministry)
    assert fetched.json() == answer
    other_ministry = ctx.tokens.ministry(org="meti")
    hidden = await ctx.client.get(
        f"/registry/v1/attestations/{answer['id']}", headers=other_ministry
    )
    assert hidden.status_code == 404


async def test_public_open_data_json_and_csv(ctx: PlansContext) -> None:
    plan = await published_plan(ctx.client, ctx.tokens, title="半導体(公表)")
    await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B", title="非公開の下書き")
    listed = (await ctx.client.get("/public/v1/plans")).json()
    assert [p["title"] for p in listed["items"]] == ["半導体(公表)"]
    detail = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    assert detail["version"] == 1
    assert detail["core_companies"][0]["corporate_number"] == company_number(1)
    assert "requirements" not in detail
    response = await ctx.client.get("/public/v1/plans.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0][0] == "計画ID"
    assert rows[1][2] == "半導体(公表)"
    assert len(rows) == 2
