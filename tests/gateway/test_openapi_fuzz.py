"""Schemathesis against the gateway's own routes over real HTTP: generated requests (valid and not)
from a logged-in national admin never get a 5xx, and every answer matches the documented schema."""

from __future__ import annotations

import asyncio
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from chiiki_common.migrations import upgrade
from gateway import MIGRATIONS
from gateway.app import create_app
from gateway.settings import Settings
from tests.gateway.conftest import CHEAP_ARGON2, CLOSED_PORT_URL, free_port, seed


def _settings() -> Settings:
    workdir = Path(tempfile.mkdtemp(prefix="chiiki-gateway-fuzz-"))
    return Settings(
        database_url=f"sqlite+aiosqlite:///{workdir / 'gateway.db'}",
        environment="test",
        jwks_file=None,
        spa_dir=str(workdir / "no-spa"),
        plans_url=CLOSED_PORT_URL,
        scoring_url=CLOSED_PORT_URL,
        notify_url=CLOSED_PORT_URL,
        log_requests=False,
        login_free_failures=1_000_000,
        login_max_failures_per_address=1_000_000,
        **CHEAP_ARGON2,
    )


SETTINGS = _settings()
# The document of the gateway's own routes; logout is left out so the fuzzing session stays open.
schema = schemathesis.openapi.from_dict(create_app(SETTINGS).openapi()).exclude(path="/auth/logout")
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
FUZZ = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def gateway_url() -> Iterator[str]:
    """The gateway on a seeded SQLite database, served by uvicorn in a thread of its own."""
    upgrade(MIGRATIONS, SETTINGS.database_url)
    asyncio.run(seed(SETTINGS))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(SETTINGS), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the gateway did not start")
        threading.Event().wait(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def session_headers(gateway_url: str) -> dict[str, str]:
    response = httpx.post(
        f"{gateway_url}/auth/login",
        json={"email": "cas-admin@demo.example.jp", "password": "Demo-2026!"},
    )
    response.raise_for_status()
    return {
        "Cookie": f"chiiki_session={response.cookies['chiiki_session']}",
        "X-CSRF-Token": response.json()["csrf_token"],
    }


@schema.parametrize()
@FUZZ
def test_gateway_never_fails_and_matches_its_schema(  # type: ignore[no-untyped-def]
    case, gateway_url: str, session_headers: dict[str, str]
) -> None:
    case.call_and_validate(base_url=gateway_url, headers=session_headers, checks=CHECKS)
