"""The reference lists the open data is filtered by (日本標準産業分類, the rounds), without login:
the same data as the login-only lists, and nothing that only staff may read."""

from __future__ import annotations

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KUMAMOTO


async def test_the_industry_list_is_public_and_the_one_the_editor_reads(ctx: PlansContext) -> None:
    public = await ctx.client.get("/public/v1/reference/jsic")
    assert public.status_code == 200
    assert public.headers["cache-control"].startswith("public")
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    staff = await ctx.client.get("/api/plans/reference/jsic", headers=editor)
    assert public.json() == staff.json()
    e28 = next(i for i in public.json()["items"] if i["code"] == "E28")
    assert (e28["name"], e28["level"]) == ("電子部品・デバイス・電子回路製造業", "中分類")
    again = await ctx.client.get(
        "/public/v1/reference/jsic", headers={"If-None-Match": public.headers["etag"]}
    )
    assert again.status_code == 304


async def test_the_rounds_are_public_with_their_dates_and_nothing_staff_only(
    ctx: PlansContext,
) -> None:
    public = await ctx.client.get("/public/v1/reference/rounds")
    assert public.status_code == 200
    assert public.headers["cache-control"].startswith("public")
    rounds = public.json()
    staff = await ctx.client.get("/api/rounds", headers=ctx.tokens.national("admin"))
    assert [(r["code"], r["name"], r["kind"], r["last_day"]) for r in rounds] == [
        (r["code"], r["name"], r["kind"], r["last_day"]) for r in staff.json()
    ]
    batch = next(r for r in rounds if r["code"] == "2026-batch-1")
    assert batch["name"].startswith("第1弾")
    assert batch["last_day"] == "2026-07-15"
    assert batch["kind_label"] == "取りまとめ(一斉公表)"
    assert batch["filterable"] is True
    leading = next(r for r in rounds if r["kind"] == "leading_example")
    assert (leading["kind_label"], leading["filterable"]) == ("先行事例", False)
    # whether a national admin may still edit it, and its exact cutoff, stay behind the login
    assert all(set(r) == set(batch) for r in rounds)
    assert not {"editable", "cutoff_at", "publish_at", "scheduled_by"} & set(batch)


async def test_a_round_the_public_list_offers_filters_the_open_data(ctx: PlansContext) -> None:
    rounds = (await ctx.client.get("/public/v1/reference/rounds")).json()
    for round_ in rounds:
        answer = await ctx.client.get(f"/public/v1/plans?round={round_['code']}")
        assert answer.status_code == 200, round_["code"]
    # the login-only lists still refuse anyone without a token
    assert (await ctx.client.get("/api/plans/reference/jsic")).status_code == 401
    assert (await ctx.client.get("/api/rounds")).status_code == 401
