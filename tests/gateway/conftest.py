"""Fixtures of the gateway tests: a migrated and seeded database, the app, logged-in clients, and
real upstream HTTP servers (uvicorn on a free loopback port)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from chiiki_common.db import create_engine, session_factory
from gateway import MIGRATIONS
from gateway.app import create_app
from gateway.demo import DEMO_PASSWORD, seed_demo
from gateway.passwords import Passwords
from gateway.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.databases import DatabaseFactory

CHEAP_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_kib": 1024, "argon2_parallelism": 1}
CLOSED_PORT_URL = "http://127.0.0.1:9"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """Run ``app`` with uvicorn on 127.0.0.1 and a free port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def seed(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            await seed_demo(session, Passwords(settings))
    finally:
        await engine.dispose()


async def seeded_settings(url: str, spa_dir: str) -> Settings:
    """Settings on a seeded database; upstreams point at a closed port unless overridden."""
    settings = Settings(
        database_url=url,
        environment="test",
        jwks_file=None,
        spa_dir=spa_dir,
        plans_url=CLOSED_PORT_URL,
        scoring_url=CLOSED_PORT_URL,
        notify_url=CLOSED_PORT_URL,
        log_requests=False,
        keys_reload_seconds=3600,
        **CHEAP_ARGON2,
    )
    await seed(settings)
    return settings


@pytest.fixture
async def gateway_settings(
    backend: str, database_factory: DatabaseFactory, tmp_path: Path
) -> Settings:
    """On both databases: for tests of what the gateway stores and reads."""
    url = database_factory.fresh(backend, "gateway", MIGRATIONS)
    return await seeded_settings(url, str(tmp_path / "no-spa"))


@pytest.fixture
async def sqlite_settings(database_factory: DatabaseFactory, tmp_path: Path) -> Settings:
    """On SQLite only: for tests of HTTP behaviour that no database changes (headers, proxying,
    the SPA, the merged API document)."""
    url = database_factory.fresh("sqlite", "gateway", MIGRATIONS)
    return await seeded_settings(url, str(tmp_path / "no-spa"))


GatewayFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


def factory(base: Settings) -> GatewayFactory:
    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        async with running(create_app(base.model_copy(update=overrides))) as client:
            yield client

    return start


@pytest.fixture
def gateway(gateway_settings: Settings) -> GatewayFactory:
    """``async with gateway(**setting_overrides) as client``: the app running in-process."""
    return factory(gateway_settings)


@pytest.fixture
def sqlite_gateway(sqlite_settings: Settings) -> GatewayFactory:
    return factory(sqlite_settings)


async def login(client: httpx.AsyncClient, email: str, password: str = DEMO_PASSWORD) -> str:
    """Log in on ``client`` (cookies kept by the client); returns the CSRF token."""
    response = await client.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


async def client_token(client: httpx.AsyncClient, client_id: str, secret: str | None = None) -> str:
    response = await client.post(
        "/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, secret or f"demo-{client_id}-secret"),
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])
