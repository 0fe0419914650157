"""Two gateway processes on one PostgreSQL database (as ``docker compose`` runs two workers): failed
logins sent to them in turn add up to one limit, because the counters live in the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import text

from chiiki_common.db import create_engine
from gateway import MIGRATIONS
from gateway.settings import Settings
from tests.fixtures.databases import DatabaseFactory
from tests.gateway.conftest import CHEAP_ARGON2, seed
from tests.gateway.hostile.processes import gateway_environment, gateway_process

ROOT = Path(__file__).resolve().parents[3]
EMAIL = "kumamoto-admin@demo.example.jp"
OTHER = "kumamoto-editor@demo.example.jp"
PASSWORD = "Demo-2026!"


@pytest.fixture
async def pg_database(
    pg_unavailable: str | None, database_factory: DatabaseFactory, tmp_path: Path
) -> str:
    if pg_unavailable:
        pytest.skip(pg_unavailable)
    url = database_factory.fresh("postgresql", "gateway", MIGRATIONS)
    await seed(Settings(database_url=url, jwks_file=None, environment="test", **CHEAP_ARGON2))
    return url


@pytest.fixture
def two_gateways(pg_database: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    env = gateway_environment(
        pg_database,
        tmp_path,
        # free failures 3, then a minute's wait: nothing lapses while the test runs
        LOGIN_FREE_FAILURES="3",
        LOGIN_DELAY_BASE_SECONDS="60",
        TRUSTED_PROXIES="127.0.0.1/32",
    )
    with ExitStack() as stack:
        first = stack.enter_context(gateway_process(env, tmp_path))
        second = stack.enter_context(gateway_process(env, tmp_path))
        yield first, second


def _login(base_url: str, email: str, password: str, address: str) -> httpx.Response:
    return httpx.post(
        f"{base_url}/auth/login",
        json={"email": email, "password": password},
        headers={"X-Forwarded-For": address},
        timeout=30,
    )


async def test_failures_sent_alternately_to_two_gateway_processes_add_up_to_one_limit(
    two_gateways: tuple[str, str], pg_database: str
) -> None:
    first, second = two_gateways
    office = "198.51.100.10"
    # four failures, two in each process: alone, neither process would have seen past the free 3
    statuses = [
        _login(gateway, EMAIL, "wrong", office).status_code
        for gateway in (first, second, first, second)
    ]
    held_back = _login(first, EMAIL, PASSWORD, office)
    held_back_too = _login(second, EMAIL, PASSWORD, office)
    colleague = _login(first, OTHER, PASSWORD, office)
    elsewhere = _login(second, EMAIL, PASSWORD, "203.0.113.20")

    assert statuses == [401, 401, 401, 401]
    assert held_back.status_code == held_back_too.status_code == 429
    assert held_back.headers["content-type"] == "application/problem+json"
    assert 0 < int(held_back.headers["retry-after"]) <= 60
    assert colleague.status_code == 200
    assert elsewhere.status_code == 200

    engine = create_engine(pg_database)
    try:
        async with engine.connect() as connection:
            stored = sorted(
                (await connection.execute(text("SELECT failures FROM auth_failures"))).scalars()
            )
    finally:
        await engine.dispose()
    # the office's pair (4 counted + the refused attempts not counted) and the address counter
    # of its 4 failures; the successful pairs were cleared
    assert stored == [4, 4]


def test_docker_compose_runs_two_gateway_workers_on_the_shared_database_store() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    gateway = compose["services"]["gateway"]
    assert "--workers 2" in " ".join(gateway["command"])
    environment = gateway["environment"]
    assert environment["GATEWAY_DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert environment.get("GATEWAY_THROTTLE_STORE", Settings().throttle_store) == "database"
