"""Schemathesis against every service's OpenAPI document: generated requests (valid and not) from a
caller with broad rights never get a 5xx, and every answer matches the documented schema."""

from __future__ import annotations

import importlib
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from chiiki_common.app import use_engine
from chiiki_common.migrations import upgrade
from tests.fixtures.auth import make_token_factory

SERVICES = ["plans_api", "scoring_api", "notify"]
TOKENS = make_token_factory()
WORKDIR = Path(__import__("tempfile").mkdtemp(prefix="chiiki-fuzz-"))


def _app(name: str):  # type: ignore[no-untyped-def]
    package = importlib.import_module(name)
    url = f"sqlite+aiosqlite:///{WORKDIR / f'{name}.db'}"
    upgrade(package.MIGRATIONS, url)
    service_settings = importlib.import_module(f"{name}.settings").Settings(
        database_url=url, environment="test", log_requests=False
    )
    app = importlib.import_module(f"{name}.app").create_app(
        service_settings, verifier=TOKENS.verifier(service_settings.audience)
    )
    # Each generated call runs on its own event loop: no pooled connection may outlive its loop.
    use_engine(app, create_async_engine(url, poolclass=NullPool))
    return app


def _headers(name: str) -> dict[str, str]:
    return TOKENS.headers(
        tier="national", org="cas", roles=["admin", "reviewer", "publisher"], scope="events:read"
    )


def _schema(name: str) -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", _app(name))


# Built at import: schemathesis's fixture-based loader does not work with this pytest.
plans_schema = _schema("plans_api")
scoring_schema = _schema("scoring_api")
notify_schema = _schema("notify")


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


@plans_schema.parametrize()
@FUZZ
def test_plans_api_never_fails_and_matches_its_schema(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(headers=_headers("plans_api"), checks=CHECKS)


@scoring_schema.parametrize()
@FUZZ
def test_scoring_api_never_fails_and_matches_its_schema(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(headers=_headers("scoring_api"), checks=CHECKS)


@notify_schema.parametrize()
@FUZZ
def test_notify_never_fails_and_matches_its_schema(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(headers=_headers("notify"), checks=CHECKS)
