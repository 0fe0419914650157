"""「承認者に依頼する」: an editor of a valid draft or returned plan asks the organisation's
approvers (event ``plan.approval_requested``); a viewer, a non-author, an invalid plan and a plan
past the approver's step are refused. A return's event names its requirements and sections in
Japanese for the 修正依頼 mail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from chiiki_common.db import create_engine
from plans_api.models import OutboxEvent
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KIKUYO, KUMAMOTO, act, complete, create, drive

URL = "/api/plans/{id}/approval-request"


async def _events(ctx: PlansContext, event_type: str) -> list[dict[str, Any]]:
    engine = create_engine(ctx.database_url)
    async with engine.connect() as connection:
        payloads = (
            await connection.scalars(
                select(OutboxEvent.payload)
                .where(OutboxEvent.event_type == event_type)
                .order_by(OutboxEvent.id)
            )
        ).all()
    await engine.dispose()
    return list(payloads)


async def test_an_editor_of_a_valid_draft_asks_the_approvers(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    response = await ctx.client.post(
        URL.format(id=plan["id"]), json={"message": "確認をお願いします"}, headers=editor
    )
    assert response.status_code == 202, response.text
    body = response.json()
    assert (body["plan_id"], body["event"], body["organisation"]) == (
        plan["id"],
        "plan.approval_requested",
        KUMAMOTO,
    )
    [event] = await _events(ctx, "plan.approval_requested")
    assert event["organisation"] == KUMAMOTO
    assert event["plan_id"] == plan["id"]
    assert event["message"] == "確認をお願いします"
    # the plan itself does not move
    after = await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)
    assert (after.json()["state"], after.json()["version"]) == ("draft", plan["version"])


async def test_an_invalid_plan_is_refused_with_every_failing_item(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, editor, "B")
    response = await ctx.client.post(URL.format(id=plan["id"]), json={}, headers=editor)
    assert response.status_code == 422
    problem = response.json()
    assert problem["detail"] == "計画に未記入・不備の項目があるため承認者に依頼できません"
    assert len(problem["errors"]) > 1
    assert await _events(ctx, "plan.approval_requested") == []


async def test_a_viewer_and_another_organisation_may_not_ask(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    viewer = await ctx.client.post(
        URL.format(id=plan["id"]), json={}, headers=ctx.tokens.prefecture(KUMAMOTO, "viewer")
    )
    assert viewer.status_code == 403
    other = await ctx.client.post(
        URL.format(id=plan["id"]), json={}, headers=ctx.tokens.prefecture("400009", "editor")
    )
    assert other.status_code == 404
    assert await _events(ctx, "plan.approval_requested") == []


async def test_a_plan_past_the_approvers_step_is_refused(ctx: PlansContext) -> None:
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
    plan = await act(
        ctx.client, ctx.tokens.municipality(KIKUYO, "approver"), plan, "request_precheck"
    )
    response = await ctx.client.post(URL.format(id=plan["id"]), json={}, headers=editor)
    assert response.status_code == 409
    assert response.json()["title"] == "現在の状態では承認者に依頼できません"


async def test_a_returned_plan_may_ask_again_and_the_return_names_its_comments(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "start_review")
    plan = await act(
        ctx.client,
        ctx.tokens.national("reviewer"),
        plan,
        "return_with_comments",
        comment="全体を見直してください",
        requirement_comments=[
            {"number": 7, "verdict": "needs_revision", "comment": "撤退基準を数値で"}
        ],
        section_comments=[{"section": "present_and_goals", "comment": "出典を記載"}],
    )
    assert plan["state"] == "returned"
    [returned] = await _events(ctx, "plan.returned")
    assert returned["requirement_labels"] == {"7": "EBPMメルクマール"}
    assert returned["section_labels"] == {"present_and_goals": "3. 現状認識と目指す姿【目標】"}
    response = await ctx.client.post(URL.format(id=plan["id"]), json={}, headers=editor)
    assert response.status_code == 202, response.text
