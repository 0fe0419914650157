"""Settings every service shares, read from environment variables (pydantic-settings).

Each service subclasses :class:`ServiceSettings` with its own ``env_prefix`` (``PLANS_``,
``SCORING_``, ``NOTIFY_``, ``GATEWAY_``) so one environment can configure all four processes.
"""

from __future__ import annotations

from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    service_name: str = "service"
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite+aiosqlite:///var/service.db"
    database_pool_size: int = 20
    """Connections kept open per engine (as many again may open under a burst, then close)."""
    log_json: bool = False
    log_level: str = "INFO"
    log_requests: bool = True

    jwt_issuer: str = "chiiki-gateway"
    """``iss`` of every access token (the gateway)."""
    jwt_audience: str = ""
    """The ``aud`` this service accepts; defaults to the service name."""
    jwt_algorithms: str = "ES256"
    jwks_url: str | None = None
    """The gateway's JWKS (``/.well-known/jwks.json``); configuration only, never from a token."""
    jwks_max_age_seconds: float = 60.0
    """How long fetched keys are trusted before the JWKS is read again: a key the gateway retires
    stops being accepted by this service within this time."""
    jwks_file: str | None = "var/keys/jwks.json"

    gateway_url: str = "http://127.0.0.1:8000"
    """Where service tokens come from (client credentials) for service-to-service calls."""
    service_client_id: str | None = None
    service_client_secret: str | None = None
    token_path: str = "/auth/token"  # noqa: S105 (a URL path, not a secret)
    """The gateway's client-credentials endpoint (joined to ``gateway_url``)."""

    public_base_url: str = "http://127.0.0.1:8000"
    """The address people use (links in mails, calendar feeds)."""

    @property
    def audience(self) -> str:
        return self.jwt_audience or self.service_name

    @property
    def is_production(self) -> bool:
        return self.environment == "production"
