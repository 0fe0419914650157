"""OAuth2 client credentials (RFC 6749 §4.4): both client authentication styles, RFC error bodies."""

from __future__ import annotations

import argparse
from datetime import timedelta

import pytest
from sqlalchemy import update

from chiiki_common import clock
from chiiki_common.auth import JWKSSource, TokenVerifier
from chiiki_common.db import create_engine
from gateway.cli import run_create_client
from gateway.models import MachineClient
from gateway.settings import Settings
from tests.gateway.conftest import GatewayFactory


def verifier(jwks: dict, audience: str) -> TokenVerifier:  # type: ignore[type-arg]
    return TokenVerifier(source=JWKSSource(static=jwks), issuer="chiiki-gateway", audience=audience)


async def test_client_secret_basic_issues_a_short_lived_registry_token(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        response = await client.post(
            "/auth/token",
            data={"grant_type": "client_credentials"},
            auth=("maff-subsidy", "demo-maff-subsidy-secret"),
        )
        jwks = (await client.get("/.well-known/jwks.json")).json()
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "registry:read"
    assert 0 < body["expires_in"] <= 900
    claims = verifier(jwks, "plans-api").verify(body["access_token"])
    assert claims["tier"] == "ministry_system"
    assert claims["org"] == "maff"
    assert set(claims["aud"]) == {"gateway", "plans-api"}
    assert claims["exp"] - claims["iat"] <= 900
    assert claims["jti"]


async def test_client_secret_post_issues_a_service_token_for_every_service(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        response = await client.post(
            "/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "svc-notify",
                "client_secret": "demo-svc-notify-secret",
                "scope": "events:read",
            },
        )
        jwks = (await client.get("/.well-known/jwks.json")).json()
    assert response.status_code == 200
    claims = verifier(jwks, "notify").verify(response.json()["access_token"])
    assert set(claims["aud"]) == {"gateway", "plans-api", "scoring-api", "notify"}
    assert claims["scope"] == "events:read"
    assert claims["tier"] == "service"


async def test_token_endpoint_answers_rfc6749_errors(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        wrong_secret = await client.post(
            "/auth/token", data={"grant_type": "client_credentials"}, auth=("maff-subsidy", "nope")
        )
        unknown = await client.post(
            "/auth/token",
            data={"grant_type": "client_credentials", "client_id": "x", "client_secret": "y"},
        )
        grant = await client.post(
            "/auth/token",
            data={"grant_type": "password"},
            auth=("maff-subsidy", "demo-maff-subsidy-secret"),
        )
        scope = await client.post(
            "/auth/token",
            data={"grant_type": "client_credentials", "scope": "plans:read"},
            auth=("maff-subsidy", "demo-maff-subsidy-secret"),
        )
    assert wrong_secret.status_code == 401
    assert wrong_secret.json() == {"error": "invalid_client"}
    assert wrong_secret.headers["www-authenticate"].startswith("Basic")
    assert unknown.status_code == 401
    assert unknown.json()["error"] == "invalid_client"
    assert grant.status_code == 400
    assert grant.json()["error"] == "unsupported_grant_type"
    assert scope.status_code == 400
    assert scope.json()["error"] == "invalid_scope"


async def _set_client(settings: Settings, **values: object) -> None:
    engine = create_engine(settings.database_url)
    async with engine.begin() as connection:
        await connection.execute(
            update(MachineClient).where(MachineClient.client_id == "maff-subsidy").values(**values)
        )
    await engine.dispose()


async def test_revoked_client_is_refused(
    gateway: GatewayFactory, gateway_settings: Settings
) -> None:
    await _set_client(gateway_settings, revoked_at=clock.now())
    async with gateway() as client:
        response = await client.post(
            "/auth/token",
            data={"grant_type": "client_credentials"},
            auth=("maff-subsidy", "demo-maff-subsidy-secret"),
        )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_expired_client_is_refused(
    gateway: GatewayFactory, gateway_settings: Settings
) -> None:
    await _set_client(gateway_settings, expires_at=clock.now() - timedelta(seconds=1))
    async with gateway() as client:
        response = await client.post(
            "/auth/token",
            data={"grant_type": "client_credentials"},
            auth=("maff-subsidy", "demo-maff-subsidy-secret"),
        )
    assert response.status_code == 401


async def test_repeated_bad_client_secrets_are_throttled(sqlite_gateway: GatewayFactory) -> None:
    async with sqlite_gateway(login_free_failures=2, login_delay_base_seconds=60) as client:
        for _ in range(3):
            await client.post(
                "/auth/token", data={"grant_type": "client_credentials"}, auth=("maff-subsidy", "x")
            )
        throttled = await client.post(
            "/auth/token",
            data={"grant_type": "client_credentials"},
            auth=("maff-subsidy", "demo-maff-subsidy-secret"),
        )
    assert throttled.status_code == 429
    assert throttled.headers["content-type"] == "application/problem+json"
    assert throttled.headers["cache-control"] == "no-store"
    assert throttled.json()["error"] == "slow_down"
    assert int(throttled.headers["retry-after"]) > 0


async def test_create_client_command_shows_a_secret_that_works_once_printed(
    gateway: GatewayFactory, gateway_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(
        client_id="mlit-subsidy",
        name="国土交通省 補助金システム",
        tier="ministry_system",
        organisation="maff",
        scopes="registry:read",
        expires_in_days=30,
    )
    await run_create_client(gateway_settings, args)
    printed = capsys.readouterr().out
    secret = next(
        line.split(": ", 1)[1] for line in printed.splitlines() if line.startswith("client_secret")
    )
    async with gateway() as client:
        response = await client.post(
            "/auth/token", data={"grant_type": "client_credentials"}, auth=("mlit-subsidy", secret)
        )
    assert response.status_code == 200
    assert response.json()["scope"] == "registry:read"
