"""The open data and the registry name a municipal plan's author as the directory does
(「熊本県菊陽町」), never by its code alone."""

from __future__ import annotations

from typing import Any

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KIKUYO,
    KUMAMOTO,
    act,
    announcement,
    complete,
    create,
    name_in_directory,
)


async def _published_municipal_plan(ctx: PlansContext) -> dict[str, Any]:
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    approver = ctx.tokens.municipality(KIKUYO, "approver")
    prefecture = ctx.tokens.prefecture(KUMAMOTO, "approver")
    reviewer = ctx.tokens.national("reviewer")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
    plan = await act(ctx.client, approver, plan, "request_precheck")
    plan = await act(ctx.client, prefecture, plan, "forward")
    plan = await act(ctx.client, reviewer, plan, "start_review")
    plan = await act(ctx.client, reviewer, plan, "complete_precheck")
    plan = await act(ctx.client, approver, plan, "announce", **announcement())
    plan = await act(ctx.client, approver, plan, "submit")
    plan = await act(ctx.client, prefecture, plan, "forward")
    return await act(ctx.client, ctx.tokens.national("publisher"), plan, "publish")


async def test_the_open_data_and_the_registry_name_the_municipality(ctx: PlansContext) -> None:
    plan = await _published_municipal_plan(ctx)
    assert plan["state"] == "published"
    before = (await ctx.client.get("/public/v1/plans")).json()["items"]
    await name_in_directory(ctx.database_url, KIKUYO, "菊陽町")
    after = (await ctx.client.get("/public/v1/plans")).json()["items"]
    registry = (
        await ctx.client.get("/registry/v1/plans", headers=ctx.tokens.national("reviewer"))
    ).json()["items"]
    assert [p["lead_organisation_name"] for p in before] == [f"熊本県(団体コード {KIKUYO})"]
    assert [(p["lead_organisation"], p["lead_organisation_name"]) for p in after] == [
        (KIKUYO, "熊本県菊陽町")
    ]
    assert [p["lead_organisation_name"] for p in registry] == ["熊本県菊陽町"]
