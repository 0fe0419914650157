"""What every service shares: health, readiness on its own database, the auth wall, migrations both
ways on both databases, models matching migrations, and the append-only audit table."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chiiki_common import clock
from chiiki_common.app import route_inventory, threadpool_dependencies
from chiiki_common.db import create_engine
from chiiki_common.migrations import diff_against_models, downgrade, upgrade
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory

SERVICES = ["plans_api", "scoring_api", "notify", "gateway"]
APP_SERVICES = ["plans_api", "scoring_api", "notify"]

PUBLIC_ROUTES = {
    "/healthz",
    "/readyz",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
}
"""Routes that need no token in every service; a service adds its own public list below."""


def service_module(name: str, sub: str = "") -> Any:
    return importlib.import_module(f"{name}{'.' + sub if sub else ''}")


def public_allow_list(name: str) -> set[str]:
    module = service_module(name, "app")
    return PUBLIC_ROUTES | set(getattr(module, "PUBLIC_PATHS", ()))


@pytest.mark.parametrize("name", SERVICES)
async def test_migrations_upgrade_downgrade_and_match_models(
    name: str, backend: str, database_factory: DatabaseFactory
) -> None:
    package = service_module(name)
    models = service_module(name, "models")
    url = database_factory.empty(backend, name)
    upgrade(package.MIGRATIONS, url)
    assert diff_against_models(url, models.Base.metadata) == []
    downgrade(package.MIGRATIONS, url, "base")
    engine = create_engine(url)
    async with engine.connect() as connection:
        if backend == "sqlite":
            rows = await connection.execute(
                text("SELECT name FROM sqlite_master WHERE type='table'")
            )
        else:
            rows = await connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
        remaining = {row[0] for row in rows} - {"alembic_version"}
    await engine.dispose()
    assert remaining == set()
    upgrade(package.MIGRATIONS, url)


@pytest.mark.parametrize("name", SERVICES)
async def test_audit_records_cannot_be_rewritten(
    name: str, backend: str, database_factory: DatabaseFactory
) -> None:
    url = database_factory.fresh(backend, name, service_module(name).MIGRATIONS)
    engine = create_engine(url)
    insert = text(
        "INSERT INTO audit_records (occurred_at, actor, organisation, tier, action, resource_type,"
        " resource_id, outcome) VALUES (:at, 'u', '430005', 'prefecture', 'plan.create', 'plan', '1', 'success')"
    )
    at = clock.now().replace(tzinfo=None) if backend == "sqlite" else clock.now()
    async with engine.begin() as connection:
        await connection.execute(insert, {"at": at})
    for statement in ("UPDATE audit_records SET outcome = 'forged'", "DELETE FROM audit_records"):
        with pytest.raises(DBAPIError):
            async with engine.begin() as connection:
                await connection.execute(text(statement))
    async with engine.connect() as connection:
        outcome = (await connection.execute(text("SELECT outcome FROM audit_records"))).scalar_one()
    await engine.dispose()
    assert outcome == "success"


@pytest.mark.parametrize("name", APP_SERVICES)
async def test_health_and_readiness(
    name: str, backend: str, database_factory: DatabaseFactory, tokens: TokenFactory
) -> None:
    settings_cls = service_module(name, "settings").Settings
    url = database_factory.fresh(backend, name, service_module(name).MIGRATIONS)
    settings = settings_cls(database_url=url, environment="test")
    app = service_module(name, "app").create_app(
        settings, verifier=tokens.verifier(settings.audience)
    )
    async with running(app) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/readyz")).json() == {"status": "ready"}


@pytest.mark.parametrize("name", APP_SERVICES)
async def test_readiness_reports_a_missing_database(name: str, tokens: TokenFactory) -> None:
    settings_cls = service_module(name, "settings").Settings
    settings = settings_cls(
        database_url="postgresql+asyncpg://postgres@127.0.0.1:1/none", environment="test"
    )
    app = service_module(name, "app").create_app(
        settings, verifier=tokens.verifier(settings.audience)
    )
    async with running(app) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "データベースに接続できません"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_route_requires_a_token_unless_listed_public(name: str, tokens: TokenFactory) -> None:
    settings = service_module(name, "settings").Settings(environment="test")
    app = service_module(name, "app").create_app(
        settings, verifier=tokens.verifier(settings.audience)
    )
    allowed = public_allow_list(name)
    unguarded = [
        path for path, _, guarded in route_inventory(app) if not guarded and path not in allowed
    ]
    assert unguarded == []


@pytest.mark.parametrize("name", SERVICES)
def test_no_route_dependency_runs_in_the_thread_pool(name: str, tokens: TokenFactory) -> None:
    """A plain ``def`` dependency sends every request through a worker thread and back: the
    services declare theirs ``async`` (none of them blocks)."""
    settings = service_module(name, "settings").Settings(environment="test")
    factory = service_module(name, "app").create_app
    app = (
        factory(settings)
        if name == "gateway"
        else factory(settings, verifier=tokens.verifier(settings.audience))
    )
    assert threadpool_dependencies(app) == set()
