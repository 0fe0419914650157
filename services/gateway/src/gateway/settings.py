"""Settings of gateway, from environment variables prefixed ``GATEWAY_``."""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from chiiki_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", frozen=True)

    service_name: str = "gateway"
    database_url: str = "sqlite+aiosqlite:///var/gateway.db"
    port: int = 8000

    plans_url: str = "http://127.0.0.1:8101"
    scoring_url: str = "http://127.0.0.1:8102"
    notify_url: str = "http://127.0.0.1:8103"
    upstream_connect_timeout: float = 3.0
    upstream_timeout: float = 30.0
    upstream_pool_size: int = 200
    max_request_body_bytes: int = 10 * 1024 * 1024
    openapi_cache_seconds: float = 30.0
    openapi_fetch_timeout: float = 3.0

    spa_dir: str = "frontend/dist"

    session_cookie: str = "chiiki_session"
    csrf_cookie: str = "chiiki_csrf"
    session_hours: float = 12.0
    session_cache_seconds: float = 1.0
    """How long a replica trusts a session it read from the database: a logout on another replica
    ends the session here within this time."""
    session_cache_size: int = 10_000
    user_token_seconds: int = 300
    client_token_seconds: int = 600
    client_secret_grace_hours: float = 24.0

    trusted_proxies: Annotated[list[IPv4Network | IPv6Network], NoDecode] = Field(
        default_factory=list
    )
    """Networks of the reverse proxies in front of the gateway (``GATEWAY_TRUSTED_PROXIES``,
    comma-separated CIDRs or addresses). Only a connection from one of them has its client address
    read from ``X-Forwarded-For`` (the right-most address not in these networks); none by default."""

    throttle_store: Literal["database", "memory"] = "database"
    """Where failed logins are counted and the request-rate buckets kept: ``database`` (the
    gateway's database, shared by every replica and worker) or ``memory`` (this process only: for
    exactly one gateway process)."""
    login_free_failures: int = 5
    """Consecutive failures of one account from one address before the delays start."""
    login_delay_base_seconds: float = 1.0
    """Wait after the first failure past the free ones; doubled by each further failure."""
    login_delay_max_seconds: int = 900
    login_failure_memory_seconds: int = 3600
    """A pair's failures are forgotten this long after its last delay has ended."""
    login_max_failures_per_address: int = 300
    login_address_window_seconds: int = 900
    throttle_prune_seconds: float = 600.0

    rate_limit_user_per_second: float = 50.0
    rate_limit_user_burst: int = 200
    rate_limit_client_per_second: float = 20.0
    rate_limit_client_burst: int = 100
    rate_limit_public_per_second: float = 20.0
    """Anonymous reads (open data, the API document) per client address (one budget for all gateways)."""
    rate_limit_public_burst: int = 200
    rate_limit_keys_per_second: float = 50.0
    """JWKS reads per client address (generous: services poll it)."""
    rate_limit_keys_burst: int = 500

    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4

    keys_reload_seconds: float = 60.0

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_networks(cls, value: object) -> object:
        if isinstance(value, str):
            return [
                ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip()
            ]
        return value

    @property
    def cookie_secure(self) -> bool:
        """Secure cookies everywhere except local development and tests (plain http there)."""
        return self.environment not in ("development", "test")

    @property
    def upstreams(self) -> dict[str, str]:
        return {
            "plans-api": self.plans_url,
            "scoring-api": self.scoring_url,
            "notify": self.notify_url,
        }
