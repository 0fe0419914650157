"""知事等による公表: on or after the day (JST) the pre-check was completed, never after today;
formal submission on or after the announcement."""

from __future__ import annotations

from datetime import datetime

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import ANNOUNCEMENT_URL, KUMAMOTO, act, complete, create, drive


def at(moment: datetime) -> None:
    set_clock(Clock(moment, frozen=True))


async def completed_at(ctx: PlansContext, moment: datetime) -> dict:
    at(moment)
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    return await drive(ctx.client, ctx.tokens, plan, "complete_precheck")


async def announce(ctx: PlansContext, plan: dict, day: str, expect: int = 200) -> dict:
    return await act(
        ctx.client,
        ctx.tokens.prefecture(KUMAMOTO, "approver"),
        plan,
        "announce",
        expect=expect,
        announcement_date=day,
        announcement_url=ANNOUNCEMENT_URL,
    )


async def test_announcement_before_the_precheck_completion_day_is_refused(
    ctx: PlansContext,
) -> None:
    # completed at 00:30 JST on 8 August, which is still 7 August in UTC
    plan = await completed_at(ctx, jst_wall_clock(2026, 8, 8, 0, 30))
    at(jst_wall_clock(2026, 8, 10, 9, 0))
    refused = await announce(ctx, plan, "2026-08-07", expect=422)
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("announcement_date", "announcement.before_precheck")
    ]
    assert "2026-08-08" in refused["errors"][0]["message"]
    plan = await announce(ctx, plan, "2026-08-08")
    assert (plan["state"], plan["announcement_date"]) == ("announced", "2026-08-08")


async def test_announcement_dated_after_today_is_refused_and_nothing_changes(
    ctx: PlansContext,
) -> None:
    plan = await completed_at(ctx, jst_wall_clock(2026, 8, 8, 10, 0))
    at(jst_wall_clock(2026, 8, 10, 23, 50))
    refused = await announce(ctx, plan, "2026-08-11", expect=422)
    assert refused["errors"][0]["code"] == "announcement.future"
    current = await ctx.client.get(f"/api/plans/{plan['id']}", headers=ctx.tokens.national())
    assert (current.json()["state"], current.json()["announcement_date"]) == (
        "precheck_completed",
        None,
    )
    plan = await announce(ctx, plan, "2026-08-10")
    assert plan["announcement_date"] == "2026-08-10"


async def test_formal_submission_comes_on_or_after_the_announcement(ctx: PlansContext) -> None:
    plan = await completed_at(ctx, jst_wall_clock(2026, 8, 8, 10, 0))
    plan = await announce(ctx, plan, "2026-08-08")
    # the platform clock set back (an "as of" training session): the submission would predate it
    at(jst_wall_clock(2026, 8, 7, 23, 0))
    approver = ctx.tokens.prefecture(KUMAMOTO, "approver")
    refused = await act(ctx.client, approver, plan, "submit", expect=409)
    assert "公表の日以降" in refused["detail"]
    at(jst_wall_clock(2026, 8, 8, 0, 0))
    plan = await act(ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "submit")
    assert plan["state"] == "submitted"
