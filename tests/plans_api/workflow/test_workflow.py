from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chiiki_common import clock
from chiiki_common.db import create_engine, session_factory
from plans_api.plans.repository import all_rounds
from plans_api.rounds.membership import is_leading_example, round_of
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    ANNOUNCEMENT_URL,
    KIKUYO,
    KUMAMOTO,
    act,
    announcement,
    complete,
    create,
    drive,
    published_plan,
    write,
)


async def events(ctx: PlansContext) -> list[tuple[str, dict]]:
    engine = create_engine(ctx.database_url)
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT event_type, payload FROM outbox_events ORDER BY id")
        )
        out = [
            (row[0], row[1] if isinstance(row[1], dict) else __import__("json").loads(row[1]))
            for row in rows
        ]
    await engine.dispose()
    return out


async def test_prefectural_plan_goes_all_the_way_to_publication(ctx: PlansContext) -> None:
    plan = await published_plan(ctx.client, ctx.tokens)
    assert plan["state"] == "published"
    assert plan["published_version"] == 1
    history = (
        await ctx.client.get(f"/api/plans/{plan['id']}/history", headers=ctx.tokens.national())
    ).json()
    assert [(h["from_state"], h["to_state"]) for h in history] == [
        ("draft", "precheck_requested"),
        ("precheck_requested", "in_review"),
        ("in_review", "precheck_completed"),
        ("precheck_completed", "announced"),
        ("announced", "submitted"),
        ("submitted", "published"),
    ]
    assert history[0]["organisation"] == KUMAMOTO
    assert history[-1]["organisation"] == "cas"
    kinds = [e[0] for e in await events(ctx)]
    assert kinds.count("plan.state_changed") == 6
    assert "plan.precheck_completed" in kinds
    published = [p for k, p in await events(ctx) if k == "plan.published"]
    assert published[0]["version"] == 1
    assert published[0]["organisations"] == [KUMAMOTO]


async def test_precheck_request_on_invalid_plan_lists_everything_and_changes_nothing(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, editor, "B")
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/transitions",
        json={"action": "request_precheck"},
        headers={**ctx.tokens.prefecture(KUMAMOTO, "approver"), "If-Match": '"1"'},
    )
    assert response.status_code == 422
    assert len(response.json()["errors"]) > 10
    after = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)).json()
    assert (after["state"], after["version"]) == ("draft", 1)
    assert await events(ctx) == []


async def test_editor_cannot_request_precheck_only_approver(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    await act(ctx.client, editor, plan, "request_precheck", expect=403)


async def test_municipal_plan_goes_through_its_prefecture_for_precheck_and_submission(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    approver = ctx.tokens.municipality(KIKUYO, "approver")
    pref = ctx.tokens.prefecture(KUMAMOTO, "approver")
    other_pref = ctx.tokens.prefecture("400009", "approver")
    reviewer = ctx.tokens.national("reviewer")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
    plan = await act(ctx.client, approver, plan, "request_precheck")
    assert (plan["state"], plan["pending_step"]) == ("prefecture_review", "precheck")
    # national does not see it yet, another prefecture does not either
    assert (await ctx.client.get(f"/api/plans/{plan['id']}", headers=reviewer)).status_code == 404
    await act(ctx.client, other_pref, plan, "forward", expect=404)
    # the prefecture returns it, the municipality asks again, the prefecture forwards it
    plan = await act(ctx.client, pref, plan, "return_to_author", comment="KPIを再考してください")
    assert plan["state"] == "draft"
    plan = await act(ctx.client, approver, plan, "request_precheck")
    plan = await act(ctx.client, pref, plan, "forward")
    assert plan["state"] == "precheck_requested"
    plan = await act(ctx.client, reviewer, plan, "start_review")
    plan = await act(ctx.client, reviewer, plan, "complete_precheck")
    plan = await act(ctx.client, approver, plan, "announce", **announcement())
    plan = await act(ctx.client, approver, plan, "submit")
    assert (plan["state"], plan["pending_step"]) == ("prefecture_review", "submission")
    plan = await act(ctx.client, pref, plan, "forward")
    assert plan["state"] == "submitted"
    kinds = [k for k, _ in await events(ctx)]
    assert kinds.count("plan.arrived_at_prefecture") == 3
    returned = [p for k, p in await events(ctx) if k == "plan.returned"]
    assert returned[0]["comment"] == "KPIを再考してください"
    assert returned[0]["organisations"] == [KIKUYO]


async def test_return_with_comments_per_requirement_reaches_authors(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    reviewer = ctx.tokens.national("reviewer")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "start_review")
    await act(ctx.client, reviewer, plan, "return_with_comments", expect=422)
    plan = await act(
        ctx.client,
        reviewer,
        plan,
        "return_with_comments",
        comment="要件③の記載を補ってください",
        requirement_comments=[
            {"number": 3, "verdict": "needs_revision", "comment": "調達の道筋が不明"}
        ],
    )
    assert plan["state"] == "returned"
    third = next(r for r in plan["requirements"] if r["number"] == 3)
    assert (third["verdict"], third["comment"]) == ("needs_revision", "調達の道筋が不明")
    returned = [p for k, p in await events(ctx) if k == "plan.returned"]
    assert returned[0]["comments"][0]["number"] == 3
    # the authors fix it and ask again
    plan = await write(
        ctx.client,
        editor,
        plan,
        "PATCH",
        "",
        {"requirement_statements": {"3": "国内調達率を上げる"}},
    )
    plan = await act(
        ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "request_precheck"
    )
    assert plan["state"] == "precheck_requested"


@pytest.mark.parametrize(
    ("until", "action", "status"),
    [
        ("request_precheck", "announce", 409),
        ("complete_precheck", "submit", 409),
        ("start_review", "publish", 409),
    ],
)
async def test_steps_cannot_be_skipped(
    ctx: PlansContext, until: str, action: str, status: int
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, until)
    actor = (
        ctx.tokens.national("publisher")
        if action == "publish"
        else ctx.tokens.prefecture(KUMAMOTO, "approver")
    )
    await act(
        ctx.client,
        actor,
        plan,
        action,
        expect=status,
        **announcement() if action == "announce" else {},
    )


async def test_announce_needs_date_and_url_and_publish_needs_publisher(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "complete_precheck")
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/transitions",
        json={"action": "announce"},
        headers={**ctx.tokens.prefecture(KUMAMOTO, "approver"), "If-Match": f'"{plan["version"]}"'},
    )
    assert {e["field"] for e in response.json()["errors"]} == {
        "announcement_date",
        "announcement_url",
    }
    plan = await drive(ctx.client, ctx.tokens, plan, "announce") if False else plan
    plan = await act(
        ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "announce", **announcement()
    )
    assert plan["announcement_url"] == ANNOUNCEMENT_URL
    plan = await act(
        ctx.client,
        ctx.tokens.prefecture(KUMAMOTO, "approver"),
        plan,
        "submit",
        recorded_outside=True,
    )
    await act(ctx.client, ctx.tokens.national("reviewer"), plan, "publish", expect=403)
    history = (await ctx.client.get(f"/api/plans/{plan['id']}/history", headers=editor)).json()
    assert history[-1]["recorded_outside"] is True


async def test_withdraw_before_publication_only(ctx: PlansContext) -> None:
    approver = ctx.tokens.prefecture(KUMAMOTO, "approver")
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, editor, "B")
    plan = await act(ctx.client, approver, plan, "withdraw", comment="方針変更")
    assert plan["state"] == "withdrawn"
    published = await published_plan(ctx.client, ctx.tokens, title="公表済み")
    await act(ctx.client, approver, published, "withdraw", expect=409)


async def test_revision_after_publication_keeps_published_snapshot(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await published_plan(ctx.client, ctx.tokens, title="初版")
    plan = await act(ctx.client, editor, plan, "revise", comment="KPIの高度化")
    assert (plan["state"], plan["revision"], plan["published_version"]) == ("draft", 2, 1)
    plan = await write(ctx.client, editor, plan, "PATCH", "", {"title": "改訂版"})
    public = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    assert (public["title"], public["version"]) == ("初版", 1)
    await act(ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "withdraw", expect=409)
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    assert plan["published_version"] == 2
    public = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    assert (public["title"], public["version"]) == ("改訂版", 2)


@pytest.mark.parametrize(
    ("requested_at", "round_code", "leading"),
    [
        # 「2026年6月5日(金)までに」: every moment of that JST day, up to 23:59:59.999999
        (datetime(2026, 6, 5, 14, 59, 59, 999999, tzinfo=UTC), "2026-batch-1", True),
        (datetime(2026, 6, 5, 14, 59, 30, tzinfo=UTC), "2026-batch-1", True),
        (datetime(2026, 6, 5, 15, 0, tzinfo=UTC), "2026-batch-1", False),
        (datetime(2026, 7, 15, 14, 59, 59, 999999, tzinfo=UTC), "2026-batch-1", False),
        (datetime(2026, 7, 15, 15, 0, tzinfo=UTC), None, False),
    ],
)
async def test_round_and_leading_example_follow_the_seeded_cutoffs(
    ctx: PlansContext, requested_at: datetime, round_code: str | None, leading: bool
) -> None:
    # either side of each cutoff, to the microsecond (the old 23:59 cutoff lost the last minute)
    engine = create_engine(ctx.database_url)
    async with session_factory(engine)() as session:
        rounds = await all_rounds(session)
    await engine.dispose()
    found = round_of(requested_at, rounds)
    assert (found.code if found else None, is_leading_example(requested_at, rounds)) == (
        round_code,
        leading,
    )


@pytest.mark.parametrize(
    ("requested_at", "round_code", "leading"),
    [
        (datetime(2026, 6, 5, 14, 0, tzinfo=UTC), "2026-batch-1", True),
        (datetime(2026, 7, 1, 1, 0, tzinfo=UTC), "2026-batch-1", False),
        (datetime(2026, 8, 1, 1, 0, tzinfo=UTC), None, False),
    ],
)
async def test_plan_shows_its_round_and_national_users_filter_by_it(
    ctx: PlansContext, requested_at: datetime, round_code: str | None, leading: bool
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    with clock.frozen_at(requested_at):
        # tokens are minted and checked on the platform clock
        plan = await drive(ctx.client, ctx.tokens, plan, "request_precheck")
        national = ctx.tokens.national()
        rounds = (await ctx.client.get("/api/rounds", headers=national)).json()
        listed = (await ctx.client.get("/api/plans?round=2026-batch-1", headers=national)).json()
    assert (plan["round_code"], plan["leading_example"]) == (round_code, leading)
    assert plan["first_precheck_requested_at"].startswith(requested_at.date().isoformat())
    assert [(r["code"], r["last_day"]) for r in rounds] == [
        ("2026-leading", "2026-06-05"),
        ("2026-batch-1", "2026-07-15"),
    ]
    assert listed["total"] == (1 if round_code else 0)


@pytest.mark.postgres
async def test_two_concurrent_transitions_exactly_one_wins(ctx: PlansContext, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("row-lock race is a PostgreSQL test")
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "request_precheck")
    reviewer = ctx.tokens.national("reviewer")
    headers = {**reviewer, "If-Match": f'"{plan["version"]}"'}
    url = f"/api/plans/{plan['id']}/transitions"
    responses = await asyncio.gather(
        ctx.client.post(url, json={"action": "start_review"}, headers=headers),
        ctx.client.post(url, json={"action": "start_review"}, headers=headers),
    )
    assert sorted(r.status_code for r in responses) == [200, 412]
    history = (await ctx.client.get(f"/api/plans/{plan['id']}/history", headers=reviewer)).json()
    assert [h["to_state"] for h in history].count("in_review") == 1


async def test_coordination_checklist_is_kept_between_precheck_and_announcement(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "start_review")
    entries = {
        "entries": [
            {
                "party_kind": "assembly",
                "party_name": "熊本県議会 経済環境常任委員会",
                "consulted_on": "2026-08-01",
                "notes": "計画案を説明",
            }
        ]
    }
    url = f"/api/plans/{plan['id']}/coordination"
    during_review = await ctx.client.put(
        url, json=entries, headers={**editor, "If-Match": f'"{plan["version"]}"'}
    )
    assert during_review.status_code == 409
    plan = await act(ctx.client, ctx.tokens.national("reviewer"), plan, "complete_precheck")
    plan = await write(ctx.client, editor, plan, "PUT", "/coordination", entries)
    assert plan["coordination"][0]["party_kind"] == "assembly"
    assert plan["state"] == "precheck_completed"


async def test_reviewer_records_a_verdict_per_requirement_and_sees_next_steps(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    reviewer = ctx.tokens.national("reviewer")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "start_review")
    steps = (await ctx.client.get(f"/api/plans/{plan['id']}/transitions", headers=reviewer)).json()
    assert {s["action"] for s in steps} == {"return_with_comments", "complete_precheck"}
    plan = await write(
        ctx.client,
        reviewer,
        plan,
        "PUT",
        "/requirements/1/review",
        {"verdict": "satisfied", "comment": "市場が明確"},
    )
    first = plan["requirements"][0]
    assert (first["verdict"], first["comment"], first["statement"]) == (
        "satisfied",
        "市場が明確",
        "要件1の充足状況",
    )
    response = await ctx.client.put(
        f"/api/plans/{plan['id']}/requirements/1/review",
        json={"verdict": "satisfied", "comment": ""},
        headers={**editor, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 403
    author_steps = (
        await ctx.client.get(f"/api/plans/{plan['id']}/transitions", headers=editor)
    ).json()
    assert author_steps == []


async def test_history_cannot_be_rewritten(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await act(
        ctx.client,
        ctx.tokens.prefecture(KUMAMOTO, "approver"),
        await create(ctx.client, editor),
        "withdraw",
    )
    engine = create_engine(ctx.database_url)
    for statement in ("UPDATE plan_history SET comment = 'forged'", "DELETE FROM plan_history"):
        with pytest.raises(DBAPIError):
            async with engine.begin() as connection:
                await connection.execute(text(statement))
    await engine.dispose()
    history = (await ctx.client.get(f"/api/plans/{plan['id']}/history", headers=editor)).json()
    assert [(h["action"], h["comment"]) for h in history] == [("withdraw", "")]
