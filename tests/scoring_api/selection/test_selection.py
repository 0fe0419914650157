"""Selecting a company adds it to the call's B plan through plans-api with a service token: stored
as pending first, pushed after the commit, idempotent, retried while plans-api is down or the plan
is in review, refused for good when the plan can never take it. A call's plan is checked when it is
set: a B plan of the call's own prefecture that the freeze rule lets take a company. What is sent
is what the plan publishes: never a 様式2 amount."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from chiiki_common.db import create_engine
from scoring_api.app import create_app
from scoring_api.calls.kumamoto import KUMAMOTO_CALL
from scoring_api.selection.tasks import push_now
from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    application_body,
    attach_documents,
    open_kumamoto_call,
)
from tests.scoring_api.plans_fake import PLAN_ID, FakePlan, FakePlans, wire

Wired = tuple[httpx.AsyncClient, FakePlans, FastAPI]


@pytest.fixture(autouse=True)
def _during_the_window() -> None:
    set_clock(Clock(jst_wall_clock(2026, 5, 20, 10, 0), frozen=True))


@pytest.fixture
async def wired(settings: Settings, tokens: TokenFactory, plans: FakePlans) -> AsyncIterator[Wired]:
    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    async with running(wire(app, settings, tokens, plans)) as client:
        yield client, plans, app


async def _count(settings: Settings, table: str) -> int:
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        value = (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
    await engine.dispose()
    return int(value)


async def _received_application(
    client: httpx.AsyncClient, tokens: TokenFactory, n: int = 1, plan_id: str = PLAN_ID
) -> int:
    call = await open_kumamoto_call(
        client, tokens.prefecture(KUMAMOTO, "approver"), plan_id=plan_id
    )
    editor = tokens.prefecture(KUMAMOTO, "editor")
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications", json=application_body(n), headers=editor
    )
    assert response.status_code == 201, response.text
    application_id = int(response.json()["id"])
    await attach_documents(client, editor, application_id)
    return application_id


async def _select(
    client: httpx.AsyncClient, tokens: TokenFactory, application_id: int, **extra: Any
) -> httpx.Response:
    return await client.post(
        f"/api/scoring/applications/{application_id}/decisions",
        json={"decision": "selected", "role": "半導体製造装置部品の供給", **extra},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )


async def _detail(
    client: httpx.AsyncClient, tokens: TokenFactory, application_id: int
) -> dict[str, Any]:
    response = await client.get(
        f"/api/scoring/applications/{application_id}", headers=tokens.national("reviewer")
    )
    result: dict[str, Any] = response.json()
    return result


async def test_selected_company_becomes_a_core_company_of_the_plan(
    wired: Wired, tokens: TokenFactory
) -> None:
    client, plans, _ = wired
    application_id = await _received_application(client, tokens)
    response = await _select(client, tokens, application_id)
    assert response.status_code == 200, response.text
    assert plans.core_companies() == [
        {
            "corporate_number": application_body(1)["corporate_number"],
            "name": "応募企業1(サンプル)",
            "prefecture_code": KUMAMOTO,
            "role": "半導体製造装置部品の供給",
            "scale": "従業員 301〜1,000名",
            "support_target": True,
        }
    ]
    detail = await _detail(client, tokens, application_id)
    assert detail["selection"]["status"] == "done"
    assert detail["selection"]["effect"] == "added"
    assert detail["status"] == "selected"


async def test_no_form2_amount_or_investment_case_is_sent_to_the_plan(
    wired: Wired, tokens: TokenFactory
) -> None:
    """The scale published with the plan is an employee band, never the 様式2 sales (45億円) or
    purchases; the application's 投資の具体像 stays in scoring-api."""
    client, plans, _ = wired
    application_id = await _received_application(client, tokens)
    assert (await _select(client, tokens, application_id, role=None)).status_code == 200
    [pushed] = plans.core_companies()
    sent = str(pushed)
    body = application_body(1)
    for amount in ("sales", "out_of_prefecture_sales", "purchases", "in_prefecture_purchases"):
        assert str(body[amount]) not in sent
    assert "億" not in sent
    assert "円" not in sent
    assert body["investment_picture"] not in sent
    assert pushed["scale"] == "従業員 301〜1,000名"
    assert pushed["role"] == "重点支援企業(公募「地域産業クラスター計画 重点支援企業の公募」で選定)"


async def test_the_prefectures_own_wording_is_the_scale_unless_it_names_an_amount(
    wired: Wired, tokens: TokenFactory, settings: Settings
) -> None:
    client, plans, _ = wired
    refused_id = await _received_application(client, tokens, 1)
    for extra in (
        {"scale": "売上高45億円の中堅企業"},
        {"scale": "年商 4,500,000,000円"},
        {"role": "仕入高20億円の調達拠点"},
    ):
        refused = await _select(client, tokens, refused_id, **extra)
        assert refused.status_code == 422, extra
        assert [e["field"] for e in refused.json()["errors"]] == list(extra)
    assert (await _detail(client, tokens, refused_id))["status"] == "received"
    assert await _count(settings, "selections") == 0
    assert plans.core_companies() == []

    worded_id = await _received_application(client, tokens, 2)
    response = await _select(client, tokens, worded_id, scale="県内有数の精密部品メーカー")
    assert response.status_code == 200, response.text
    assert [c["scale"] for c in plans.core_companies()] == ["県内有数の精密部品メーカー"]


@pytest.mark.parametrize(
    ("employees", "band"),
    [
        (20, "従業員 20名以下"),
        (21, "従業員 21〜50名"),
        (300, "従業員 101〜300名"),
        (1000, "従業員 301〜1,000名"),
        (2000, "従業員 1,001〜2,000名"),
    ],
)
async def test_the_scale_is_the_band_of_the_employees(
    wired: Wired, tokens: TokenFactory, employees: int, band: str
) -> None:
    client, plans, _ = wired
    call = await open_kumamoto_call(
        client, tokens.prefecture(KUMAMOTO, "approver"), plan_id=PLAN_ID
    )
    editor = tokens.prefecture(KUMAMOTO, "editor")
    application = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(3, employees=employees),
        headers=editor,
    )
    await attach_documents(client, editor, application.json()["id"])
    assert (await _select(client, tokens, application.json()["id"])).status_code == 200
    assert [c["scale"] for c in plans.core_companies()] == [band]


async def test_selecting_twice_adds_the_company_once(wired: Wired, tokens: TokenFactory) -> None:
    client, plans, app = wired
    application_id = await _received_application(client, tokens)
    assert (await _select(client, tokens, application_id)).status_code == 200
    assert (await _select(client, tokens, application_id)).status_code == 409
    await push_now(app)
    assert len(plans.core_companies()) == 1
    assert plans.pushes == 1


async def test_plans_api_outage_leaves_the_selection_pending_and_it_is_retried(
    wired: Wired, tokens: TokenFactory
) -> None:
    client, plans, app = wired
    plans.failing = True
    application_id = await _received_application(client, tokens)
    response = await _select(client, tokens, application_id)
    assert response.status_code == 200
    detail = await _detail(client, tokens, application_id)
    assert detail["status"] == "selected"
    assert detail["selection"]["status"] == "pending"
    assert detail["selection"]["last_error"].startswith(
        "計画の管理機能が一時的に応答できませんでした"
    )
    assert "503" not in detail["selection"]["last_error"]
    assert plans.core_companies() == []
    plans.failing = False
    await push_now(app)  # what the periodic task runs
    detail = await _detail(client, tokens, application_id)
    assert detail["selection"]["status"] == "done"
    assert detail["selection"]["attempts"] == 2
    assert len(plans.core_companies()) == 1


async def test_unreachable_plans_api_keeps_the_selection_pending(
    wired: Wired, tokens: TokenFactory
) -> None:
    client, _, app = wired
    application_id = await _received_application(client, tokens)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app.state.plans.transport = httpx.MockTransport(refuse)
    assert (await _select(client, tokens, application_id)).status_code == 200
    detail = await _detail(client, tokens, application_id)
    assert detail["selection"]["status"] == "pending"
    assert detail["selection"]["last_error"].startswith("計画の管理機能に接続できません")


async def test_pending_selections_are_pushed_at_startup(
    settings: Settings, tokens: TokenFactory
) -> None:
    plans = FakePlans(tokens, failing=True)

    def build() -> FastAPI:
        app = create_app(settings, verifier=tokens.verifier("scoring-api"))
        return wire(app, settings, tokens, plans)

    async with running(build()) as client:
        application_id = await _received_application(client, tokens)
        await _select(client, tokens, application_id)
    assert plans.core_companies() == []
    plans.failing = False
    async with running(build()) as client:
        for _ in range(50):
            detail = await _detail(client, tokens, application_id)
            if detail["selection"]["status"] == "done":
                break
            await asyncio.sleep(0.05)
    assert detail["selection"]["status"] == "done"
    assert len(plans.core_companies()) == 1


async def test_selection_without_a_plan_is_refused(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    editor = tokens.prefecture(KUMAMOTO, "editor")
    application = await client.post(
        f"/api/scoring/calls/{call['id']}/applications", json=application_body(1), headers=editor
    )
    await attach_documents(client, editor, application.json()["id"])
    response = await _select(client, tokens, application.json()["id"])
    assert response.status_code == 409
    set_plan = await client.put(
        f"/api/scoring/calls/{call['id']}/plan",
        json={"plan_id": PLAN_ID},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )
    assert set_plan.json()["plan_id"] == PLAN_ID


WRONG_PLANS = {
    "99": None,
    "20": FakePlan(authors=("400009",)),
    "21": FakePlan(plan_type="C"),
    "22": FakePlan(authors=("431001",)),  # 熊本市's own B plan is not the prefecture's
    "23": FakePlan(state="published"),
    "24": FakePlan(state="withdrawn"),
}
WRONG_REASONS = {
    "99": "plan.not_found",
    "20": "plan.other_prefecture",
    "21": "plan.not_type_b",
    "22": "plan.other_prefecture",
    "23": "plan.published",
    "24": "plan.withdrawn",
}


@pytest.mark.parametrize("plan_id", sorted(WRONG_PLANS))
async def test_a_call_cannot_be_opened_with_a_plan_that_cannot_take_its_selections(
    client: httpx.AsyncClient,
    plans: FakePlans,
    tokens: TokenFactory,
    settings: Settings,
    plan_id: str,
) -> None:
    if WRONG_PLANS[plan_id] is not None:
        plans.plans[int(plan_id)] = WRONG_PLANS[plan_id]  # type: ignore[assignment]
    response = await client.post(
        "/api/scoring/calls",
        json={**KUMAMOTO_CALL, "plan_id": plan_id},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )
    assert response.status_code == 422, response.text
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("plan_id", WRONG_REASONS[plan_id])
    ]
    assert response.json()["errors"][0]["message"]  # plans-api's Japanese reason
    assert await _count(settings, "calls") == 0


@pytest.mark.parametrize("plan_id", sorted(WRONG_PLANS))
async def test_a_calls_plan_cannot_be_changed_to_one_that_cannot_take_its_selections(
    client: httpx.AsyncClient, plans: FakePlans, tokens: TokenFactory, plan_id: str
) -> None:
    if WRONG_PLANS[plan_id] is not None:
        plans.plans[int(plan_id)] = WRONG_PLANS[plan_id]  # type: ignore[assignment]
    approver = tokens.prefecture(KUMAMOTO, "approver")
    call = await open_kumamoto_call(client, approver, plan_id=PLAN_ID)
    response = await client.put(
        f"/api/scoring/calls/{call['id']}/plan", json={"plan_id": plan_id}, headers=approver
    )
    assert response.status_code == 422
    assert response.json()["title"] == "選定企業が参加する計画として設定できません"
    assert [e["code"] for e in response.json()["errors"]] == [WRONG_REASONS[plan_id]]
    stored = await client.get(f"/api/scoring/calls/{call['id']}", headers=approver)
    assert stored.json()["plan_id"] == PLAN_ID


@pytest.mark.parametrize(
    "state", ["draft", "returned", "in_review", "precheck_requested", "precheck_completed"]
)
async def test_a_b_plan_of_the_calls_prefecture_is_accepted_in_a_state_that_takes_selections(
    client: httpx.AsyncClient, plans: FakePlans, tokens: TokenFactory, state: str
) -> None:
    """In review the plan takes the company after the review; pre-checked, as a change request."""
    plans.plans[30] = FakePlan(state=state, authors=("430005", "400009"))
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"), plan_id="30")
    assert call["plan_id"] == "30"
    assert plans.checks == 1


async def test_setting_a_plan_while_plans_api_cannot_answer_is_refused_and_changes_nothing(
    wired: Wired, tokens: TokenFactory, settings: Settings
) -> None:
    client, _, app = wired
    approver = tokens.prefecture(KUMAMOTO, "approver")
    call = await open_kumamoto_call(client, approver)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app.state.plans.transport = httpx.MockTransport(refuse)
    response = await client.put(
        f"/api/scoring/calls/{call['id']}/plan", json={"plan_id": PLAN_ID}, headers=approver
    )
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert "計画の管理機能" in response.json()["detail"]
    assert (await client.get(f"/api/scoring/calls/{call['id']}", headers=approver)).json()[
        "plan_id"
    ] is None
    created = await client.post(
        "/api/scoring/calls", json={**KUMAMOTO_CALL, "plan_id": PLAN_ID}, headers=approver
    )
    assert created.status_code == 502
    assert await _count(settings, "calls") == 1


async def test_another_prefectures_plan_is_refused_for_its_call_too(
    client: httpx.AsyncClient, plans: FakePlans, tokens: TokenFactory
) -> None:
    """福岡県 cannot point its call at 熊本県's plan (the call's prefecture is what is checked)."""
    response = await client.post(
        "/api/scoring/calls",
        json={**KUMAMOTO_CALL, "plan_id": PLAN_ID},
        headers=tokens.prefecture(FUKUOKA, "approver"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "plan.other_prefecture"


async def test_a_plan_published_since_it_was_set_refuses_the_selection_clearly(
    wired: Wired, tokens: TokenFactory, settings: Settings
) -> None:
    client, plans, _ = wired
    application_id = await _received_application(client, tokens)
    plans.plans[int(PLAN_ID)].state = "published"
    response = await _select(client, tokens, application_id)
    assert response.status_code == 409
    assert response.json()["title"] == "公募の計画に選定企業を追加できません"
    assert "公表済み" in response.json()["detail"]
    assert (await _detail(client, tokens, application_id))["status"] == "received"
    assert await _count(settings, "selections") == 0
    assert plans.core_companies() == []


async def test_a_plan_in_review_takes_the_selection_once_the_review_ends(
    wired: Wired, tokens: TokenFactory
) -> None:
    client, plans, app = wired
    application_id = await _received_application(client, tokens)
    plans.plans[int(PLAN_ID)].state = "in_review"
    assert (await _select(client, tokens, application_id)).status_code == 200
    detail = await _detail(client, tokens, application_id)
    assert detail["selection"]["status"] == "pending"
    assert "審査中" in detail["selection"]["last_error"]
    plans.plans[int(PLAN_ID)].state = "returned"  # the reviewer returned it with comments
    await push_now(app)
    detail = await _detail(client, tokens, application_id)
    assert (detail["selection"]["status"], detail["selection"]["effect"]) == ("done", "added")
    assert len(plans.core_companies()) == 1


async def test_a_selection_the_plan_will_never_take_is_marked_refused_and_not_retried(
    wired: Wired, tokens: TokenFactory
) -> None:
    client, plans, app = wired
    application_id = await _received_application(client, tokens)
    plans.plans[int(PLAN_ID)].state = "in_review"
    assert (await _select(client, tokens, application_id)).status_code == 200
    plans.plans[int(PLAN_ID)].state = "published"  # published while the selection waited
    await push_now(app)
    detail = await _detail(client, tokens, application_id)
    assert detail["selection"]["status"] == "refused"
    assert detail["selection"]["last_error"].startswith("計画の管理機能が受け付けませんでした:")
    assert "公表済み" in detail["selection"]["last_error"]
    assert "409" not in detail["selection"]["last_error"]  # the staff read why, never a status code
    pushes = plans.pushes
    await push_now(app)
    assert plans.pushes == pushes
    assert plans.core_companies() == []


async def test_selecting_into_a_pre_checked_plan_sends_it_back_as_a_change_request(
    wired: Wired, tokens: TokenFactory
) -> None:
    client, plans, _ = wired
    application_id = await _received_application(client, tokens)
    plans.plans[int(PLAN_ID)].state = "precheck_completed"
    assert (await _select(client, tokens, application_id)).status_code == 200
    detail = await _detail(client, tokens, application_id)
    assert (detail["selection"]["status"], detail["selection"]["effect"]) == (
        "done",
        "change_request",
    )
    assert plans.plans[int(PLAN_ID)].state == "precheck_requested"
