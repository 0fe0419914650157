"""The national roll-up (plans-api ``/api/rollup``) is reachable through the gateway."""

from __future__ import annotations

from tests.gateway.conftest import GatewayFactory, login, serve
from tests.gateway.proxy.upstream import echo_app


async def test_the_rollup_reaches_plans_api_for_a_signed_in_user(
    sqlite_gateway: GatewayFactory,
) -> None:
    upstream = echo_app(prefixes=("/api/rollup",))
    async with serve(upstream) as plans_url, sqlite_gateway(plans_url=plans_url) as client:
        anonymous = await client.get("/api/rollup/kgis")
        await login(client, "cas-reviewer@demo.example.jp")
        response = await client.get("/api/rollup/plan-states")
    assert anonymous.status_code == 401
    assert response.status_code == 200
    assert response.json()["path"] == "/api/rollup/plan-states"
    assert response.json()["headers"]["authorization"].startswith("Bearer ")
