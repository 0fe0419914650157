"""Selecting a company adds it to the call's B plan through plans-api with a service token: stored
as pending first, pushed after the commit, idempotent, retried while plans-api is down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Form, Header, HTTPException

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from scoring_api.app import create_app
from scoring_api.selection.tasks import push_now
from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, application_body, open_kumamoto_call

PLAN_ID = "12"


class FakePlans:
    """plans-api's one internal endpoint, verifying the service token and its scope."""

    def __init__(self, tokens: TokenFactory, *, failing: bool = False) -> None:
        self.failing = failing
        self.calls = 0
        self.core_companies: dict[str, list[dict[str, Any]]] = {}
        verifier = tokens.verifier("plans-api")
        self.app = FastAPI()

        @self.app.post("/internal/plans/{plan_id}/core-companies")
        async def add_core_company(
            plan_id: str, body: dict[str, Any], authorization: str = Header()
        ) -> list[dict[str, Any]]:
            self.calls += 1
            claims = verifier.verify(authorization.removeprefix("Bearer "))
            if (
                claims["tier"] != "service"
                or "plans:core-companies:write" not in claims["scope"].split()
            ):
                raise HTTPException(403)
            if self.failing:
                raise HTTPException(503)
            companies = self.core_companies.setdefault(plan_id, [])
            if all(c["corporate_number"] != body["corporate_number"] for c in companies):
                companies.append(body)
            return companies


def fake_gateway(tokens: TokenFactory) -> FastAPI:
    """The gateway's client-credentials endpoint, issuing svc-scoring's token."""
    gateway = FastAPI()

    @gateway.post("/auth/token")
    async def token(grant_type: str = Form()) -> dict[str, Any]:
        assert grant_type == "client_credentials"
        return {
            "access_token": tokens.token(
                tier="service",
                org="svc-scoring",
                scope="plans:core-companies:write",
                subject="svc-scoring",
            ),
            "expires_in": 300,
        }

    return gateway


@pytest.fixture(autouse=True)
def _during_the_window() -> None:
    set_clock(Clock(jst_wall_clock(2026, 5, 20, 10, 0), frozen=True))


@pytest.fixture
async def wired(
    settings: Settings, tokens: TokenFactory
) -> AsyncIterator[tuple[httpx.AsyncClient, FakePlans, FastAPI]]:
    settings = settings.model_copy(
        update={"service_client_id": "svc-scoring", "service_client_secret": "s"}
    )
    plans = FakePlans(tokens)
    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    app.state.plans.settings = settings
    app.state.plans.transport = httpx.ASGITransport(app=plans.app)
    app.state.plans.token_transport = httpx.ASGITransport(app=fake_gateway(tokens))
    async with running(app) as client:
        yield client, plans, app


async def _received_application(client: httpx.AsyncClient, tokens: TokenFactory, n: int = 1) -> int:
    call = await open_kumamoto_call(
        client, tokens.prefecture(KUMAMOTO, "approver"), plan_id=PLAN_ID
    )
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(n),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    return int(response.json()["id"])


async def _select(
    client: httpx.AsyncClient, tokens: TokenFactory, application_id: int
) -> httpx.Response:
    return await client.post(
        f"/api/scoring/applications/{application_id}/decisions",
        json={"decision": "selected", "role": "半導体製造装置部品の供給"},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )


async def test_selected_company_becomes_a_core_company_of_the_plan(
    wired: tuple[httpx.AsyncClient, FakePlans, FastAPI], tokens: TokenFactory
) -> None:
    client, plans, _ = wired
    application_id = await _received_application(client, tokens)
    response = await _select(client, tokens, application_id)
    assert response.status_code == 200, response.text
    assert plans.core_companies[PLAN_ID] == [
        {
            "corporate_number": application_body(1)["corporate_number"],
            "name": "応募企業1(サンプル)",
            "role": "半導体製造装置部品の供給",
            "scale": "従業員 350名・売上高 45億円",
        }
    ]
    detail = await client.get(
        f"/api/scoring/applications/{application_id}", headers=tokens.national("reviewer")
    )
    assert detail.json()["selection"]["status"] == "done"
    assert detail.json()["status"] == "selected"


async def test_selecting_twice_adds_the_company_once(
    wired: tuple[httpx.AsyncClient, FakePlans, FastAPI], tokens: TokenFactory
) -> None:
    client, plans, app = wired
    application_id = await _received_application(client, tokens)
    assert (await _select(client, tokens, application_id)).status_code == 200
    assert (await _select(client, tokens, application_id)).status_code == 409
    await push_now(app)
    assert len(plans.core_companies[PLAN_ID]) == 1
    assert plans.calls == 1


async def test_plans_api_outage_leaves_the_selection_pending_and_it_is_retried(
    wired: tuple[httpx.AsyncClient, FakePlans, FastAPI], tokens: TokenFactory
) -> None:
    client, plans, app = wired
    plans.failing = True
    application_id = await _received_application(client, tokens)
    response = await _select(client, tokens, application_id)
    assert response.status_code == 200
    detail = (
        await client.get(
            f"/api/scoring/applications/{application_id}",
            headers=tokens.prefecture(KUMAMOTO, "viewer"),
        )
    ).json()
    assert detail["status"] == "selected"
    assert detail["selection"]["status"] == "pending"
    assert detail["selection"]["last_error"] == "plans-api が 503 を返しました"
    assert plans.core_companies == {}
    plans.failing = False
    await push_now(app)  # what the periodic task runs
    detail = (
        await client.get(
            f"/api/scoring/applications/{application_id}",
            headers=tokens.prefecture(KUMAMOTO, "viewer"),
        )
    ).json()
    assert detail["selection"]["status"] == "done"
    assert detail["selection"]["attempts"] == 2
    assert len(plans.core_companies[PLAN_ID]) == 1


async def test_unreachable_plans_api_keeps_the_selection_pending(
    wired: tuple[httpx.AsyncClient, FakePlans, FastAPI], tokens: TokenFactory
) -> None:
    client, _, app = wired

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app.state.plans.transport = httpx.MockTransport(refuse)
    application_id = await _received_application(client, tokens)
    assert (await _select(client, tokens, application_id)).status_code == 200
    detail = (
        await client.get(
            f"/api/scoring/applications/{application_id}",
            headers=tokens.prefecture(KUMAMOTO, "viewer"),
        )
    ).json()
    assert detail["selection"]["status"] == "pending"
    assert detail["selection"]["last_error"].startswith("plans-api に接続できません")


async def test_pending_selections_are_pushed_at_startup(
    settings: Settings, tokens: TokenFactory
) -> None:
    settings = settings.model_copy(
        update={"service_client_id": "svc-scoring", "service_client_secret": "s"}
    )
    plans = FakePlans(tokens, failing=True)

    def build() -> FastAPI:
        app = create_app(settings, verifier=tokens.verifier("scoring-api"))
        app.state.plans.settings = settings
        app.state.plans.transport = httpx.ASGITransport(app=plans.app)
        app.state.plans.token_transport = httpx.ASGITransport(app=fake_gateway(tokens))
        return app

    async with running(build()) as client:
        application_id = await _received_application(client, tokens)
        await _select(client, tokens, application_id)
    assert plans.core_companies == {}
    plans.failing = False
    async with running(build()) as client:
        for _ in range(50):
            detail = (
                await client.get(
                    f"/api/scoring/applications/{application_id}",
                    headers=tokens.national("reviewer"),
                )
            ).json()
            if detail["selection"]["status"] == "done":
                break
            await asyncio.sleep(0.05)
    assert detail["selection"]["status"] == "done"
    assert len(plans.core_companies[PLAN_ID]) == 1


async def test_selection_without_a_plan_is_refused(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    application = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(1),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    response = await _select(client, tokens, application.json()["id"])
    assert response.status_code == 409
    set_plan = await client.put(
        f"/api/scoring/calls/{call['id']}/plan",
        json={"plan_id": PLAN_ID},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )
    assert set_plan.json()["plan_id"] == PLAN_ID
