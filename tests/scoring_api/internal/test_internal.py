"""Service-to-service endpoints: the event feed (events:read) and open calls (scoring:read), for
service tokens only; and no route of scoring-api answers without a token."""

from __future__ import annotations

import httpx
import pytest

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from scoring_api.app import create_app
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import FUKUOKA, KUMAMOTO, open_kumamoto_call


async def test_open_calls_lists_calls_open_now_with_closing_time_in_utc(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    set_clock(Clock(jst_wall_clock(2026, 5, 20, 10, 0), frozen=True))
    kumamoto = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    await open_kumamoto_call(
        client,
        tokens.prefecture(FUKUOKA, "approver"),
        title="来年度の公募",
        opens_at="2027-05-01T00:00:00+09:00",
        closes_at="2027-06-01T12:00:00+09:00",
    )
    response = await client.get(
        "/internal/calls/open",
        headers=tokens.service("svc-notify", scope="events:read scoring:read"),
    )
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": kumamoto["id"],
            "prefecture_code": KUMAMOTO,
            "title": "地域産業クラスター計画 重点支援企業の公募",
            "closes_at": "2026-06-01T03:00:00+00:00",
        }
    ]
    set_clock(Clock(jst_wall_clock(2026, 6, 1, 12, 0), frozen=True))
    closed = await client.get(
        "/internal/calls/open", headers=tokens.service("svc-notify", scope="scoring:read")
    )
    assert closed.json() == []


@pytest.mark.parametrize(
    ("path", "scope"),
    [("/internal/events", "events:read"), ("/internal/calls/open", "scoring:read")],
)
async def test_internal_endpoints_need_a_service_token_with_the_scope(
    client: httpx.AsyncClient, tokens: TokenFactory, path: str, scope: str
) -> None:
    assert (
        await client.get(path, headers=tokens.service("svc-notify", scope=scope))
    ).status_code == 200
    assert (
        await client.get(path, headers=tokens.service("svc-plans", scope="directory:read"))
    ).status_code == 403
    for user in (
        tokens.national("admin"),
        tokens.prefecture(KUMAMOTO, "admin"),
        tokens.ministry(scope=scope),
    ):
        assert (await client.get(path, headers=user)).status_code == 403


def test_every_route_answers_401_without_a_token(settings: Settings, tokens: TokenFactory) -> None:
    """Behavioural check of the auth wall: every operation of the OpenAPI document is called."""
    import asyncio

    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    operations = [
        (method.upper(), path.replace("{", "").replace("}", ""))
        for path, items in app.openapi()["paths"].items()
        for method in items
        if path not in ("/healthz", "/readyz")
    ]
    assert len(operations) > 20

    async def call_all() -> list[tuple[str, str, int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return [
                (method, path, (await client.request(method, path)).status_code)
                for method, path in operations
            ]

    answers = asyncio.run(call_all())
    assert [a for a in answers if a[2] != 401] == []
