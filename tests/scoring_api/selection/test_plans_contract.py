"""scoring-api against the real plans-api (in-process, its own migrated database): the call's plan
is checked when it is set, and a selected company lands in the B plan with an employee band as its
scale and no 様式2 amount. This is the contract the fake in ``plans_fake.py`` stands in for."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

import plans_api
from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from plans_api.app import create_app as create_plans_app
from plans_api.settings import Settings as PlansSettings
from scoring_api.app import create_app
from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.scoring_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    application_body,
    attach_documents,
    open_kumamoto_call,
)
from tests.scoring_api.plans_fake import fake_gateway

Stack = tuple[httpx.AsyncClient, httpx.AsyncClient]


@pytest.fixture(autouse=True)
def _during_the_window() -> None:
    set_clock(Clock(jst_wall_clock(2026, 5, 20, 10, 0), frozen=True))


@pytest.fixture
async def stack(
    backend: str, database_factory: DatabaseFactory, settings: Settings, tokens: TokenFactory
) -> AsyncIterator[Stack]:
    plans_settings = PlansSettings(
        database_url=database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS),
        environment="test",
        log_requests=False,
        publication_poll_seconds=3600,
    )
    plans_app = create_plans_app(plans_settings, verifier=tokens.verifier(plans_settings.audience))
    scoring_app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    scoring_app.state.plans.settings = settings.model_copy(
        update={"service_client_id": "svc-scoring", "service_client_secret": "s"}
    )
    scoring_app.state.plans.transport = httpx.ASGITransport(app=plans_app)
    scoring_app.state.plans.token_transport = httpx.ASGITransport(app=fake_gateway(tokens))
    async with running(plans_app) as plans, running(scoring_app) as scoring:
        yield scoring, plans


async def _b_plan(plans: httpx.AsyncClient, tokens: TokenFactory, org: str) -> dict[str, Any]:
    response = await plans.post(
        "/api/plans",
        json={
            "plan_type": "B",
            "title": "半導体産業と半導体ユーザー産業",
            "period_start_fy": 2026,
            "goal_fiscal_year": 2035,
        },
        headers=tokens.prefecture(org, "editor"),
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_a_selected_company_reaches_the_real_b_plan_without_any_form2_amount(
    stack: Stack, tokens: TokenFactory
) -> None:
    scoring, plans = stack
    plan = await _b_plan(plans, tokens, KUMAMOTO)
    call = await open_kumamoto_call(
        scoring, tokens.prefecture(KUMAMOTO, "approver"), plan_id=str(plan["id"])
    )
    editor = tokens.prefecture(KUMAMOTO, "editor")
    application = await scoring.post(
        f"/api/scoring/calls/{call['id']}/applications", json=application_body(1), headers=editor
    )
    await attach_documents(scoring, editor, application.json()["id"])
    selected = await scoring.post(
        f"/api/scoring/applications/{application.json()['id']}/decisions",
        json={"decision": "selected", "role": "半導体製造装置部品の供給"},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )
    assert selected.status_code == 200, selected.text
    detail = await scoring.get(
        f"/api/scoring/applications/{application.json()['id']}", headers=editor
    )
    assert (detail.json()["selection"]["status"], detail.json()["selection"]["effect"]) == (
        "done",
        "added",
    ), detail.json()["selection"]
    stored = await plans.get(f"/api/plans/{plan['id']}", headers=tokens.prefecture(KUMAMOTO))
    [company] = stored.json()["core_companies"]
    assert company["corporate_number"] == application_body(1)["corporate_number"]
    assert company["scale"] == "従業員 301〜1,000名"
    assert "億" not in str(company)
    assert str(application_body(1)["sales"]) not in str(company)


async def test_the_real_plans_api_refuses_another_prefectures_plan_when_the_call_is_opened(
    stack: Stack, tokens: TokenFactory
) -> None:
    scoring, plans = stack
    fukuoka_plan = await _b_plan(plans, tokens, FUKUOKA)
    from scoring_api.calls.kumamoto import KUMAMOTO_CALL

    response = await scoring.post(
        "/api/scoring/calls",
        json={**KUMAMOTO_CALL, "plan_id": str(fukuoka_plan["id"])},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )
    assert response.status_code == 422, response.text
    assert [e["code"] for e in response.json()["errors"]] == ["plan.other_prefecture"]
    unknown = await scoring.post(
        "/api/scoring/calls",
        json={**KUMAMOTO_CALL, "plan_id": "999999"},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )
    assert [e["code"] for e in unknown.json()["errors"]] == ["plan.not_found"]
