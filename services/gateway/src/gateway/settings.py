"""Settings of gateway, from environment variables prefixed ``GATEWAY_``."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

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
    session_cache_seconds: float = 5.0
    session_cache_size: int = 10_000
    user_token_seconds: int = 300
    client_token_seconds: int = 600
    client_secret_grace_hours: float = 24.0

    login_max_failures_per_account: int = 5
    login_max_failures_per_ip: int = 30
    login_lockout_seconds: int = 900

    rate_limit_user_per_second: float = 50.0
    rate_limit_user_burst: int = 200
    rate_limit_client_per_second: float = 20.0
    rate_limit_client_burst: int = 100

    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4

    keys_reload_seconds: float = 60.0

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
