"""What the proxy's lean path must keep: request ids, the caller read from raw headers, token
expiry behind the principal cache, and no cookies kept between callers."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI, Request, Response

from chiiki_common import clock
from tests.gateway.conftest import GatewayFactory, client_token, login, serve
from tests.gateway.proxy.test_proxy import Proxied, _proxied

EDITOR = "kumamoto-editor@demo.example.jp"


@pytest.fixture
def lite_proxied(sqlite_gateway: GatewayFactory) -> Proxied:
    """The gateway with plans-api played by the echo app (as in ``test_proxy``), on SQLite."""
    return _proxied(sqlite_gateway)


async def test_each_request_gets_its_own_sane_request_id_which_the_upstream_sees(
    lite_proxied: Proxied,
) -> None:
    async with lite_proxied() as client:
        responses = [await client.get("/public/v1/plans") for _ in range(50)]
    ids = [response.headers["x-request-id"] for response in responses]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{32}", request_id) for request_id in ids)
    assert [r.json()["headers"]["x-request-id"] for r in responses] == ids


async def test_a_bearer_token_wins_over_the_session_cookie(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        await login(client, EDITOR)
        token = await client_token(client, "maff-subsidy")
        forged = await client.get("/api/plans/plans", headers={"Authorization": "Bearer x.y.z"})
        machine = await client.get("/api/plans/plans", headers={"Authorization": f"Bearer {token}"})
        user = await client.get("/api/plans/plans")
    assert forged.status_code == 401
    assert machine.status_code == 403
    assert user.status_code == 200


async def test_the_session_cookie_is_found_in_any_cookie_header(lite_proxied: Proxied) -> None:
    async with lite_proxied() as client:
        await login(client, EDITOR)
        session = client.cookies["chiiki_session"]
        client.cookies.clear()
        response = await client.get(
            "/api/plans/plans",
            headers=[("cookie", "theme=dark"), ("cookie", f"chiiki_session={session}; lang=ja")],
        )
    assert response.status_code == 200
    assert "cookie" not in response.json()["headers"]


async def test_a_machine_token_is_refused_once_it_has_expired(lite_proxied: Proxied) -> None:
    frozen = clock.Clock(datetime.now(UTC), frozen=True)
    clock.set_clock(frozen)
    async with lite_proxied() as client:
        bearer = {"Authorization": f"Bearer {await client_token(client, 'maff-subsidy')}"}
        fresh = [await client.get("/registry/v1/plans", headers=bearer) for _ in range(2)]
        frozen.advance(timedelta(seconds=601 + 5))
        expired = await client.get("/registry/v1/plans", headers=bearer)
    assert [response.status_code for response in fresh] == [200, 200]
    assert expired.status_code == 401


def _cookie_setting_upstream() -> FastAPI:
    app = FastAPI()

    @app.get("/public/v1/set")
    async def set_cookie(response: Response) -> dict[str, str]:
        response.set_cookie("upstream", "for-the-first-caller-only")
        return {}

    @app.get("/public/v1/echo")
    async def echo(request: Request) -> dict[str, str | None]:
        return {"cookie": request.headers.get("cookie")}

    return app


async def test_a_cookie_an_upstream_sets_never_rides_on_a_later_request(
    sqlite_gateway: GatewayFactory,
) -> None:
    async with serve(_cookie_setting_upstream()) as url:
        # a host name, not an address: a cookie jar keeps cookies of named hosts only
        named = url.replace("127.0.0.1", "localhost")
        async with sqlite_gateway(plans_url=named) as client:
            first = await client.get("/public/v1/set")
            later = await client.get("/public/v1/echo")
    assert first.status_code == later.status_code == 200
    assert "set-cookie" not in first.headers
    assert later.json() == {"cookie": None}
