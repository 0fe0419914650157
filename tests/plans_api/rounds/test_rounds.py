"""Rounds follow the seed's words: 「…までに」 is the whole JST day, a municipal plan's round is the
day the municipality asked, membership is derived (a later round takes later requests), rounds
are edited only until their cutoff (history kept), and the review clock runs against the round's
target date."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from chiiki_common.clock import JST, Clock, jst_wall_clock, set_clock
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KIKUYO, KUMAMOTO, act, complete, create

ADMIN = ("admin",)


def at(moment: datetime) -> None:
    set_clock(Clock(moment, frozen=True))


async def asked(
    ctx: PlansContext, moment: datetime, *, title: str = "計画", org: str = KUMAMOTO
) -> dict[str, Any]:
    """A complete prefectural B plan whose first pre-check request is made at ``moment``."""
    at(moment)
    editor = ctx.tokens.prefecture(org, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B", title=title))
    return await act(ctx.client, ctx.tokens.prefecture(org, "approver"), plan, "request_precheck")


async def national_get(ctx: PlansContext, path: str, *roles: str) -> Any:
    response = await ctx.client.get(path, headers=ctx.tokens.national(*(roles or ("reviewer",))))
    assert response.status_code == 200, response.text
    return response.json()


async def add_round(ctx: PlansContext, body: dict[str, Any], expect: int = 201) -> dict[str, Any]:
    response = await ctx.client.post("/api/rounds", json=body, headers=ctx.tokens.national(*ADMIN))
    assert response.status_code == expect, response.text
    return response.json()  # type: ignore[no-any-return]


BATCH_2 = {
    "code": "2026-batch-2",
    "name": "第2弾(2026年10月30日までの事前確認依頼)",
    "kind": "batch",
    "last_day": "2026-10-30",
    "review_target_date": "2026-12-10",
}


async def test_every_moment_of_the_last_day_counts_and_the_next_day_does_not(
    ctx: PlansContext,
) -> None:
    last_second = await asked(ctx, jst_wall_clock(2026, 7, 15, 23, 59), title="最終日の深夜")
    next_day = await asked(ctx, jst_wall_clock(2026, 7, 16, 0, 0), title="翌日の0時")
    leading = await asked(ctx, jst_wall_clock(2026, 6, 5, 23, 59), title="先行事例の最終日")
    assert (last_second["round_code"], last_second["leading_example"]) == ("2026-batch-1", False)
    assert (next_day["round_code"], next_day["round"]) == (None, None)
    assert (leading["round_code"], leading["leading_example"]) == ("2026-batch-1", True)
    assert last_second["round"]["last_day"] == "2026-07-15"
    listed = await national_get(ctx, "/api/plans?round=2026-batch-1")
    assert {p["title"] for p in listed["items"]} == {"最終日の深夜", "先行事例の最終日"}
    leading_list = await national_get(ctx, "/api/plans?round=2026-leading")
    assert [p["title"] for p in leading_list["items"]] == ["先行事例の最終日"]
    unknown = await national_get(ctx, "/api/plans?round=no-such-round")
    assert unknown["total"] == 0


def jst(*parts: int) -> datetime:
    """A JST moment to the microsecond (``jst_wall_clock`` stops at the minute)."""
    return datetime(*parts, tzinfo=JST).astimezone(UTC)  # type: ignore[misc]


# 「2026年6月5日(金)までに」 / 「2026年7月15日(水)までに」: the first and the last instant of each day
EDGES = [
    ("6/5 00:00:00.000", jst(2026, 6, 5, 0, 0, 0, 0), "2026-batch-1", True),
    ("6/5 23:59:59.999", jst(2026, 6, 5, 23, 59, 59, 999_000), "2026-batch-1", True),
    ("6/6 00:00:00.000", jst(2026, 6, 6, 0, 0, 0, 0), "2026-batch-1", False),
    ("7/15 00:00:00.000", jst(2026, 7, 15, 0, 0, 0, 0), "2026-batch-1", False),
    ("7/15 23:59:59.999", jst(2026, 7, 15, 23, 59, 59, 999_000), "2026-batch-1", False),
    ("7/16 00:00:00.000", jst(2026, 7, 16, 0, 0, 0, 0), None, False),
]


async def test_the_first_and_last_instant_of_each_seeded_day_count_and_the_next_day_does_not(
    ctx: PlansContext,
) -> None:
    plans = [await asked(ctx, moment, title=label) for label, moment, _, _ in EDGES]
    assert [(p["title"], p["round_code"], p["leading_example"]) for p in plans] == [
        (label, code, leading) for label, _, code, leading in EDGES
    ]
    at(jst_wall_clock(2026, 7, 20, 9, 0))
    national = ctx.tokens.national()
    for plan, (_, moment, code, leading) in zip(plans, EDGES, strict=True):
        stored = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=national)).json()
        assert (stored["round_code"], stored["leading_example"]) == (code, leading)
        assert datetime.fromisoformat(stored["asked_at"]) == moment
    listed = await national_get(ctx, "/api/plans?round=2026-batch-1&limit=100")
    assert sorted(p["title"] for p in listed["items"]) == sorted(
        label for label, _, code, _ in EDGES if code == "2026-batch-1"
    )
    leading_list = await national_get(ctx, "/api/plans?round=2026-leading&limit=100")
    assert sorted(p["title"] for p in leading_list["items"]) == [
        "6/5 00:00:00.000",
        "6/5 23:59:59.999",
    ]


@pytest.mark.parametrize(
    ("moment", "leading"),
    [(jst(2026, 6, 5, 23, 59, 59, 999_000), True), (jst(2026, 7, 15, 23, 59, 59, 999_000), False)],
    ids=["6/5-23:59:59.999", "7/15-23:59:59.999"],
)
async def test_a_municipality_asking_in_the_last_instant_keeps_the_round_when_forwarded_later(
    ctx: PlansContext, moment: datetime, leading: bool
) -> None:
    at(moment)
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
    plan = await act(
        ctx.client, ctx.tokens.municipality(KIKUYO, "approver"), plan, "request_precheck"
    )
    at(jst_wall_clock(2026, 7, 16, 0, 0))
    plan = await act(ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "forward")
    assert (plan["state"], plan["round_code"], plan["leading_example"]) == (
        "precheck_requested",
        "2026-batch-1",
        leading,
    )
    assert datetime.fromisoformat(plan["asked_at"]) == moment
    assert plan["prefecture_forwarded_at"] == "2026-07-15T15:00:00Z"


async def test_a_municipal_plan_belongs_to_the_round_of_the_day_the_municipality_asked(
    ctx: PlansContext,
) -> None:
    at(jst_wall_clock(2026, 7, 15, 22, 0))
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "C"))
    plan = await act(
        ctx.client, ctx.tokens.municipality(KIKUYO, "approver"), plan, "request_precheck"
    )
    at(jst_wall_clock(2026, 7, 17, 10, 0))
    plan = await act(ctx.client, ctx.tokens.prefecture(KUMAMOTO, "approver"), plan, "forward")
    assert plan["state"] == "precheck_requested"
    assert plan["round_code"] == "2026-batch-1"
    assert plan["asked_at"] == "2026-07-15T13:00:00Z"
    assert plan["prefecture_forwarded_at"] == "2026-07-17T01:00:00Z"
    assert plan["first_precheck_requested_at"] == "2026-07-17T01:00:00Z"
    listed = await national_get(ctx, "/api/plans?round=2026-batch-1")
    assert [p["id"] for p in listed["items"]] == [plan["id"]]


async def test_a_round_added_later_takes_the_plans_asked_after_the_previous_cutoff(
    ctx: PlansContext,
) -> None:
    first = await asked(ctx, jst_wall_clock(2026, 7, 10, 10, 0), title="第1弾")
    later = await asked(ctx, jst_wall_clock(2026, 8, 3, 10, 0), title="締切後")
    assert later["round_code"] is None
    at(jst_wall_clock(2026, 9, 1, 9, 0))
    created = await add_round(ctx, BATCH_2)
    assert (created["last_day"], created["cutoff_at"], created["editable"]) == (
        "2026-10-30",
        "2026-10-30T15:00:00Z",
        True,
    )
    national = ctx.tokens.national()
    again = (await ctx.client.get(f"/api/plans/{later['id']}", headers=national)).json()
    assert (again["round_code"], again["round"]["review_target_date"]) == (
        "2026-batch-2",
        "2026-12-10",
    )
    kept = (await ctx.client.get(f"/api/plans/{first['id']}", headers=national)).json()
    assert kept["round_code"] == "2026-batch-1"
    listed = await national_get(ctx, "/api/plans?round=2026-batch-2")
    assert [p["title"] for p in listed["items"]] == ["締切後"]


async def test_a_round_whose_last_day_has_passed_cannot_be_added(ctx: PlansContext) -> None:
    at(jst_wall_clock(2026, 9, 1, 9, 0))
    refused = await add_round(ctx, {**BATCH_2, "last_day": "2026-08-31"}, expect=422)
    assert refused["errors"][0]["field"] == "last_day"
    bad_target = await add_round(ctx, {**BATCH_2, "review_target_date": "2026-10-30"}, expect=422)
    assert bad_target["errors"][0]["field"] == "review_target_date"
    rounds = await national_get(ctx, "/api/rounds")
    assert [r["code"] for r in rounds] == ["2026-leading", "2026-batch-1"]


async def test_a_national_admin_edits_a_round_until_its_cutoff_and_every_version_is_kept(
    ctx: PlansContext,
) -> None:
    at(jst_wall_clock(2026, 9, 1, 9, 0))
    await add_round(ctx, BATCH_2)
    url = "/api/rounds/2026-batch-2"
    reviewer = await ctx.client.patch(url, json={"name": "x"}, headers=ctx.tokens.national())
    assert reviewer.status_code == 403
    at(jst_wall_clock(2026, 10, 30, 23, 59))
    edited = await ctx.client.patch(
        url,
        json={"name": "第2弾(延長)", "last_day": "2026-11-13"},
        headers=ctx.tokens.national(*ADMIN),
    )
    assert edited.status_code == 200, edited.text
    assert (edited.json()["last_day"], edited.json()["cutoff_at"]) == (
        "2026-11-13",
        "2026-11-13T15:00:00Z",
    )
    past = await ctx.client.patch(
        url, json={"last_day": "2026-10-29"}, headers=ctx.tokens.national(*ADMIN)
    )
    assert past.status_code == 422
    at(jst_wall_clock(2026, 11, 14, 0, 0))
    closed = await ctx.client.patch(
        url, json={"review_target_date": "2026-12-24"}, headers=ctx.tokens.national(*ADMIN)
    )
    assert closed.status_code == 409
    assert closed.json()["title"] == "この回は変更できません"
    history = await national_get(ctx, f"{url}/history")
    assert [
        (h["action"], (h["before"] or {}).get("last_day"), h["after"]["last_day"]) for h in history
    ] == [
        ("create", None, "2026-10-30"),
        ("update", "2026-10-30", "2026-11-13"),
    ]
    assert history[1]["after"]["name"] == "第2弾(延長)"
    current = [r for r in await national_get(ctx, "/api/rounds") if r["code"] == "2026-batch-2"]
    assert (current[0]["last_day"], current[0]["editable"]) == ("2026-11-13", False)


async def test_the_review_queue_sorts_by_the_rounds_target_date_and_marks_the_overdue(
    ctx: PlansContext,
) -> None:
    on_time = await asked(ctx, jst_wall_clock(2026, 7, 10, 10, 0), title="第1弾")
    at(jst_wall_clock(2026, 7, 20, 9, 0))
    await act(ctx.client, ctx.tokens.national("reviewer"), on_time, "start_review")
    second = await asked(ctx, jst_wall_clock(2026, 8, 3, 10, 0), title="第2弾")
    at(jst_wall_clock(2026, 9, 1, 9, 0))
    await add_round(ctx, BATCH_2)
    no_round = await asked(ctx, jst_wall_clock(2026, 11, 20, 10, 0), title="回未定")
    at(jst_wall_clock(2026, 11, 25, 9, 0))
    queue = await national_get(ctx, "/api/plans/review-queue")
    assert [i["title"] for i in queue["items"]] == ["第1弾", "第2弾", "回未定"]
    first, middle, last = queue["items"]
    assert first["review_clock"] == {
        "requested_at": "2026-07-10T01:00:00Z",
        "days_in_review": 137,
        "target_date": "2026-08-15",
        "overdue": True,
    }
    assert (first["state"], first["round_name"]) == (
        "in_review",
        "第1弾(2026年7月15日までの事前確認依頼)",
    )
    assert (middle["review_clock"]["target_date"], middle["review_clock"]["overdue"]) == (
        "2026-12-10",
        False,
    )
    assert (last["review_clock"]["target_date"], last["review_clock"]["days_in_review"]) == (
        None,
        4,
    )
    assert (second["id"], no_round["id"]) == (middle["id"], last["id"])
    plan = (
        await ctx.client.get(f"/api/plans/{on_time['id']}", headers=ctx.tokens.national())
    ).json()
    assert plan["review_clock"] == first["review_clock"]
    page = await national_get(ctx, "/api/plans/review-queue?limit=1&offset=1")
    assert ([i["title"] for i in page["items"]], page["total"]) == (["第2弾"], 3)
    refused = await ctx.client.get(
        "/api/plans/review-queue", headers=ctx.tokens.prefecture(KUMAMOTO)
    )
    assert refused.status_code == 403


async def test_a_request_becomes_overdue_when_the_target_days_end_passes_in_jst(
    ctx: PlansContext,
) -> None:
    plan = await asked(ctx, jst_wall_clock(2026, 7, 10, 10, 0), title="目標日の境目")

    async def clock_of_the_queue() -> dict[str, Any]:
        queue = await national_get(ctx, "/api/plans/review-queue")
        [item] = [i for i in queue["items"] if i["id"] == plan["id"]]
        return item["review_clock"]  # type: ignore[no-any-return]

    at(jst(2026, 8, 15, 23, 59, 59, 999_000))  # the whole target day is still on time
    on_time = await clock_of_the_queue()
    assert (on_time["target_date"], on_time["overdue"]) == ("2026-08-15", False)
    at(jst_wall_clock(2026, 8, 16, 0, 0))  # 15:00 UTC on the 15th: already the 16th in Japan
    late = await clock_of_the_queue()
    assert (late["target_date"], late["overdue"], late["days_in_review"]) == (
        "2026-08-15",
        True,
        36,
    )


async def test_a_round_cannot_be_added_or_moved_before_an_open_round_and_take_its_plans(
    ctx: PlansContext,
) -> None:
    member = await asked(ctx, jst_wall_clock(2026, 6, 20, 10, 0), title="第1弾に依頼済み")
    at(jst_wall_clock(2026, 7, 1, 9, 0))  # the first batch is still open until 7/15
    early = {**BATCH_2, "last_day": "2026-07-10", "review_target_date": "2026-08-10"}
    refused = await add_round(ctx, early, expect=422)
    assert [e["field"] for e in refused["errors"]] == ["last_day"]
    assert "2026-07-15" in refused["errors"][0]["message"]
    same_day = await add_round(ctx, {**early, "last_day": "2026-07-15"}, expect=422)
    assert [e["field"] for e in same_day["errors"]] == ["last_day"]
    rounds = await national_get(ctx, "/api/rounds")
    assert [r["code"] for r in rounds] == ["2026-leading", "2026-batch-1"]
    await add_round(ctx, BATCH_2)
    third = {**BATCH_2, "code": "2026-batch-3", "name": "第3弾", "last_day": "2026-12-25"}
    third["review_target_date"] = "2027-01-29"
    await add_round(ctx, third)
    admin = ctx.tokens.national(*ADMIN)
    # an open round moved over its neighbour would take plans already asked for another round
    for code, last_day in (("2026-batch-2", "2026-12-25"), ("2026-batch-3", "2026-10-30")):
        moved = await ctx.client.patch(
            f"/api/rounds/{code}",
            json={"last_day": last_day, "review_target_date": "2027-01-29"},
            headers=admin,
        )
        assert moved.status_code == 422, moved.text
        assert [e["field"] for e in moved.json()["errors"]] == ["last_day"]
    stored = await ctx.client.get(f"/api/plans/{member['id']}", headers=ctx.tokens.national())
    assert stored.json()["round_code"] == "2026-batch-1"
    assert [r["code"] for r in await national_get(ctx, "/api/rounds")] == [
        "2026-leading",
        "2026-batch-1",
        "2026-batch-2",
        "2026-batch-3",
    ]
