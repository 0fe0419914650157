"""Login and token throttling that cannot be turned against everyone: growing delays per account and
client address together, a generous ceiling per address, the client address from trusted proxies
only, and a refusal that says when to try again."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import text

from chiiki_common import clock
from chiiki_common.clock import JST
from chiiki_common.db import create_engine
from gateway.settings import Settings
from gateway.throttle.repository import DatabaseFailureStore
from tests.gateway.conftest import GatewayFactory, serve
from tests.gateway.proxy.upstream import echo_app

EMAIL = "kumamoto-admin@demo.example.jp"
COLLEAGUE = "kumamoto-editor@demo.example.jp"
PASSWORD = "Demo-2026!"
LOOPBACK = ["127.0.0.1/32"]
"""The in-process client connects from 127.0.0.1: trusting it plays a reverse proxy."""


def freeze(moment: datetime) -> clock.Clock:
    frozen = clock.Clock(moment, frozen=True)
    clock.set_clock(frozen)
    return frozen


async def _login(
    client: httpx.AsyncClient, email: str, password: str, address: str | None = None
) -> httpx.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    return await client.post(
        "/auth/login", json={"email": email, "password": password}, headers=headers
    )


def _waits(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "ログインの試行が多すぎます"
    return int(response.headers["retry-after"])


@pytest.mark.parametrize("store", ["database", "memory"])
async def test_delays_grow_1_2_4_seconds_up_to_the_cap_and_a_success_clears_them(
    gateway: GatewayFactory, store: str
) -> None:
    frozen = freeze(datetime(2026, 6, 1, 10, 0, tzinfo=JST))
    overrides = {
        "throttle_store": store,
        "login_free_failures": 2,
        "login_delay_base_seconds": 1.0,
        "login_delay_max_seconds": 8,
    }
    async with gateway(**overrides) as client:
        free = [(await _login(client, EMAIL, "wrong")).status_code for _ in range(2)]
        waits = []
        for _ in range(6):
            assert (await _login(client, EMAIL, "wrong")).status_code == 401
            wait = _waits(await _login(client, EMAIL, PASSWORD))
            waits.append(wait)
            frozen.advance(timedelta(seconds=wait - 0.5))
            assert _waits(await _login(client, EMAIL, PASSWORD)) == 1  # not yet
            frozen.advance(timedelta(seconds=0.5))
        cleared = await _login(client, EMAIL, PASSWORD)
        after_success = [(await _login(client, EMAIL, "wrong")).status_code for _ in range(2)]
    assert free == [401, 401]
    assert waits == [1, 2, 4, 8, 8, 8]
    assert cleared.status_code == 200
    assert after_success == [401, 401]  # the success gave the pair its free failures back


async def test_one_persons_failures_never_hold_back_a_colleague_or_themselves_elsewhere(
    gateway: GatewayFactory,
) -> None:
    office, home = "198.51.100.7", "203.0.113.50"
    overrides = {"login_free_failures": 3, "login_delay_base_seconds": 600}
    async with gateway(trusted_proxies=LOOPBACK, **overrides) as client:
        for _ in range(6):
            await _login(client, EMAIL, "wrong", office)
        held_back = await _login(client, EMAIL, PASSWORD, office)
        colleague = await _login(client, COLLEAGUE, PASSWORD, office)
        elsewhere = await _login(client, EMAIL, PASSWORD, home)
    assert 590 < _waits(held_back) <= 600
    assert colleague.status_code == 200
    assert elsewhere.status_code == 200


async def test_the_wait_is_said_in_seconds_or_in_minutes_with_the_jst_time(
    gateway: GatewayFactory,
) -> None:
    freeze(datetime(2026, 6, 1, 10, 0, 20, tzinfo=JST))
    async with gateway(login_free_failures=1, login_delay_base_seconds=30) as client:
        await _login(client, EMAIL, "wrong")
        await _login(client, EMAIL, "wrong")
        seconds = await _login(client, EMAIL, PASSWORD)
    async with gateway(login_free_failures=1, login_delay_base_seconds=600) as client:
        await _login(client, COLLEAGUE, "wrong")
        await _login(client, COLLEAGUE, "wrong")
        minutes = await _login(client, COLLEAGUE, PASSWORD)
    assert _waits(seconds) == 30
    assert seconds.json()["detail"].endswith("30秒後に再度お試しください。")
    assert _waits(minutes) == 600
    # 10:00:20 + 10 minutes = 10:10:20: from 10:11 on, to the minute
    assert minutes.json()["detail"].endswith("約10分後（10:11以降）に再度お試しください。")


async def test_the_address_ceiling_stops_spraying_many_accounts_and_only_from_that_address(
    gateway: GatewayFactory,
) -> None:
    sprayer, office = "192.0.2.66", "198.51.100.7"
    overrides = {"login_max_failures_per_address": 5, "login_address_window_seconds": 900}
    async with gateway(trusted_proxies=LOOPBACK, **overrides) as client:
        sprayed = [
            (await _login(client, f"guess{n}@demo.example.jp", "Password1", sprayer)).status_code
            for n in range(5)
        ]
        stopped = await _login(client, EMAIL, PASSWORD, sprayer)
        office_login = await _login(client, EMAIL, PASSWORD, office)
    assert sprayed == [401] * 5
    assert 0 < _waits(stopped) <= 900
    assert "この接続元からのログインの失敗が多いため" in stopped.json()["detail"]
    assert "分後" in stopped.json()["detail"]
    assert office_login.status_code == 200


async def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(
    gateway: GatewayFactory,
) -> None:
    """With no trusted proxy (the default), rotating X-Forwarded-For does not escape the delay,
    and the spoofed address is not what the services are told either."""
    async with (
        serve(echo_app()) as plans_url,
        gateway(plans_url=plans_url, login_free_failures=2, login_delay_base_seconds=600) as client,
    ):
        for n in range(3):
            assert (await _login(client, EMAIL, "wrong", f"203.0.113.{n}")).status_code == 401
        spoofing = await _login(client, EMAIL, PASSWORD, "203.0.113.99")
        forwarded = await client.get(
            "/public/v1/plans", headers={"X-Forwarded-For": "203.0.113.99"}
        )
    assert _waits(spoofing) > 0
    assert forwarded.json()["headers"]["x-forwarded-for"] == "127.0.0.1"


async def test_forwarded_for_from_a_trusted_peer_gives_the_right_most_untrusted_address(
    gateway: GatewayFactory,
) -> None:
    chain = "192.0.2.1, 198.51.100.7, 10.1.2.3"  # client-supplied, the real client, our ingress
    async with (
        serve(echo_app()) as plans_url,
        gateway(
            plans_url=plans_url,
            trusted_proxies=["127.0.0.1/32", "10.0.0.0/8"],
            login_free_failures=2,
            login_delay_base_seconds=600,
        ) as client,
    ):
        forwarded = await client.get("/public/v1/plans", headers={"X-Forwarded-For": chain})
        for _ in range(3):
            await _login(client, EMAIL, "wrong", chain)
        same_client = await _login(client, EMAIL, PASSWORD, "192.0.2.200, 198.51.100.7")
        other_client = await _login(client, EMAIL, PASSWORD, "198.51.100.8")
    assert forwarded.json()["headers"]["x-forwarded-for"] == "198.51.100.7"
    assert _waits(same_client) > 0  # the left-most entry is the client's own word: not used
    assert other_client.status_code == 200


async def test_parallel_guesses_on_one_pair_cannot_slip_past_the_delay(
    gateway: GatewayFactory,
) -> None:
    async with gateway(login_free_failures=2, login_delay_base_seconds=600) as client:
        answers = await asyncio.gather(*(_login(client, EMAIL, "wrong") for _ in range(12)))
    statuses = sorted(response.status_code for response in answers)
    # two free failures and the one attempt that takes the third place; every other one waits
    assert 1 <= statuses.count(401) <= 3
    assert statuses.count(429) >= 9
    assert set(statuses) <= {401, 429}


async def test_client_secret_failures_are_held_back_per_client_and_address(
    gateway: GatewayFactory,
) -> None:
    async def token(client_id: str, secret: str, address: str) -> httpx.Response:
        return await client.post(
            "/auth/token",
            data={"grant_type": "client_credentials"},
            auth=(client_id, secret),
            headers={"X-Forwarded-For": address},
        )

    ministry, other = "198.51.100.30", "198.51.100.31"
    overrides = {"login_free_failures": 2, "login_delay_base_seconds": 120}
    async with gateway(trusted_proxies=LOOPBACK, **overrides) as client:
        failures = [(await token("maff-subsidy", "wrong", ministry)).status_code for _ in range(3)]
        held_back = await token("maff-subsidy", "demo-maff-subsidy-secret", ministry)
        other_client = await token("svc-notify", "demo-svc-notify-secret", ministry)
        other_address = await token("maff-subsidy", "demo-maff-subsidy-secret", other)
    assert failures == [401, 401, 401]
    assert held_back.status_code == 429
    assert held_back.headers["content-type"] == "application/problem+json"
    assert held_back.headers["retry-after"] == "120"
    body = held_back.json()
    assert body["title"] == "クライアント認証の試行が多すぎます"
    assert body["error"] == "slow_down"
    assert "約2分後（" in body["detail"]
    assert body["detail"].endswith("以降）に再度お試しください。")
    assert other_client.status_code == 200
    assert other_address.status_code == 200


def test_the_database_store_is_the_default_and_memory_must_be_chosen() -> None:
    assert Settings().throttle_store == "database"
    assert Settings().trusted_proxies == []


async def test_a_pairs_failures_are_forgotten_an_hour_after_its_last_wait_and_then_pruned(
    gateway: GatewayFactory, gateway_settings: Settings
) -> None:
    frozen = freeze(datetime(2026, 6, 1, 10, 0, tzinfo=JST))
    overrides = {"login_free_failures": 1, "login_delay_base_seconds": 60}
    async with gateway(**overrides) as client:
        await _login(client, EMAIL, "wrong")
        await _login(client, EMAIL, "wrong")  # the second failure: a minute's wait
        assert _waits(await _login(client, EMAIL, PASSWORD)) == 60
        frozen.advance(timedelta(seconds=60 + 3600))
        fresh = await _login(client, EMAIL, "wrong")  # counted as a first failure again: free
        again = await _login(client, EMAIL, "wrong")
    assert fresh.status_code == again.status_code == 401
    frozen.advance(timedelta(seconds=60 + 3600 + 900))
    engine = create_engine(gateway_settings.database_url)
    try:
        pruned = await DatabaseFailureStore(engine).prune(clock.now())
        async with engine.connect() as connection:
            left = (await connection.execute(text("SELECT count(*) FROM auth_failures"))).scalar()
    finally:
        await engine.dispose()
    assert pruned == 2  # the pair and the address's failure count
    assert left == 0
