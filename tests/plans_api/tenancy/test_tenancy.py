"""DESIGN §1: who sees what, enforced in the queries; what a caller may not see answers 404."""

from __future__ import annotations

from typing import Any

import pytest

from chiiki_common.app import route_inventory
from tests.fixtures.auth import KYUSHU_BLOCK
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KIKUYO,
    KUMAMOTO,
    KUMAMOTO_CITY,
    act,
    company_number,
    complete,
    create,
    drive,
)

ROUTES: list[tuple[str, str, Any]] = [
    ("GET", "", None),
    ("PATCH", "", {"title": "乗っ取り"}),
    ("PUT", "/kgis", []),
    ("PUT", "/kpis", []),
    ("PUT", "/core-companies", []),
    ("PUT", "/co-authors", {"organisations": []}),
    ("PUT", "/coordination", {"entries": []}),
    ("PUT", "/requirements/1/review", {"verdict": "satisfied", "comment": ""}),
    ("GET", "/validation", None),
    ("GET", "/history", None),
    ("GET", "/transitions", None),
    ("POST", "/transitions", {"action": "withdraw"}),
    ("GET", "/kpis/kpi-1/actuals", None),
    ("POST", "/kpis/kpi-1/actuals", {"period": "2027H1", "value": 1}),
    ("GET", "/export.xlsx", None),
]
"""Every route that takes a plan id."""

CALLERS = {
    "kumamoto_pref": ("prefecture", KUMAMOTO, {}),
    "fukuoka_pref": ("prefecture", FUKUOKA, {}),
    "kumamoto_city": ("municipality", KUMAMOTO_CITY, {"designated_city": True}),
    "kikuyo": ("municipality", KIKUYO, {}),
    "national": ("national", "cas", {}),
    "ministry": ("ministry_system", "maff", {"scope": "registry:read"}),
    "kyushu_bureau": ("bureau", "meti-kyushu", {"block": list(KYUSHU_BLOCK)}),
}


def headers_for(ctx: PlansContext, caller: str, role: str = "admin") -> dict[str, str]:
    tier, org, extra = CALLERS[caller]
    roles = ["reviewer", "publisher", "admin"] if tier == "national" else [role]
    if tier == "ministry_system":
        roles = []
    return ctx.tokens.headers(tier=tier, org=org, roles=roles, **extra)


async def plans_at_every_tier(ctx: PlansContext) -> dict[str, dict[str, Any]]:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    kikuyo = ctx.tokens.municipality(KIKUYO, "editor")
    return {
        "pref_draft": await create(ctx.client, pref, "B", title="県の下書き"),
        "pref_requested": await drive(
            ctx.client,
            ctx.tokens,
            await complete(ctx.client, pref, await create(ctx.client, pref, "B")),
            "request_precheck",
        ),
        "kikuyo_draft": await create(ctx.client, kikuyo, "C", title="町の下書き"),
        "joint_with_kumamoto_city": await create(
            ctx.client, pref, "B", title="共同", co_authors=[KUMAMOTO_CITY]
        ),
    }


VISIBLE = {
    "kumamoto_pref": {"pref_draft", "pref_requested", "kikuyo_draft", "joint_with_kumamoto_city"},
    "fukuoka_pref": set(),
    "kumamoto_city": {"joint_with_kumamoto_city"},
    "kikuyo": {"kikuyo_draft"},
    "national": {"pref_requested"},
    "ministry": set(),
    # 熊本県 is in 九州's block, but B and C plans are not a bureau's (type A drafts will be)
    "kyushu_bureau": set(),
}


@pytest.mark.parametrize("caller", list(CALLERS))
async def test_every_route_answers_404_for_plans_the_caller_may_not_see(
    ctx: PlansContext, caller: str
) -> None:
    plans = await plans_at_every_tier(ctx)
    headers = headers_for(ctx, caller)
    for name, plan in plans.items():
        visible = name in VISIBLE[caller]
        response = await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)
        assert response.status_code == (200 if visible else 404), (caller, name)
        if visible:
            continue
        for method, path, body in ROUTES:
            response = await ctx.client.request(
                method,
                f"/api/plans/{plan['id']}{path}",
                json=body,
                headers={**headers, "If-Match": f'"{plan["version"]}"'},
            )
            assert response.status_code == 404, (caller, name, method, path, response.text)
    listed = (await ctx.client.get("/api/plans", headers=headers)).json()
    assert {p["title"] for p in listed["items"]} == {
        plans[name]["title"] for name in VISIBLE[caller]
    }


async def test_no_token_no_plan(ctx: PlansContext) -> None:
    plan = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B")
    for method, path, body in ROUTES:
        response = await ctx.client.request(method, f"/api/plans/{plan['id']}{path}", json=body)
        assert response.status_code == 401, (method, path)
    assert (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).status_code == 404


async def test_prefecture_reads_municipal_draft_but_cannot_write_it(ctx: PlansContext) -> None:
    plan = await create(ctx.client, ctx.tokens.municipality(KIKUYO), "C")
    pref = ctx.tokens.prefecture(KUMAMOTO, "admin")
    response = await ctx.client.patch(
        f"/api/plans/{plan['id']}", json={"title": "県が変更"}, headers={**pref, "If-Match": '"1"'}
    )
    assert response.status_code == 403
    await act(ctx.client, pref, plan, "request_precheck", expect=403)


async def test_co_author_may_edit_but_only_lead_approver_requests(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, pref, "B", co_authors=[KUMAMOTO_CITY])
    city = ctx.tokens.municipality(KUMAMOTO_CITY, "approver", designated_city=True)
    response = await ctx.client.patch(
        f"/api/plans/{plan['id']}", json={"title": "共同編集"}, headers={**city, "If-Match": '"1"'}
    )
    assert response.status_code == 200
    plan = response.json()
    await act(ctx.client, city, plan, "withdraw", expect=403)


async def test_national_sees_plan_from_first_precheck_request_even_after_return(
    ctx: PlansContext,
) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, pref, await create(ctx.client, pref, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "start_review")
    reviewer = ctx.tokens.national("reviewer")
    plan = await act(ctx.client, reviewer, plan, "return_with_comments", comment="修正を")
    response = await ctx.client.get(f"/api/plans/{plan['id']}", headers=reviewer)
    assert response.status_code == 200
    assert response.json()["state"] == "returned"


async def test_a_bureau_gets_404_from_every_plan_route_and_empty_lists(ctx: PlansContext) -> None:
    """Every route that takes a plan id, as the app lists them (not only those above), answers a
    bureau of the plan's block 404; the lists a bureau may call are empty, the queues and the
    roll-up are for other tiers (403 whatever exists)."""
    plans = await plans_at_every_tier(ctx)
    bureau = ctx.tokens.bureau("meti-kyushu", "admin")
    paths = sorted(
        (method, path)
        for path, methods, _ in route_inventory(ctx.client._transport.app)  # type: ignore[attr-defined]
        if path.startswith("/api/plans/{plan_id}")
        for method in methods
    )
    assert len(paths) > len(ROUTES)
    for plan in plans.values():
        for method, path in paths:
            url = path.format(plan_id=plan["id"], kpi_key="kpi-1", version=1, number=1)
            response = await ctx.client.request(
                method, url, json={}, headers={**bureau, "If-Match": f'"{plan["version"]}"'}
            )
            assert response.status_code == 404, (method, path, response.text)
            assert response.headers["content-type"] == "application/problem+json"
    listed = await ctx.client.get("/api/plans", headers=bureau)
    assert listed.status_code == 200
    assert listed.json()["items"] == []
    assert listed.json()["total"] == 0
    kumamoto = ctx.tokens.prefecture(KUMAMOTO, "editor")
    for q in ("県の下書き", "共同"):
        found = await ctx.client.get("/api/plans/search", params={"q": q}, headers=kumamoto)
        assert found.json()["items"], q  # the words find plans for their author
        searched = await ctx.client.get("/api/plans/search", params={"q": q}, headers=bureau)
        assert searched.status_code == 200
        assert searched.json()["items"] == [], q
    for queue in ("/api/plans/review-queue", "/api/plans/prefecture-queue", "/api/rollup/kgis"):
        assert (await ctx.client.get(queue, headers=bureau)).status_code == 403, queue


PROPOSAL = {
    "title": "候補プロジェクト",
    "strategic_fields": ["ai_semiconductor"],
    "field_alignment": "ロードマップに沿う",
    "draft_alignment": "素案に沿う",
    "budget_coordination": [{"ministry": "経済産業省", "since": "2026-01-05", "status": "協議中"}],
    "investment": {
        "amount_yen": 10_000_000_000,
        "start_fy": 2027,
        "end_fy": 2029,
        "investors": [{"corporate_number": company_number(8001), "name": "投資企業"}],
    },
    "labour_environment": "賃上げと採用",
}

VISIBLE_PROPOSALS = {
    "kumamoto_pref": {"kumamoto_draft", "kumamoto_submitted"},
    "fukuoka_pref": {"fukuoka_submitted"},
    "kumamoto_city": set(),
    "kikuyo": set(),
    "national": {"kumamoto_submitted", "fukuoka_submitted"},
    "ministry": set(),
    "kyushu_bureau": {"kumamoto_submitted", "fukuoka_submitted"},
    "kanto_bureau": set(),
}
"""Type A candidate projects: a prefecture its own, drafts included; the bureau of the block and
the national side the submitted ones; nobody else any."""


async def proposals_at_every_state(ctx: PlansContext) -> dict[str, dict[str, Any]]:
    made: dict[str, dict[str, Any]] = {}
    for name, org, submit in (
        ("kumamoto_draft", KUMAMOTO, False),
        ("kumamoto_submitted", KUMAMOTO, True),
        ("fukuoka_submitted", FUKUOKA, True),
    ):
        created = await ctx.client.post(
            "/api/proposals",
            json={**PROPOSAL, "title": name},
            headers=ctx.tokens.prefecture(org, "editor"),
        )
        proposal = created.json()
        if submit:
            submitted = await ctx.client.post(
                f"/api/proposals/{proposal['id']}/submit",
                headers={
                    **ctx.tokens.prefecture(org, "approver"),
                    "If-Match": f'"{proposal["version"]}"',
                },
            )
            assert submitted.status_code == 200, submitted.text
            proposal = submitted.json()
        made[name] = proposal
    return made


@pytest.mark.parametrize("caller", [*CALLERS, "kanto_bureau"])
async def test_every_proposal_route_answers_404_for_proposals_the_caller_may_not_see(
    ctx: PlansContext, caller: str
) -> None:
    proposals = await proposals_at_every_state(ctx)
    if caller == "kanto_bureau":
        headers = ctx.tokens.bureau("meti-kanto", "admin", block=("13", "14"))
    else:
        headers = headers_for(ctx, caller)
    paths = sorted(
        (method, path)
        for path, methods, _ in route_inventory(ctx.client._transport.app)  # type: ignore[attr-defined]
        if path.startswith("/api/proposals/{proposal_id}")
        for method in methods
    )
    assert len(paths) == 4  # read, change, submit, decide
    for name, proposal in proposals.items():
        visible = name in VISIBLE_PROPOSALS[caller]
        response = await ctx.client.get(f"/api/proposals/{proposal['id']}", headers=headers)
        assert response.status_code == (200 if visible else 404), (caller, name)
        if visible:
            continue
        for method, path in paths:
            response = await ctx.client.request(
                method,
                path.format(proposal_id=proposal["id"]),
                json={"decision": "adopt"} if path.endswith("/decision") else {},
                headers={**headers, "If-Match": f'"{proposal["version"]}"'},
            )
            assert response.status_code == 404, (caller, name, method, path, response.text)
    listed = (await ctx.client.get("/api/proposals", headers=headers)).json()
    assert {p["title"] for p in listed["items"]} == VISIBLE_PROPOSALS[caller]
    states = (
        await ctx.client.get(
            f"/api/proposals/{proposals['kumamoto_submitted']['id']}",
            headers=ctx.tokens.prefecture(KUMAMOTO, "editor"),
        )
    ).json()
    assert states["state"] == "submitted", "nothing the caller sent changed it"
