"""scoring-api fixtures: a migrated database per test, the app, and callers of every tier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from scoring_api import MIGRATIONS
from scoring_api.app import create_app
from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.scoring_api.plans_fake import FakePlans, wire


@pytest.fixture
def settings(backend: str, database_factory: DatabaseFactory, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_factory.fresh(backend, "scoring_api", MIGRATIONS),
        environment="test",
        attachment_folder=str(tmp_path / "attachments"),
        attachment_max_bytes=64 * 1024,
        selection_retry_seconds=3600,
        log_requests=False,
    )


@pytest.fixture
def plans(tokens: TokenFactory) -> FakePlans:
    """plans-api as scoring-api sees it: 熊本県's B plan ``PLAN_ID`` in draft, and more if added."""
    return FakePlans(tokens)


@pytest.fixture
async def client(
    settings: Settings, tokens: TokenFactory, plans: FakePlans
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    async with running(wire(app, settings, tokens, plans)) as http:
        yield http
