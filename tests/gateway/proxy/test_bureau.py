"""A bureau user from the gateway to the services: the minted token carries the block and is for
plans-api and notify only; plans-api shows no B or C plan (404 for each, empty lists), notify
keeps the user's own settings, and scoring-api is refused at the gateway with 403 (its own 401
for a token not meant for it would end the session in the browser)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

import notify
import plans_api
import scoring_api
from chiiki_common.auth import JWKSSource, Principal, Tier, TokenVerifier
from notify.app import create_app as create_notify
from notify.settings import Settings as NotifySettings
from plans_api.app import create_app as create_plans
from plans_api.settings import Settings as PlansSettings
from scoring_api.app import create_app as create_scoring
from scoring_api.settings import Settings as ScoringSettings
from tests.fixtures.apps import running
from tests.fixtures.auth import KYUSHU_BLOCK
from tests.fixtures.databases import DatabaseFactory
from tests.gateway.conftest import CLOSED_PORT_URL, GatewayFactory, login, serve
from tests.gateway.proxy.upstream import echo_app

ISSUER = "chiiki-gateway"
BUREAU_VIEWER = "meti-kyushu-viewer@demo.example.jp"
KUMAMOTO_EDITOR = "kumamoto-editor@demo.example.jp"


def _verifier(audience: str, source: JWKSSource) -> TokenVerifier:
    return TokenVerifier(source=source, issuer=ISSUER, audience=audience)


def _services(
    database_factory: DatabaseFactory, tmp_path: Path, source: JWKSSource
) -> dict[str, FastAPI]:
    """plans-api, scoring-api and notify on SQLite, verifying with the gateway's keys."""
    closed = {"gateway_url": CLOSED_PORT_URL, "log_requests": False, "environment": "test"}
    return {
        "plans-api": create_plans(
            PlansSettings(
                database_url=database_factory.fresh("sqlite", "plans_api", plans_api.MIGRATIONS),
                publication_poll_seconds=3600,
                **closed,
            ),
            verifier=_verifier("plans-api", source),
        ),
        "scoring-api": create_scoring(
            ScoringSettings(
                database_url=database_factory.fresh(
                    "sqlite", "scoring_api", scoring_api.MIGRATIONS
                ),
                attachment_folder=str(tmp_path / "attachments"),
                selection_retry_seconds=3600,
                **closed,
            ),
            verifier=_verifier("scoring-api", source),
        ),
        "notify": create_notify(
            NotifySettings(
                database_url=database_factory.fresh("sqlite", "notify", notify.MIGRATIONS),
                plans_url=CLOSED_PORT_URL,
                scoring_url=CLOSED_PORT_URL,
                **closed,
            ),
            verifier=_verifier("notify", source),
        ),
    }


@asynccontextmanager
async def _served(app: FastAPI) -> AsyncIterator[str]:
    async with app.router.lifespan_context(app), serve(app) as url:
        yield url


async def _echoed_token(client: httpx.AsyncClient, email: str) -> str:
    client.cookies.clear()
    await login(client, email)
    echoed = (await client.get("/api/plans/anything")).json()
    return str(echoed["headers"]["authorization"].removeprefix("Bearer "))


async def test_a_bureau_login_mints_a_token_with_its_block_for_plans_and_notify_only(
    gateway: GatewayFactory, database_factory: DatabaseFactory, tmp_path: Path
) -> None:
    async with serve(echo_app()) as plans_url, gateway(plans_url=plans_url) as client:
        bureau_token = await _echoed_token(client, BUREAU_VIEWER)
        kumamoto_token = await _echoed_token(client, KUMAMOTO_EDITOR)
        jwks = (await client.get("/.well-known/jwks.json")).json()
    source = JWKSSource(static=jwks)
    claims = _verifier("plans-api", source).verify(bureau_token)
    assert set(claims["aud"]) == {"plans-api", "notify"}
    assert claims["block"] == list(KYUSHU_BLOCK)
    principal = Principal.from_claims(claims)
    assert (principal.tier, principal.organisation) == (Tier.bureau, "meti-kyushu")
    assert principal.block == frozenset(KYUSHU_BLOCK)
    # no other tier's token carries a block
    assert "block" not in _verifier("plans-api", source).verify(kumamoto_token)

    bearer = {"Authorization": f"Bearer {bureau_token}"}
    services = _services(database_factory, tmp_path, source)
    async with running(services["plans-api"]) as plans:
        listed = await plans.get("/api/plans", headers=bearer)
        one = await plans.get("/api/plans/1", headers=bearer)
    async with running(services["notify"]) as notices:
        preferences = await notices.get("/api/notify/preferences", headers=bearer)
        deadlines = await notices.get("/api/notify/deadlines", headers=bearer)
    async with running(services["scoring-api"]) as scoring:
        refused = await scoring.get("/api/scoring/companies", headers=bearer)
        accepted = await scoring.get(
            "/api/scoring/companies", headers={"Authorization": f"Bearer {kumamoto_token}"}
        )
    assert listed.status_code == 200
    assert listed.json()["items"] == []
    assert one.status_code == 404
    assert preferences.status_code == deadlines.status_code == 200
    assert deadlines.json()["items"] == []
    # the audience leaves scoring-api out: the service itself refuses the token
    assert refused.status_code == 401
    assert accepted.status_code == 200


async def test_through_the_gateway_a_bureau_sees_no_plan_and_is_refused_scoring_with_403(
    sqlite_gateway: GatewayFactory, database_factory: DatabaseFactory, tmp_path: Path
) -> None:
    jwks_file = tmp_path / "jwks.json"
    services = _services(database_factory, tmp_path, JWKSSource(path=str(jwks_file)))
    scoring_echo = echo_app("scoring-api", prefixes=("/api/scoring",))
    async with (
        _served(services["plans-api"]) as plans_url,
        _served(services["notify"]) as notify_url,
        serve(scoring_echo) as scoring_url,
        sqlite_gateway(
            plans_url=plans_url,
            notify_url=notify_url,
            scoring_url=scoring_url,
            jwks_file=str(jwks_file),
        ) as client,
    ):
        csrf = await login(client, KUMAMOTO_EDITOR)
        body: dict[str, Any] = {
            "plan_type": "B",
            "title": "熊本県の半導体計画",
            "period_start_fy": 2026,
            "goal_fiscal_year": 2035,
        }
        created = await client.post("/api/plans", json=body, headers={"X-CSRF-Token": csrf})
        assert created.status_code == 201, created.text
        plan_id = created.json()["id"]
        own = (await client.get("/api/plans")).json()["items"]
        kumamoto_scoring = await client.get("/api/scoring/companies")

        client.cookies.clear()
        csrf = await login(client, BUREAU_VIEWER)
        listed = await client.get("/api/plans")
        one = await client.get(f"/api/plans/{plan_id}")
        history = await client.get(f"/api/plans/{plan_id}/history")
        searched = await client.get("/api/plans/search", params={"q": "半導体"})
        preferences = await client.put(
            "/api/notify/preferences",
            json={"mute_optional": True, "daily_digest": False},
            headers={"X-CSRF-Token": csrf},
        )
        scoring = await client.get("/api/scoring/companies")
        still_signed_in = await client.get("/auth/me")
    assert [p["id"] for p in own] == [plan_id]
    assert kumamoto_scoring.status_code == 200
    assert kumamoto_scoring.json()["service"] == "scoring-api"
    assert listed.status_code == 200
    assert listed.json()["items"] == []
    assert one.status_code == history.status_code == 404
    assert one.headers["content-type"] == "application/problem+json"
    assert searched.status_code == 200
    assert searched.json()["items"] == []
    assert preferences.status_code == 200
    assert preferences.json()["mute_optional"] is True
    assert scoring.status_code == 403
    assert scoring.headers["content-type"] == "application/problem+json"
    assert scoring.json()["detail"] == "この利用者区分では利用できません"
    assert "service" not in scoring.text  # never reached the upstream
    assert still_signed_in.status_code == 200
    assert still_signed_in.json()["tier"] == "bureau"
