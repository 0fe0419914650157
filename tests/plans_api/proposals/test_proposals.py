"""候補プロジェクト案件 (type A; seed 002 【都道府県のプロジェクト提案の要件】): a prefecture drafts a
proposal, its approver submits it once it shows the four requirements, and the bureau of its block
adopts it, returns it with a reason, or does not adopt it. Each party sees what it should and
nothing else."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from chiiki_common.clock import Clock, set_clock
from chiiki_common.db import create_engine, session_factory
from plans_api.demo import seed_proposals
from plans_api.models import AuditRecord, OutboxEvent
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import FUKUOKA, KUMAMOTO, KUMAMOTO_CITY, company_number

URL = "/api/proposals"
KANTO_BLOCK = ("08", "09", "10", "11", "12", "13", "14", "15", "19", "20", "22")

COMPLETE: dict[str, Any] = {
    "title": "次世代半導体の前工程・後工程拠点の形成",
    "strategic_fields": ["ai_semiconductor"],
    "field_alignment": "AI・半導体分野の官民投資ロードマップにある製造拠点の整備に沿う。",
    "draft_alignment": "九州ブロックの素案が掲げる半導体サプライチェーンの強靱化に資する。",
    "budget_coordination": [
        {"ministry": "経済産業省", "since": "2026-09-01", "status": "補助事業の活用を協議中"},
        {"ministry": "国土交通省", "since": "2026-10-15", "status": "工業用水道の整備を協議中"},
    ],
    "investment": {
        "amount_yen": 300_000_000_000,
        "start_fy": 2027,
        "end_fy": 2030,
        "investors": [
            {"corporate_number": company_number(7001), "name": "九州先端デバイス株式会社"}
        ],
    },
    "labour_environment": "県内採用500人、賃金水準を県平均の1.2倍とし、毎年の賃上げを計画する。",
}


@pytest.fixture(autouse=True)
def _today() -> None:
    set_clock(Clock(datetime(2026, 12, 1, 3, 0, tzinfo=UTC), frozen=True))


def editor(ctx: PlansContext, org: str = KUMAMOTO) -> dict[str, str]:
    return ctx.tokens.prefecture(org, "editor")


def approver(ctx: PlansContext, org: str = KUMAMOTO) -> dict[str, str]:
    return ctx.tokens.prefecture(org, "approver")


def kyushu(ctx: PlansContext, role: str = "approver") -> dict[str, str]:
    return ctx.tokens.bureau("meti-kyushu", role)


def kanto(ctx: PlansContext) -> dict[str, str]:
    return ctx.tokens.bureau("meti-kanto", "approver", block=KANTO_BLOCK)


async def create(
    ctx: PlansContext, body: dict[str, Any] | None = None, org: str = KUMAMOTO
) -> dict[str, Any]:
    response = await ctx.client.post(URL, json=body or COMPLETE, headers=editor(ctx, org))
    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == f'"{response.json()["version"]}"'
    return response.json()  # type: ignore[no-any-return]


async def post(
    ctx: PlansContext,
    proposal: dict[str, Any],
    action: str,
    headers: dict[str, str],
    body: dict[str, Any] | None = None,
    expect: int = 200,
) -> dict[str, Any]:
    response = await ctx.client.post(
        f"{URL}/{proposal['id']}/{action}",
        json=body,
        headers={**headers, "If-Match": f'"{proposal["version"]}"'},
    )
    assert response.status_code == expect, response.text
    return response.json()  # type: ignore[no-any-return]


async def get(ctx: PlansContext, proposal_id: int, headers: dict[str, str]) -> int:
    return (await ctx.client.get(f"{URL}/{proposal_id}", headers=headers)).status_code


async def listed(ctx: PlansContext, headers: dict[str, str], **params: str) -> list[int]:
    response = await ctx.client.get(URL, headers=headers, params=params)
    assert response.status_code == 200, response.text
    return [p["id"] for p in response.json()["items"]]


async def events(ctx: PlansContext) -> list[tuple[str, dict[str, Any]]]:
    engine = create_engine(ctx.database_url)
    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                select(OutboxEvent.event_type, OutboxEvent.payload)
                .where(OutboxEvent.aggregate_type == "candidate_project")
                .order_by(OutboxEvent.id)
            )
        ).all()
    await engine.dispose()
    return [(r[0], r[1]) for r in rows]


async def test_a_proposal_goes_from_the_prefecture_to_its_bureau_and_is_adopted(
    ctx: PlansContext,
) -> None:
    draft = await create(ctx)
    assert draft["state"] == "draft"
    assert draft["state_label"] == "作成中"
    assert draft["prefecture"] == "43"
    assert draft["organisation_name"] == "熊本県"
    assert draft["investment"]["investors"][0]["name"] == "九州先端デバイス株式会社"

    assert await listed(ctx, kyushu(ctx)) == [], "a draft stays with its prefecture"
    submitted = await post(ctx, draft, "submit", approver(ctx))
    assert submitted["state"] == "submitted"
    assert submitted["submitted_at"] is not None
    assert await listed(ctx, kyushu(ctx)) == [draft["id"]]

    returned = await post(
        ctx, submitted, "decision", kyushu(ctx), {"decision": "return", "comment": "投資額の根拠を"}
    )
    assert returned["state"] == "returned"
    assert returned["decision_comment"] == "投資額の根拠を"

    changed = await ctx.client.patch(
        f"{URL}/{draft['id']}",
        json={"investment": {**COMPLETE["investment"], "amount_yen": 320_000_000_000}},
        headers={**editor(ctx), "If-Match": f'"{returned["version"]}"'},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["investment"]["amount_yen"] == 320_000_000_000
    assert changed.json()["labour_environment"] == COMPLETE["labour_environment"], (
        "other parts kept"
    )

    again = await post(ctx, changed.json(), "submit", approver(ctx))
    adopted = await post(ctx, again, "decision", kyushu(ctx), {"decision": "adopt"})
    assert adopted["state"] == "adopted"
    assert adopted["state_label"] == "採用"
    assert [e for e, _ in await events(ctx)] == [
        "proposal.submitted",
        "proposal.decided",
        "proposal.submitted",
        "proposal.decided",
    ]
    _, last = (await events(ctx))[-1]
    assert last["state"] == "adopted"
    assert last["organisation"] == KUMAMOTO

    engine = create_engine(ctx.database_url)
    async with engine.connect() as connection:
        actions = (
            await connection.scalars(
                select(AuditRecord.action)
                .where(AuditRecord.resource_type == "candidate_project")
                .order_by(AuditRecord.id)
            )
        ).all()
    await engine.dispose()
    assert actions == [
        "proposal.create",
        "proposal.submit",
        "proposal.decide",
        "proposal.update",
        "proposal.submit",
        "proposal.decide",
    ]


async def test_a_proposal_missing_its_requirements_is_refused_naming_each_and_stays_a_draft(
    ctx: PlansContext,
) -> None:
    draft = await create(ctx, {"title": "まだ書きかけの案件"})
    response = await ctx.client.post(
        f"{URL}/{draft['id']}/submit",
        headers={**approver(ctx), "If-Match": f'"{draft["version"]}"'},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["title"] == "入力内容に誤りがあります"
    assert {e["field"] for e in problem["errors"]} == {
        "strategic_fields",
        "field_alignment",
        "draft_alignment",
        "budget_coordination",
        "investment/amount_yen",
        "investment/start_fy",
        "investment/end_fy",
        "investment/investors",
        "labour_environment",
    }
    assert all("_" not in e["message"] for e in problem["errors"]), "messages name no key"
    again = await ctx.client.get(f"{URL}/{draft['id']}", headers=editor(ctx))
    assert again.json()["state"] == "draft"
    assert again.json()["version"] == draft["version"]
    assert await events(ctx) == []


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (
            {
                "budget_coordination": [
                    {"ministry": "経済産業省", "since": "2026-12-02", "status": "予定"}
                ]
            },
            "budget_coordination/0/since",
            "proposal.coordination_not_started",
        ),
        (
            {"budget_coordination": [{"ministry": "経済産業省", "since": "2026-09-01"}]},
            "budget_coordination/0/status",
            "proposal.missing",
        ),
        (
            {"investment": {**COMPLETE["investment"], "start_fy": 2030, "end_fy": 2027}},
            "investment/end_fy",
            "proposal.years_reversed",
        ),
        ({"labour_environment": "   "}, "labour_environment", "proposal.missing"),
    ],
)
async def test_each_requirement_fails_on_its_own(
    ctx: PlansContext, change: dict[str, Any], field: str, code: str
) -> None:
    """Coordination must have started by today (JST), the years must run forward, and a blank
    text is no answer; one failing requirement is refused alone."""
    draft = await create(ctx, {**COMPLETE, **change})
    response = await ctx.client.post(
        f"{URL}/{draft['id']}/submit",
        headers={**approver(ctx), "If-Match": f'"{draft["version"]}"'},
    )
    assert response.status_code == 422, response.text
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, code)]


async def test_coordination_started_today_counts(ctx: PlansContext) -> None:
    started_today = {"ministry": "経済産業省", "since": "2026-12-01", "status": "開始"}
    draft = await create(ctx, {**COMPLETE, "budget_coordination": [started_today]})
    assert (await post(ctx, draft, "submit", approver(ctx)))["state"] == "submitted"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**COMPLETE, "state": "adopted"}, "state"),
        ({**COMPLETE, "strategic_fields": ["tourism"]}, "strategic_fields/0"),
        (
            {
                **COMPLETE,
                "investment": {
                    **COMPLETE["investment"],
                    "investors": [{"corporate_number": "1234567890123", "name": "誤り"}],
                },
            },
            "investment/investors/0/corporate_number",
        ),
        ({**COMPLETE, "investment": {"amount_yen": "3000億円"}}, "investment/amount_yen"),
        ({**COMPLETE, "title": "案件\x00名"}, "title"),
    ],
)
async def test_bad_input_is_refused_by_field_and_writes_nothing(
    ctx: PlansContext, body: dict[str, Any], field: str
) -> None:
    response = await ctx.client.post(URL, json=body, headers=editor(ctx))
    assert response.status_code == 422, response.text
    assert field in {e["field"] for e in response.json()["errors"]}
    assert await listed(ctx, editor(ctx)) == []


async def test_only_the_prefecture_and_the_bureau_of_its_block_see_a_proposal(
    ctx: PlansContext,
) -> None:
    draft = await create(ctx)
    assert await get(ctx, draft["id"], editor(ctx)) == 200
    for outsider in (
        editor(ctx, FUKUOKA),
        kyushu(ctx),
        ctx.tokens.national("reviewer"),
        ctx.tokens.municipality(KUMAMOTO_CITY, "editor"),
        ctx.tokens.ministry(),
    ):
        assert await get(ctx, draft["id"], outsider) == 404, "a draft is its prefecture's"

    submitted = await post(ctx, draft, "submit", approver(ctx))
    assert await get(ctx, draft["id"], kyushu(ctx, "viewer")) == 200
    assert await get(ctx, draft["id"], ctx.tokens.national("reviewer")) == 200
    for outsider in (
        editor(ctx, FUKUOKA),
        kanto(ctx),
        ctx.tokens.municipality(KUMAMOTO_CITY, "editor"),
        ctx.tokens.ministry(),
    ):
        assert await get(ctx, draft["id"], outsider) == 404
        assert await listed(ctx, outsider) == []

    fukuoka = await create(ctx, org=FUKUOKA)
    await post(ctx, fukuoka, "submit", approver(ctx, FUKUOKA))
    assert sorted(await listed(ctx, kyushu(ctx))) == sorted([draft["id"], fukuoka["id"]])
    assert await listed(ctx, editor(ctx)) == [draft["id"]]
    assert await listed(ctx, kyushu(ctx), state="submitted", strategic_field="quantum") == []

    # another bureau cannot decide what it cannot see, nor another prefecture change it
    await post(ctx, submitted, "decision", kanto(ctx), {"decision": "adopt"}, expect=404)
    edit = await ctx.client.patch(
        f"{URL}/{draft['id']}",
        json={"title": "乗っ取り"},
        headers={**editor(ctx, FUKUOKA), "If-Match": f'"{submitted["version"]}"'},
    )
    assert edit.status_code == 404


async def test_each_step_is_taken_only_by_its_role(ctx: PlansContext) -> None:
    for stranger in (
        kyushu(ctx, "editor"),
        ctx.tokens.national("admin"),
        ctx.tokens.municipality(KUMAMOTO_CITY, "editor"),
        ctx.tokens.prefecture(KUMAMOTO, "viewer"),
    ):
        response = await ctx.client.post(URL, json=COMPLETE, headers=stranger)
        assert response.status_code == 403, response.text
    draft = await create(ctx)
    await post(ctx, draft, "submit", editor(ctx), expect=403)
    submitted = await post(ctx, draft, "submit", approver(ctx))
    await post(ctx, submitted, "decision", kyushu(ctx, "editor"), {"decision": "adopt"}, expect=403)
    await post(ctx, submitted, "decision", approver(ctx), {"decision": "adopt"}, expect=403)
    await post(
        ctx,
        submitted,
        "decision",
        ctx.tokens.national("reviewer"),
        {"decision": "adopt"},
        expect=403,
    )
    after = await ctx.client.get(f"{URL}/{draft['id']}", headers=editor(ctx))
    assert after.json()["state"] == "submitted"


async def test_a_submitted_proposal_is_not_edited_and_returning_it_says_why(
    ctx: PlansContext,
) -> None:
    submitted = await post(ctx, await create(ctx), "submit", approver(ctx))
    edit = await ctx.client.patch(
        f"{URL}/{submitted['id']}",
        json={"title": "提案後の変更"},
        headers={**editor(ctx), "If-Match": f'"{submitted["version"]}"'},
    )
    assert edit.status_code == 409
    for decision in ("return", "not_adopt"):
        refused = await post(
            ctx, submitted, "decision", kyushu(ctx), {"decision": decision}, expect=422
        )
        assert [e["field"] for e in refused["errors"]] == ["comment"]
    rejected = await post(
        ctx, submitted, "decision", kyushu(ctx), {"decision": "not_adopt", "comment": "分野外"}
    )
    assert rejected["state"] == "not_adopted"
    await post(ctx, rejected, "decision", kyushu(ctx), {"decision": "adopt"}, expect=409)
    await post(ctx, rejected, "submit", approver(ctx), expect=409)


async def test_writes_name_the_version_they_change(ctx: PlansContext) -> None:
    draft = await create(ctx)
    missing = await ctx.client.patch(
        f"{URL}/{draft['id']}", json={"title": "新しい名称"}, headers=editor(ctx)
    )
    assert missing.status_code == 428
    first = await ctx.client.patch(
        f"{URL}/{draft['id']}",
        json={"title": "新しい名称"},
        headers={**editor(ctx), "If-Match": f'"{draft["version"]}"'},
    )
    assert first.status_code == 200
    assert first.json()["version"] == draft["version"] + 1
    stale = await ctx.client.patch(
        f"{URL}/{draft['id']}",
        json={"title": "古い版からの変更"},
        headers={**editor(ctx), "If-Match": f'"{draft["version"]}"'},
    )
    assert stale.status_code == 412
    await post(ctx, draft, "submit", approver(ctx), expect=412)
    now = await ctx.client.get(f"{URL}/{draft['id']}", headers=editor(ctx))
    assert now.json()["title"] == "新しい名称"
    assert now.json()["state"] == "draft"


async def test_the_demo_shows_a_submitted_proposal_to_kyushu_and_a_draft(ctx: PlansContext) -> None:
    engine = create_engine(ctx.database_url)
    maker = session_factory(engine)
    assert await seed_proposals(maker) == 2
    assert await seed_proposals(maker) == 0
    await engine.dispose()
    seen = (await ctx.client.get(URL, headers=kyushu(ctx, "viewer"))).json()["items"]
    assert [(p["organisation_name"], p["state"]) for p in seen] == [("熊本県", "submitted")]
    assert seen[0]["strategic_fields"] == ["ai_semiconductor"]
    fukuoka = (await ctx.client.get(URL, headers=editor(ctx, FUKUOKA))).json()["items"]
    assert [p["state"] for p in fukuoka] == ["draft"]


async def test_the_demo_proposals_are_seeded_on_any_day_the_demo_starts(ctx: PlansContext) -> None:
    """A stack started as of a past date (README's ``CHIIKI_NOW``) seeds them too: their
    coordination started before that day."""
    set_clock(Clock(datetime(2026, 5, 20, 0, 0, tzinfo=UTC), frozen=True))
    engine = create_engine(ctx.database_url)
    assert await seed_proposals(session_factory(engine)) == 2
    await engine.dispose()
    [submitted] = (await ctx.client.get(URL, headers=kyushu(ctx))).json()["items"]
    assert all(c["since"] < "2026-05-20" for c in submitted["budget_coordination"])
