"""Public routes are rate-limited too: open data and the API document per client address, the JWKS
with a bucket of its own, the SPA's reads of the gateway's own routes per signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from tests.gateway.conftest import GatewayFactory, login, serve
from tests.gateway.proxy.upstream import echo_app

Proxied = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
LOOPBACK = ["127.0.0.1/32"]


@pytest.fixture
def proxied(sqlite_gateway: GatewayFactory) -> Proxied:
    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        async with (
            serve(echo_app()) as plans_url,
            sqlite_gateway(plans_url=plans_url, trusted_proxies=LOOPBACK, **overrides) as client,
        ):
            yield client

    return start


def _limited(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert (
        response.json()["title"] == "リクエストが多すぎます。しばらく待ってから再試行してください"
    )
    assert response.json()["detail"].endswith("秒後に再度お試しください。")
    return int(response.headers["retry-after"])


async def test_open_data_is_limited_per_client_address(proxied: Proxied) -> None:
    scraper, reader = {"X-Forwarded-For": "192.0.2.9"}, {"X-Forwarded-For": "198.51.100.4"}
    async with proxied(rate_limit_public_per_second=0.01, rate_limit_public_burst=3) as client:
        allowed = [
            (await client.get(path, headers=scraper)).status_code
            for path in ("/public/v1/plans", "/public/v1/plans.csv", "/public/v1/plans/1")
        ]
        refused = await client.get("/public/v1/plans.csv", headers=scraper)
        document = await client.get("/openapi.json", headers=scraper)
        other_reader = await client.get("/public/v1/plans", headers=reader)
    assert allowed == [200, 200, 200]
    assert _limited(refused) >= 1
    assert _limited(document) >= 1  # the API document shares the anonymous bucket
    assert other_reader.status_code == 200


async def test_the_jwks_has_a_generous_bucket_of_its_own(proxied: Proxied) -> None:
    settings = {
        "rate_limit_public_per_second": 0.01,
        "rate_limit_public_burst": 1,
        "rate_limit_keys_per_second": 0.01,
        "rate_limit_keys_burst": 3,
    }
    async with proxied(**settings) as client:
        await client.get("/public/v1/plans")
        assert (await client.get("/public/v1/plans")).status_code == 429
        keys = [(await client.get("/.well-known/jwks.json")).status_code for _ in range(3)]
        refused = await client.get("/.well-known/jwks.json")
    assert keys == [200, 200, 200]
    assert _limited(refused) >= 1


async def test_signed_in_reads_of_the_gateways_routes_are_limited_per_user_not_per_address(
    proxied: Proxied,
) -> None:
    office = {"X-Forwarded-For": "198.51.100.7"}
    names = "/directory/v1/organisations?codes=430005"
    async with proxied(rate_limit_user_per_second=0.01, rate_limit_user_burst=3) as client:
        await login(client, "kumamoto-editor@demo.example.jp")
        allowed = [(await client.get(names, headers=office)).status_code for _ in range(3)]
        refused = await client.get(names, headers=office)
        colleague = httpx.AsyncClient(transport=client._transport, base_url=client.base_url)
        await login(colleague, "kumamoto-approver@demo.example.jp")
        colleague_reads = await colleague.get(names, headers=office)
    assert allowed == [200, 200, 200]
    assert _limited(refused) >= 1
    assert colleague_reads.status_code == 200
    assert colleague_reads.json()[0]["name"] == "熊本県"
