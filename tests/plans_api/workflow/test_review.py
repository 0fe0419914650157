"""The review beside the plan: comments per requirement and per part of the plan, the difference a
reviewer of a resubmitted plan sees (since the version returned, since the last publication), and
the prefecture's 取りまとめ queue with what each plan came for and since when it waits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from chiiki_common.db import create_engine
from plans_api.models import OutboxEvent, PlanSnapshot
from plans_api.plans.freeze import content_from_snapshot, without
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KIKUYO,
    KUMAMOTO,
    SECTIONS_B,
    act,
    announcement,
    complete,
    create,
    drive,
    published_plan,
    write,
)


async def in_review(ctx: PlansContext) -> dict[str, Any]:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    return await drive(ctx.client, ctx.tokens, plan, "start_review")


async def changes(ctx: PlansContext, plan: dict[str, Any], since: str | None = None) -> Any:
    query = f"?since={since}" if since else ""
    return await ctx.client.get(
        f"/api/plans/{plan['id']}/changes{query}", headers=ctx.tokens.national()
    )


async def history(ctx: PlansContext, plan: dict[str, Any]) -> list[dict[str, Any]]:
    response = await ctx.client.get(
        f"/api/plans/{plan['id']}/history", headers=ctx.tokens.national()
    )
    return response.json()  # type: ignore[no-any-return]


RETURN_BODY = {
    "comment": "要件1の根拠を補強してください。",
    "requirement_comments": [
        {"number": 1, "verdict": "needs_revision", "comment": "市場の数値を追記してください"}
    ],
    "section_comments": [
        {"section": "path", "comment": "基本戦略を具体的に"},
        {"section": "kgis", "comment": "目標値の根拠を"},
    ],
}


async def test_resubmitted_plan_shows_what_changed_since_the_return_with_the_comments(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    approver = ctx.tokens.prefecture(KUMAMOTO, "approver")
    reviewer = ctx.tokens.national("reviewer")
    plan = await act(
        ctx.client, reviewer, await in_review(ctx), "return_with_comments", **RETURN_BODY
    )
    sections = {**SECTIONS_B, "path": {**SECTIONS_B["path"], "basic_strategy": "勝ち筋を具体化"}}
    plan = await write(ctx.client, editor, plan, "PATCH", "", {"sections": sections})
    plan = await act(ctx.client, approver, plan, "request_precheck")

    diff = (await changes(ctx, plan, "returned")).json()
    assert diff["since"] == "returned"
    assert diff["base_found"] is True
    assert diff["changes"] == [
        {"path": "sections/path/basic_strategy", "before": "勝ち筋", "after": "勝ち筋を具体化"}
    ]
    earlier = diff["earlier_review"]
    assert earlier["action"] == "return_with_comments"
    assert earlier["comment"] == RETURN_BODY["comment"]
    assert earlier["requirement_comments"] == RETURN_BODY["requirement_comments"]
    assert earlier["section_comments"] == RETURN_BODY["section_comments"]
    assert diff["base_at"] == earlier["occurred_at"]
    # never completed: against the last completion, everything is new
    since_review = (await changes(ctx, plan)).json()
    assert since_review["since"] == "review"
    assert since_review["base_found"] is False
    assert len(since_review["changes"]) > 1


async def test_a_plan_never_returned_has_no_returned_version_to_compare(ctx: PlansContext) -> None:
    plan = await in_review(ctx)
    diff = (await changes(ctx, plan, "returned")).json()
    assert diff["base_found"] is False
    assert diff["base_at"] is None
    assert diff["earlier_review"] is None


async def test_a_revised_plan_shows_what_changed_since_its_last_publication(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await published_plan(ctx.client, ctx.tokens)
    assert (await changes(ctx, plan, "published")).json()["changes"] == []
    plan = await act(ctx.client, editor, plan, "revise")
    sections = {**SECTIONS_B, "path": {**SECTIONS_B["path"], "investment_picture": "新工場"}}
    plan = await write(
        ctx.client, editor, plan, "PATCH", "", {"title": "改訂版", "sections": sections}
    )
    diff = (await changes(ctx, plan, "published")).json()
    assert diff["base_found"] is True
    assert diff["earlier_review"]["action"] == "publish"
    # the withheld item is compared too: the publication recorded the whole content
    assert {c["path"]: c["after"] for c in diff["changes"]} == {
        "title": "改訂版",
        "sections/path/investment_picture": "新工場",
    }


async def test_a_plan_never_published_has_no_published_version(ctx: PlansContext) -> None:
    diff = (await changes(ctx, await in_review(ctx), "published")).json()
    assert diff["base_found"] is False
    assert diff["earlier_review"] is None


async def test_a_published_snapshot_reads_as_the_content_it_published(ctx: PlansContext) -> None:
    """Publications recorded before the content was kept with them compare with the snapshot,
    without the items never published."""
    plan = await published_plan(ctx.client, ctx.tokens)
    recorded = next(h for h in await history(ctx, plan) if h["action"] == "publish")
    engine = create_engine(ctx.database_url)
    async with engine.connect() as connection:
        snapshot = await connection.scalar(
            select(PlanSnapshot.content).where(PlanSnapshot.plan_id == plan["id"])
        )
    await engine.dispose()
    withheld = list(snapshot["withheld"])
    assert withheld == ["sections/path/investment_picture"]
    assert content_from_snapshot(snapshot) == without(recorded["details"]["content"], withheld)
    # and the projection differs where the plan does (the comparison is not vacuous)
    assert content_from_snapshot({**snapshot, "title": "別名"}) != without(
        recorded["details"]["content"], withheld
    )


async def test_an_unknown_since_is_refused_in_japanese(ctx: PlansContext) -> None:
    response = await changes(ctx, await in_review(ctx), "yesterday")
    assert response.status_code == 422
    problem = response.json()
    assert problem["title"] == "入力内容に誤りがあります"
    assert [(e["field"], e["message"]) for e in problem["errors"]] == [
        ("since", "選択肢から選んでください")
    ]


async def test_comments_on_parts_the_plan_lacks_or_outside_a_review_step_are_refused(
    ctx: PlansContext,
) -> None:
    reviewer = ctx.tokens.national("reviewer")
    plan = await in_review(ctx)
    refused = await act(
        ctx.client,
        reviewer,
        plan,
        "return_with_comments",
        expect=422,
        comment="差戻し",
        section_comments=[
            {"section": "field", "comment": "C類型の見出し"},
            {"section": "kgis", "comment": " "},
            {"section": "kgis", "comment": "重複"},
        ],
    )
    assert [(e["field"], e["message"]) for e in refused["errors"]] == [
        ("section_comments/0/section", "この計画にない項目へのコメントです"),
        ("section_comments/1/comment", "コメントを入力してください"),
        ("section_comments/2/section", "同じ項目へのコメントが重複しています"),
    ]
    approver = ctx.tokens.prefecture(KUMAMOTO, "approver")
    plan = await act(ctx.client, reviewer, plan, "complete_precheck")
    outside = await act(
        ctx.client,
        approver,
        plan,
        "announce",
        expect=422,
        section_comments=[{"section": "kgis", "comment": "x"}],
        **announcement(),
    )
    assert outside["errors"][0]["field"] == "section_comments"


async def test_the_return_keeps_the_section_comments_in_its_history_and_event(
    ctx: PlansContext,
) -> None:
    reviewer = ctx.tokens.national("reviewer")
    plan = await act(
        ctx.client, reviewer, await in_review(ctx), "return_with_comments", **RETURN_BODY
    )
    step = (await history(ctx, plan))[-1]
    assert step["details"]["section_comments"] == RETURN_BODY["section_comments"]
    assert step["details"]["content"]["title"] == plan["title"]
    engine = create_engine(ctx.database_url)
    async with engine.connect() as connection:
        payloads = (
            await connection.scalars(
                select(OutboxEvent.payload).where(OutboxEvent.event_type == "plan.returned")
            )
        ).all()
    await engine.dispose()
    assert payloads[-1]["section_comments"] == RETURN_BODY["section_comments"]


async def test_the_prefecture_queue_says_what_each_plan_came_for_and_since_when(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    approver = ctx.tokens.municipality(KIKUYO, "approver")
    prefecture = ctx.tokens.prefecture(KUMAMOTO, "approver")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
    plan = await act(ctx.client, approver, plan, "request_precheck")
    own = await complete(
        ctx.client,
        ctx.tokens.prefecture(KUMAMOTO, "editor"),
        await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO, "editor"), "C"),
    )
    assert own["state"] == "draft"

    queue = (await ctx.client.get("/api/plans/prefecture-queue", headers=prefecture)).json()
    assert [i["id"] for i in queue["items"]] == [plan["id"]]
    item = queue["items"][0]
    assert item["pending_step"] == "precheck"
    assert item["waiting_since"] == item["asked_at"]
    assert item["first_precheck_requested_at"] is None

    plan = await act(ctx.client, prefecture, plan, "forward")
    reviewer = ctx.tokens.national("reviewer")
    for action in ("start_review", "complete_precheck"):
        plan = await act(ctx.client, reviewer, plan, action)
    plan = await act(ctx.client, approver, plan, "announce", **announcement())
    plan = await act(ctx.client, approver, plan, "submit")
    item = (await ctx.client.get("/api/plans/prefecture-queue", headers=prefecture)).json()[
        "items"
    ][0]
    assert item["pending_step"] == "submission"
    assert item["waiting_since"] > item["first_precheck_requested_at"] > item["asked_at"]


async def test_only_prefectures_have_a_prefecture_queue(ctx: PlansContext) -> None:
    for headers in (ctx.tokens.national(), ctx.tokens.municipality(KIKUYO, "approver")):
        response = await ctx.client.get("/api/plans/prefecture-queue", headers=headers)
        assert response.status_code == 403
        assert response.json()["title"]  # Japanese title from the problem handler
        assert "都道府県" in response.json()["detail"]
