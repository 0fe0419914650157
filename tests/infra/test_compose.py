"""docker-compose.yml: no Docker engine runs here, so the file itself is checked: it parses, gives
PostgreSQL one database per service and a mail relay, runs the four services with health checks,
and every setting it passes exists in that service's settings (a typo would be silently ignored)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {
    "gateway": ("gateway", "GATEWAY_"),
    "plans-api": ("plans_api", "PLANS_"),
    "scoring-api": ("scoring_api", "SCORING_"),
    "notify": ("notify", "NOTIFY_"),
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def test_postgres_gets_one_database_per_service(compose: dict[str, Any]) -> None:
    init = (ROOT / "infra" / "postgres" / "init.sql").read_text()
    for database in ("gateway", "plans", "scoring", "notify"):
        assert f"CREATE DATABASE {database};" in init
    assert "healthcheck" in compose["services"]["postgres"]
    assert "mailpit" in compose["services"]


@pytest.mark.parametrize("name", list(SERVICES))
def test_service_is_configured_for_production(compose: dict[str, Any], name: str) -> None:
    _package, prefix = SERVICES[name]
    service = compose["services"][name]
    environment: dict[str, str] = service["environment"]
    assert environment[f"{prefix}ENVIRONMENT"] == "production"
    assert environment[f"{prefix}DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "healthcheck" in service
    assert "readyz" in " ".join(service["healthcheck"]["test"])
    assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
    if name != "gateway":
        assert environment[f"{prefix}JWKS_URL"] == "http://gateway:8000/.well-known/jwks.json"
        assert environment[f"{prefix}SERVICE_CLIENT_SECRET"].startswith(
            "${"
        )  # never a literal secret


@pytest.mark.parametrize("name", list(SERVICES))
def test_every_setting_passed_exists(compose: dict[str, Any], name: str) -> None:
    package, prefix = SERVICES[name]
    fields = set(importlib.import_module(f"{package}.settings").Settings.model_fields)
    passed = {key for key in compose["services"][name]["environment"] if key.startswith(prefix)}
    unknown = sorted(key for key in passed if key.removeprefix(prefix).lower() not in fields)
    assert unknown == []


@pytest.mark.parametrize("name", list(SERVICES))
def test_settings_without_default_are_all_passed(compose: dict[str, Any], name: str) -> None:
    package, prefix = SERVICES[name]
    settings = importlib.import_module(f"{package}.settings").Settings
    required = {
        f"{prefix}{field.upper()}"
        for field, info in settings.model_fields.items()
        if info.is_required()
    }
    assert required <= set(compose["services"][name]["environment"])


def test_the_worker_runs_in_two_replicas(compose: dict[str, Any]) -> None:
    worker = compose["services"]["notify-worker"]
    assert worker["command"] == ["chiiki-notify", "run-worker"]
    assert worker["deploy"]["replicas"] == 2


def test_migrations_run_once_before_the_services(compose: dict[str, Any]) -> None:
    migrate = compose["services"]["migrate"]
    steps = " ".join(migrate["command"])
    for command in ("chiiki-gateway", "chiiki-plans-api", "chiiki-scoring-api", "chiiki-notify"):
        assert f"{command} migrate" in steps
    for name in [*SERVICES, "notify-worker"]:
        service = compose["services"][name]
        assert "migrate" not in " ".join(service["command"]), name
        assert service["read_only"] is True, name
    for name in SERVICES:
        depends = compose["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name


def test_the_migration_step_passes_only_settings_that_exist(compose: dict[str, Any]) -> None:
    passed = compose["services"]["migrate"]["environment"]
    for package, prefix in SERVICES.values():
        fields = set(importlib.import_module(f"{package}.settings").Settings.model_fields)
        keys = [key for key in passed if key.startswith(prefix)]
        assert keys == [f"{prefix}DATABASE_URL"]
        assert all(key.removeprefix(prefix).lower() in fields for key in keys)
