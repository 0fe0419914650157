"""scoring-api's open-call selection adds a company only to a B plan of the call's own prefecture,
in a state the freeze rule allows; scoring-api checks a call's plan when it is set."""

from __future__ import annotations

from typing import Any

import pytest

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    KUMAMOTO_CITY,
    act,
    create,
    published_plan,
)
from tests.plans_api.freeze.test_freeze import prechecked, push, selected

SCOPE = "plans:core-companies:write"


async def target(ctx: PlansContext, plan_id: int, prefecture: str) -> dict[str, Any]:
    response = await ctx.client.get(
        f"/internal/plans/{plan_id}/selection-target?prefecture={prefecture}",
        headers=ctx.tokens.service("scoring-api", scope=SCOPE),
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def codes(answer: dict[str, Any]) -> list[str]:
    return [r["code"] for r in answer["reasons"]]


async def test_a_draft_b_plan_of_the_prefecture_is_open_and_receives_the_company(
    ctx: PlansContext,
) -> None:
    plan = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B")
    answer = await target(ctx, plan["id"], "43")
    assert (answer["found"], answer["open_to_selection"], answer["effect"]) == (
        True,
        True,
        "added",
    )
    assert answer["reasons"] == []
    response = await push(ctx, plan["id"], selected(prefecture="43"))
    assert response.json()["effect"] == "added"
    current = await ctx.client.get(
        f"/api/plans/{plan['id']}", headers=ctx.tokens.prefecture(KUMAMOTO)
    )
    names = [c["name"] for c in current.json()["core_companies"]]
    assert names == ["公募選定工業株式会社（サンプル）"]


@pytest.mark.parametrize(
    ("author", "plan_type", "extra", "prefecture", "reason"),
    [
        (("prefecture", KUMAMOTO), "C", {}, KUMAMOTO, "plan.not_type_b"),
        (("prefecture", FUKUOKA), "B", {}, KUMAMOTO, "plan.other_prefecture"),
        (
            ("municipality", KUMAMOTO_CITY),
            "B",
            {"designated_city": True},
            KUMAMOTO,
            "plan.other_prefecture",
        ),
    ],
)
async def test_selection_is_refused_into_a_plan_that_is_not_the_calls_b_plan(
    ctx: PlansContext,
    author: tuple[str, str],
    plan_type: str,
    extra: dict[str, bool],
    prefecture: str,
    reason: str,
) -> None:
    headers = ctx.tokens.headers(tier=author[0], org=author[1], roles=["editor"], **extra)
    plan = await create(ctx.client, headers, plan_type)
    answer = await target(ctx, plan["id"], prefecture)
    assert (answer["open_to_selection"], codes(answer)) == (False, [reason])
    assert answer["reasons"][0]["retryable"] is False
    response = await push(ctx, plan["id"], selected(prefecture=prefecture))
    assert response.status_code == 422
    assert response.json()["title"] == "この計画には選定企業を追加できません"
    stored = await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)
    assert (stored.json()["core_companies"], stored.json()["version"]) == ([], 1)


async def test_a_joint_b_plan_is_open_to_each_authoring_prefectures_call(ctx: PlansContext) -> None:
    plan = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B", co_authors=[FUKUOKA])
    assert (await target(ctx, plan["id"], FUKUOKA))["open_to_selection"] is True
    assert (await target(ctx, plan["id"], "13"))["open_to_selection"] is False


async def test_the_check_names_the_state_rule_for_every_state(ctx: PlansContext) -> None:
    in_review = await prechecked(ctx, "start_review")
    answer = await target(ctx, in_review["id"], KUMAMOTO)
    assert (answer["open_to_selection"], codes(answer)) == (False, ["plan.in_review"])
    assert answer["reasons"][0]["retryable"] is True
    completed = await prechecked(ctx, "complete_precheck")
    answer = await target(ctx, completed["id"], KUMAMOTO)
    assert (answer["open_to_selection"], answer["effect"]) == (True, "change_request")
    published = await published_plan(ctx.client, ctx.tokens, title="公表済み", company=5)
    answer = await target(ctx, published["id"], KUMAMOTO)
    assert codes(answer) == ["plan.published"]
    refused = await push(ctx, published["id"], selected())
    assert refused.status_code == 409
    withdrawn = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B")
    withdrawn = await act(
        ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), withdrawn, "withdraw"
    )
    assert codes(await target(ctx, withdrawn["id"], KUMAMOTO)) == ["plan.withdrawn"]
    missing = await target(ctx, 999_999, KUMAMOTO)
    assert (missing["found"], codes(missing)) == (False, ["plan.not_found"])


async def test_the_check_needs_a_service_token(ctx: PlansContext) -> None:
    plan = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B")
    url = f"/internal/plans/{plan['id']}/selection-target?prefecture=43"
    user = await ctx.client.get(url, headers=ctx.tokens.prefecture(KUMAMOTO))
    assert user.status_code == 403
    wrong = await ctx.client.get(url, headers=ctx.tokens.service("x", scope="events:read"))
    assert wrong.status_code == 403
    reader = await ctx.client.get(url, headers=ctx.tokens.service("notify", scope="plans:read"))
    assert reader.status_code == 200
