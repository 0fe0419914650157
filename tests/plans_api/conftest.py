"""plans-api app and client per test, on a private migrated database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

import plans_api
from plans_api.app import create_app
from plans_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory


@dataclass
class PlansContext:
    client: httpx.AsyncClient
    database_url: str
    tokens: TokenFactory


@pytest.fixture
async def ctx(
    backend: str, database_factory: DatabaseFactory, tokens: TokenFactory
) -> AsyncIterator[PlansContext]:
    url = database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS)
    # the publication task runs once at startup; tests carry out due publications themselves
    settings = Settings(
        database_url=url, environment="test", log_requests=False, publication_poll_seconds=3600
    )
    app = create_app(settings, verifier=tokens.verifier(settings.audience))
    async with running(app) as client:
        yield PlansContext(client=client, database_url=url, tokens=tokens)
