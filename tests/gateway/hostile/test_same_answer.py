"""Known and unknown accounts get the same answer in the same time: every refusal costs the same
argon2 verifications (a dummy hash standing in for a missing account) and says the same thing."""

from __future__ import annotations

import statistics
import threading
import time
from datetime import timedelta
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import update

from chiiki_common import clock
from chiiki_common.db import create_engine
from gateway.models import MachineClient, User
from gateway.settings import Settings
from tests.gateway.conftest import GatewayFactory

KNOWN = "kumamoto-admin@demo.example.jp"
INACTIVE = "kumamoto-viewer@demo.example.jp"
UNKNOWN = "nobody-here@demo.example.jp"


class Verifications:
    """Counts argon2 verifications, whichever thread runs them."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def add(self) -> None:
        with self._lock:
            self.count += 1

    def taken(self) -> int:
        with self._lock:
            taken, self.count = self.count, 0
        return taken


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> Verifications:
    counter = Verifications()
    real = PasswordHasher.verify

    def counting(self: PasswordHasher, hash: str | bytes, password: str | bytes) -> Any:
        counter.add()
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    return counter


async def _set(settings: Settings, model: Any, where: Any, **values: object) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(update(model).where(where).values(**values))
    finally:
        await engine.dispose()


def _shape(response: httpx.Response) -> tuple[int, str, dict[str, Any]]:
    body = response.json()
    body.pop("request_id", None)
    return response.status_code, response.headers["content-type"], body


async def test_known_unknown_and_inactive_accounts_get_the_same_401_after_the_same_hashing(
    gateway: GatewayFactory, gateway_settings: Settings, verifications: Verifications
) -> None:
    await _set(gateway_settings, User, User.email == INACTIVE, active=False)
    answers, hashed = {}, {}
    async with gateway() as client:
        for label, email, password in (
            ("wrong password", KNOWN, "wrong"),
            ("unknown account", UNKNOWN, "wrong"),
            ("inactive account", INACTIVE, "Demo-2026!"),
        ):
            verifications.taken()
            answers[label] = await client.post(
                "/auth/login", json={"email": email, "password": password}
            )
            hashed[label] = verifications.taken()
    shapes = {label: _shape(response) for label, response in answers.items()}
    assert shapes["wrong password"][0] == 401
    assert (
        shapes["wrong password"][2]["title"] == "メールアドレスまたはパスワードが正しくありません"
    )
    assert shapes["unknown account"] == shapes["wrong password"]
    assert shapes["inactive account"] == shapes["wrong password"]
    assert hashed == {"wrong password": 1, "unknown account": 1, "inactive account": 1}


async def test_known_unknown_revoked_and_expired_clients_get_the_same_401_after_the_same_hashing(
    gateway: GatewayFactory, gateway_settings: Settings, verifications: Verifications
) -> None:
    now = clock.now()
    await _set(
        gateway_settings, MachineClient, MachineClient.client_id == "svc-plans", revoked_at=now
    )
    await _set(
        gateway_settings,
        MachineClient,
        MachineClient.client_id == "svc-scoring",
        expires_at=now - timedelta(days=1),
    )
    answers, hashed = {}, {}
    async with gateway() as client:
        for label, client_id, secret in (
            ("wrong secret", "maff-subsidy", "wrong"),
            ("unknown client", "nobody", "wrong"),
            ("revoked client", "svc-plans", "demo-svc-plans-secret"),
            ("expired client", "svc-scoring", "demo-svc-scoring-secret"),
        ):
            verifications.taken()
            answers[label] = await client.post(
                "/auth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
            )
            hashed[label] = verifications.taken()
    bodies = {label: (r.status_code, r.json()) for label, r in answers.items()}
    assert all(body == (401, {"error": "invalid_client"}) for body in bodies.values()), bodies
    # the current secret and the previous one (or dummies standing in for them)
    assert set(hashed.values()) == {2}, hashed


async def test_an_unknown_account_takes_about_as_long_as_a_wrong_password(
    sqlite_gateway: GatewayFactory, sqlite_settings: Settings
) -> None:
    """With the production argon2 cost (64 MiB, 3 passes) for the account's hash and the dummy
    alike: medians of a few tries each. Skipping the dummy hash would make the unknown account
    many times faster; the band is generous."""
    production = {"argon2_time_cost": 3, "argon2_memory_kib": 65536, "argon2_parallelism": 4}
    hasher = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)
    await _set(sqlite_settings, User, User.email == KNOWN, password_hash=hasher.hash("Demo-2026!"))

    async def median(client: httpx.AsyncClient, email: str) -> float:
        took = []
        for _ in range(5):
            started = time.perf_counter()
            response = await client.post("/auth/login", json={"email": email, "password": "no"})
            took.append(time.perf_counter() - started)
            assert response.status_code == 401
        return statistics.median(took)

    async with sqlite_gateway(login_free_failures=100, **production) as client:
        await median(client, KNOWN)  # warm up
        known = await median(client, KNOWN)
        unknown = await median(client, UNKNOWN)
    assert 0.33 < unknown / known < 3.0, (
        f"known {known * 1000:.0f} ms, unknown {unknown * 1000:.0f} ms"
    )
