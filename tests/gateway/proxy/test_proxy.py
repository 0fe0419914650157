"""The reverse proxy over real HTTP: authentication, policy, forwarded headers, failures, limits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from chiiki_common.auth import JWKSSource, TokenVerifier
from tests.gateway.conftest import GatewayFactory, client_token, login, serve
from tests.gateway.proxy.upstream import echo_app

Proxied = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


def _proxied(gateway: GatewayFactory) -> Proxied:
    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        async with (
            serve(echo_app()) as plans_url,
            gateway(plans_url=plans_url, **overrides) as client,
        ):
            yield client

    return start


@pytest.fixture
def proxied(gateway: GatewayFactory) -> Proxied:
    """The gateway with plans-api played by the echo app over HTTP (scoring and notify down);
    on both databases, since sessions are looked up on the proxy path."""
    return _proxied(gateway)


@pytest.fixture
def lite_proxied(sqlite_gateway: GatewayFactory) -> Proxied:
    """The same on SQLite only, for HTTP behaviour no database changes."""
    return _proxied(sqlite_gateway)


async def test_a_user_request_reaches_plans_api_with_a_minted_token_and_no_cookie(
    proxied: Proxied,
) -> None:
    async with proxied() as client:
        csrf = await login(client, "kumamoto-editor@demo.example.jp")
        response = await client.post(
            "/api/plans/plans?fiscal_year=2026",
            json={"title": "計画"},
            headers={
                "X-CSRF-Token": csrf,
                "X-Request-ID": "req-12345678",
                "Connection": "keep-alive, X-Secret-Hop",
                "Keep-Alive": "timeout=5",
                "Te": "trailers",
                "X-Secret-Hop": "for the next hop only",
            },
        )
        again = await client.get("/api/plans/plans")
        jwks = (await client.get("/.well-known/jwks.json")).json()
    assert response.status_code == 200
    echoed = response.json()
    assert echoed["path"] == "/api/plans/plans"
    assert echoed["query"] == "fiscal_year=2026"
    assert echoed["body"] == '{"title":"計画"}'
    headers = echoed["headers"]
    assert "cookie" not in headers
    assert "x-csrf-token" not in headers
    assert "keep-alive" not in headers
    assert "te" not in headers
    assert "x-secret-hop" not in headers
    assert headers["x-request-id"] == "req-12345678"
    assert response.headers["x-request-id"] == "req-12345678"
    token = headers["authorization"].removeprefix("Bearer ")
    claims = TokenVerifier(
        source=JWKSSource(static=jwks), issuer="chiiki-gateway", audience="plans-api"
    ).verify(token)
    assert claims["org"] == "430005"
    assert claims["tier"] == "prefecture"
    assert claims["roles"] == ["editor"]
    assert set(claims["aud"]) == {"plans-api", "scoring-api", "notify"}
    assert claims["exp"] - claims["iat"] <= 900
    # the minted token is reused for the session until shortly before it expires
    assert again.json()["headers"]["authorization"] == headers["authorization"]


async def test_cookie_post_through_the_proxy_needs_the_csrf_token(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        await login(client, "kumamoto-editor@demo.example.jp")
        response = await client.post("/api/plans/plans", json={})
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


async def test_anonymous_requests_reach_only_the_public_api(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        public = await client.get("/public/v1/plans", headers={"Authorization": "Bearer junk"})
        private = await client.get("/api/plans/plans")
        registry = await client.get("/registry/v1/companies")
    assert public.status_code == 200
    assert "authorization" not in public.json()["headers"]
    assert private.status_code == registry.status_code == 401
    assert private.headers["content-type"] == "application/problem+json"


async def test_a_ministry_client_reaches_the_registry_but_not_the_api(proxied: Proxied) -> None:
    async with proxied() as client:
        token = await client_token(client, "maff-subsidy")
        bearer = {"Authorization": f"Bearer {token}"}
        registry = await client.get("/registry/v1/companies/1234567890123", headers=bearer)
        plans = await client.get("/api/plans/plans", headers=bearer)
        scoring = await client.get("/api/scoring/calls", headers=bearer)
    assert registry.status_code == 200
    assert registry.json()["headers"]["authorization"] == f"Bearer {token}"
    assert plans.status_code == scoring.status_code == 403
    assert plans.headers["content-type"] == "application/problem+json"


async def test_prefixes_match_whole_path_segments(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        await login(client, "kumamoto-editor@demo.example.jp")
        response = await client.get("/api/plansx/1")
    assert response.status_code == 404


async def test_an_upstream_that_is_down_answers_502_problem(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        await login(client, "kumamoto-editor@demo.example.jp")
        response = await client.get("/api/scoring/calls")
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "連携先のサービスに接続できません"


async def test_a_slow_upstream_answers_504_problem_in_time(sqlite_gateway: GatewayFactory) -> None:
    async with (
        serve(echo_app(delay_seconds=1.0)) as url,
        sqlite_gateway(plans_url=url, upstream_timeout=0.2) as client,
    ):
        await login(client, "kumamoto-editor@demo.example.jp")
        response = await client.get("/api/plans/slow", timeout=3)
    assert response.status_code == 504
    assert response.headers["content-type"] == "application/problem+json"


async def test_rate_limit_per_user_answers_429_with_retry_after(lite_proxied: Proxied) -> None:
    async with lite_proxied(rate_limit_user_per_second=0.5, rate_limit_user_burst=3) as client:
        await login(client, "kumamoto-editor@demo.example.jp")
        statuses = [(await client.get("/api/plans/plans")).status_code for _ in range(3)]
        limited = await client.get("/api/plans/plans")
        other = httpx.AsyncClient(transport=client._transport, base_url=client.base_url)
        await login(other, "kumamoto-approver@demo.example.jp")
        other_user = await other.get("/api/plans/plans")
    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert other_user.status_code == 200


async def test_rate_limit_per_machine_client(lite_proxied: Proxied) -> None:
    async with lite_proxied(rate_limit_client_per_second=0.1, rate_limit_client_burst=2) as client:
        bearer = {"Authorization": f"Bearer {await client_token(client, 'maff-subsidy')}"}
        statuses = [
            (await client.get("/registry/v1/x", headers=bearer)).status_code for _ in range(3)
        ]
    assert statuses == [200, 200, 429]


async def test_proxied_responses_carry_security_headers(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        response = await client.get("/public/v1/plans")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"]
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert len(response.headers.get_list("server")) <= 1


async def test_a_large_streamed_response_arrives_whole(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        response = await client.get("/public/v1/large")
    assert response.status_code == 200
    assert len(response.content) == 64 * 16384
    assert response.content[:16384] == b"A" * 16384
    assert response.content[-16384:] == bytes([65 + 63 % 26]) * 16384
